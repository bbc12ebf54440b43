"""Factories for public messages, shared by the participation, portal, console and API tests.

Messages are made through the real services, so every one has its audit trail and its clock."""

from gongkai.agencies.models import Agency, Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import mailbox_services, publication_services
from gongkai.participation.models import MessageCategory, PublicMessage

SENDER = {"sender_name": "张三", "phone": "13912345678", "email": "zhang.san@example.org"}


def make_message(agency: Agency, **overrides) -> PublicMessage:
    """A message as the public form submits it (the sender agrees to publication)."""
    values = {
        "category": MessageCategory.ENQUIRY,
        "subject": "社区卫生服务中心周末是否接种疫苗",
        "body": "请问本县社区卫生服务中心周末能否接种流感疫苗？",
        "wants_public": True,
        **SENDER,
    }
    values.update(overrides)
    return mailbox_services.submit_message(agency=agency, **values)


def make_answered_message(agency: Agency, *, handler, reviewer, **overrides) -> PublicMessage:
    """A message accepted, answered and approved."""
    message = make_message(agency, **overrides)
    mailbox_services.accept_message(message=message, actor=handler)
    mailbox_services.draft_reply(
        message=message, actor=handler, text="周六上午可以接种，请携带身份证件。"
    )
    return mailbox_services.approve_reply(message=message, actor=reviewer)


def make_published_message(agency: Agency, *, handler, reviewer, **overrides) -> PublicMessage:
    """An answered message published on the website, its subject and body as sent."""
    message = make_answered_message(agency, handler=handler, reviewer=reviewer, **overrides)
    return publication_services.set_publication(message=message, actor=reviewer, publish=True)


def make_masked_message(
    agency: Agency, *, handler, reviewer, body: str, reply: str
) -> PublicMessage:
    """A message answered with `reply` and published as the masked copy the check suggests."""
    message = make_message(agency, body=body)
    mailbox_services.accept_message(message=message, actor=handler)
    mailbox_services.draft_reply(message=message, actor=handler, text=reply)
    mailbox_services.approve_reply(message=message, actor=reviewer)
    return publication_services.set_publication(
        message=message, actor=reviewer, publish=True, mask=True
    )


def make_mailbox_world() -> dict:
    """A city over a county, an unrelated county, and the people who work in them."""
    city = make_agency(level=Level.CITY, name="示例市卫生健康委员会")
    county = make_agency(parent=city, name="示例县卫生健康局", code="SL-COUNTY")
    other = make_agency(name="邻县卫生健康局", code="LX-COUNTY")
    return {
        "city": city,
        "county": county,
        "other": other,
        "handler": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "admin": make_user(agency=county, roles=(Role.ADMIN,)),
        "foi_handler": make_user(agency=county, roles=(Role.FOI_HANDLER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "other_handler": make_user(agency=other, roles=(Role.PUBLISHER, Role.REVIEWER)),
        "other_admin": make_user(agency=other, roles=(Role.ADMIN,)),
    }
