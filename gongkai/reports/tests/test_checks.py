"""The checks: pure over figures, and on deliberately broken records."""

import copy
from decimal import Decimal

import pytest

from gongkai.factories import make_agency
from gongkai.foi.models import Status
from gongkai.foi.outcomes import REPORT_COLUMNS, REPORT_ROWS
from gongkai.reports.checks import failed, run_checks
from gongkai.reports.computation import (
    TABLE_A_COLUMNS,
    TABLE_C_COLUMNS,
    TABLE_C_GROUPS,
    ReportData,
    compute_report,
)
from gongkai.reports.models import AnnualReport
from gongkai.reports.models import Status as ReportStatus
from gongkai.reports.services import last_year_data
from gongkai.reports.tests.factories import make_application
from gongkai.reports.tests.scenario import YEAR, build_year


def blank(year: int = YEAR) -> ReportData:
    """An all-zero report (no database)."""
    return ReportData(
        agency_ids=[1],
        year=year,
        table_a={row: dict.fromkeys(cols, 0) for row, cols in TABLE_A_COLUMNS.items()},
        table_b={row: dict.fromkeys(REPORT_COLUMNS, 0) for row in REPORT_ROWS},
        table_c={group: dict.fromkeys(TABLE_C_COLUMNS, 0) for group in TABLE_C_GROUPS},
    )


def set_b(data: ReportData, row: str, column: str, n: int) -> None:
    data.table_b[row][column] = n
    data.table_b[row]["total"] = sum(v for k, v in data.table_b[row].items() if k != "total")


def by_name(checks):
    return {check.name: check for check in checks}


def test_a_consistent_report_passes():
    data = blank()
    set_b(data, "new", "natural", 3)
    set_b(data, "carried_in", "business", 1)
    set_b(data, "granted", "natural", 2)
    set_b(data, "total", "natural", 2)
    set_b(data, "carried_out", "natural", 1)
    set_b(data, "carried_out", "business", 1)
    data.table_a["fees"]["amount"] = None

    assert failed(run_checks(data)) == []


def test_the_column_identity_names_the_column_and_the_cells():
    data = blank()
    set_b(data, "new", "business", 2)
    set_b(data, "granted", "business", 1)
    set_b(data, "total", "business", 1)

    check = by_name(run_checks(data))["table_b_balance"]

    assert not check.ok
    assert "“商业企业”列" in check.detail
    assert "一（2）+ 二（0）= 2" in check.detail
    assert "三（七）总计（1）+ 四（0）= 1" in check.detail
    assert "“总计”列" in check.detail


def test_the_total_row_must_be_the_sum_of_the_results():
    data = blank()
    set_b(data, "new", "natural", 1)
    set_b(data, "total", "natural", 1)  # concluded, but in no result row

    check = by_name(run_checks(data))["table_b_total"]

    assert not check.ok
    assert "（七）总计为1，（一）至（六）各项之和为0" in check.detail


def test_a_row_total_must_be_the_sum_of_the_applicants():
    data = blank()
    data.table_b["new"]["total"] = 1

    check = by_name(run_checks(data))["table_b_row_totals"]

    assert not check.ok
    assert "“一、本年新收政府信息公开申请数量”行：总计为1，各类申请人之和为0" in check.detail


def test_table_c_group_totals():
    data = blank()
    data.table_c["litigation_direct"]["upheld"] = 2
    data.table_c["litigation_direct"]["total"] = 1

    check = by_name(run_checks(data))["table_c_totals"]

    assert not check.ok
    assert "“未经复议直接起诉”：总计为1" in check.detail


@pytest.mark.parametrize("bad", [-1, 1.5, "3", None])
def test_cells_are_non_negative_integers(bad):
    data = blank()
    data.table_b["withheld.3"]["research"] = bad

    check = by_name(run_checks(data))["cells_valid"]

    assert not check.ok
    assert "“（三）不予公开 3.危及“三安全一稳定””行“科研机构”列" in check.detail


def test_a_negative_fee_amount_is_refused_but_a_blank_one_is_not():
    data = blank()
    data.table_a["fees"]["amount"] = None
    assert by_name(run_checks(data))["cells_valid"].ok

    data.table_a["fees"]["amount"] = Decimal("-1")
    assert not by_name(run_checks(data))["cells_valid"].ok


def test_continuity_with_last_year_names_the_applications():
    last = blank(YEAR - 1)
    set_b(last, "carried_out", "natural", 2)
    last.carried_out_ids = [11, 12]
    data = blank()
    set_b(data, "carried_in", "natural", 3)
    data.carried_in_ids = [11, 12, 40]

    check = by_name(run_checks(data, last))["table_b_continuity"]

    assert not check.ok
    assert "本年“二、上年结转”为3，2024年度报告“四、结转下年度继续办理”为2" in check.detail
    assert "本年计入上年结转、但上年报告未结转的申请：#40" in check.detail


