"""Drafting, review, publication (索引号, secrecy review, audit), versions and withdrawal."""

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Document, DocumentType, Status, Validity
from gongkai.enforcement.models import DecisionKind
from gongkai.enforcement.tests.factories import make_decision
from gongkai.factories import make_agency, make_user
from gongkai.privacy.tests.examples import id_number
from gongkai.service_guides import publication, services
from gongkai.service_guides.errors import GuideError, GuideIncomplete, TransitionNotAllowed
from gongkai.service_guides.models import GuideStatus
from gongkai.service_guides.tests.factories import (
    complete_values,
    make_guide,
    make_item,
    make_published_guide,
    material_rows,
    step_rows,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def agency():
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局")


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def item(agency):
    return make_item(agency)


def test_item_values_are_checked_all_at_once(agency):
    with pytest.raises(GuideError) as caught:
        services.create_item(
            agency=agency,
            actor=None,
            values={
                "item_type": "x",
                "code": "含 空格",
                "name": "",
                "level": "",
                "catalogue_item": None,
            },
        )
    assert set(caught.value.errors) == {"item_type", "code", "name", "level", "catalogue_item"}


def test_item_code_is_unique_in_the_agency(agency, item):
    with pytest.raises(GuideError, match="已有编码"):
        make_item(agency, code=item.code)


def test_the_catalogue_item_must_be_the_agencys(agency):
    other = make_agency()
    with pytest.raises(GuideError, match="不属于本机关"):
        make_item(agency, catalogue_item=make_item(other).catalogue_item)


def test_a_draft_may_be_incomplete_and_lists_what_it_lacks(item):
    guide = make_guide(item, values=complete_values(legal_basis="", remedy=""), steps=[])
    assert [e.code for e in services.guide_missing(guide)] == ["legal_basis", "steps", "remedy"]
    assert [e.code for e in services.guide_missing_key(guide)] == ["legal_basis", "steps"]


def test_wrong_values_are_refused_with_every_field(item):
    guide = make_guide(item, values={"name": "医疗机构执业登记"}, materials=[], steps=[])
    with pytest.raises(GuideError) as caught:
        services.update_guide(
            guide=guide,
            actor=guide.drafted_by,
            values=complete_values(promised_days=60, consult_phone="请问"),
            materials=[{"name": "", "form": "paper", "copy_kind": "original", "copies": 1}],
            steps=[{"name": ""}],
        )
    assert set(caught.value.errors) == {"promised_days", "consult_phone", "materials-0", "steps-0"}
    guide.refresh_from_db()
    assert guide.promised_days is None


def test_publish_is_refused_while_key_elements_are_missing(item, reviewer):
    guide = make_guide(item, values=complete_values(hours="", fee_mode=""), materials=[])
    services.submit_guide(guide=guide, actor=guide.drafted_by)
    with pytest.raises(GuideIncomplete) as caught:
        publication.publish_guide(guide=guide, actor=reviewer)
    assert [e.code for e in caught.value.missing] == ["materials", "fees", "hours"]
    assert "申请材料、收费依据及标准、办理时间" in caught.value.message
    guide.refresh_from_db()
    assert guide.status == GuideStatus.IN_REVIEW
    assert not Document.objects.exists()


def test_publish_makes_a_record_with_an_index_number_under_the_catalogue_item(item, reviewer):
    guide = make_published_guide(item, reviewer=reviewer)
    assert guide.status == GuideStatus.PUBLISHED
    document = guide.document
    assert document.status == Status.PUBLISHED
    assert document.document_type == DocumentType.SERVICE_GUIDE
    assert document.index_number.startswith("HC-COUNTY/2026-")
    assert document.catalogue_item == item.catalogue_item
    assert document.catalogue_element == "办事指南"
    assert "医疗机构执业许可证" in document.body
    assert f"/agencies/HC-COUNTY/services/{item.code}/" in document.body
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"service_guide.create", "service_guide.publish", "document.publish"} <= actions


def test_the_drafter_cannot_publish(agency, item):
    both = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    guide = make_guide(item, drafter=both)
    services.submit_guide(guide=guide, actor=both)
    with pytest.raises(GuideError, match="起草人不能"):
        publication.publish_guide(guide=guide, actor=both)


