"""The monthly duty in the obligations ledger, for agencies whose setting says they publish.

The daily sweep opens the month just ended as an empty draft (one per agency, idempotent);
`describe` gives its duty: due on the setting's day of the next month (rules.due_on), done
when a version of the month is published. No duty while the setting is off."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.diseases import rules
from gongkai.diseases.models import DiseaseSetting, MonthlyReport
from gongkai.obligations.registry import Spec

MONTHLY = "diseases.monthly"


def describe_report(report: MonthlyReport) -> Spec | None:
    if report.version != 1:
        return None  # the month's duty lives on its first version; corrections owe nothing
    setting = DiseaseSetting.objects.filter(agency_id=report.agency_id).first()
    if setting is None or not setting.publishes_monthly:
        return None
    if setting.since and report.month < setting.since:
        return None
    first = (
        MonthlyReport.objects.filter(
            agency_id=report.agency_id, month=report.month, published_at__isnull=False
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return Spec(
        agency_id=report.agency_id,
        title=_("%(month)s法定传染病疫情概况") % {"month": rules.month_label(report.month)},
        due_on=rules.due_on(report.month, setting.due_day),
        done_on=timezone.localdate(first) if first else None,
    )


def open_monthly_reports(*, today: datetime.date) -> int:
    """Open last month's draft for every agency that publishes monthly (idempotent)."""
    month = rules.previous_month(today)
    opened = 0
    for setting in DiseaseSetting.objects.filter(
        publishes_monthly=True, agency__is_active=True
    ).select_related("agency"):
        if setting.since and month < setting.since:
            continue
        with transaction.atomic():
            _report, created = MonthlyReport.objects.get_or_create(
                agency=setting.agency, month=month, version=1
            )
        opened += int(created)
    return opened


def register() -> None:
    from gongkai.agencies.models import Role
    from gongkai.obligations.registry import ObligationKind, register_daily, register_kind

    register_kind(
        ObligationKind(
            code=MONTHLY,
            label=_("法定传染病疫情月报"),
            model=MonthlyReport,
            describe=describe_report,
            all_objects=lambda: MonthlyReport.objects.filter(version=1).order_by("pk"),
            responsible_roles=(Role.PUBLISHER,),
            watches=(
                (
                    MonthlyReport,
                    lambda r: MonthlyReport.objects.filter(
                        agency_id=r.agency_id, month=r.month, version=1
                    ),
                ),
                (
                    DiseaseSetting,
                    lambda s: MonthlyReport.objects.filter(agency_id=s.agency_id, version=1),
                ),
            ),
        )
    )
    register_daily("diseases.monthly_reports", open_monthly_reports)
