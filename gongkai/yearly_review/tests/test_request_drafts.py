"""Frequently requested information becomes a draft for proactive publication, linked to the
applications (条例第四十四条)."""

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Attribute, Status
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.reports.tests.factories import make_application
from gongkai.yearly_review import services
from gongkai.yearly_review.errors import ReviewError


@pytest.fixture
def agency(db):
    return make_agency(name="测试县卫生健康局")


@pytest.fixture
def publisher(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def applications(agency):
    texts = [
        ("11010519491231002X", "申请公开2026年本县医疗机构名单"),
        ("110105194912310037", "请提供本县2026年医疗机构名单及地址"),
        ("110105194912310045", "本县医疗机构名单（2026年）"),
        ("110105194912310053", "申请公开本县犬只狂犬病疫苗接种点"),
    ]
    made = [
        make_application(agency, received="2026-05-06", description=text, id_number=number)
        for number, text in texts
    ]
    make_application(agency, received="2025-05-06", description=texts[0][1])  # other year
    return made


def test_the_years_groups_of_the_agency(agency, applications):
    other = make_agency()
    make_application(other, received="2026-05-06", description="本县2026年医疗机构名单")
    groups = services.frequent_groups(agency, 2026)
    assert len(groups) == 1
    assert [a.pk for a in groups[0].applications] == [a.pk for a in applications[:3]]
    assert groups[0].draft is None


def test_one_click_makes_a_linked_draft_and_the_group_shows_it(agency, publisher, applications):
    item = make_agency_item(agency)
    group = services.frequent_groups(agency, 2026)[0]
    draft = services.draft_from_group(
        agency=agency,
        year=2026,
        application_ids=group.group.ids,
        catalogue_item=item,
        actor=publisher,
    )
    document = draft.document
    assert document.status == Status.DRAFT
    assert document.attribute == Attribute.PROACTIVE
    assert document.title == "本县医疗机构名单（2026年）"
    assert "3位申请人" in document.summary
    assert "第四十四条" in document.summary
    assert set(draft.applications.all()) == set(applications[:3])
    event = AuditEvent.objects.for_object(draft).get(action="yearly_review.request_draft")
    assert event.actor == publisher
    assert sorted(event.after["applications"]) == sorted(a.query_code for a in applications[:3])
    assert services.frequent_groups(agency, 2026)[0].draft == draft
    with pytest.raises(ReviewError, match="已经生成过"):
        services.draft_from_group(
            agency=agency,
            year=2026,
            application_ids=group.group.ids,
            catalogue_item=item,
            actor=publisher,
        )


def test_another_agencys_applications_are_not_drafted(agency, publisher, applications):
    other = make_agency()
    with pytest.raises(ReviewError):
        services.draft_from_group(
            agency=other,
            year=2026,
            application_ids=[a.pk for a in applications[:3]],
            catalogue_item=make_agency_item(other),
            actor=publisher,
        )
