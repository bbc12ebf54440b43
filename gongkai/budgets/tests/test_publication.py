"""Drafting, review and publication as a record (索引号, catalogue entry, secrecy review, the
body rendered from the table), versions superseding each other, withdrawal."""

from decimal import Decimal

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.budgets import publication, services
from gongkai.budgets.errors import BudgetError, TableIncomplete
from gongkai.budgets.models import BudgetTable, Kind, TableStatus
from gongkai.budgets.tests.factories import lines, make_published_table, make_table
from gongkai.documents.models import DocumentType, Validity
from gongkai.documents.models import Status as DocumentStatus
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def agency():
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局")


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def test_publication_creates_the_record(agency, clerk, reviewer):
    table = make_published_table(agency, drafter=clerk, reviewer=reviewer, kind=Kind.FINAL)
    document = table.document
    assert table.status == TableStatus.PUBLISHED
    assert document.status == DocumentStatus.PUBLISHED
    assert document.document_type == DocumentType.BUDGET
    assert document.index_number
    assert document.catalogue_item.standard_item.code == "G0402"
    assert document.title == "测试县卫生健康局2025年部门决算"
    assert "2100101" in document.body
    assert "行政运行" in document.body
    assert "/agencies/HC-COUNTY/budgets/2025/final/" in document.body
    assert document.due_on is not None  # the catalogue clock ran
    assert AuditEvent.objects.filter(
        action="budget_table.publish", object_id=str(table.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="document.publish", object_id=str(document.pk)).exists()


def test_budget_is_filed_under_the_budget_entry(agency):
    table = make_published_table(agency, kind=Kind.BUDGET)
    assert table.document.catalogue_item.standard_item.code == "G0401"


def test_the_drafter_cannot_publish_their_own_table(agency):
    both = make_user(agency=agency, roles=(Role.PUBLISHER, Role.REVIEWER))
    table = make_table(agency, both)
    services.submit_table(table=table, actor=both)
    with pytest.raises(BudgetError, match="起草人不能审核发布"):
        publication.publish_table(table=table, actor=both)
    table.refresh_from_db()
    assert table.status == TableStatus.IN_REVIEW
    assert table.document is None


def test_only_a_table_in_review_is_published(agency, clerk, reviewer):
    table = make_table(agency, clerk)
    with pytest.raises(BudgetError, match="不能执行"):
        publication.publish_table(table=table, actor=reviewer)


def test_sums_that_do_not_add_up_stop_submission(agency, clerk):
    bad = lines()
    bad[1]["amount"] = D("99.00")
    table = make_table(agency, clerk, table_lines=bad)
    with pytest.raises(TableIncomplete, match="下级科目合计"):
        services.submit_table(table=table, actor=clerk)


def test_a_sangong_change_needs_the_explanation(agency, clerk, reviewer):
    make_published_table(agency, drafter=clerk, reviewer=reviewer, year=2024)
    table = make_table(agency, clerk, year=2025, reception=D("3.60"))
    with pytest.raises(TableIncomplete, match="情况说明"):
        services.submit_table(table=table, actor=clerk)
    services.update_table(
        table=table,
        actor=clerk,
        values={**_values(table), "explanation": "压减接待批次。"},
        lines=lines(),
    )
    services.submit_table(table=table, actor=clerk)
    publication.publish_table(table=table, actor=reviewer)
    body = table.document.body
    assert "减少0.60万元" in body
    assert "压减接待批次" in body


def _values(table):
    return {name: getattr(table, name) for name in services.VALUE_FIELDS}


def test_a_correction_supersedes_the_old_version(agency, clerk, reviewer):
    first = make_published_table(agency, drafter=clerk, reviewer=reviewer)
    second = services.start_table(agency=agency, year=2025, kind=Kind.BUDGET, actor=clerk)
    assert second.version == 2
    assert [line.code for line in second.lines.all()] == [line.code for line in first.lines.all()]
    services.submit_table(table=second, actor=clerk)
    publication.publish_table(table=second, actor=reviewer)
    first.refresh_from_db()
    first.document.refresh_from_db()
    assert first.status == TableStatus.SUPERSEDED
    assert first.document.validity == Validity.AMENDED
    assert second.document.index_number != first.document.index_number
    assert BudgetTable.objects.published().get(agency=agency) == second


def test_one_open_version_at_a_time(agency, clerk):
    make_table(agency, clerk)
    with pytest.raises(BudgetError, match="已有草稿"):
        services.start_table(agency=agency, year=2025, kind=Kind.BUDGET, actor=clerk)


def test_withdrawal_takes_the_record_with_it(agency, clerk, reviewer):
    table = make_published_table(agency, drafter=clerk, reviewer=reviewer)
    with pytest.raises(BudgetError, match="理由"):
        publication.withdraw_table(table=table, actor=reviewer, reason=" ")
    publication.withdraw_table(table=table, actor=reviewer, reason="数据有误，更正后重新公开。")
    table.document.refresh_from_db()
    assert table.status == TableStatus.WITHDRAWN
    assert table.document.status == DocumentStatus.WITHDRAWN


def test_return_needs_comments(agency, clerk, reviewer):
    table = make_table(agency, clerk)
    services.submit_table(table=table, actor=clerk)
    with pytest.raises(BudgetError, match="审核意见"):
        services.return_table(table=table, actor=reviewer, comments="")
    services.return_table(table=table, actor=reviewer, comments="请核对公共卫生支出。")
    assert table.status == TableStatus.DRAFT


def test_bad_lines_are_refused_all_at_once(agency, clerk):
    table = make_table(agency, clerk)
    with pytest.raises(BudgetError) as caught:
        services.update_table(
            table=table,
            actor=clerk,
            values=_values(table) | {"reception": None},
            lines=[{"code": "21", "name": "x", "amount": "a"}],
        )
    assert set(caught.value.errors) == {"reception", "lines-0-code", "lines-0-amount"}
