"""延迟答复 (条例第三十五条): record the delayed reply period an agency sets for an application
clearly excessive in quantity or frequency whose reasons are reasonable but that cannot be
answered within the 第三十三条 period. One transaction, logged and audited; the rule of what
the date does to the clock is pure, in `gongkai.foi.delays`.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import snapshot
from gongkai.foi import clock, workflow
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Application, LogKind
from gongkai.foi.services import (
    AUDITED_FIELDS,
    _log,
    _require,
    _save,
    clock_events,
    fee_pauses_clock,
)
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import add_working_days

MAX_DELAY_DAYS = 250  # about a year of working days: anything longer is a typing slip


def art33_due_on(application: Application, *, today: datetime.date) -> datetime.date | None:
    """The due date by 第三十三条 alone (earlier delays left out); None while paused."""
    events = [e for e in clock_events(application) if e.kind != LogKind.DELAYED]
    reading = clock.read_clock(
        received_on=application.received_on,
        events=events,
        calendar=get_calendar(),
        fee_pauses_clock=fee_pauses_clock(),
        today=today,
    )
    return reading.due_on


@transaction.atomic
def delay_reply(
    *,
    application: Application,
    actor,
    on: datetime.date,
    reason: str,
    until: datetime.date | None = None,
    days: int | None = None,
) -> Application:
    """Set the delayed reply period (条例第三十五条) decided on `on`: a date, or a number of
    working days after the decision; the letter to the applicant is `LetterKind.DELAY`."""
    _require(workflow.Action.DELAY, application)
    reason = (reason or "").strip()
    if not reason:
        raise FoiError(
            _(
                "请写明延迟答复的理由：申请数量、频次明显超过合理范围，申请人说明的理由合理，"
                "但无法在条例第三十三条规定的期限内答复。"
            ),
            field="reason",
        )
    if (until is None) == (days is None):
        raise FoiError(
            _("请填写延迟答复的期限：一个日期，或者一个工作日数（二者选一）。"), field="until"
        )
    if days is not None and not 1 <= days <= MAX_DELAY_DAYS:
        raise FoiError(
            _("延迟答复的工作日数应为1至%(max)s。") % {"max": MAX_DELAY_DAYS}, field="days"
        )
    try:
        delayed = until or add_working_days(on, days or 0, get_calendar())
        due_on = art33_due_on(application, today=on)
    except WorkdaysError as exc:
        raise FoiError(exc.message) from exc
    if delayed <= on or delayed > on + datetime.timedelta(days=366):
        raise FoiError(_("延迟答复期限应在决定之日以后一年以内。"), field="until")
    if due_on is not None and on > due_on:
        raise FoiError(
            _(
                "答复期限已于 %(due)s 届满：延迟答复期限应在条例第三十三条规定的期限内确定"
                "并告知申请人（条例第三十五条）。"
            )
            % {"due": due_on.isoformat()},
            field="on",
        )
    if due_on is not None and delayed <= due_on:
        raise FoiError(
            _(
                "延迟答复期限 %(until)s 应晚于按条例第三十三条计算的届满日 %(due)s；"
                "在此之前可以按期答复。"
            )
            % {"until": delayed.isoformat(), "due": due_on.isoformat()},
            field="until",
        )
    before = snapshot(application, AUDITED_FIELDS)
    _log(
        application,
        LogKind.DELAYED,
        on=on,
        actor=actor,
        days=days or 0,
        note=reason,
        details={"until": delayed.isoformat(), "set_as": "days" if days else "date"},
    )
    _save(application, actor, "delay_reply", before, note=reason)
    return application
