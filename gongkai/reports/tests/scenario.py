"""A year (2025) of one county's records covering every cell of the report, with the figures
the report must show, worked out by hand next to each row that produces them."""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.documents.models import Attribute, DocumentType, Status, Validity
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.enforcement.models import DecisionKind, DecisionStatus
from gongkai.enforcement.tests.factories import make_decision_row
from gongkai.foi.models import Application
from gongkai.foi.models import Status as ApplicationStatus
from gongkai.foi.outcomes import REPORT_COLUMNS, REPORT_ROWS, ApplicantType, Outcome
from gongkai.reports.models import ManualFigure
from gongkai.reports.tests.factories import make_application, make_case, make_fee_payment

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR = 2025
TYPES = list(ApplicantType.values)


def at(iso: str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(iso), datetime.time(hour, minute), tzinfo=SHANGHAI
    )


@dataclass
class Expected:
    table_a: dict[str, dict[str, Any]]
    table_b: dict[str, dict[str, int]] = field(
        default_factory=lambda: {row: dict.fromkeys(REPORT_COLUMNS, 0) for row in REPORT_ROWS}
    )
    table_c: dict[str, dict[str, int]] = field(default_factory=dict)
    apps: dict[str, Application] = field(default_factory=dict)
    fees_yuan: int = 0

    def count(self, row: str, column: str, n: int = 1) -> None:
        self.table_b[row][column] += n
        self.table_b[row]["total"] += n


def build_year(agency: Agency, *, with_documents: bool = True) -> Expected:
    """Applications, cases and records of `agency`, and the 2025 report they must give."""
    expected = Expected(
        table_a={
            "rule": {"issued": 0, "repealed": 0, "valid": 0},
            "normative": {"issued": 0, "repealed": 0, "valid": 0},
            "licensing": {"decisions": 0},
            "penalty": {"decisions": 0},
            "enforcement": {"decisions": 0},
            "fees": {"amount": None},
        }
    )
    apps = expected.apps

    # One application per result row, received and concluded in 2025, the applicant type
    # turning through the six columns: every result row and every column gets a number.
    # Among them: other.1 (逾期不补正, abandoned after 补正) and other.2 (逾期未缴费).
    for i, outcome in enumerate(Outcome.values):
        kind = TYPES[i % len(TYPES)]
        apps[outcome] = make_application(
            agency, received="2025-03-03", closed="2025-04-01", outcome=outcome, applicant_type=kind
        )
        expected.count("new", kind)
        expected.count(outcome, kind)
        expected.count("total", kind)

    # Carried in and concluded in January: 二 and a result row, not 一.
    apps["carried_in_closed"] = make_application(
        agency, received="2024-11-20", closed="2025-01-10", outcome="granted"
    )
    expected.count("carried_in", "natural")
    expected.count("granted", "natural")
    expected.count("total", "natural")

    # Carried in and still open at the end: 二 and 四.
    apps["carried_in_open"] = make_application(
        agency, received="2024-12-15", applicant_type=ApplicantType.BUSINESS
    )
    expected.count("carried_in", "business")
    expected.count("carried_out", "business")

    # Received in December, concluded in January 2026: 一 and 四, no result row in 2025.
    apps["december"] = make_application(
        agency,
        received="2025-12-20",
        closed="2026-01-08",
        outcome="partial",
        applicant_type=ApplicantType.RESEARCH,
    )
    expected.count("new", "research")
    expected.count("carried_out", "research")

    # Received in 2025, a reply drafted (outcome chosen) but not approved: still open, 四.
    apps["drafted"] = make_application(
        agency,
        received="2025-11-03",
        outcome="granted",
        status=ApplicationStatus.REPLY_DRAFTED,
        applicant_type=ApplicantType.LEGAL_SERVICE,
    )
    expected.count("new", "legal_service")
    expected.count("carried_out", "legal_service")

    # Split (一事一申请): the original keeps the first matter, each part counts on its own.
    parent = make_application(agency, received="2025-05-06", closed="2025-05-20", outcome="granted")
    part_1 = make_application(
        agency, received="2025-05-06", closed="2025-05-25", outcome="withheld.4", parent=parent
    )
    part_2 = make_application(agency, received="2025-05-06", parent=parent)
    apps.update(split_parent=parent, split_part_1=part_1, split_part_2=part_2)
    expected.count("new", "natural", 3)
    expected.count("granted", "natural")
    expected.count("withheld.4", "natural")
    expected.count("total", "natural", 2)
    expected.count("carried_out", "natural")

    # Outside the year: concluded in 2024, received in 2026, another agency's.
    make_application(agency, received="2024-03-01", closed="2024-04-01", outcome="granted")
    make_application(agency, received="2026-01-05")

    # 信息处理费: paid in 2025 (logged), paid with no log entry (closed 2025), paid in 2024.
    make_fee_payment(apps["granted"], on="2025-03-20", amount=300)
    apps["granted"].refresh_from_db()
    unpaid_logged = make_application(
        agency, received="2024-02-01", closed="2024-03-01", outcome="granted"
    )
    make_fee_payment(unpaid_logged, on="2024-02-20", amount=700)
    apps["partial"].fee_paid_amount = 100
    apps["partial"].save(update_fields=["fee_paid_amount"])
    expected.fees_yuan = 400

    # Table C: review and litigation cases.
    subject = apps["granted"]
    make_case(subject, kind="review", filed="2025-03-01", result="upheld", concluded="2025-05-01")
    make_case(
        subject, kind="review", filed="2025-04-01", result="corrected", concluded="2025-08-01"
    )
    make_case(subject, kind="review", filed="2024-11-01", result="other", concluded="2025-02-01")
    make_case(subject, kind="review", filed="2024-05-01", result="upheld", concluded="2024-09-01")
    make_case(subject, kind="review", filed="2025-11-01")
    make_case(
        subject,
        kind="litigation_direct",
        filed="2025-06-01",
        result="upheld",
        concluded="2026-01-15",
    )
    make_case(subject, kind="litigation_direct", filed="2023-06-01")
    make_case(
        subject,
        kind="litigation_after_review",
        filed="2025-09-01",
        result="corrected",
        concluded="2025-12-01",
    )
    make_case(subject, kind="litigation_after_review", filed="2025-10-01", result="other")
    expected.table_c = {
        "review": {"upheld": 1, "corrected": 1, "other": 1, "pending": 1, "total": 4},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 2, "total": 2},
        "litigation_after_review": {
            "upheld": 0,
            "corrected": 1,
            "other": 1,
            "pending": 0,
            "total": 2,
        },
    }

    if with_documents:
        _documents(agency, expected)
    return expected


