"""Expected publications of cadence items: the daily sweep that opens one per ended period.

The rows are the duty's source (the obligations ledger describes them: obligations.py); they
are made by the system, not by a person, so no audit event is written for them.
"""

import datetime

from django.db import transaction

from gongkai.catalogue import cadence
from gongkai.catalogue.models import AgencyItem, ExpectedPublication, ItemStatus
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import add_working_days


def due_of(period_end: datetime.date, working_days: int) -> tuple[datetime.date | None, bool]:
    """The day a period's publication is due, and whether it was counted provisionally."""
    calendar = get_calendar(provisional=True)
    try:
        due_on = add_working_days(period_end, working_days, calendar)
    except WorkdaysError:
        return None, False
    return due_on, bool(calendar.provisional_between(period_end, due_on))


def open_expected_publications(*, today: datetime.date) -> int:
    """For every applicable cadence item, one expected publication per period ended before
    `today` since the cadence was set (idempotent); returns how many were opened."""
    opened = 0
    items = (
        AgencyItem.objects.exclude(cadence="")
        .exclude(status=ItemStatus.NOT_APPLICABLE)
        .filter(cadence_since__isnull=False, catalogue__agency__is_active=True)
    )
    for item in items:
        have = set(item.expected_publications.values_list("period_start", flat=True))
        for start, end in cadence.ended_periods(
            item.cadence, since=item.cadence_since, today=today
        ):
            if start in have:
                continue
            due_on, provisional = due_of(end, item.cadence_due_working_days)
            with transaction.atomic():
                ExpectedPublication.objects.create(
                    agency_item=item,
                    period_start=start,
                    period_end=end,
                    due_on=due_on,
                    due_is_provisional=provisional,
                )
            opened += 1
    return opened