def test_personal_data_in_the_guide_stops_publication(item, reviewer):
    guide = make_guide(
        item, values=complete_values(hours=f"联系人身份证{id_number('14010219850612331')}")
    )
    services.submit_guide(guide=guide, actor=guide.drafted_by)
    with pytest.raises(GuideError, match="保密审查"):
        publication.publish_guide(guide=guide, actor=reviewer)
    guide.refresh_from_db()
    assert guide.status == GuideStatus.IN_REVIEW
    assert not Document.objects.exists()


def test_a_new_version_copies_and_supersedes_the_published_one(item, reviewer):
    first = make_published_guide(item, reviewer=reviewer)
    drafter = first.drafted_by
    second = services.start_version(service_item=item, actor=drafter)
    assert second.version == 2
    assert second.status == GuideStatus.DRAFT
    assert second.legal_basis == first.legal_basis
    assert second.materials.count() == 2
    assert second.steps.count() == 3
    with pytest.raises(GuideError, match="正在起草"):
        services.start_version(service_item=item, actor=drafter)
    services.update_guide(
        guide=second,
        actor=drafter,
        values=complete_values(promised_days=15),
        materials=material_rows(3),
        steps=step_rows(5),
    )
    services.submit_guide(guide=second, actor=drafter)
    publication.publish_guide(guide=second, actor=reviewer)
    first.refresh_from_db()
    assert first.status == GuideStatus.SUPERSEDED
    assert first.document.validity == Validity.AMENDED
    assert second.document.index_number != first.document.index_number
    assert list(item.guides.published()) == [second]


def test_published_versions_are_not_edited(item, reviewer):
    guide = make_published_guide(item, reviewer=reviewer)
    with pytest.raises(TransitionNotAllowed):
        services.update_guide(guide=guide, actor=reviewer, values={}, materials=[], steps=[])


def test_return_needs_comments_and_reopens_the_draft(item, reviewer):
    guide = make_guide(item)
    services.submit_guide(guide=guide, actor=guide.drafted_by)
    with pytest.raises(GuideError, match="审核意见"):
        services.return_guide(guide=guide, actor=reviewer, comments=" ")
    services.return_guide(guide=guide, actor=reviewer, comments="请补充收费依据")
    assert guide.status == GuideStatus.DRAFT


def test_withdraw_takes_the_record_down_too(item, reviewer):
    guide = make_published_guide(item, reviewer=reviewer)
    with pytest.raises(GuideError, match="理由"):
        publication.withdraw_guide(guide=guide, actor=reviewer, reason="")
    publication.withdraw_guide(guide=guide, actor=reviewer, reason="事项已取消")
    assert guide.status == GuideStatus.WITHDRAWN
    assert Document.objects.get(pk=guide.document_id).status == Status.WITHDRAWN


def test_material_files_are_checked_by_content(item):
    guide = make_guide(item)
    material = guide.materials.first()
    with pytest.raises(GuideError, match="不接受此类文件"):
        services.attach_material_file(
            material=material, actor=guide.drafted_by, which="sample", name="x.pdf", data=b"MZ\x90"
        )
    services.attach_material_file(
        material=material, actor=guide.drafted_by, which="blank_form", name="申请书.pdf", data=PDF
    )
    material.refresh_from_db()
    assert material.blank_form_name == "申请书.pdf"
    assert material.blank_form_file.name.endswith(".pdf")
    # Saving the form again keeps the file of the row it names.
    rows = [{**material_rows(1)[0], "id": material.pk}]
    services.update_guide(
        guide=guide, actor=guide.drafted_by, values={}, materials=rows, steps=step_rows()
    )
    material.refresh_from_db()
    assert material.blank_form_file.name.endswith(".pdf")


def test_a_licensing_decision_links_to_its_service_item(agency, item):
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,))
    decision = make_decision(agency=agency, actor=clerk)
    assert decision.kind == DecisionKind.LICENSING
    services.link_decision(decision=decision, service_item=item, actor=clerk)
    assert list(item.decisions.all()) == [decision]
    other = make_item(make_agency())
    with pytest.raises(GuideError, match="不属于"):
        services.link_decision(decision=decision, service_item=other, actor=clerk)


def test_a_catalogue_item_marked_not_applicable_stops_publication(item, reviewer):
    from gongkai.catalogue.models import ItemStatus

    guide = make_guide(item)
    services.submit_guide(guide=guide, actor=guide.drafted_by)
    item.catalogue_item.status = ItemStatus.NOT_APPLICABLE
    item.catalogue_item.save(update_fields=["status"])
    with pytest.raises(GuideError, match="不适用"):
        publication.publish_guide(guide=guide, actor=reviewer)
