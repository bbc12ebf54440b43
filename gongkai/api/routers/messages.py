"""Published public messages (留言答复): a filtered, bounded list and one message with its reply.

Only messages the asker agreed to publish and the agency published are part of the API; the
sender's name and contact details and the query code never are. Anything else is a 404.
"""

import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gongkai.api.pagination import check_page, page_count, page_link
from gongkai.api.schemas import AgencyRefOut, ChoiceOut, ErrorOut
from gongkai.api.shaping import absolute, agency_ref, choice
from gongkai.participation.models import MessageCategory, PublicMessage

router = Router(tags=["messages"])


class MessageFilters(Schema):
    agency: str | None = Field(None, description="答复机关的机关代码")
    category: MessageCategory | None = Field(None, description="留言类别")
    page: int = Field(1, description="页码，最大 50")
    page_size: int = Field(20, description="每页条数，最大 100")


class MessageOut(Schema):
    id: int
    subject: str = Field(description="公开标题（可能经删减）")
    body: str = Field(description="公开的留言内容（可能删去了个人信息）")
    category: ChoiceOut
    agency: AgencyRefOut = Field(description="答复机关")
    received_on: datetime.date
    answered_on: datetime.date
    published_on: datetime.date
    reply: str = Field(description="公开的答复内容（可能遮盖了个人信息）")
    url: str
    portal_url: str


class MessagePageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[MessageOut]


def message_out(request: HttpRequest, message: PublicMessage) -> MessageOut:
    """A published message as the public may read it; needs `agency` loaded."""
    return MessageOut(
        id=message.pk,
        subject=message.subject_for_public,
        body=message.body_for_public,
        category=choice(message.category, message.get_category_display()),
        agency=agency_ref(message.agency),
        received_on=timezone.localdate(message.received_at),
        answered_on=timezone.localdate(message.answered_at),
        published_on=timezone.localdate(message.published_at),
        reply=message.reply_for_public,
        url=absolute(request, "api:message-detail", message.pk),
        portal_url=absolute(request, "portal:message-detail", message.pk),
    )


@router.get(
    "",
    response={200: MessagePageOut, 400: ErrorOut},
    url_name="message-list",
    operation_id="list_messages",
)
def list_messages(request: HttpRequest, filters: Query[MessageFilters]) -> MessagePageOut:
    """Published messages with their replies, newest answer first; at most 50 pages of 100."""
    check_page(filters.page, filters.page_size)
    messages = PublicMessage.objects.published()
    if filters.agency:
        messages = messages.filter(agency__code=filters.agency)
    if filters.category:
        messages = messages.filter(category=filters.category)
    total = messages.count()
    pages = page_count(total, filters.page_size)
    start = (filters.page - 1) * filters.page_size
    shown = messages.select_related("agency").order_by("-answered_at", "-id")[
        start : start + filters.page_size
    ]
    return MessagePageOut(
        count=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=pages,
        next=page_link(request, filters.page + 1, pages),
        previous=page_link(request, filters.page - 1, pages),
        results=[message_out(request, message) for message in shown],
    )


@router.get(
    "/{message_id}",
    response={200: MessageOut, 404: ErrorOut},
    url_name="message-detail",
    operation_id="get_message",
)
def get_message(request: HttpRequest, message_id: int) -> MessageOut:
    """One published message with its reply; an unpublished or unknown one is 404."""
    message = PublicMessage.objects.published().select_related("agency").filter(pk=message_id)
    found = message.first()
    if found is None:
        raise HttpError(404, _("未找到该留言。"))
    return message_out(request, found)
