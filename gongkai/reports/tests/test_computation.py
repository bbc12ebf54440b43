"""Counting the 2025 report from a year of records: every cell of the three tables."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Level
from gongkai.factories import make_agency
from gongkai.foi.outcomes import REPORT_COLUMNS, REPORT_ROWS
from gongkai.reports.checks import run_checks
from gongkai.reports.computation import (
    ReportData,
    applications_in_cell,
    compute_report,
    documents_in_cell,
    remedy_cases_in_cell,
)
from gongkai.reports.models import ManualFigure
from gongkai.reports.tests.factories import make_application
from gongkai.reports.tests.scenario import YEAR, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    return make_agency(level=Level.COUNTY)


@pytest.fixture
def year_of(county):
    expected = build_year(county)
    make_application(make_agency(), received="2025-03-03")  # another agency's: never counted
    return expected


def test_every_table_b_cell(county, year_of):
    data = compute_report([county.pk], YEAR)

    assert list(data.table_b) == REPORT_ROWS
    for row in REPORT_ROWS:
        assert list(data.table_b[row]) == REPORT_COLUMNS
        assert data.table_b[row] == year_of.table_b[row], row


def test_the_headline_figures_by_hand(county, year_of):
    b = compute_report([county.pk], YEAR).table_b

    # 21 one-per-row + 3 split + December + drafted reply = 26 received in 2025.
    assert b["new"]["total"] == 26
    assert b["carried_in"]["total"] == 2
    # 21 + carried in and closed + split original and first part = 24 concluded in 2025.
    assert b["total"]["total"] == 24
    # Open carried-in, December, drafted, second split part.
    assert b["carried_out"]["total"] == 4
    assert b["new"]["total"] + b["carried_in"]["total"] == 28 == 24 + 4
    assert b["other.1"]["total"] == 1  # abandoned after 补正
    assert b["other.2"]["total"] == 1  # fee not paid
    assert b["granted"]["natural"] == 3
    assert b["withheld.4"]["natural"] == 1  # the split's first part


def test_table_a_from_the_library_and_the_clerk(county, year_of):
    data = compute_report([county.pk], YEAR)

    assert data.table_a == year_of.table_a
    assert data.table_a["normative"] == {"issued": 2, "repealed": 1, "valid": 4}
    assert data.table_a["fees"]["amount"] == Decimal("199.43")
    assert data.table_a_sources["fees.amount"] == "manual"
    assert data.table_a_sources["licensing.decisions"] == "records"
    assert data.manual_notes[0]["source_note"] == "财务科"


def test_a_clerk_figure_replaces_the_counted_cell(county, year_of):
    ManualFigure.objects.create(
        agency=county, year=YEAR, key="licensing.decisions", value=1894, source_note="审批系统"
    )

    data = compute_report([county.pk], YEAR)

    assert data.table_a["licensing"]["decisions"] == 1894
    assert data.table_a_sources["licensing.decisions"] == "manual"


def test_table_c_counts_results_known_by_the_end_of_the_year(county, year_of):
    data = compute_report([county.pk], YEAR)

    assert data.table_c == year_of.table_c


def test_fees_collected_in_the_year(county, year_of):
    assert compute_report([county.pk], YEAR).fees_collected_yuan == year_of.fees_yuan == 400


def test_the_year_passes_every_check(county, year_of):
    checks = run_checks(compute_report([county.pk], YEAR))

    assert [c.name for c in checks if not c.ok] == []
    assert len(checks) == 7


def test_the_count_is_a_handful_of_queries(county, year_of):
    with CaptureQueriesContext(connection) as queries:
        compute_report([county.pk], YEAR)

    # Table B (one grouped query), Table A (records and enforcement decisions), its clerk
    # figures, Table C, carried-in and carried-out ids, fees, proactive count, the ledger's
    # late duties, the yearly review's decisions, the suggestions and proposals per class: no
    # query per application.
    assert len(queries) <= 13


def test_the_snapshot_reads_back_the_same(county, year_of):
    data = compute_report([county.pk], YEAR)

    again = ReportData.from_json(data.to_json())

    assert again == data


def test_a_roll_up_adds_the_subordinates(county, year_of):
    city = make_agency(level=Level.CITY)
    county.parent = city
    county.save(update_fields=["parent"])
    make_application(city, received="2025-02-02", closed="2025-02-20", outcome="granted")
    ManualFigure.objects.create(
        agency=city, year=YEAR, key="fees.amount", value=Decimal("0.57"), source_note="城市"
    )

    data = compute_report(sorted({city.pk, *city.descendant_ids()}), YEAR)

    assert data.table_b["new"]["total"] == 27
    assert data.table_b["granted"]["natural"] == 4
    assert data.table_a["fees"]["amount"] == Decimal("200.00")
    assert [c.name for c in run_checks(data) if not c.ok] == []


@pytest.mark.parametrize(
    ("row", "column", "names"),
    [
        ("carried_in", "total", {"carried_in_closed", "carried_in_open"}),
        ("carried_out", "natural", {"split_part_2"}),
        ("withheld.4", "natural", {"split_part_1"}),
    ],
)
def test_the_drill_down_lists_the_applications_behind_a_cell(county, year_of, row, column, names):
    listed = set(applications_in_cell([county.pk], YEAR, row, column))

    assert listed == {year_of.apps[name] for name in names}


def test_drill_down_counts_match_every_cell(county, year_of):
    data = compute_report([county.pk], YEAR)
    for row in REPORT_ROWS:
        for column in REPORT_COLUMNS:
            assert (
                applications_in_cell([county.pk], YEAR, row, column).count()
                == (data.table_b[row][column])
            )
    assert documents_in_cell([county.pk], YEAR, "normative.valid").count() == 4
    assert remedy_cases_in_cell([county.pk], YEAR, "litigation_direct", "pending").count() == 2
