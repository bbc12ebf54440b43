"""Bulk import of decisions: all rows or none, every problem named by row and column."""

import decimal

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.enforcement import importing
from gongkai.enforcement.importing import ImportFailed
from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus
from gongkai.enforcement.tests.import_rows import (
    csv_bytes,
    licence_row,
    penalty_row,
    resident_id,
    xlsx_bytes,
)
from gongkai.factories import make_agency, make_user
from gongkai.obligations import services as ledger
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db

LICENSING = DecisionKind.LICENSING
PENALTY = DecisionKind.PENALTY


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


def run(agency, clerk, kind, data, filename="决定.csv", **kwargs):
    return importing.import_file(
        agency=agency, kind=kind, actor=clerk, filename=filename, data=data, **kwargs
    )


def problems(agency, clerk, kind, data, filename="决定.csv") -> list[tuple[int, str, str]]:
    with pytest.raises(ImportFailed) as failed:
        run(agency, clerk, kind, data, filename)
    assert not Decision.objects.exists()
    return [(error.row, error.column, error.message) for error in failed.value.errors]


def test_a_licence_file_imports_as_drafts_with_one_audit_record_and_ledger_rows(agency, clerk):
    data = csv_bytes([licence_row(1), licence_row(2)])

    result = run(agency, clerk, LICENSING, data)

    assert result.count == 2
    decisions = list(Decision.objects.order_by("pk"))
    assert [d.party_name for d in decisions] == ["测试诊所1", "测试诊所2"]
    assert {d.status for d in decisions} == {DecisionStatus.DRAFT}
    assert all(d.imported and d.drafted_by == clerk for d in decisions)
    first = decisions[0]
    assert first.licence_category == "ordinary"
    assert str(first.valid_until) == "2031-11-01"
    events = AuditEvent.objects.filter(action="enforcement.import")
    assert events.count() == 1
    assert events.get().after["rows"] == 2
    assert events.get().after["sha256"] == result.sha256
    assert events.get().after["file"] == "决定.csv"
    ledger = Obligation.objects.filter(kind="enforcement.publication")
    assert sorted(ledger.values_list("object_id", flat=True)) == [d.pk for d in decisions]


def test_penalty_amounts_are_read_in_ten_thousand_yuan(agency, clerk):
    data = csv_bytes([penalty_row(1, **{"罚款金额（万元）": "0.5"})])

    run(agency, clerk, PENALTY, data)

    decision = Decision.objects.get()
    assert decision.fine_amount == decimal.Decimal("5000.00")
    assert decision.penalty_categories == ["warning", "fine"]
    assert decision.party_id_number == resident_id(1)


def test_a_reviewer_may_publish_on_import(agency):
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    assert importing.may_publish_on_import(reviewer, agency)

    run(agency, reviewer, LICENSING, csv_bytes([licence_row(1)]), publish=True)

    decision = Decision.objects.get()
    assert decision.status == DecisionStatus.PUBLISHED
    assert decision.published_at is not None
    # The ledger rows were written in bulk: the league's monthly counters follow them too.
    from gongkai.supervision import tallies

    assert tallies.differences() == {}
    assert tallies.stored()


def test_a_publisher_may_not_publish_on_import(agency, clerk):
    assert importing.may_import_into(clerk, agency)
    assert not importing.may_publish_on_import(clerk, agency)


def test_gbk_csv_is_detected(agency, clerk):
    data = csv_bytes([licence_row(1), licence_row(2)], encoding="gbk")

    run(agency, clerk, LICENSING, data)

    assert Decision.objects.count() == 2
    assert Decision.objects.filter(party_name="测试诊所1").exists()


def test_xlsx_is_read(agency, clerk):
    run(agency, clerk, PENALTY, xlsx_bytes([penalty_row(1), penalty_row(2)]), "决定.xlsx")

    assert Decision.objects.filter(kind=PENALTY).count() == 2


def test_half_width_parentheses_in_headers_are_accepted(agency, clerk):
    row = penalty_row(1)
    row["罚款金额(万元)"] = row.pop("罚款金额（万元）")

    run(agency, clerk, PENALTY, csv_bytes([row]))

    assert Decision.objects.get().fine_amount == decimal.Decimal("5000.00")


def test_a_bad_credit_code_is_named_by_row_and_column(agency, clerk):
    code = licence_row(2)["统一社会信用代码"]
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    data = csv_bytes([licence_row(1), licence_row(2, 统一社会信用代码=bad)])

    found = problems(agency, clerk, LICENSING, data)

    assert [(row, column) for row, column, _message in found] == [(3, "统一社会信用代码")]
    assert "校验码" in found[0][2]


def test_a_bad_id_check_character_is_named(agency, clerk):
    number = resident_id(2)
    bad = number[:-1] + ("1" if number[-1] != "1" else "2")
    data = csv_bytes([penalty_row(1), penalty_row(2, 证件号码=bad)])

    found = problems(agency, clerk, PENALTY, data)

    assert [(row, column) for row, column, _message in found] == [(3, "证件号码")]
    assert "校验码" in found[0][2]


def test_a_missing_required_column_refuses_the_file(agency, clerk):
    rows = [licence_row(1)]
    del rows[0]["许可决定日期"]

    found = problems(agency, clerk, LICENSING, csv_bytes(rows))

    assert found[0][0] == 1
    assert "许可决定日期" in found[0][2]


def test_an_unknown_column_is_named(agency, clerk):
    found = problems(agency, clerk, LICENSING, csv_bytes([licence_row(1, 备用="x")]))

    assert found == [(1, "备用", found[0][2])]


