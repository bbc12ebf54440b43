"""Demo public messages of the demo county, one in each state a visitor should see: a reply
published on the website, one awaiting review, one overdue, one past the three-month line,
one forwarded by the city, one rejected as a disclosure application and one just received.
Made through the services, so each has its clock and audit trail."""

import datetime

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.participation import mailbox_services as services
from gongkai.participation import publication_services
from gongkai.participation.models import MessageCategory, PublicMessage, RejectionGround

MARK = "【演示】"
COUNTY = "DEMO-COUNTY"
CITY = "JC-WJW"
SENDERS = [
    {"sender_name": "王某某（演示）", "phone": "13900000001", "email": "demo1@example.org"},
    {"sender_name": "赵某某（演示）", "phone": "13900000002", "email": ""},
    {"sender_name": "孙某某（演示）", "phone": "13900000003", "email": "demo3@example.org"},
]


def load_messages(agencies: dict[str, Agency], users: dict) -> None:
    """Create the demo messages once (idempotent)."""
    county, city = agencies[COUNTY], agencies[CITY]
    if PublicMessage.objects.filter(agency=county, subject__startswith=MARK).exists():
        return
    handler, reviewer = users["county_publisher"], users["county_reviewer"]
    now = timezone.now()

    def message(agency, n, subject, body, **values):
        return services.submit_message(
            agency=agency, subject=f"{MARK}{subject}", body=body, **SENDERS[n % 3], **values
        )

    published = message(
        county,
        0,
        "家庭医生签约后在哪里开处方",
        "我是王某某（演示），今年签约了家庭医生，请问慢性病长期处方能在村卫生室开吗？",
        category=MessageCategory.ENQUIRY,
        wants_public=True,
        received_at=now - datetime.timedelta(days=9),
    )
    services.accept_message(message=published, actor=handler, responsible_unit="基层卫生健康股")
    services.draft_reply(
        message=published,
        actor=handler,
        text="您好！签约居民的高血压、糖尿病等慢性病长期处方，可由签约家庭医生在乡镇卫生院"
        "开具，村卫生室可按处方配药。具体请咨询您的签约医生。感谢您的关注。",
    )
    services.approve_reply(message=published, actor=reviewer)
    publication_services.set_publication(
        message=published,
        actor=reviewer,
        publish=True,
        public_subject="家庭医生签约后在哪里开长期处方",
        public_body="今年签约了家庭医生，请问慢性病长期处方能在村卫生室开吗？",
    )

    drafted = message(
        county,
        1,
        "建议卫生院增加周末儿科门诊",
        "孩子周末发烧只能去县医院，排队时间很长，建议乡镇卫生院周末开设儿科门诊。",
        category=MessageCategory.SUGGESTION,
        wants_public=True,
    )
    services.accept_message(message=drafted, actor=handler, responsible_unit="医政医管股")
    services.draft_reply(
        message=drafted,
        actor=handler,
        text="感谢您的建议。我局将结合各乡镇卫生院儿科医生配备情况研究周末门诊安排。",
    )

    overdue = message(
        county,
        2,
        "诊所收费不透明",
        "某诊所输液收费没有明细，询问后也不给收费单，希望核查。",
        category=MessageCategory.COMPLAINT,
        received_at=now - datetime.timedelta(days=20),
    )
    services.accept_message(message=overdue, actor=handler, responsible_unit="卫生健康监督所")

    message(
        county,
        0,
        "村卫生室门前道路积水",
        "村卫生室门前道路一下雨就积水，老人看病不方便。",
        category=MessageCategory.MESSAGE,
        received_at=now - datetime.timedelta(days=100),
    )

    forwarded = message(
        city,
        1,
        "演示县乡镇卫生院能否办理出生医学证明",
        "孩子在演示县乡镇卫生院出生，请问能否在卫生院直接办理出生医学证明？",
        category=MessageCategory.ENQUIRY,
        wants_public=True,
    )
    services.forward_message(
        message=forwarded,
        actor=users["city_supervisor"],
        to_agency=county,
        note="属演示县卫生健康局职责，转县局办理。",
    )

    rejected = message(
        county,
        2,
        "申请公开2025年度医疗机构校验结果",
        "请提供2025年度全县医疗机构校验结果的文件。",
        category=MessageCategory.MESSAGE,
    )
    services.reject_message(
        message=rejected,
        actor=handler,
        ground=RejectionGround.DISCLOSURE_APPLICATION,
        reason="您要获取的是政府信息，请通过“依申请公开”提出政府信息公开申请，"
        "我局将依照《政府信息公开条例》在法定期限内答复。",
    )

    message(
        county,
        0,
        "流感疫苗接种点",
        "请问本县哪些地方可以接种流感疫苗？需要预约吗？",
        category=MessageCategory.ENQUIRY,
        wants_public=True,
    )
