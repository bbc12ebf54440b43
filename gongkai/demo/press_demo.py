"""The demo county's 新闻发布: its spokespeople (the director as 第一新闻发言人), a held press
conference on the family-doctor policy with its transcript published as the director's
interpretation, a held briefing on the food-poisoning 舆情 with its transcript waiting for
review, a planned conference announced, an online interview held with answered questions and
its transcript, and one taking questions now; a drafting office's interpretation besides.
Marked 【演示】; dates relative to today, told on their own days (history.py)."""

import datetime

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK
from gongkai.documents.models import Document, DocumentType, InterpreterRole
from gongkai.participation.models import OpinionEvent
from gongkai.press import publication, services
from gongkai.press.models import EventKind, PressEvent


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _at(days: int, hour: int = 10) -> datetime.datetime:
    moment = datetime.datetime.combine(_day(days), datetime.time(hour))
    return timezone.make_aware(moment)


def _values(**overrides) -> dict:
    values = {
        "kind": EventKind.CONFERENCE,
        "topic": "",
        "starts_at": None,
        "place": "演示县卫生健康局三楼新闻发布厅",
        "summary": "",
        "media": "演示县融媒体中心\n演示市日报\n演示市广播电视台",
        "policy": None,
        "opinion_event": None,
        "accepts_questions": False,
    }
    values.update(overrides)
    return values


def load_press(agency: Agency, users: dict) -> None:
    """Everything once (idempotent)."""
    if PressEvent.objects.filter(agency=agency, topic__startswith=DEMO_MARK).exists():
        return
    if publication.catalogue_item(agency) is None:
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    with on_day(_day(-400)):
        director = services.create_spokesperson(
            agency=agency,
            actor=publisher,
            values={
                "name": "陈明",
                "post": "党组书记、局长",
                "term_starts_on": _day(-400),
                "is_first": True,
                "position": 0,
            },
        )
        deputy = services.create_spokesperson(
            agency=agency,
            actor=publisher,
            values={
                "name": "林静",
                "post": "党组成员、副局长",
                "term_starts_on": _day(-400),
                "position": 1,
            },
        )
        services.create_spokesperson(
            agency=agency,
            actor=publisher,
            values={
                "name": "赵一帆",
                "post": "办公室主任",
                "term_starts_on": _day(-400),
                "contact": "0356-7010012",
                "position": 2,
            },
        )
    _policy_conference(agency, publisher, reviewer, director, deputy)
    _opinion_briefing(agency, publisher, deputy)
    _planned_conference(agency, publisher, deputy)
    _interviews(agency, publisher, reviewer, director, deputy)
    _drafting_office_interpretation(agency, publisher, reviewer)


def _policy_conference(agency, publisher, reviewer, director, deputy) -> None:
    policy = (
        Document.objects.filter(
            agency=agency,
            title__contains="家庭医生签约服务管理办法",
            document_type=DocumentType.NORMATIVE,
            status="published",
        )
        .order_by("pk")
        .first()
    )
    with on_day(_day(-12), 9):
        event = services.plan_event(
            agency=agency,
            actor=publisher,
            values=_values(
                topic=f"{DEMO_MARK}《演示县家庭医生签约服务管理办法》新闻发布会",
                starts_at=_at(-5),
                summary="介绍管理办法的出台背景、主要内容和居民签约的办理方式。",
                policy=policy,
            ),
            speakers=[
                {"spokesperson": director},
                {"name": "周华", "role": "县卫生健康局基层卫生股股长"},
            ],
        )
        services.announce_event(event=event, actor=publisher)
    with on_day(_day(-5), 12):
        services.hold_event(event=event, actor=publisher)
    with on_day(_day(-4), 15):
        services.record_transcript(
            event=event,
            actor=publisher,
            transcript=(
                "主持人：各位媒体朋友，上午好！今天我们召开新闻发布会，介绍《演示县家庭医生签约"
                "服务管理办法》。\n陈明：管理办法明确了签约对象、服务内容和考核办法……"
                "（演示实录）\n记者：签约后居民能得到哪些服务？\n周华：基本医疗、公共卫生和"
                "健康管理服务……"
            ),
            materials="《演示县家庭医生签约服务管理办法》答记者问（演示）",
        )
    with on_day(_day(-3), 10):
        publication.publish_transcript(
            event=event,
            actor=reviewer,
            interpreter_role=InterpreterRole.PRINCIPAL if policy else "",
            interpreter_name=director.name if policy else "",
            interpreter_post=director.post if policy else "",
        )


def _opinion_briefing(agency, publisher, deputy) -> None:
    # The press conference the demo's food-poisoning 舆情 records among its responses.
    opinion = (
        OpinionEvent.objects.filter(agency=agency, title__contains="食物中毒")
        .order_by("pk")
        .first()
    )
    starts_at = (
        opinion.responses.filter(kind="press_conference")
        .values_list("responded_at", flat=True)
        .first()
        if opinion
        else None
    ) or _at(-4)
    with on_day(timezone.localdate(starts_at) - datetime.timedelta(days=1), 9):
        event = services.plan_event(
            agency=agency,
            actor=publisher,
            values=_values(
                kind=EventKind.BRIEFING,
                topic=f"{DEMO_MARK}县人民医院职工食堂就餐人员不适情况媒体通气会",
                starts_at=starts_at,
                summary="通报救治情况和初步调查结果，回答记者提问。",
                opinion_event=opinion,
            ),
            speakers=[{"spokesperson": deputy}, {"name": "吴涛", "role": "县人民医院院长"}],
        )
    ended = timezone.localtime(starts_at + datetime.timedelta(hours=2))
    with on_day(ended.date(), ended.hour, ended.minute):
        services.hold_event(event=event, actor=publisher)
        services.record_transcript(
            event=event,
            actor=publisher,
            transcript="林静：……目前就医人员病情平稳。（演示实录，待审核公开）",
        )