def test_a_wrong_date_is_named(agency, clerk):
    data = csv_bytes([licence_row(1, 许可决定日期="2026-13-01"), licence_row(2, 有效期自="下周")])

    found = problems(agency, clerk, LICENSING, data)

    assert [(row, column) for row, column, _message in found] == [
        (2, "许可决定日期"),
        (3, "有效期自"),
    ]
    assert "2026-13-01" in found[0][2]


def test_validity_in_the_wrong_order_uses_the_models_message(agency, clerk):
    data = csv_bytes([licence_row(1, 有效期自="2026-11-02", 有效期至="2026-01-01")])

    found = problems(agency, clerk, LICENSING, data)

    assert [(row, column) for row, column, _message in found] == [(2, "有效期至")]


def test_an_unknown_choice_lists_the_allowed_values(agency, clerk):
    found = problems(agency, clerk, PENALTY, csv_bytes([penalty_row(1, 处罚类别="警告、打板子")]))

    assert found[0][:2] == (2, "处罚类别")
    assert "打板子" in found[0][2]
    assert "罚款" in found[0][2]


def test_a_fine_without_an_amount_is_the_models_rule(agency, clerk):
    found = problems(
        agency, clerk, PENALTY, csv_bytes([penalty_row(1, **{"罚款金额（万元）": ""})])
    )

    assert [(row, column) for row, column, _message in found] == [(2, "罚款金额（万元）")]


def test_an_amount_finer_than_a_fen_is_refused(agency, clerk):
    found = problems(
        agency, clerk, PENALTY, csv_bytes([penalty_row(1, **{"罚款金额（万元）": "0.0000001"})])
    )

    assert [(row, column) for row, column, _message in found] == [(2, "罚款金额（万元）")]


def test_a_duplicate_number_in_the_file_names_both_rows(agency, clerk):
    data = csv_bytes(
        [
            licence_row(1),
            licence_row(2),
            licence_row(3, 行政许可决定文书号=licence_row(1)["行政许可决定文书号"]),
        ]
    )

    found = problems(agency, clerk, LICENSING, data)

    assert [(row, column) for row, column, _message in found] == [(4, "行政许可决定文书号")]
    assert "第2行" in found[0][2]


def test_a_number_the_agency_already_has_is_refused(agency, clerk):
    run(agency, clerk, LICENSING, csv_bytes([licence_row(1)]))
    existing = Decision.objects.get()

    with pytest.raises(ImportFailed) as failed:
        run(agency, clerk, LICENSING, csv_bytes([licence_row(5), licence_row(1)]))

    [error] = failed.value.errors
    assert (error.row, error.column) == (3, "行政许可决定文书号")
    assert str(existing.pk) in error.message
    assert Decision.objects.count() == 1


def test_the_same_number_in_another_agency_is_fine(agency, clerk):
    other = make_agency()
    run(
        other,
        make_user(agency=other, roles=(Role.PUBLISHER,)),
        LICENSING,
        csv_bytes([licence_row(1)]),
    )

    run(agency, clerk, LICENSING, csv_bytes([licence_row(1)]))

    assert Decision.objects.count() == 2


def test_5000_rows_with_one_bad_row_import_nothing_and_name_the_row(agency, clerk):
    rows = [licence_row(n) for n in range(1, 5001)]
    rows[3999]["许可决定日期"] = "2026-02-30"
    data = xlsx_bytes(rows)

    found = problems(agency, clerk, LICENSING, data, "五千行.xlsx")

    assert [(row, column) for row, column, _message in found] == [(4001, "许可决定日期")]
    assert not Obligation.objects.filter(kind__startswith="enforcement.").exists()
    assert not AuditEvent.objects.filter(action="enforcement.import").exists()


def test_more_rows_than_the_limit_are_refused(agency, clerk):
    data = csv_bytes([licence_row(n) for n in range(1, 12)])

    with pytest.raises(ImportFailed) as failed:
        run(agency, clerk, LICENSING, data, max_rows=10)

    assert "10" in str(failed.value.errors[0])


def test_an_empty_file_is_refused(agency, clerk):
    found = problems(agency, clerk, LICENSING, b"")

    assert found[0][0] == 0


def test_the_ledger_rows_written_in_bulk_are_those_the_signals_would_write(agency):
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    rows = [
        licence_row(1, 许可决定日期="2026-11-12", 有效期自="2026-11-12"),
        licence_row(2, 许可决定日期="2026-10-01", 有效期自="2026-10-01"),
    ]
    run(agency, reviewer, LICENSING, csv_bytes(rows), publish=True)
    run(agency, reviewer, PENALTY, csv_bytes([penalty_row(1)]))
    fields = ("kind", "object_id", "agency_id", "title", "due_on", "done_on", "is_late")
    written = sorted(Obligation.objects.values_list(*fields))

    for decision in Decision.objects.all():
        ledger.sync(decision)

    assert sorted(Obligation.objects.values_list(*fields)) == written
    assert len(written) == 3
    assert {row[0] for row in written} == {"enforcement.publication"}
    late = [row for row in written if row[6]]
    assert len(late) == 1  # decided 2026-10-01, published (imported) 2026-11-16


def test_the_penalty_validity_is_read(agency, clerk):
    run(agency, clerk, PENALTY, csv_bytes([penalty_row(1, 处罚有效期="2027-11-02")]))

    assert str(Decision.objects.get().penalty_valid_until) == "2027-11-02"


def test_a_penalty_validity_before_the_decision_is_the_models_rule(agency, clerk):
    found = problems(agency, clerk, PENALTY, csv_bytes([penalty_row(1, 处罚有效期="2026-01-01")]))

    assert [(row, column) for row, column, _message in found] == [(2, "处罚有效期")]
