"""The sentences of the reply clock: the explanation steps and the problems it lists. Pure.

`gongkai.foi.clock.read_clock` calls these; they only format what the clock has counted.
"""

import datetime

from django.utils.translation import gettext as _

from gongkai.foi.clock_events import EXTENSION_MAX_DAYS, ClockEvent, EventKind


def problems_of_order(
    received_on: datetime.date, ordered: list[ClockEvent], stop: int
) -> list[str]:
    problems = []
    for index, event in enumerate(ordered):
        values = {"day": event.on.isoformat(), "kind": EventKind(event.kind).label}
        if event.on < received_on:
            problems.append(_("“%(kind)s”的日期 %(day)s 早于收到申请之日。") % values)
        if index > stop and event.kind not in (EventKind.REPLIED, EventKind.CLOSED):
            problems.append(_("答复或办结后记录的“%(kind)s”（%(day)s）不影响答复期限。") % values)
    return problems


def supplement_problems(ordered: list[ClockEvent], notice_due_on: datetime.date) -> list[str]:
    requests = [e for e in ordered if e.kind == EventKind.SUPPLEMENT_REQUESTED]
    problems = []
    if requests and requests[0].on > notice_due_on:
        problems.append(
            _("补正告知 %(day)s 晚于收到申请后7个工作日（应不晚于 %(due)s，条例第三十条）。")
            % {"day": requests[0].on.isoformat(), "due": notice_due_on.isoformat()}
        )
    if len(requests) > 1:
        problems.append(
            _("补正应一次性告知（条例第三十条），本申请记录了%(count)s次补正告知。")
            % {"count": len(requests)}
        )
    return problems


def extension_problems(extensions: list[ClockEvent]) -> list[str]:
    problems = [
        _("%(day)s 的延长记录为%(days)s个工作日，未计入答复期限。")
        % {"day": event.on.isoformat(), "days": event.days}
        for event in extensions
        if event.days <= 0
    ]
    total = sum(event.days for event in extensions if event.days > 0)
    if total > EXTENSION_MAX_DAYS:
        problems.append(
            _("延长期限合计%(total)s个工作日，超过条例第三十三条第二款规定的最长20个工作日。")
            % {"total": total}
        )
    return problems


def describe_supplements(received_on: datetime.date, ordered: list[ClockEvent]) -> list[str]:
    """The receipt day and, when the clock was restarted, the supplement events up to it."""
    if not any(event.kind == EventKind.SUPPLEMENT_RECEIVED for event in ordered):
        return [_("受理日 %(day)s（不计入）") % {"day": received_on.isoformat()}]
    steps = [_("受理日 %(day)s") % {"day": received_on.isoformat()}]
    for event in ordered:
        if event.kind == EventKind.SUPPLEMENT_REQUESTED:
            steps.append(
                _("补正告知 %(day)s，答复期限停止计算（条例第三十条）")
                % {"day": event.on.isoformat()}
            )
        elif event.kind == EventKind.SUPPLEMENT_RECEIVED:
            steps.append(
                _("收到补正 %(day)s，答复期限自次日起重新计算（条例第三十条）")
                % {"day": event.on.isoformat()}
            )
    return steps


def describe_extensions(extensions: list[ClockEvent]) -> list[str]:
    return [
        _("%(day)s 延长%(days)s个工作日（%(note)s，条例第三十三条第二款）")
        % {
            "day": event.on.isoformat(),
            "days": event.days,
            "note": event.note or _("经政府信息公开工作机构负责人同意"),
        }
        for event in extensions
    ]
