"""Demo: a year of information applications (依申请公开) at the demo county, and a few at the
city and 演示东县, in every state and outcome, so that the clock explanations, the letters, the
lists and the annual report have something to show.

Each application is a small story told through the FOI services, each step on its own past
day (history.on_day): registered or submitted online, assigned, perhaps a 补正, a consultation,
an extension or a fee, then a reply in one of the statutory types, approved by someone other
than its drafter. Stories are dealt from a seeded random generator, so every load of the demo
tells the same year (only query codes, which must be secret, differ)."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from stdnum.cn import ric, uscc

from gongkai.agencies.models import Agency
from gongkai.demo.history import on_day
from gongkai.foi import consultation_services, fee_services, services
from gongkai.foi.consultations import ConsultationParty, ConsultationResult
from gongkai.foi.fees import FeeMethod
from gongkai.foi.models import Application, FeeNoticeService
from gongkai.foi.outcomes import NotHeldReason
from gongkai.foi.receipt import Channel
from gongkai.workdays.calendar import calendar_held

MARK = "（演示）"
SEED = 2026

# What people ask a county health bureau for; (description, document numbers).
REQUESTS = [
    ("2025年度全县基本公共卫生服务项目资金分配及使用情况", ""),
    ("本县各乡镇卫生院2025年度绩效考核结果", ""),
    ("县人民医院新建住院楼项目的立项批复和环评文件", ""),
    ("本县120急救站点设置及平均出车时间统计", ""),
    ("2026年上半年全县医疗机构执业登记、校验名单", ""),
    ("本县村卫生室乡村医生补助发放标准及发放情况", ""),
    ("我所在小区附近诊所的执业许可证及诊疗科目", ""),
    ("县卫生健康局对某口腔诊所投诉的调查处理结果", ""),
    ("2025年全县公共场所卫生监督抽检结果", ""),
    ("本县生活饮用水卫生监测报告（2026年第二季度）", ""),
    ("县疾控中心2025年度预算执行情况", ""),
    ("本县农村部分计划生育家庭奖励扶助对象名单公示情况", ""),
    ("演卫发〔2025〕12号文件全文", "演卫发〔2025〕12号"),
    ("本县家庭医生签约服务收费标准及签约率", ""),
    ("全县二级以上医院医疗服务价格公示文件", ""),
    ("县卫生健康局2025年政府采购合同（医疗设备）", ""),
    ("本县严重精神障碍患者管理经费使用情况", ""),
    ("本人2019年在县人民医院住院期间的病历资料", ""),
    ("某医疗美容机构行政处罚决定书", "演卫罚〔2026〕5号"),
    ("本县职业病诊断机构名单及资质", ""),
    ("县域医共体建设实施方案及年度进展", ""),
    ("2025年度“三公”经费决算明细", ""),
    ("本县出生医学证明办理机构及所需材料", ""),
    ("县卫生健康局内设机构及各股室职责", ""),
    ("2026年事业单位公开招聘卫生专业技术人员的考试成绩及录用名单", ""),
    ("本县新冠疫情期间隔离点征用及补偿文件", ""),
    ("县人民医院院长年度述职报告", ""),
    ("本县学校卫生监督检查情况", ""),
    ("对我单位（某养老机构）医务室的执业检查记录", ""),
    ("本县献血点设置及血液供应情况", ""),
]
NAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"]
ORGANISATIONS = [
    ("business", "演示康泰医药有限公司"),
    ("legal_service", "演示县正和律师事务所"),
    ("research", "演示医学院公共卫生研究所"),
    ("public_interest", "演示县健康促进协会"),
]

REPLIES = {
    "granted": "经审查，您申请获取的政府信息属于公开范围，现随本告知书提供。",
    "partial": "经审查，您申请获取的信息中含有个人隐私，已作区分处理，现提供其余部分。",
    "withheld.1": "经审查，您申请获取的信息属于国家秘密，依法不予公开。",
    "withheld.2": "经审查，您申请获取的信息属于法律、行政法规禁止公开的信息，不予公开。",
    "withheld.3": "经审查，公开该信息可能危及公共安全和社会稳定，不予公开。",
    "withheld.4": "经征求第三方意见，公开会损害第三方合法权益，不予公开。",
    "withheld.5": "您申请获取的是本机关人事管理、后勤管理等内部事务信息，不予公开。",
    "withheld.6": "您申请获取的是讨论记录、过程稿、请示报告等过程性信息，不予公开。",
    "withheld.7": "您申请获取的是行政执法案卷信息，不予公开。",
    "withheld.8": "您申请获取的信息属于行政查询事项，请按有关规定办理查询。",
    "unable.1": "经检索，本机关未制作或获取过您申请的政府信息。",
    "unable.2": "您申请的信息需要对现有信息进行加工、分析后另行制作，本机关不予提供。",
    "unable.3": "经补正后，您申请的内容仍不明确，无法提供。",
    "not_handled.1": "您的申请实为信访、投诉举报，请通过信访渠道反映，"
    "本机关不作为政府信息公开申请处理。",
    "not_handled.2": "您此前已申请过相同信息，本机关已作出答复，本次不重复处理。",
    "not_handled.3": "您申请获取的是公开出版物，请通过公开渠道获取。",
    "not_handled.4": "您短期内大量、反复提出申请，且未说明正当理由，本机关不予处理。",
    "not_handled.5": "您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请的范围。",
    "other.3": "申请人于答复前书面撤回申请，本机关终止处理。",
}


@dataclass
class Story:
    """One application's life: received `days_ago`, then `plot` acts on its days."""

    days_ago: int
    plot: str
    outcome: str = ""


