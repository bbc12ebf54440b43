"""Surveys' state changes: opening, one response per respondent, the network cap, the period,
the review of free text and the published results."""

import datetime

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.surveys import services
from gongkai.surveys.errors import AlreadyAnswered, NetworkCapReached, SurveyError
from gongkai.surveys.models import Answer, Response, SurveyStatus, TextReview
from gongkai.surveys.rules import QuestionSpec
from gongkai.surveys.tests.factories import answers_for, make_survey

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def survey(agency, clerk):
    return make_survey(agency=agency, clerk=clerk)


def test_a_survey_without_questions_cannot_open(agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk, questions=(), opened=False)
    with pytest.raises(SurveyError, match="至少要有一道题目"):
        services.open_survey(survey=survey, actor=clerk)


def test_a_bad_question_is_refused_and_the_old_ones_stay(agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk, opened=False)
    with pytest.raises(SurveyError, match="第1题"):
        services.save_questions(
            survey=survey,
            actor=clerk,
            questions=[QuestionSpec(1, "题目", "single", options=("甲",))],
        )
    assert survey.questions.count() == 4


def test_second_response_of_the_same_browser_is_refused(survey):
    services.submit_response(
        survey=survey, token="tok-1", address="198.51.100.1", sent=answers_for(survey)
    )
    with pytest.raises(AlreadyAnswered):
        services.submit_response(
            survey=survey, token="tok-1", address="192.0.2.9", sent=answers_for(survey)
        )
    services.submit_response(
        survey=survey, token="tok-2", address="198.51.100.1", sent=answers_for(survey)
    )
    assert Response.objects.filter(survey=survey).count() == 2
    # Neither the token nor the address is stored in clear.
    keys = list(Response.objects.values_list("respondent_key", flat=True))
    assert "tok-1" not in "".join(keys)
    assert all(len(k) == 64 for k in keys)


def test_the_network_cap_counts_per_day(agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk, network_daily_cap=2)
    for n in range(2):
        services.submit_response(
            survey=survey, token=f"t{n}", address="203.0.113.5", sent=answers_for(survey)
        )
    with pytest.raises(NetworkCapReached):
        services.submit_response(
            survey=survey, token="t9", address="203.0.113.77", sent=answers_for(survey)
        )
    services.submit_response(
        survey=survey, token="t9", address="192.0.2.1", sent=answers_for(survey)
    )
    with time_machine.travel(datetime.datetime(2026, 11, 17, 10, tzinfo=TZ)):
        services.submit_response(
            survey=survey, token="t10", address="203.0.113.5", sent=answers_for(survey)
        )


def test_answers_only_within_the_period(survey):
    with (
        time_machine.travel(datetime.datetime(2026, 11, 10, 8, 59, tzinfo=TZ)),
        pytest.raises(SurveyError, match="不在答卷时间内"),
    ):
        services.submit_response(
            survey=survey, token="a", address="192.0.2.1", sent=answers_for(survey)
        )
    with (
        time_machine.travel(datetime.datetime(2026, 11, 30, 17, 0, tzinfo=TZ)),
        pytest.raises(SurveyError, match="不在答卷时间内"),
    ):
        services.submit_response(
            survey=survey, token="b", address="192.0.2.1", sent=answers_for(survey)
        )
    assert not Response.objects.exists()


