"""Consultation rules, table-driven: the period, clause splitting, closing, the feedback."""

import datetime

import pytest

from gongkai.participation import consultations as rules
from gongkai.participation.consultations import CommentFacts
from gongkai.participation.models import Disposition

D = datetime.date


@pytest.mark.parametrize(
    ("opens", "closes", "reason", "problem_field"),
    [
        (D(2026, 11, 1), D(2026, 12, 1), "", None),  # 30 days: 1 November not counted
        (D(2026, 11, 1), D(2026, 11, 30), "", "short_period_reason"),  # 29 days
        (D(2026, 11, 1), D(2026, 11, 30), "上级要求年底前印发。", None),
        (D(2026, 11, 30), D(2026, 11, 1), "", "closes_on"),
        (None, D(2026, 11, 1), "", "opens_on"),
    ],
)
def test_period_problems(opens, closes, reason, problem_field):
    problems = rules.period_problems(
        opens_on=opens, closes_on=closes, minimum_days=30, short_period_reason=reason
    )
    if problem_field is None:
        assert problems == {}
    else:
        assert problem_field in problems


@pytest.mark.parametrize(
    ("opens", "closes", "days", "short_of_30"),
    [
        # The opening day is not counted (民法典第二百零一条), as for every other period.
        (D(2026, 3, 1), D(2026, 3, 30), 29, True),  # the example
        (D(2026, 3, 1), D(2026, 3, 31), 30, False),
        (D(2026, 11, 1), D(2026, 11, 30), 29, True),
        (D(2026, 11, 1), D(2026, 12, 1), 30, False),
        (D(2026, 12, 15), D(2027, 1, 14), 30, False),  # across the turn of the year
        (D(2028, 2, 1), D(2028, 3, 1), 29, True),  # a leap February
        (D(2026, 11, 1), D(2026, 11, 2), 1, True),
        (D(2026, 11, 1), D(2026, 11, 1), 0, True),
    ],
)
def test_period_days_do_not_count_the_opening_day(opens, closes, days, short_of_30):
    assert rules.period_days(opens, closes) == days
    assert rules.is_short_period(opens, closes, 30) is short_of_30


def test_the_short_period_warning_states_the_days_without_the_opening_day():
    problems = rules.period_problems(
        opens_on=D(2026, 3, 1), closes_on=D(2026, 3, 30), minimum_days=30, short_period_reason=""
    )
    assert problems["short_period_reason"] == (
        "征求意见期限为29日，短于本机关规定的30日，请说明理由（将在页面上公开）。"
    )


@pytest.mark.parametrize(
    ("day", "accepts"),
    [
        (D(2026, 10, 31), False),
        (D(2026, 11, 1), True),
        (D(2026, 11, 30), True),
        (D(2026, 12, 1), False),
    ],
)
def test_comments_accepted_from_opening_to_closing_day(day, accepts):
    assert (
        rules.accepts_comments_on(day, opens_on=D(2026, 11, 1), closes_on=D(2026, 11, 30))
        is accepts
    )


def test_split_on_articles_keeps_the_preamble():
    text = (
        "某某办法（征求意见稿）\n第一章 总则\n第一条 为了规范管理，制定本办法。\n"
        "第二条 本办法适用于全县。\n  适用范围另行规定。\n第十二条 本办法自发布之日起施行。"
    )
    clauses = rules.split_into_clauses(text)
    assert [c.heading for c in clauses] == ["第一条", "第二条", "第十二条"]
    assert clauses[0].text.startswith("某某办法（征求意见稿）")
    assert "为了规范管理" in clauses[0].text
    assert clauses[1].text == "本办法适用于全县。\n  适用范围另行规定。"


def test_split_on_numbered_headings():
    clauses = rules.split_into_clauses("一、总体要求\n加强管理。\n二、主要任务\n做好公开。")
    assert [(c.heading, c.text) for c in clauses] == [
        ("一、总体要求", "加强管理。"),
        ("二、主要任务", "做好公开。"),
    ]
    long_items = rules.split_into_clauses(
        "1. 各医疗机构应当在门诊大厅公示收费标准和投诉电话。\n"
        "2. 本规定自印发之日起施行，由县卫生健康局负责解释。"
    )
    assert [c.heading for c in long_items] == ["", ""]
    assert long_items[1].text.startswith("2. 本规定")


def test_split_on_paragraphs():
    clauses = rules.split_into_clauses("第一段内容。\n\n第二段内容。\n\n\n")
    assert [c.text for c in clauses] == ["第一段内容。", "第二段内容。"]
    assert rules.split_into_clauses("   ") == []


