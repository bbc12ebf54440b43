"""Dates in the future are refused: a record cannot have been formed, changed or decided on a
day that has not come yet (issue #10, point 11). The rule is one pure function used by the
services (console, consultations), publication and the import."""

import datetime

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.documents import importing, services
from gongkai.documents.errors import DocumentError, PublicationBlocked
from gongkai.documents.importing import ImportFailed
from gongkai.documents.models import Document, DocumentType, Status
from gongkai.documents.rules import future_date_problems
from gongkai.documents.tests.factories import draft_values, make_document

D = datetime.date
TODAY = D(2026, 3, 2)  # the in_march_2026 fixture's day


FORMED = "成文日期（{}）晚于今天（2026-03-02），请填写信息实际形成的日期。"
CHANGED = "变更日期（{}）晚于今天（2026-03-02），请填写信息实际变更的日期。"
DECIDED = "决定日期（成文日期，{}）晚于今天（2026-03-02），请填写已经作出决定的日期。"


@pytest.mark.parametrize(
    ("document_type", "formed_on", "changed_on", "expected"),
    [
        (DocumentType.NOTICE, TODAY, None, {}),
        (DocumentType.NOTICE, D(2026, 2, 27), TODAY, {}),
        (DocumentType.NOTICE, D(2026, 3, 3), None, {"formed_on": FORMED.format("2026-03-03")}),
        (
            DocumentType.NOTICE,
            D(2026, 2, 27),
            D(2026, 3, 3),
            {"changed_on": CHANGED.format("2026-03-03")},
        ),
        (
            DocumentType.RULE,
            D(2027, 1, 1),
            D(2027, 1, 2),
            {"formed_on": FORMED.format("2027-01-01"), "changed_on": CHANGED.format("2027-01-02")},
        ),
        # For licensing, penalty and enforcement results 成文日期 is the decision date.
        (DocumentType.PENALTY, D(2026, 3, 3), None, {"formed_on": DECIDED.format("2026-03-03")}),
        (DocumentType.LICENSING, TODAY, None, {}),
        (
            DocumentType.ENFORCEMENT,
            D(2026, 12, 31),
            None,
            {"formed_on": DECIDED.format("2026-12-31")},
        ),
        # A 征求意见稿 is formed on its consultation's opening day, which may lie ahead.
        (DocumentType.CONSULTATION_DRAFT, D(2026, 4, 1), None, {}),
        (DocumentType.NOTICE, None, None, {}),
    ],
)
def test_future_date_problems(document_type, formed_on, changed_on, expected):
    problems = future_date_problems(
        document_type=document_type, formed_on=formed_on, changed_on=changed_on, today=TODAY
    )
    assert problems == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"formed_on": D(2026, 3, 3)}, "formed_on", "成文日期（2026-03-03）晚于今天"),
        (
            {"formed_on": D(2026, 3, 1), "changed_on": D(2026, 3, 9)},
            "changed_on",
            "变更日期（2026-03-09）晚于今天",
        ),
        (
            {"formed_on": D(2026, 3, 3), "document_type": DocumentType.LICENSING},
            "formed_on",
            "决定日期（成文日期，2026-03-03）晚于今天",
        ),
    ],
)
def test_drafting_refuses_a_date_after_today(agency, publisher, item, overrides, field, fragment):
    with pytest.raises(DocumentError) as caught:
        services.create_draft(
            agency=agency,
            actor=publisher,
            values=draft_values(item, **overrides),
            issuers=[agency.name],
        )
    assert caught.value.field == field
    assert fragment in caught.value.message
    assert not Document.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
def test_today_is_accepted_and_an_edit_to_tomorrow_is_refused(agency, publisher, item):
    document = services.create_draft(
        agency=agency,
        actor=publisher,
        values=draft_values(item, formed_on=TODAY),
        issuers=[agency.name],
    )
    with pytest.raises(DocumentError) as caught:
        services.update_draft(
            document=document, actor=publisher, values={"formed_on": D(2026, 3, 3)}
        )
    assert caught.value.field == "formed_on"
    document.refresh_from_db()
    assert document.formed_on == TODAY  # nothing saved is lost
    assert AuditEvent.objects.filter(action="document.update").count() == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
def test_a_draft_saved_with_a_future_date_before_the_rule_cannot_be_published(
    agency, publisher, reviewer, item
):
    document = make_document(
        catalogue_item=item,
        drafted_by=publisher,
        status=Status.IN_REVIEW,
        document_type=DocumentType.PENALTY,
        formed_on=D(2026, 3, 20),
    )
    with pytest.raises(PublicationBlocked) as caught:
        services.publish(document=document, actor=reviewer)
    assert "决定日期（成文日期，2026-03-20）晚于今天" in caught.value.message
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
def test_the_import_names_the_column_of_a_future_formation_date(agency, reviewer, item):
    row = {
        "标题": "关于某诊所的行政处罚决定",
        "发文机关": agency.name,
        "成文日期": "2026-03-05",
        "发布日期": "2026-03-02",
        "主题分类": "卫生、体育\\卫生",
        "目录事项编码": item.code,
        "文件类型": "行政处罚决定",
        "内容概述": "对某诊所作出警告。",
        "公开属性": "主动公开",
    }
    with pytest.raises(ImportFailed) as caught:
        importing.import_records(agency=agency, actor=reviewer, rows=[row])
    errors = [(e.row, e.column, e.message) for e in caught.value.errors]
    assert errors == [(2, "成文日期", DECIDED.format("2026-03-05"))]
