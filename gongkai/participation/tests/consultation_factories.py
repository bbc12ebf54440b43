"""Factories for consultation tests: a published consultation in a loaded year."""

import datetime
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.documents.models import Topic
from gongkai.documents.tests.factories import make_agency_item
from gongkai.participation import consultation_services as services
from gongkai.participation.models import Consultation

DRAFT_TEXT = (
    "某县基层医疗卫生机构管理办法（征求意见稿）\n"
    "第一条 为规范基层医疗卫生机构管理，制定本办法。\n"
    "第二条 本办法适用于本县行政区域内的基层医疗卫生机构。\n"
    "第三条 本办法自印发之日起施行。"
)


def consultation_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "background": "为落实上级部署，起草本办法。",
        "basis": "《基本医疗卫生与健康促进法》。",
        "main_content": "共三条，规定适用范围和施行日期。",
        # 30 days: the opening day is not counted (民法典第二百零一条).
        "opens_on": datetime.date(2026, 11, 1),
        "closes_on": datetime.date(2026, 12, 1),
        "moderation": "before",
        "name_rule": "optional",
        "contact_rule": "optional",
    }
    values.update(overrides)
    return values


def make_consultation(
    *,
    agency: Agency,
    publisher,
    reviewer=None,
    title: str = "某县基层医疗卫生机构管理办法（征求意见稿）",
    **overrides: Any,
) -> Consultation:
    """A consultation drafted by `publisher`; published when a `reviewer` is given."""
    item = make_agency_item(agency)
    consultation = services.create_consultation(
        agency=agency,
        actor=publisher,
        draft_values={
            "title": title,
            "topic": Topic.HEALTH,
            "catalogue_item": item,
            "summary": "公开征求对《某县基层医疗卫生机构管理办法》的意见。",
        },
        values=consultation_values(**overrides),
        clauses_text=DRAFT_TEXT,
    )
    if reviewer is not None:
        services.submit_consultation(consultation=consultation, actor=publisher)
        services.publish_consultation(consultation=consultation, actor=reviewer)
        consultation.refresh_from_db()
    return consultation