# The county's year. Closed stories first: most are granted or partly granted, and each
# statutory reply type appears at least once. Open ones are recent by construction.
CLOSED_PLOTS = [
    *[("reply", "granted")] * 20,
    *[("reply", "partial")] * 5,
    *[("reply", f"withheld.{n}") for n in range(1, 9)],
    ("reply", "withheld.6"),
    ("reply", "withheld.5"),
    ("reply", "unable.1-not-exist"),
    ("reply", "unable.1-not-exist"),
    ("reply", "unable.1-not-ours"),
    ("reply", "unable.1-not-ours"),
    ("reply", "unable.2"),
    ("reply", "unable.2"),
    *[("reply", f"not_handled.{n}") for n in range(1, 6)],
    ("reply", "other.3"),
    ("reply", "other.3"),
    ("supplemented", "granted"),
    ("supplemented", "granted"),
    ("supplemented", "unable.3"),
    ("abandoned", ""),
    ("abandoned", ""),
    ("consulted", "withheld.4"),
    ("consulted", "partial"),
    ("consulted-agency", "granted"),
    ("extended", "granted"),
    ("extended", "partial"),
    ("extended", "granted"),
    ("fee-paid", "granted"),
    ("fee-unpaid", ""),
    ("returned", "granted"),
    ("returned", "unable.2"),
]
OPEN_PLOTS = [
    # (plot, days ago: received this many days before the demo's today)
    *[("new", d) for d in (0, 1, 2, 3)],
    *[("working", d) for d in (4, 6, 8, 10, 12, 15)],
    *[("working", d) for d in (23, 24, 26)],  # due within days
    *[("working", d) for d in (45, 52, 61)],  # overdue
    *[("supplement-waiting", d) for d in (5, 9)],
    *[("consulting", d) for d in (14, 19)],
    ("consulting-agency", 11),
    *[("extending", d) for d in (30, 34)],
    ("fee-waiting", 12),
    *[("reply-review", d) for d in (13, 17)],
]
# Closed stories are received between these many days ago (the year, and last year's last
# months so that the annual report on last year has its cases).
CLOSED_SPAN = (70, 420)


def _stories(rng: random.Random) -> list[Story]:
    stories = [Story(days_ago, plot) for plot, days_ago in OPEN_PLOTS]
    low, high = CLOSED_SPAN
    step = (high - low) / len(CLOSED_PLOTS)
    for index, (plot, outcome) in enumerate(rng.sample(CLOSED_PLOTS, len(CLOSED_PLOTS))):
        days_ago = int(low + index * step + rng.random() * step)
        stories.append(Story(days_ago, plot, outcome))
    return stories


def _applicant(rng: random.Random, index: int) -> dict:
    description, numbers = REQUESTS[index % len(REQUESTS)]
    delivery = rng.choice(["email", "email", "electronic", "paper", "onsite"])
    if index % 9 == 4:  # an organisation now and then
        kind, name = ORGANISATIONS[index % len(ORGANISATIONS)]
        body = f"91140500{index:09d}"
        number = body + uscc.calc_check_digit(body)
        values = {
            "applicant_type": kind,
            "applicant_name": name + MARK,
            "contact_person": f"{NAMES[index % len(NAMES)]}某{MARK}",
            "id_type": "uscc",
            "id_number": number,
        }
    else:
        born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(18000))
        body = f"140525{born:%Y%m%d}{index % 1000:03d}"
        values = {
            "applicant_type": "natural",
            "applicant_name": f"{NAMES[index % len(NAMES)]}某某{MARK}",
            "contact_person": "",
            "id_type": "resident_id",
            "id_number": body + ric.calc_check_digit(body + "0"),  # it expects a placeholder
        }
    return {
        **values,
        "phone": f"1390000{index:04d}",
        "email": f"applicant{index}@example.org" if delivery == "email" else "",
        "address": f"演示县人民路{10 + index}号（虚构）",
        "postcode": "048000",
        "description": description,
        "document_numbers": numbers,
        "delivery_form": delivery,
    }