def test_without_last_year_continuity_is_not_checked_but_says_so():
    check = by_name(run_checks(blank()))["table_b_continuity"]

    assert check.ok
    assert "没有2024年度已发布的报告" in check.detail


# --- broken records ---------------------------------------------------------------------


@pytest.fixture
def county(db):
    agency = make_agency()
    build_year(agency, with_documents=False)
    return agency


@pytest.mark.django_db
def test_an_outcome_on_an_open_application_fails_the_records_check(county):
    broken = make_application(
        county,
        received="2025-06-01",
        closed="2025-07-01",
        outcome="granted",
        status=Status.IN_PROGRESS,
    )

    checks = by_name(run_checks(compute_report([county.pk], YEAR)))

    assert not checks["records_consistent"].ok
    assert f"状态却仍在办理中的申请（已计入办理结果）：#{broken.pk}" in (
        checks["records_consistent"].detail
    )
    assert [c for c in checks.values() if not c.ok] == [checks["records_consistent"]]


@pytest.mark.django_db
def test_a_closed_case_without_a_date_fails_the_records_check(county):
    broken = make_application(county, received="2025-06-01", status=Status.CLOSED)

    check = by_name(run_checks(compute_report([county.pk], YEAR)))["records_consistent"]

    assert not check.ok
    assert f"没有办结日期的申请（被计入结转下年度）：#{broken.pk}" in check.detail


@pytest.mark.django_db
def test_a_concluded_application_without_outcome_breaks_the_total(county):
    broken = make_application(
        county, received="2025-06-01", closed="2025-07-01", applicant_type="research"
    )

    checks = by_name(run_checks(compute_report([county.pk], YEAR)))

    assert not checks["table_b_total"].ok
    assert "“科研机构”列" in checks["table_b_total"].detail
    assert f"本年办结但没有办理结果的申请：#{broken.pk}" in checks["table_b_total"].detail
    assert not checks["records_consistent"].ok
    assert checks["table_b_balance"].ok


@pytest.mark.django_db
def test_closing_before_receipt_breaks_the_column_identity(county):
    broken = make_application(county, received="2026-01-05", closed="2025-12-30", outcome="granted")

    check = by_name(run_checks(compute_report([county.pk], YEAR)))["table_b_balance"]

    assert not check.ok
    assert "“自然人”列" in check.detail
    assert f"办结日期早于收到日期的申请：#{broken.pk}" in check.detail


@pytest.mark.django_db
def test_an_unknown_applicant_type_breaks_the_row_totals(county):
    broken = make_application(county, received="2025-06-01", applicant_type="")

    check = by_name(run_checks(compute_report([county.pk], YEAR)))["table_b_row_totals"]

    assert not check.ok
    assert f"申请人类型不属于六类之一的申请：#{broken.pk}" in check.detail


@pytest.mark.django_db
def test_last_years_published_carry_over_must_match(county):
    AnnualReport.objects.create(
        agency=county,
        year=YEAR - 1,
        status=ReportStatus.PUBLISHED,
        data=compute_report([county.pk], YEAR - 1).to_json(),
    )
    assert by_name(run_checks(compute_report([county.pk], YEAR), last_year_data(county, YEAR)))[
        "table_b_continuity"
    ].ok

    # Entered after last year's report was published, back-dated into last year.
    late = make_application(county, received="2024-10-08", applicant_type="business")
    check = by_name(run_checks(compute_report([county.pk], YEAR), last_year_data(county, YEAR)))[
        "table_b_continuity"
    ]

    assert not check.ok
    assert "“商业企业”列：本年“二、上年结转”为2，2024年度报告“四、结转下年度继续办理”为1" in (
        check.detail
    )
    assert f"本年计入上年结转、但上年报告未结转的申请：#{late.pk}" in check.detail


@pytest.mark.django_db
def test_an_edited_snapshot_of_last_year_is_caught(county):
    data = compute_report([county.pk], YEAR - 1).to_json()
    edited = copy.deepcopy(data)
    edited["table_b"]["carried_out"]["natural"] += 1
    edited["table_b"]["carried_out"]["total"] += 1
    AnnualReport.objects.create(
        agency=county, year=YEAR - 1, status=ReportStatus.PUBLISHED, data=edited
    )

    checks = run_checks(compute_report([county.pk], YEAR), last_year_data(county, YEAR))

    assert [c.name for c in failed(checks)] == ["table_b_continuity"]
