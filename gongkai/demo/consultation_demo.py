"""Demo consultations of the demo county: one taking comments now, one closed with its
adoption feedback published and the final document linked. Made through the services."""

import datetime

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.documents import services as documents
from gongkai.documents.models import Document, DocumentType, Topic
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.models import Consultation

MARK = "【演示】"

OPEN_TEXT = """演示县基层医疗卫生机构服务规范（征求意见稿）
第一条 为规范基层医疗卫生机构服务行为，提高服务质量，制定本规范。
第二条 本规范适用于本县乡镇卫生院、社区卫生服务中心和村卫生室。
第三条 基层医疗卫生机构应当在服务场所显著位置公示服务项目、收费标准和投诉电话。
第四条 本规范自印发之日起施行。"""

CLOSED_TEXT = """一、总体要求
以居民健康为中心，推进家庭医生签约服务提质增效。
二、主要任务
（一）扩大签约覆盖面；（二）丰富签约服务内容；（三）完善考核激励。
三、保障措施
加强组织领导，落实经费保障。"""


def load_consultations(agency: Agency, users: dict) -> None:
    """Create the demo consultations once (idempotent)."""
    if Consultation.objects.filter(agency=agency, draft__title__startswith=MARK).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    item = agency.catalogue.items.filter(name__contains="规范性文件").applicable().first()
    today = timezone.localdate()
    day = datetime.timedelta(days=1)

    def consultation(title, text, opens_on, **values):
        made = services.create_consultation(
            agency=agency,
            actor=publisher,
            draft_values={
                "title": f"{MARK}{title}",
                "topic": Topic.HEALTH,
                "catalogue_item": item,
                "summary": f"公开征求对《{title.removesuffix('（征求意见稿）')}》的意见。",
            },
            values={
                "background": "为落实基层卫生健康服务能力提升要求，县卫生健康局起草了本文件。",
                "basis": "《中华人民共和国基本医疗卫生与健康促进法》等。",
                "main_content": "明确适用范围、服务要求和施行日期。",
                "opens_on": opens_on,
                "closes_on": opens_on + 30 * day,  # 30 days: the opening day is not counted
                "moderation": "before",
                "name_rule": "optional",
                "contact_rule": "optional",
                "how_to_comment": (
                    "信函寄至演示县卫生健康局政策法规股（演示地址），信封注明“征求意见”。"
                ),
                **values,
            },
            clauses_text=text,
        )
        services.submit_consultation(consultation=made, actor=publisher)
        return services.publish_consultation(consultation=made, actor=reviewer)

    # Taking comments now: a published comment on a clause, one awaiting moderation.
    current = consultation(
        "演示县基层医疗卫生机构服务规范（征求意见稿）", OPEN_TEXT, today - 5 * day
    )
    clauses = {c.number: c for c in current.clauses.all()}
    published = comment_services.submit_comment(
        consultation=current,
        clause=clauses[3],
        body="建议同时在医院微信公众号公示收费标准，方便群众查询。",
        contact="（演示联系方式，不公开）",
    )
    comment_services.moderate_comment(comment=published, actor=publisher, decision="publish")
    comment_services.submit_comment(
        consultation=current,
        clause=clauses[2],
        body="建议明确民营诊所是否参照执行。",
    )

    # Closed, every comment disposed, the feedback published and the final document linked.
    closed = consultation(
        "演示县家庭医生签约服务提质增效实施方案（征求意见稿）", CLOSED_TEXT, today - 50 * day
    )
    sections = {c.number: c for c in closed.clauses.all()}
    comments = [
        comment_services.record_comment(
            consultation=closed,
            actor=publisher,
            source="forum",
            source_detail="乡镇卫生院院长座谈会（演示）",
            received_on=today - 50 * day,
            clause=sections[2],
            body="建议将老年人上门随访纳入签约服务包。",
            make_public=True,
        ),
        comment_services.record_comment(
            consultation=closed,
            actor=publisher,
            source="letter",
            received_on=today - 45 * day,
            clause=sections[2],
            body="建议把老年人上门随访写进服务包。",
            make_public=True,
        ),
        comment_services.record_comment(
            consultation=closed,
            actor=publisher,
            source="email",
            received_on=today - 40 * day,
            body="建议取消签约服务费。",
            make_public=True,
        ),
    ]
    comment_services.dispose_comment(comment=comments[0], actor=publisher, disposition="adopted")
    comment_services.group_comments(lead=comments[0], others=[comments[1]], actor=publisher)
    comment_services.dispose_comment(
        comment=comments[2],
        actor=publisher,
        disposition="not_adopted",
        reason="签约服务费由医保基金、基本公共卫生服务经费和签约居民分担，标准由省级确定，"
        "不属于本方案调整范围。",
    )
    services.close_consultation(consultation=closed, actor=publisher)
    services.publish_feedback(consultation=closed, actor=reviewer)
    final = documents.create_draft(
        agency=agency,
        actor=publisher,
        values={
            "title": f"{MARK}演示县家庭医生签约服务提质增效实施方案",
            "document_type": DocumentType.POLICY,
            "topic": Topic.HEALTH,
            "catalogue_item": item,
            "formed_on": today - 2 * day,
            "summary": "征求意见后修改印发的正式方案。",
            "body": "<p>一、总体要求……（演示正文）</p>",
        },
        issuers=[agency.name],
    )
    documents.submit_for_review(document=final, actor=publisher)
    documents.publish(
        document=final,
        actor=reviewer,
        interpretation_waiver="演示：实施方案另行召开新闻发布会解读。",
    )
    services.link_final_document(
        consultation=closed, document=Document.objects.get(pk=final.pk), actor=publisher
    )