class _Teller:
    """Tells stories through the services, each step on its day."""

    def __init__(self, agency: Agency, users: dict, today: datetime.date) -> None:
        self.agency, self.today = agency, today
        self.handler = users["county_foi"]
        self.registrar = users["county_foi"]
        self.approver = users["county_admin"]

    def day(self, received: datetime.date, after: int) -> datetime.date:
        """`after` days after receipt, never past today."""
        return min(received + datetime.timedelta(days=after), self.today)

    def act(self, day: datetime.date, step: Callable, **kwargs):
        with on_day(day):
            return step(**kwargs)

    def receive(self, received: datetime.date, values: dict, channel: str) -> Application:
        if channel == Channel.ONLINE:
            return self.act(
                received, services.submit_online, agency=self.agency, values=values, on=received
            )
        dates = {}
        if channel == Channel.SIGNED_MAIL:
            dates["signed_on"] = received
        elif channel in (Channel.ORDINARY_MAIL, Channel.FAX):
            dates["arrived_on"] = dates["confirmed_on"] = received
        return self.act(
            received,
            services.register_application,
            agency=self.agency,
            actor=self.registrar,
            values=values,
            channel=channel,
            submitted_on=received - datetime.timedelta(days=2)
            if channel == Channel.SIGNED_MAIL
            else received,
            **dates,
        )

    def assign(self, application, day):
        return self.act(
            day,
            services.assign_handler,
            application=application,
            handler=self.handler,
            actor=self.approver,
        )

    def draft(self, application, day, outcome: str):
        extra = {}
        if outcome.startswith("unable.1"):
            if outcome.endswith("not-ours"):
                extra = {
                    "not_held_reason": NotHeldReason.NOT_OURS,
                    "responsible_agency": "演示县医疗保障局",
                    "responsible_agency_contact": "0356-7654321（演示）",
                }
                text = "您申请的医保报销信息由演示县医疗保障局负责公开，请向该局申请。"
            else:
                extra = {"not_held_reason": NotHeldReason.NOT_EXIST}
                text = REPLIES["unable.1"]
            outcome = "unable.1"
        else:
            text = REPLIES[outcome]
        return self.act(
            day,
            services.draft_reply,
            application=application,
            actor=self.handler,
            outcome=outcome,
            text=text,
            already_public=outcome == "granted" and application.pk % 4 == 0,
            **extra,
        )

    def approve(self, application, day):
        return self.act(
            day, services.approve_reply, application=application, actor=self.approver, on=day
        )

    def reply(self, application, received, outcome: str, after: int):
        self.draft(application, self.day(received, after - 1), outcome)
        return self.approve(application, self.day(received, after))

    def supplement(self, application, received, after: int = 3):
        return self.act(
            self.day(received, after),
            services.request_supplement,
            application=application,
            actor=self.handler,
            on=self.day(received, after),
            items="请明确所需信息的名称、文号或者便于查询的其他特征性描述，并补充身份证明复印件。",
            deadline_days=10,
        )

    def consult(self, application, received, party_kind=ConsultationParty.THIRD_PARTY):
        party = (
            "演示县康宁诊所（第三方）"
            if party_kind == ConsultationParty.THIRD_PARTY
            else "演示县市场监督管理局"
        )
        start = self.day(received, 5)
        self.act(
            start,
            consultation_services.start_consultation,
            application=application,
            actor=self.handler,
            on=start,
            party=party,
            party_kind=party_kind,
        )
        return self.act(
            self.day(received, 7),
            consultation_services.record_consultation_receipt,
            application=application,
            actor=self.handler,
            on=self.day(received, 7),
        )

    def end_consultation(self, application, received, after: int):
        day = self.day(received, after)
        return self.act(
            day,
            consultation_services.end_consultation,
            application=application,
            actor=self.handler,
            on=day,
            note="第三方书面回复不同意公开涉及其经营信息的部分。",
            result=ConsultationResult.ANSWERED,
        )

    def extend(self, application, received, after: int):
        day = self.day(received, after)
        return self.act(
            day,
            services.extend_deadline,
            application=application,
            actor=self.handler,
            on=day,
            days=15,
            approved_by="局办公室主任（演示）",
        )

    def notify_fee(self, application, received, after: int = 5):
        day = self.day(received, after)
        return self.act(
            day,
            fee_services.notify_fee,
            application=application,
            actor=self.handler,
            on=day,
            method=FeeMethod.PER_PAGE,
            quantity=260,
            service=FeeNoticeService.IN_PERSON,
            received_on=day,
        )

    def tell(self, story: Story, values: dict, channel: str) -> Application:
        received = self.today - datetime.timedelta(days=story.days_ago)
        application = self.receive(received, values, channel)
        if story.plot == "new":
            return application
        application = self.assign(application, self.day(received, 1))
        plot, outcome = story.plot, story.outcome
        if plot == "reply":
            return self.reply(application, received, outcome, after=8 + story.days_ago % 12)
        if plot in ("supplemented", "abandoned", "supplement-waiting"):
            self.supplement(application, received)
            if plot == "supplement-waiting":
                return application
            if plot == "abandoned":  # the day after the applicant's deadline passed
                day = services.supplement_deadline_of(application) + datetime.timedelta(days=1)
                return self.act(
                    day,
                    services.close_abandoned,
                    application=application,
                    actor=self.handler,
                    on=day,
                )
            self.act(
                self.day(received, 8),
                services.record_supplement,
                application=application,
                actor=self.handler,
                on=self.day(received, 8),
            )
            return self.reply(application, received, outcome, after=20)
        if plot in ("consulted", "consulted-agency", "consulting", "consulting-agency"):
            kind = ConsultationParty.AGENCY if "agency" in plot else ConsultationParty.THIRD_PARTY
            self.consult(application, received, kind)
            if plot.startswith("consulting"):
                return application
            self.end_consultation(application, received, after=18)
            return self.reply(application, received, outcome, after=26)
        if plot in ("extended", "extending"):
            self.extend(application, received, after=22)
            if plot == "extending":
                return application
            return self.reply(application, received, outcome, after=36)
        if plot in ("fee-paid", "fee-unpaid", "fee-waiting"):
            self.notify_fee(application, received)
            if plot == "fee-waiting":
                return application
            if plot == "fee-unpaid":  # the day after the payment period ran out
                day = fee_services.fee_pay_by(application) + datetime.timedelta(days=1)
                return self.act(
                    day,
                    fee_services.close_unpaid,
                    application=application,
                    actor=self.handler,
                    on=day,
                )
            day = self.day(received, 9)
            self.act(
                day,
                fee_services.record_fee_paid,
                application=application,
                actor=self.handler,
                on=day,
                amount=application.fee_amount,
            )
            return self.reply(application, received, outcome, after=16)
        if plot == "returned":
            self.draft(application, self.day(received, 7), outcome)
            self.act(
                self.day(received, 8),
                services.return_reply,
                application=application,
                actor=self.approver,
                comments="答复未写明救济途径和期限，请补充后重新提交。",
            )
            return self.reply(application, received, outcome, after=11)
        if plot == "reply-review":
            return self.draft(application, self.day(received, 8), "granted")
        return application  # "working": assigned and in hand