def facts(pk, **kw):
    kw.setdefault("body", f"意见{pk}")
    kw.setdefault("clause_number", None)
    return CommentFacts(pk=pk, **kw)


AFTER = D(2026, 12, 1)
CLOSES = D(2026, 11, 30)


@pytest.mark.parametrize(
    ("comments", "today", "expected"),
    [
        ([], AFTER, []),
        ([], CLOSES, ["截止日期"]),
        ([facts(1)], AFTER, ["未作采纳处理"]),
        ([facts(1, disposition=Disposition.ADOPTED)], AFTER, []),
        ([facts(1, disposition=Disposition.NOT_ADOPTED)], AFTER, ["未写明理由"]),
        ([facts(1, disposition=Disposition.NOT_ADOPTED, reason="与上位法不符。")], AFTER, []),
        ([facts(1, rejected=True)], AFTER, []),  # abusive content is not an opinion
        ([facts(1, awaiting_moderation=True, disposition="adopted")], AFTER, ["待审核"]),
    ],
)
def test_closing_requires_a_disposition_on_every_comment(comments, today, expected):
    problems = rules.closing_problems(comments, today=today, closes_on=CLOSES)
    assert len(problems) == len(expected)
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem


@pytest.mark.parametrize(
    ("disposition", "reason", "ok"),
    [
        ("adopted", "", True),
        ("partly_adopted", "", False),
        ("partly_adopted", "部分内容已有规定。", True),
        ("not_adopted", "  ", False),
        ("", "", False),
    ],
)
def test_disposition_needs_a_reason_unless_adopted(disposition, reason, ok):
    assert (rules.disposition_problem(disposition, reason) == "") is ok


def test_feedback_counts_and_sections():
    comments = [
        facts(1, disposition="adopted", clause_number=2, clause_heading="第二条"),
        facts(2, disposition="adopted", clause_number=2, clause_heading="第二条", group_lead_pk=1),
        facts(3, disposition="not_adopted", reason="超出本办法范围。"),
        facts(
            4,
            disposition="partly_adopted",
            reason="部分采纳。",
            clause_number=1,
            clause_heading="第一条",
        ),
        facts(5, rejected=True),
    ]
    feedback = rules.compute_feedback(comments)
    assert feedback.total == 4
    assert feedback.counts == {"adopted": 2, "partly_adopted": 1, "not_adopted": 1}
    assert (feedback.distinct, feedback.grouped) == (3, 1)
    assert [s.clause_number for s in feedback.sections] == [None, 1, 2]
    assert feedback.sections[2].items[0].merged_count == 1
    assert [i.pk for i in feedback.not_adopted_items] == [3, 4]


def test_feedback_text_names_the_period_counts_and_reasons():
    feedback = rules.compute_feedback(
        [
            facts(1, disposition="adopted", clause_number=1, clause_heading="第一条"),
            facts(2, disposition="not_adopted", reason="与上位法不符。"),
        ]
    )
    text = rules.feedback_text(
        feedback,
        draft_title="某某办法（征求意见稿）",
        opens_on=D(2026, 11, 1),
        closes_on=D(2026, 11, 30),
        dispositions={"adopted": "采纳", "not_adopted": "不予采纳", "partly_adopted": "部分采纳"},
    )
    assert "2026年11月1日至2026年11月30日" in text
    assert "《某某办法（征求意见稿）》" in text
    assert "共收到意见2条" in text
    assert "其中采纳1条，部分采纳0条，不予采纳1条。" in text
    assert "理由：与上位法不符。" in text
    assert "关于第一条的意见" in text


def test_feedback_title():
    assert rules.feedback_title("某某办法") == "关于《某某办法》征求意见采纳情况的反馈"
    assert rules.feedback_title("《某某办法》") == "关于《某某办法》征求意见采纳情况的反馈"


@pytest.mark.parametrize(
    "text",
    [
        "第一条 为了规范管理。\n第二条 本办法适用于全县。\n  适用范围另行规定。",
        "一、总体要求\n加强管理。\n二、主要任务\n做好公开。",
        "1. 各医疗机构应当在门诊大厅公示收费标准和投诉电话。\n"
        "2. 本规定自印发之日起施行，由县卫生健康局负责解释。",
        "第一段内容。\n\n第二段内容。",
    ],
)
def test_clauses_round_trip_through_text(text):
    clauses = rules.split_into_clauses(text)
    assert rules.split_into_clauses(rules.clauses_as_text(clauses)) == clauses
