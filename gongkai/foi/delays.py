"""条例第三十五条: delayed reply (延迟答复). Pure: no database.

An applicant whose requests are clearly excessive in quantity or frequency may be asked for
reasons. Unreasonable reasons: 不予处理 (report row （五）4). Reasonable reasons, but no reply
possible within the 第三十三条 period: the agency sets a reasonable delayed reply period and
notifies the applicant. That date is then the application's due date: it is not overdue
before it. The delay must be decided within the 第三十三条 period, and clock events recorded
after it (an extension, a consultation, a fee notice) do not move the date it set: a new
delay must be decided and notified instead.
"""

import datetime

from django.utils.translation import gettext as _

from gongkai.foi.clock_events import ClockEvent, EventKind
from gongkai.workdays.rules import WorkCalendar, add_working_days


def delayed_until(delay: ClockEvent, calendar: WorkCalendar) -> datetime.date:
    """The delayed reply date: given, or `days` working days after the decision."""
    return delay.until or add_working_days(delay.on, delay.days, calendar)


def describe_delays(
    delays: list[ClockEvent], calendar: WorkCalendar, due_on: datetime.date | None
) -> list[str]:
    """The explanation steps of the delays; `due_on` is the due date counted by 第三十三条."""
    steps = []
    for delay in delays:
        values = {
            "day": delay.on.isoformat(),
            "until": delayed_until(delay, calendar).isoformat(),
            "days": delay.days,
            "note": delay.note or _("申请数量、频次明显超过合理范围，申请理由合理"),
        }
        if delay.until is None:
            steps.append(
                _(
                    "%(day)s 依条例第三十五条确定延迟答复期限：自当日起%(days)s个工作日，至"
                    " %(until)s（%(note)s）"
                )
                % values
            )
        else:
            steps.append(
                _("%(day)s 依条例第三十五条确定延迟答复期限至 %(until)s（%(note)s）") % values
            )
    if due_on is not None:
        steps.append(
            _("答复期限为延迟答复期限 %(until)s（按条例第三十三条计算的届满日为 %(due)s）")
            % {
                "until": delayed_until(delays[-1], calendar).isoformat(),
                "due": due_on.isoformat(),
            }
        )
    return steps


def delay_problems(
    delays: list[ClockEvent],
    cycle: list[ClockEvent],
    due_on: datetime.date | None,
    delayed_until: datetime.date,
) -> list[str]:
    """A delay decided after the Art.33 due date, one that is no delay, and clock events
    recorded after the delay (they do not move the date it set)."""
    problems = []
    latest = delays[-1]
    if due_on is not None:
        late = [d for d in delays if d.on > due_on]
        problems.extend(
            _(
                "%(day)s 决定延迟答复，晚于按条例第三十三条计算的届满日 %(due)s："
                "延迟答复期限应在答复期限内确定并告知申请人（条例第三十五条）。"
            )
            % {"day": d.on.isoformat(), "due": due_on.isoformat()}
            for d in late
        )
        if delayed_until <= due_on:
            problems.append(
                _("延迟答复期限 %(until)s 不晚于按条例第三十三条计算的届满日 %(due)s。")
                % {"until": delayed_until.isoformat(), "due": due_on.isoformat()}
            )
    moving = (EventKind.EXTENDED, EventKind.CONSULTATION_STARTED, EventKind.FEE_NOTIFIED)
    after = cycle[cycle.index(latest) + 1 :]
    problems.extend(
        _(
            "%(day)s 的“%(kind)s”在确定延迟答复期限之后，不改变延迟答复期限 %(until)s；"
            "如需调整，请重新确定延迟答复期限并告知申请人。"
        )
        % {"day": e.on.isoformat(), "kind": e.kind.label, "until": delayed_until.isoformat()}
        for e in after
        if e.kind in moving
    )
    return problems
