"""A due day and a duty's clock as the lists show them, written in Python: a console list of 50
rows used to include two small templates per row for them, the largest part of its rendering
(bench/province.py --only console, profiled).

    {% load deadline_tags %}
    {% due_date due_on provisional %}
    {% clock_cell clock due_on=… provisional=… problem=… on_time=… late=… %}
"""

import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gongkai.obligations.rules import State

register = template.Library()


@register.simple_tag
def due_date(due_on: datetime.date | None, provisional: bool = False) -> SafeString:
    """The due day, marked 暂定 when it was counted in a year whose holiday notice is not
    loaded (the 放假办法's rules stood in for it)."""
    if not due_on:
        return mark_safe("")
    day = date_filter(due_on, "Y-m-d")
    if not provisional:
        return format_html("{}", day)
    return format_html(
        '{} <span class="badge warn" title="{}">{}</span>',
        day,
        _("节假日安排尚未公布，按放假办法暂定计算"),
        _("暂定"),
    )


def _badge(kind: str, text: str) -> SafeString:
    classes = f"badge {kind}" if kind else "badge"
    return format_html('<span class="{}">{}</span>', classes, text)


@register.simple_tag
def clock_cell(
    clock,
    due_on: datetime.date | None = None,
    provisional: bool = False,
    problem: str = "",
    on_time: str = "",
    late: str = "",
) -> SafeString:
    """A due-date cell from the obligations ledger: the due day, then the clock's state —
    overdue or due soon while open; once done, in time or late as the ledger counted it (a
    done duty without a due day claims neither). `on_time` and `late` name the duty's
    outcome ("已按时答复")."""
    state = getattr(clock, "state", None)
    if clock and clock.is_done_unknown:
        badge = _badge("", _("未能核对是否按时"))
    elif state == State.DONE_ON_TIME:
        badge = _badge("ok", on_time)
    elif state == State.DONE_LATE:
        badge = _badge("bad", late)
    elif state == State.OVERDUE:
        badge = _badge("bad", _("逾期"))
    elif state == State.DUE_SOON:
        badge = _badge("warn", _("即将到期"))
    elif not due_on:
        if problem:
            badge = format_html(
                '{} <span class="muted">{}</span>', _badge("warn", _("期限未定")), problem
            )
        else:
            badge = mark_safe("—")
    else:
        badge = mark_safe("")
    if not due_on:
        return badge
    if not badge:
        return due_date(due_on, provisional)
    return format_html("{} {}", due_date(due_on, provisional), badge)