CHANNELS = [
    Channel.ONLINE,
    Channel.ONLINE,
    Channel.ONLINE,
    Channel.IN_PERSON,
    Channel.SIGNED_MAIL,
    Channel.ONLINE,
    Channel.ORDINARY_MAIL,
    Channel.IN_PERSON,
    Channel.FAX,
]


def load_applications(agencies: dict[str, Agency], users: dict) -> None:
    """The county's year of applications and a few at the city and 演示东县 (idempotent)."""
    county = agencies["DEMO-COUNTY"]
    if Application.objects.filter(agency=county, applicant_name__endswith=MARK).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - made-up demo data, not a secret
    today = timezone.localdate()
    teller = _Teller(county, users, today)
    stories = sorted(_stories(rng), key=lambda s: -s.days_ago)
    with calendar_held():  # no step changes the holidays; each would read them again
        for index, story in enumerate(stories):
            teller.tell(story, _applicant(rng, index), CHANNELS[index % len(CHANNELS)])
        # The city's own few, answered on time.
        city = _Teller(agencies["JC-WJW"], users, today)
        city.handler = city.registrar = users["city_supervisor"]
        city.approver = users["sysadmin"]
        for n, days_ago in enumerate((200, 90, 20)):
            outcome = ("granted", "partial", "")[n]
            story = Story(days_ago, "reply" if outcome else "working", outcome)
            city.tell(story, _applicant(rng, 100 + n), Channel.ONLINE)
        # Re-derive the open clocks as of today (the steps above counted on their own days).
        services.recompute_due_dates(actor=users["sysadmin"])