def _planned_conference(agency, publisher, deputy) -> None:
    event = services.plan_event(
        agency=agency,
        actor=publisher,
        values=_values(
            topic=f"{DEMO_MARK}冬春季传染病防控工作新闻发布会",
            starts_at=_at(7, 15),
            summary="介绍冬春季流感等呼吸道传染病防控措施和就医提示。",
        ),
        speakers=[{"spokesperson": deputy}, {"name": "郑蓉", "role": "县疾病预防控制中心主任"}],
    )
    services.announce_event(event=event, actor=publisher)


def _interviews(agency, publisher, reviewer, director, deputy) -> None:
    with on_day(_day(-20), 9):
        held = services.plan_event(
            agency=agency,
            actor=publisher,
            values=_values(
                kind=EventKind.ONLINE,
                topic=f"{DEMO_MARK}“基层医疗服务能力提升”在线访谈",
                starts_at=_at(-10, 15),
                place="演示县人民政府门户网站访谈直播间",
                media="",
                summary="县卫生健康局负责同志与网民在线交流基层医疗服务能力提升工作。",
                accepts_questions=True,
            ),
            speakers=[{"spokesperson": director}, {"spokesperson": deputy}],
        )
        services.announce_event(event=held, actor=publisher)
    asked = [
        ("乡镇卫生院什么时候能做CT检查？", "青山居民", "accept", "", director),
        ("家庭医生能上门看病吗？", "", "accept", "", deputy),
        ("推销保健品，欢迎咨询", "某公司", "reject", "与访谈主题无关的广告", None),
    ]
    questions = []
    for n, (body, name, _decision, _reason, _speaker) in enumerate(asked):
        with on_day(_day(-15 + n), 20):
            questions.append(services.submit_question(event=held, body=body, asker_name=name))
    with on_day(_day(-11), 9):
        for question, (_body, _name, decision, reason, _speaker) in zip(
            questions, asked, strict=True
        ):
            services.moderate_question(
                question=question, actor=publisher, decision=decision, reason=reason
            )
        services.close_questions(event=held, actor=publisher)
    speakers = {s.spokesperson_id: s for s in held.speakers.all()}
    answers = [
        "今年年内全县中心卫生院将配齐CT，青山镇卫生院预计下半年投入使用。（演示）",
        "对行动不便的签约居民，家庭医生团队可按约定提供上门服务。（演示）",
    ]
    with on_day(_day(-10), 16):
        services.hold_event(event=held, actor=publisher)
        for question, answer, (_b, _n, _d, _r, speaker) in zip(
            questions[:2], answers, asked[:2], strict=True
        ):
            services.answer_question(
                question=question, actor=publisher, answer=answer, speaker=speakers[speaker.pk]
            )
        services.record_transcript(
            event=held,
            actor=publisher,
            transcript="主持人：各位网友，下午好！欢迎收看本期在线访谈……（演示实录）",
        )
    with on_day(_day(-9), 10):
        publication.publish_transcript(event=held, actor=reviewer)

    # One taking questions now: anyone can ask on the portal.
    upcoming = services.plan_event(
        agency=agency,
        actor=publisher,
        values=_values(
            kind=EventKind.ONLINE,
            topic=f"{DEMO_MARK}“儿童青少年近视防控”在线访谈",
            starts_at=_at(10, 15),
            place="演示县人民政府门户网站访谈直播间",
            media="",
            summary="欢迎网民围绕儿童青少年近视防控提出问题，访谈中择要答复。",
            accepts_questions=True,
        ),
        speakers=[{"spokesperson": deputy}, {"name": "孙悦", "role": "县人民医院眼科主任"}],
    )
    services.announce_event(event=upcoming, actor=publisher)
    question = services.submit_question(
        event=upcoming, body="孩子每天看屏幕多久合适？", asker_name="家长"
    )
    services.moderate_question(question=question, actor=publisher, decision="accept")


def _drafting_office_interpretation(agency, publisher, reviewer) -> None:
    """The drafting office's interpretation of the same policy, by the documents workflow."""
    from gongkai.demo.loading import _demo_values, publish_reviewed
    from gongkai.documents import services as documents
    from gongkai.documents.models import LinkKind

    policy = (
        Document.objects.filter(
            agency=agency, title__contains="家庭医生签约服务管理办法", status="published"
        )
        .exclude(document_type=DocumentType.INTERPRETATION)
        .order_by("pk")
        .first()
    )
    item = publication.catalogue_item(agency)
    if policy is None or item is None:
        return
    record = documents.create_draft(
        agency=agency,
        actor=publisher,
        values=_demo_values(
            agency,
            title=f"{DEMO_MARK}图解《演示县家庭医生签约服务管理办法》",
            document_type=DocumentType.INTERPRETATION,
            catalogue_item=item,
            formed_on=timezone.localdate() - datetime.timedelta(days=2),
            interpretation_form="graphic",
            interpreter_role=InterpreterRole.DRAFTING_OFFICE,
            interpreter_name="县卫生健康局基层卫生股",
            summary="一图读懂家庭医生签约服务。",
            body="<p>签约对象、服务内容、签约方式……（演示）</p>",
        ),
        issuers=[agency.name],
    )
    documents.link_documents(
        source=record, target=policy, kind=LinkKind.INTERPRETS, actor=publisher
    )
    publish_reviewed(record, publisher=publisher, reviewer=reviewer)
