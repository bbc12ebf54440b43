"""The demo county's surveys and a hearing: a closed survey on family-doctor services with
its results published (linked to the final plan and its consultation), an open survey on the
service standard now under consultation, and a forum on that draft whose participants were
drawn, with their opinions entered as comments and the minutes published. Marked 【演示】;
made through the services, each step on the day it happened (demo/history.on_day)."""

import datetime
import random

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.demo.history import on_day
from gongkai.participation import hearing_services
from gongkai.participation.models import Consultation, Hearing
from gongkai.surveys import services
from gongkai.surveys.models import Answer, Survey, TextReview
from gongkai.surveys.rules import QuestionSpec

MARK = "【演示】"
CLOSED_TITLE = f"{MARK}家庭医生签约服务满意度调查"
OPEN_TITLE = f"{MARK}基层医疗卫生机构服务公示情况调查"

FAMILY_DOCTOR = (
    QuestionSpec(1, "您是否已签约家庭医生？", "single", options=("已签约", "未签约", "不清楚")),
    QuestionSpec(
        2,
        "您最希望家庭医生提供哪些服务？",
        "multiple",
        options=("上门随访", "慢病用药指导", "预约转诊", "健康咨询"),
        max_choices=2,
    ),
    QuestionSpec(
        3,
        "您对家庭医生签约服务的总体满意程度",
        "scale",
        scale_low_label="很不满意",
        scale_high_label="非常满意",
    ),
    QuestionSpec(4, "您对改进签约服务还有什么建议？", "text", is_required=False),
)
SERVICE_NOTICE = (
    QuestionSpec(
        1,
        "您在乡镇卫生院或社区卫生服务中心看到过收费标准公示吗？",
        "single",
        options=("看到过", "没看到过", "没注意"),
    ),
    QuestionSpec(
        2,
        "您希望通过哪些渠道查询收费标准？",
        "multiple",
        options=("院内公示栏", "微信公众号", "政府网站", "电话咨询"),
    ),
    QuestionSpec(3, "其他意见", "text", is_required=False),
)
SUGGESTIONS = (
    "希望上门随访能覆盖到行动不便的老人。",
    "建议增加周末门诊时间。",
    "签约后希望能有固定的医生联系。",
    "有事请打我电话13800000000（演示）",
    "希望慢病药品能在卫生院开够一个月的量。",
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _answers(survey: Survey, rng: random.Random, *, with_text: bool) -> dict[int, list[str]]:
    sent: dict[int, list[str]] = {}
    for question in services.question_specs(survey):
        if question.kind == "single":
            sent[question.number] = [str(rng.choice(question.option_ids))]
        elif question.kind == "multiple":
            picks = rng.sample(question.option_ids, k=rng.randint(1, question.max_choices or 2))
            sent[question.number] = [str(i) for i in picks]
        elif question.kind == "scale":
            sent[question.number] = [str(rng.choice((2, 3, 4, 4, 5, 5)))]
        else:
            sent[question.number] = [rng.choice(SUGGESTIONS)] if with_text else []
    return sent


def _respond(survey: Survey, rng: random.Random, count: int, first_day: datetime.date) -> None:
    for n in range(count):
        with on_day(first_day + datetime.timedelta(days=n % 10), hour=9 + n % 8):
            services.submit_response(
                survey=survey,
                token=f"demo-{survey.pk}-{n}",
                address=f"198.51.{n % 50}.{n % 200 + 1}",
                sent=_answers(survey, rng, with_text=n % 4 == 0),
            )


def load_surveys(agency: Agency, users: dict) -> None:
    """Both surveys and the forum, once (idempotent)."""
    if Survey.objects.filter(agency=agency, title=CLOSED_TITLE).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    closed_consultation = Consultation.objects.filter(
        agency=agency, draft__title__contains="家庭医生签约服务提质增效实施方案"
    ).first()
    open_consultation = Consultation.objects.filter(
        agency=agency, draft__title__contains="基层医疗卫生机构服务规范", status="open"
    ).first()
    rng = random.Random(2026)  # noqa: S311 - the same demo answers every time, not a secret

    with on_day(today - 62 * day):
        closed = services.create_survey(
            agency=agency,
            actor=publisher,
            values={
                "title": CLOSED_TITLE,
                "description": "为制定家庭医生签约服务提质增效实施方案，了解居民对签约服务的"
                "需求和评价。问卷不记名，约需2分钟。",
                "opens_at": _at(today - 60 * day, 9),
                "closes_at": _at(today - 45 * day, 17),
                "network_daily_cap": 30,
                "consultation": closed_consultation,
                "decision_document": closed_consultation.final_document
                if closed_consultation
                else None,
            },
        )
        services.save_questions(survey=closed, actor=publisher, questions=FAMILY_DOCTOR)
        services.open_survey(survey=closed, actor=publisher)
    _respond(closed, rng, 36, today - 59 * day)
    with on_day(today - 44 * day):
        services.close_survey(survey=closed, actor=publisher)
        decisions = {
            a.pk: TextReview.WITHHELD if services.personal_data_in(a.text) else TextReview.SHOWN
            for a in Answer.objects.filter(response__survey=closed).exclude(text="")
        }
        services.review_text_answers(survey=closed, actor=publisher, decisions=decisions)
    with on_day(today - 43 * day):
        services.publish_results(
            survey=closed,
            actor=reviewer,
            note="多数受访者希望增加上门随访，实施方案第二部分已将老年人上门随访纳入签约服务包。",
        )

    with on_day(today - 4 * day):
        current = services.create_survey(
            agency=agency,
            actor=publisher,
            values={
                "title": OPEN_TITLE,
                "description": "配合《基层医疗卫生机构服务规范（征求意见稿）》征求意见，了解群众"
                "查询收费标准的习惯。",
                "opens_at": _at(today - 3 * day, 9),
                "closes_at": _at(today + 20 * day, 17),
                "network_daily_cap": 30,
                "consultation": open_consultation,
            },
        )
        services.save_questions(survey=current, actor=publisher, questions=SERVICE_NOTICE)
        services.open_survey(survey=current, actor=publisher)
    _respond(current, rng, 3, today - 3 * day)

    if open_consultation is not None:
        _load_forum(open_consultation, publisher, today)


def _load_forum(consultation: Consultation, publisher, today: datetime.date) -> None:
    """A forum on the open draft: six registrations, three seats drawn, held yesterday."""
    if Hearing.objects.filter(consultation=consultation).exists():
        return
    day = datetime.timedelta(days=1)
    with on_day(today - 4 * day, hour=11):
        hearing = hearing_services.create_hearing(
            consultation=consultation,
            actor=publisher,
            values={
                "kind": "forum",
                "topic": f"{MARK}基层医疗卫生机构服务规范座谈会",
                "held_at": _at(today - day, 9),
                "place": "演示县卫生健康局三楼会议室（演示地址）",
                "registration_opens_at": _at(today - 4 * day, 12),
                "registration_closes_at": _at(today - 2 * day, 17),
                "seats": 3,
                "selection_rule": "draw",
                "notes": "本县常住居民、医务人员均可报名；报名人数超过名额时随机抽取。",
            },
        )
        hearing_services.announce_hearing(hearing=hearing, actor=publisher)
    people = [
        ("演示居民甲", "resident"),
        ("演示患者家属乙", "patient"),
        ("演示村医丙", "professional"),
        ("演示居民丁", "resident"),
        ("演示卫生院戊", "institution"),
        ("演示居民己", "resident"),
    ]
    for n, (name, interest) in enumerate(people, start=1):
        with on_day(today - 3 * day, hour=9 + n):
            hearing_services.register(
                hearing=hearing,
                name=name,
                contact=f"1380000{n:04d}",
                interest=interest,
                statement="建议收费标准同时在网上公示。",
            )
    with on_day(today - 2 * day, hour=18):
        hearing_services.commit_draw(hearing=hearing, actor=publisher)
    with on_day(today - 2 * day, hour=19):
        chosen = hearing_services.run_draw(hearing=hearing, actor=publisher)
    with on_day(today - day, hour=12):
        host = hearing_services.add_participant(
            hearing=hearing,
            actor=publisher,
            role="host",
            name="演示县卫生健康局政策法规股",
            show_name=True,
        )
        expert = hearing_services.add_participant(
            hearing=hearing, actor=publisher, role="expert", name="演示医院管理专家"
        )
        speakers = [
            hearing_services.add_participant(
                hearing=hearing, actor=publisher, role="participant", registration=registration
            )
            for registration in hearing.registrations.filter(is_selected=True)
        ]
        hearing_services.mark_held(hearing=hearing, actor=publisher)
        opinions = [
            "建议村卫生室也在门口张贴收费标准。",
            "建议把投诉电话和县卫生健康局监督电话一起公示。",
            "建议公示内容每年至少更新一次。",
        ]
        clauses = {c.number: c for c in consultation.clauses.all()}
        for speaker, body in zip(speakers, opinions, strict=False):
            hearing_services.record_opinion(
                hearing=hearing,
                actor=publisher,
                participant=speaker,
                body=body,
                clause=clauses.get(3),
            )
        hearing_services.record_opinion(
            hearing=hearing,
            actor=publisher,
            participant=expert,
            body="建议明确公示栏的位置和字号，方便老年人阅读。",
            clause=clauses.get(3),
        )
    with on_day(today - day, hour=16):
        hearing_services.publish_minutes(
            hearing=hearing,
            actor=publisher,
            minutes=(
                f"座谈会由{host.name}主持，参加人经随机抽取产生（报名序号{'、'.join(chosen)}），"
                "另邀请医院管理专家一名。\n"
                "与会人员围绕第三条公示要求发言，主要意见：村卫生室同样张贴收费标准；"
                "投诉电话与监督电话一并公示；公示内容定期更新；公示栏便于老年人阅读。\n"
                "以上意见已作为本次征求意见的意见登记，采纳情况将随意见采纳情况反馈公布。"
            ),
        )
