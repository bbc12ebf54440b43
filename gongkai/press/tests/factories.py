"""make_<model>() factories for press (tests): through the services, on the test's clock."""

import datetime
import itertools
import zoneinfo
from typing import Any

from gongkai.documents.tests.factories import standard_item
from gongkai.press import services
from gongkai.press.models import EventKind

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
_sequence = itertools.count(1)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)


def spokesperson_values(**overrides: Any) -> dict[str, Any]:
    n = next(_sequence)
    values: dict[str, Any] = {
        "name": f"王{n}",
        "post": "办公室主任",
        "term_starts_on": datetime.date(2026, 1, 5),
        "is_first": False,
        "contact": "",
        "position": n,
    }
    values.update(overrides)
    return values


def make_spokesperson(agency, actor=None, **overrides: Any):
    return services.create_spokesperson(
        agency=agency, actor=actor, values=spokesperson_values(**overrides)
    )


def event_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": EventKind.CONFERENCE,
        "topic": "秋冬季传染病防控新闻发布会",
        "starts_at": at(datetime.date(2026, 11, 10)),
        "place": "县卫生健康局三楼会议室",
        "summary": "介绍秋冬季传染病防控工作。",
        "media": "县融媒体中心\n市日报",
        "policy": None,
        "opinion_event": None,
        "accepts_questions": False,
    }
    values.update(overrides)
    return values


def make_event(agency, actor=None, speakers=(), **overrides: Any):
    return services.plan_event(
        agency=agency, actor=actor, values=event_values(**overrides), speakers=speakers
    )


def make_held_event(agency, actor=None, speakers=(), **overrides: Any):
    event = make_event(agency, actor, speakers=speakers, **overrides)
    return services.hold_event(event=event, actor=actor)


def interpretation_item(agency):
    """The agency's 政策解读 (G0204) entry: where a transcript is filed."""
    return standard_item(agency, "G0204")


def make_interpretation(agency, *, role: str = "", name: str = "", post: str = "", **overrides):
    """A published 政策解读 of a published policy, with its interpreter, by the real services."""
    from gongkai.agencies.models import Role
    from gongkai.documents import services as documents
    from gongkai.documents.models import DocumentType, LinkKind, Status
    from gongkai.documents.tests.factories import make_document, make_published_document
    from gongkai.factories import make_user

    policy = make_published_document(
        agency=agency,
        catalogue_item=standard_item(agency, "G0203"),
        document_type=DocumentType.POLICY,
    )
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    record = make_document(
        agency=agency,
        catalogue_item=interpretation_item(agency),
        document_type=DocumentType.INTERPRETATION,
        status=Status.IN_REVIEW,
        interpreter_role=role,
        interpreter_name=name,
        interpreter_post=post,
        **overrides,
    )
    documents.link_documents(source=record, target=policy, kind=LinkKind.INTERPRETS, actor=None)
    documents.publish(document=record, actor=reviewer)
    record.refresh_from_db()
    return record