def _documents(agency: Agency, expected: Expected) -> None:
    item = make_agency_item(agency)

    def record(document_type, published, **overrides):
        # Formed (decided) on the day of publication unless said otherwise: Table A counts
        # by 成文日期 (test_table_a_years.py has records formed and published in different
        # years); section 一 counts by publication.
        if published is not None:
            overrides.setdefault("formed_on", published.date())
        return make_document(
            agency=agency,
            catalogue_item=item,
            document_type=document_type,
            status=overrides.pop("status", Status.PUBLISHED),
            published_at=published,
            **overrides,
        )

    def decision(kind, published, **overrides):
        decided_on = published.date() if published else datetime.date(2025, 6, 1)
        return make_decision_row(
            agency=agency, kind=kind, decided_on=decided_on, published_at=published, **overrides
        )

    a = expected.table_a
    record(DocumentType.RULE, at("2025-03-01"))
    a["rule"]["issued"] += 1
    a["rule"]["valid"] += 1
    record(DocumentType.NORMATIVE, at("2024-05-01"))
    a["normative"]["valid"] += 1
    record(
        DocumentType.NORMATIVE,
        at("2023-05-01"),
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2025, 6, 30),
    )
    a["normative"]["repealed"] += 1
    # Repealed only in 2026: still valid on 31 December 2025.
    record(
        DocumentType.NORMATIVE,
        at("2023-06-01"),
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2026, 2, 1),
    )
    a["normative"]["valid"] += 1
    record(
        DocumentType.NORMATIVE,
        at("2022-06-01"),
        validity=Validity.AMENDED,
        validity_changed_on=datetime.date(2025, 2, 1),
    )
    a["normative"]["valid"] += 1
    # Formed and published at 23:30 on 31 December Beijing time (15:30 UTC): 2025; formed
    # and published at 00:10 on 1 January: not.
    record(DocumentType.NORMATIVE, at("2025-12-31", 23, 30))
    a["normative"]["issued"] += 1
    a["normative"]["valid"] += 1
    record(DocumentType.NORMATIVE, at("2026-01-01", 0, 10))
    # Published and withdrawn within 2025: not on record at the end of the year.
    record(
        DocumentType.NORMATIVE,
        at("2025-04-01"),
        status=Status.WITHDRAWN,
        withdrawn_at=at("2025-04-03"),
        withdrawal_reason="测试",
    )
    # A normative document published on request only: issued, but not 现行有效 (public).
    record(
        DocumentType.NORMATIVE,
        at("2025-07-01"),
        attribute=Attribute.ON_REQUEST,
        withholding_basis="art19_scope",
        withholding_reason="测试",
    )
    a["normative"]["issued"] += 1
    # Licensing and penalty records of the document library count in section 一 (published
    # records) but not as decisions: Table A's decisions rows count enforcement decisions.
    for month in ("2025-02-01", "2025-05-01", "2025-09-01"):
        record(DocumentType.LICENSING, at(month))
        decision(DecisionKind.LICENSING, at(month))
    a["licensing"]["decisions"] += 3
    record(DocumentType.LICENSING, None, status=Status.DRAFT)
    decision(DecisionKind.LICENSING, None, status=DecisionStatus.DRAFT)
    for published in ("2025-02-01", "2025-10-01", "2024-10-01"):
        record(DocumentType.PENALTY, at(published))
        decision(DecisionKind.PENALTY, at(published))
    a["penalty"]["decisions"] += 2
    ManualFigure.objects.create(
        agency=agency, year=YEAR, key="fees.amount", value=Decimal("199.43"), source_note="财务科"
    )
    a["fees"]["amount"] = Decimal("199.43")
