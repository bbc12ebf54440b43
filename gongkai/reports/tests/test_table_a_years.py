"""Table A counts in the year of the decision or of 成文日期, not of publication (国办公开办函
〔2021〕30号, spec §3.2; issue #10 point 3): a penalty decided on 29 December 2025 and
published on 5 January 2026 is one of 2025's decisions. The decisions rows count enforcement
decisions (issue #13 §1), not records; repeals count in the year of the repeal. Cell by cell,
across the boundary."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.models import DocumentType, Status, Validity
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.enforcement.models import DecisionKind, DecisionStatus
from gongkai.enforcement.tests.factories import make_decision_row
from gongkai.factories import make_agency, make_user
from gongkai.reports.computation import cell_total, compute_report, documents_in_cell
from gongkai.reports.tests.scenario import at

pytestmark = pytest.mark.django_db


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


@pytest.fixture
def county():
    return make_agency(level=Level.COUNTY, name="测试县卫生健康局")


@pytest.fixture
def records(county):
    item = make_agency_item(county)

    def record(name, document_type, formed, published, **overrides):
        status = overrides.pop("status", Status.PUBLISHED if published else Status.DRAFT)
        return name, make_document(
            agency=county,
            catalogue_item=item,
            title=name,
            document_type=document_type,
            formed_on=day(formed),
            published_at=at(published) if published else None,
            status=status,
            **overrides,
        )

    made = [
        # 规章: formed in late December, published in January → issued in the earlier year.
        record("rule_dec_2025", DocumentType.RULE, "2025-12-29", "2026-01-05"),
        record("rule_dec_2024", DocumentType.RULE, "2024-12-30", "2025-01-06"),
        # 规范性文件: issued 2025, repealed 10 January 2026 → still valid on 31 December 2025.
        record(
            "normative_2025",
            DocumentType.NORMATIVE,
            "2025-03-01",
            "2025-03-05",
            validity=Validity.REPEALED,
            validity_changed_on=day("2026-01-10"),
        ),
        # Repealed on 31 December 2025 → 本年废止 in 2025, not valid at its end.
        record(
            "normative_old",
            DocumentType.NORMATIVE,
            "2023-05-01",
            "2023-05-08",
            validity=Validity.REPEALED,
            validity_changed_on=day("2025-12-31"),
        ),
        # Formed in 2025 but still a draft: not issued (yet).
        record("normative_draft", DocumentType.NORMATIVE, "2025-06-01", None),
        # A licensing *record* in the document library no longer counts as a decision.
        record("licensing_record", DocumentType.LICENSING, "2025-05-01", "2025-05-06"),
    ]

    def decision(name, kind, decided, published, **overrides):
        return name, make_decision_row(
            agency=county,
            kind=kind,
            decided_on=day(decided),
            published_at=at(published) if published else None,
            status=overrides.pop(
                "status", DecisionStatus.PUBLISHED if published else DecisionStatus.DRAFT
            ),
            document_number=name,
            **overrides,
        )

    made += [
        # The example: decided 29 December 2025, published 5 January 2026.
        decision("penalty_dec_2025", DecisionKind.PENALTY, "2025-12-29", "2026-01-05"),
        decision("penalty_dec_2024", DecisionKind.PENALTY, "2024-12-30", "2025-01-06"),
        decision("licensing_may", DecisionKind.LICENSING, "2025-05-01", "2025-05-06"),
        decision("licensing_june", DecisionKind.LICENSING, "2025-06-01", "2025-06-03"),
        # Decided in 2025 but still a draft: not counted (yet).
        decision("licensing_draft", DecisionKind.LICENSING, "2025-06-02", None),
        # Published and withdrawn within 2025: not on record at the end of the year.
        decision(
            "licensing_withdrawn",
            DecisionKind.LICENSING,
            "2025-07-01",
            "2025-07-02",
            status=DecisionStatus.WITHDRAWN,
            withdrawn_at=at("2025-08-01"),
        ),
        # Withdrawn only in 2026: it was on record at the end of 2025.
        decision(
            "licensing_withdrawn_later",
            DecisionKind.LICENSING,
            "2025-11-20",
            "2025-11-25",
            status=DecisionStatus.WITHDRAWN,
            withdrawn_at=at("2026-02-01"),
        ),
        decision("coercion_new_years_eve", DecisionKind.COERCION, "2025-12-31", "2026-01-04"),
        # An inspection decision has no row in Table A.
        decision("inspection_2025", DecisionKind.INSPECTION, "2025-03-01", "2025-03-02"),
    ]
    return dict(made)


EXPECTED = {
    2024: {
        "rule": {"issued": 1, "repealed": 0, "valid": 1},
        "normative": {"issued": 0, "repealed": 0, "valid": 1},
        "licensing": {"decisions": 0},
        "penalty": {"decisions": 1},
        "enforcement": {"decisions": 0},
    },
    2025: {
        "rule": {"issued": 1, "repealed": 0, "valid": 2},
        "normative": {"issued": 1, "repealed": 1, "valid": 1},
        "licensing": {"decisions": 3},  # May, June, withdrawn later; not the 2025 withdrawal
        "penalty": {"decisions": 1},
        "enforcement": {"decisions": 1},
    },
    2026: {
        "rule": {"issued": 0, "repealed": 0, "valid": 2},
        "normative": {"issued": 0, "repealed": 1, "valid": 0},
        "licensing": {"decisions": 0},
        "penalty": {"decisions": 0},
        "enforcement": {"decisions": 0},
    },
}


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_every_table_a_cell_counts_in_the_year_of_the_decision_or_formation(county, records, year):
    table_a = compute_report([county.pk], year).table_a

    for row, cells in EXPECTED[year].items():
        assert table_a[row] == cells, (year, row)


@pytest.mark.parametrize(
    ("year", "key", "names"),
    [
        (2025, "rule.issued", {"rule_dec_2025"}),
        (2025, "rule.valid", {"rule_dec_2025", "rule_dec_2024"}),
        (2025, "normative.repealed", {"normative_old"}),
        (2026, "normative.repealed", {"normative_2025"}),
        (2025, "penalty.decisions", {"penalty_dec_2025"}),
        (2024, "penalty.decisions", {"penalty_dec_2024"}),
        (
            2025,
            "licensing.decisions",
            {"licensing_may", "licensing_june", "licensing_withdrawn_later"},
        ),
        (2025, "enforcement.decisions", {"coercion_new_years_eve"}),
    ],
)
def test_the_drill_down_lists_the_records_behind_the_cell(county, records, year, key, names):
    listed = set(documents_in_cell([county.pk], year, key))

    assert listed == {records[name] for name in names}
    row, col = key.split(".")
    assert cell_total([county.pk], year, key) == EXPECTED[year][row][col]


def test_the_drill_down_page_lists_the_decisions(client, county, records):
    client.force_login(make_user(agency=county, roles=(Role.PUBLISHER,)))
    url = reverse("console:report-cell", args=[county.pk, 2025, "a", "licensing", "decisions"])

    page = client.get(url)
    content = page.content.decode()

    assert page.status_code == 200
    assert "共3项，按当前记录列出。" in content
    assert reverse("console:decision-detail", args=[records["licensing_may"].pk]) in content
    assert "licensing_record" not in content
