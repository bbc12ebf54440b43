"""The annual report as a duty of the obligations ledger: every active agency publishes its
report on the year just ended by 31 January (条例第四十九条). The duty is opened by a daily sweep
on the first day after the year ends; it is done when the report is published."""

import datetime

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.obligations.registry import Spec
from gongkai.reports import labels
from gongkai.reports.models import AnnualReport, ReportDuty, Status
from gongkai.reports.rules import FIRST_YEAR, statutory_due_on

ANNUAL_REPORT = "reports.annual_report"


def describe_report_duty(duty: ReportDuty) -> Spec:
    report = AnnualReport.objects.filter(
        agency_id=duty.agency_id, year=duty.year, status=Status.PUBLISHED
    ).first()
    return Spec(
        agency_id=duty.agency_id,
        title=str(labels.TITLE % {"agency": "", "year": duty.year}),
        due_on=statutory_due_on(duty.year),
        done_at=report.published_at if report else None,
    )


def duties_of_report(report: AnnualReport) -> list[ReportDuty]:
    """The duty a saved report fulfils (for the ledger's watch). A report on a year the sweep
    never opened (one before the platform, prepared late) opens its duty then, so that its
    timeliness is on record like every other year's."""
    from django.utils import timezone

    if report.year >= timezone.localdate().year:
        return []
    duty, _created = ReportDuty.objects.get_or_create(
        agency_id=report.agency_id,
        year=report.year,
        defaults={"opened_on": timezone.localdate()},
    )
    return [duty]


def open_report_duties(*, today: datetime.date) -> int:
    """For each active agency, the duty to report on the year before `today`'s (idempotent);
    returns how many were opened. Earlier years are never opened retroactively: an agency that
    joins the platform owes what falls due from then on."""
    year = today.year - 1
    if year < FIRST_YEAR:
        return 0
    have = set(ReportDuty.objects.filter(year=year).values_list("agency_id", flat=True))
    opened = 0
    for agency_id in Agency.objects.filter(is_active=True).values_list("pk", flat=True):
        if agency_id in have:
            continue
        with transaction.atomic():
            ReportDuty.objects.create(agency_id=agency_id, year=year, opened_on=today)
        opened += 1
    return opened


def duty_rows(agency_ids, year: int) -> dict:
    """The ledger's rows of the agencies' reports on `year`, by agency id (an agency without an
    open duty is missing)."""
    from gongkai.obligations.models import Obligation

    duties = dict(
        ReportDuty.objects.filter(agency_id__in=list(agency_ids), year=year).values_list(
            "pk", "agency_id"
        )
    )
    rows = Obligation.objects.of_kind(ANNUAL_REPORT).filter(object_id__in=list(duties))
    return {duties[row.object_id]: row for row in rows}


def duty_row(agency_id: int, year: int):
    """The ledger's row of the agency's report on `year`, or None while no duty is open."""
    return duty_rows([agency_id], year).get(agency_id)
