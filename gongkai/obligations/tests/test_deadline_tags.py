"""The due-day and clock cells of the lists (templatetags/deadline_tags.py), state by state."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from gongkai.obligations.rules import State

DAY = datetime.date(2026, 11, 16)


def clock(state, *, done_unknown=False):
    return SimpleNamespace(state=state, is_done_unknown=done_unknown)


def cell(**context) -> str:
    template = Template(
        "{% load deadline_tags %}{% clock_cell clock due_on=due_on provisional=provisional "
        "problem=problem on_time='按时答复' late='逾期答复' %}"
    )
    values = {"clock": None, "due_on": None, "provisional": False, "problem": ""}
    return template.render(Context({**values, **context}))


@pytest.mark.parametrize(
    ("context", "html"),
    [
        ({"clock": clock(State.OPEN), "due_on": DAY}, "2026-11-16"),
        (
            {"clock": clock(State.DUE_SOON), "due_on": DAY},
            '2026-11-16 <span class="badge warn">即将到期</span>',
        ),
        (
            {"clock": clock(State.OVERDUE), "due_on": DAY},
            '2026-11-16 <span class="badge bad">逾期</span>',
        ),
        (
            {"clock": clock(State.DONE_ON_TIME), "due_on": DAY},
            '2026-11-16 <span class="badge ok">按时答复</span>',
        ),
        (
            {"clock": clock(State.DONE_LATE), "due_on": DAY},
            '2026-11-16 <span class="badge bad">逾期答复</span>',
        ),
        # Done without a due day: neither in time nor late may be claimed.
        (
            {"clock": clock(State.DONE_ON_TIME, done_unknown=True)},
            '<span class="badge">未能核对是否按时</span>',
        ),
        ({"clock": None}, "—"),
        (
            {"clock": clock(State.NO_DUE_DATE), "problem": "未载入<2027>年日历"},
            '<span class="badge warn">期限未定</span> '
            '<span class="muted">未载入&lt;2027&gt;年日历</span>',
        ),
        (
            {"clock": clock(State.OPEN), "due_on": DAY, "provisional": True},
            '2026-11-16 <span class="badge warn" title="节假日安排尚未公布，按放假办法暂定计算">'
            "暂定</span>",
        ),
    ],
)
def test_clock_cell(context, html):
    assert cell(**context) == html


def test_due_date_is_empty_without_a_day():
    template = Template("{% load deadline_tags %}[{% due_date day provisional %}]")
    assert template.render(Context({"day": None, "provisional": True})) == "[]"
    assert template.render(Context({"day": DAY, "provisional": False})) == "[2026-11-16]"
