"""The pure rules of surveys: question validation, checking answers, keys and the results."""

import datetime

from gongkai.surveys import rules
from gongkai.surveys.rules import QuestionSpec

Q = QuestionSpec


def test_choice_questions_need_two_distinct_options():
    assert "options" in rules.question_problems(Q(1, "题目", "single", options=("只有一个",)))
    assert "options" in rules.question_problems(Q(1, "题目", "single", options=("甲", "甲")))
    assert rules.question_problems(Q(1, "题目", "single", options=("甲", "乙"))) == {}


def test_max_choices_only_for_multiple_and_within_the_options():
    problems = rules.question_problems(Q(1, "题目", "single", options=("甲", "乙"), max_choices=1))
    assert "max_choices" in problems
    problems = rules.question_problems(
        Q(1, "题目", "multiple", options=("甲", "乙"), max_choices=3)
    )
    assert "max_choices" in problems
    assert (
        rules.question_problems(Q(1, "题", "multiple", options=("甲", "乙"), max_choices=2)) == {}
    )


def test_text_and_scale_questions_take_no_options_and_need_a_text():
    assert "options" in rules.question_problems(Q(1, "题目", "text", options=("甲", "乙")))
    assert "text" in rules.question_problems(Q(1, " ", "scale"))
    assert "scale_low_label" in rules.question_problems(Q(1, "题目", "text", scale_low_label="低"))
    assert "kind" in rules.question_problems(Q(1, "题目", "ranking"))


def test_answers_are_checked_in_one_round():
    questions = [
        Q(1, "单选", "single", options=("甲", "乙"), option_ids=(11, 12)),
        Q(
            2,
            "多选",
            "multiple",
            options=("甲", "乙", "丙"),
            option_ids=(21, 22, 23),
            max_choices=2,
        ),
        Q(3, "量表", "scale"),
        Q(4, "文字", "text", is_required=False),
    ]
    answers, problems = rules.check_answers(
        questions, {1: ["11", "12"], 2: ["21", "22", "23"], 3: ["7"], 4: ["好" * 11]}, text_limit=10
    )
    assert answers == []
    assert set(problems) == {1, 2, 3, 4}
    assert "2" in problems[2]
    answers, problems = rules.check_answers(
        questions, {1: ["12"], 2: ["21", "23"], 3: ["5"], 4: [""]}, text_limit=10
    )
    assert problems == {}
    assert [a.option_ids for a in answers[:2]] == [(12,), (21, 23)]
    assert answers[2].scale_value == 5


def test_an_option_of_another_question_is_refused():
    question = Q(1, "单选", "single", options=("甲", "乙"), option_ids=(11, 12))
    answer, problem = rules.check_answer(question, ["99"], text_limit=10)
    assert answer is None
    assert "不属于本题" in problem


def test_respondent_key_differs_per_survey_and_network_key_per_day():
    secret = b"k" * 32
    one = rules.respondent_key(secret, survey_id=1, token="abc")
    assert one == rules.respondent_key(secret, survey_id=1, token="abc")
    assert one != rules.respondent_key(secret, survey_id=2, token="abc")
    day = datetime.date(2026, 11, 16)
    a = rules.network_key(secret, survey_id=1, address="203.0.113.7", day=day)
    assert a == rules.network_key(secret, survey_id=1, address="203.0.113.200", day=day)
    assert a != rules.network_key(secret, survey_id=1, address="203.0.114.7", day=day)
    assert a != rules.network_key(
        secret, survey_id=1, address="203.0.113.7", day=day + datetime.timedelta(days=1)
    )
    assert rules.network_of("2001:db8:1:2::5") == "2001:db8:1::/48"


def test_tally_counts_percentages_of_those_who_answered():
    question = Q(1, "多选", "multiple", options=("甲", "乙", "丙"), option_ids=(1, 2, 3))
    result = rules.tally(question, chosen=[[1, 2], [1], [3], []])
    assert result.answered == 3
    assert [(o.count, o.percent) for o in result.options] == [(2, 66.7), (1, 33.3), (1, 33.3)]


def test_tally_scale_mean_and_distribution_and_withheld_text():
    result = rules.tally(Q(1, "量表", "scale"), scale_values=[5, 4, 4, 1])
    assert result.distribution == [1, 0, 0, 2, 1]
    assert result.mean == 3.5
    assert rules.tally(Q(1, "量表", "scale")).mean is None
    text = rules.tally(Q(2, "文字", "text"), shown_texts=["好"], withheld=2)
    assert (text.answered, text.withheld, text.texts) == (3, 2, ["好"])


def test_answers_are_taken_from_opening_until_closing_exclusive():
    tz = datetime.UTC
    opens = datetime.datetime(2026, 11, 1, tzinfo=tz)
    closes = datetime.datetime(2026, 11, 2, tzinfo=tz)
    assert rules.accepts_answers_at(opens, opens_at=opens, closes_at=closes)
    assert not rules.accepts_answers_at(closes, opens_at=opens, closes_at=closes)
    assert not rules.accepts_answers_at(
        opens - datetime.timedelta(seconds=1), opens_at=opens, closes_at=closes
    )