def test_a_response_with_problems_saves_nothing(survey):
    sent = answers_for(survey, multiple=(0, 1, 2), scale=0)
    with pytest.raises(SurveyError) as caught:
        services.submit_response(survey=survey, token="a", address="192.0.2.1", sent=sent)
    assert set(caught.value.problems) == {2, 3}
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_results_after_review_with_withheld_text(survey, clerk, reviewer):
    for n, (single, multiple, scale, text) in enumerate(
        [
            (0, (0, 1), 5, "希望延长门诊时间"),
            (0, (1,), 4, "请联系我 13812345678"),
            (1, (2,), 3, ""),
            (2, (0, 2), 4, "挺好"),
        ]
    ):
        services.submit_response(
            survey=survey,
            token=f"r{n}",
            address=f"192.0.{n}.1",
            sent=answers_for(survey, single=single, multiple=multiple, scale=scale, text=text),
        )
    with pytest.raises(SurveyError):
        services.publish_results(survey=survey, actor=reviewer)
    services.close_survey(survey=survey, actor=clerk)
    with pytest.raises(SurveyError, match="3条文字回答未审核"):
        services.publish_results(survey=survey, actor=reviewer)
    texts = {a.text: a.pk for a in Answer.objects.filter(text_review=TextReview.PENDING)}
    with pytest.raises(SurveyError, match="个人信息"):
        services.review_text_answers(
            survey=survey, actor=clerk, decisions={texts["请联系我 13812345678"]: "shown"}
        )
    services.review_text_answers(
        survey=survey,
        actor=clerk,
        decisions={
            texts["希望延长门诊时间"]: "shown",
            texts["请联系我 13812345678"]: "withheld",
            texts["挺好"]: "withheld",
        },
    )
    services.publish_results(survey=survey, actor=reviewer, note="结果已用于修改方案第三条。")
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.RESULTS
    single, multiple, scale, text = services.results(survey)
    assert [(o.count, o.percent) for o in single.options] == [(2, 50.0), (1, 25.0), (1, 25.0)]
    assert [o.count for o in multiple.options] == [2, 2, 2]
    assert scale.distribution == [0, 0, 1, 2, 1]
    assert scale.mean == 4.0
    assert text.texts == ["希望延长门诊时间"]
    assert text.withheld == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"survey.open", "survey.respond", "survey.close", "survey.review_text"} <= actions
    assert "survey.publish_results" in actions


def test_after_opening_only_a_later_closing_time(survey, clerk):
    with pytest.raises(SurveyError):
        services.update_survey(survey=survey, actor=clerk, values={"title": "新名称"})
    with pytest.raises(SurveyError, match="只能推迟"):
        services.update_survey(
            survey=survey,
            actor=clerk,
            values={"closes_at": datetime.datetime(2026, 11, 20, tzinfo=TZ)},
        )
    later = datetime.datetime(2026, 12, 5, tzinfo=TZ)
    services.update_survey(survey=survey, actor=clerk, values={"closes_at": later})
    survey.refresh_from_db()
    assert survey.closes_at == later


def test_one_time_codes_one_response_each_and_not_linked(agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk, respondent_rule="code", opened=False)
    first, second = services.issue_codes(survey=survey, actor=clerk, count=2)
    assert len(first) == 11  # ABCDE-FGHJK
    services.open_survey(survey=survey, actor=clerk)
    with pytest.raises(SurveyError, match="请填写参与码"):
        services.submit_response(
            survey=survey, token="t", address="192.0.2.1", sent=answers_for(survey)
        )
    with pytest.raises(SurveyError, match="参与码不正确"):
        services.submit_response(
            survey=survey,
            token="t",
            address="192.0.2.1",
            sent=answers_for(survey),
            code="ZZZZZ-ZZZZZ",
        )
    services.submit_response(
        survey=survey, token="t", address="192.0.2.1", sent=answers_for(survey), code=first.lower()
    )
    with pytest.raises(AlreadyAnswered):
        services.submit_response(
            survey=survey, token="other", address="192.0.2.9", sent=answers_for(survey), code=first
        )
    # The same browser with another code is another person of the population.
    services.submit_response(
        survey=survey, token="t", address="192.0.2.1", sent=answers_for(survey), code=second
    )
    assert Response.objects.filter(survey=survey).count() == 2
    stored = "".join(survey.access_codes.values_list("code_key", flat=True))
    assert first.replace("-", "") not in stored
    with pytest.raises(SurveyError, match="不使用参与码"):
        services.issue_codes(survey=make_survey(agency=agency, clerk=clerk), actor=clerk, count=1)
