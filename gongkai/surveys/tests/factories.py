"""Factories for survey tests and the demo: a survey with one question of each kind."""

import datetime
from typing import Any

from gongkai.surveys import services
from gongkai.surveys.models import Survey
from gongkai.surveys.rules import QuestionSpec

QUESTIONS = (
    QuestionSpec(
        1, "您最常去哪类机构就诊？", "single", options=("社区卫生服务中心", "县医院", "市级医院")
    ),
    QuestionSpec(
        2,
        "您希望增加哪些服务？",
        "multiple",
        options=("夜间门诊", "家庭医生", "网上预约"),
        max_choices=2,
    ),
    QuestionSpec(
        3,
        "您对目前的就医便利程度是否满意？",
        "scale",
        scale_low_label="很不满意",
        scale_high_label="非常满意",
    ),
    QuestionSpec(4, "其他意见和建议", "text", is_required=False),
)


def survey_values(**overrides: Any) -> dict[str, Any]:
    tz = datetime.timezone(datetime.timedelta(hours=8))
    values: dict[str, Any] = {
        "title": "基层医疗服务便利度问卷调查",
        "description": "为制定《基层医疗卫生服务能力提升方案》，了解群众就医需求。",
        "opens_at": datetime.datetime(2026, 11, 10, 9, 0, tzinfo=tz),
        "closes_at": datetime.datetime(2026, 11, 30, 17, 0, tzinfo=tz),
        "network_daily_cap": 30,
    }
    values.update(overrides)
    return values


def make_survey(*, agency, clerk, questions=QUESTIONS, opened: bool = True, **overrides) -> Survey:
    survey = services.create_survey(agency=agency, actor=clerk, values=survey_values(**overrides))
    services.save_questions(survey=survey, actor=clerk, questions=questions)
    if opened:
        services.open_survey(survey=survey, actor=clerk)
        survey.refresh_from_db()
    return survey


def answers_for(survey: Survey, *, single=0, multiple=(0,), scale=4, text="") -> dict:
    """The form's values for the factory's questions: option indexes, a scale value, a text."""
    questions = {q.number: q for q in survey.questions.prefetch_related("options")}
    sent: dict[int, list[str]] = {}
    options = list(questions[1].options.all())
    sent[1] = [str(options[single].pk)]
    options = list(questions[2].options.all())
    sent[2] = [str(options[i].pk) for i in multiple]
    sent[3] = [str(scale)] if scale else []
    sent[4] = [text]
    return sent
