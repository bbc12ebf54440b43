"""Release packages of a published record for the agency's running accounts, and the record
of where and when it went out (or was taken down after the site withdrew the record)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event
from gongkai.documents.models import AttachmentKind, Document, Status
from gongkai.newmedia import packages
from gongkai.newmedia.errors import NewMediaError
from gongkai.newmedia.models import Account, Release


def canonical_link(document: Document) -> str:
    """The record's page on the portal: the address every channel points back to."""
    return settings.SITE_URL + reverse("portal:document-detail", args=[document.pk])


def title_image_url(document: Document) -> str:
    """The first image attachment of the record, or "" when it has none."""
    image = document.attachments.filter(kind=AttachmentKind.IMAGE).order_by("pk").first()
    if image is None:
        return ""
    return settings.SITE_URL + image.file.url


def package_for(document: Document, account: Account) -> packages.Package:
    return packages.build(
        platform=account.platform,
        title=document.title,
        summary=document.summary,
        index_number=document.index_number or "",
        link=canonical_link(document),
        image_url=title_image_url(document),
    )


@transaction.atomic
def record_release(
    *,
    document: Document,
    account: Account,
    actor,
    released_at: datetime.datetime | None,
    post_url: str = "",
) -> Release:
    """Record that the record went out on the account, when, and at which address."""
    if not document.is_public:
        raise NewMediaError(_("只有已主动公开的信息才能记录新媒体发布。"))
    if account.agency_id != document.agency_id or not account.is_active:
        raise NewMediaError(_("请选择本机关运行中的账号。"), field="account")
    if released_at is None:
        raise NewMediaError(_("请填写发布时间。"), field="released_at")
    if released_at > timezone.now():
        raise NewMediaError(_("发布时间不能晚于现在。"), field="released_at")
    if document.published_at and released_at < document.published_at - datetime.timedelta(days=1):
        raise NewMediaError(_("发布时间不能早于信息在网站发布的时间。"), field="released_at")
    post_url = post_url.strip()
    if post_url and not post_url.startswith(("https://", "http://")):
        raise NewMediaError(_("网址须以 http:// 或 https:// 开头。"), field="post_url")
    limits.check_values(Release, {"post_url": post_url}, error=NewMediaError)
    if Release.objects.filter(document=document, account=account).exists():
        raise NewMediaError(_("已记录该信息在此账号的发布。"), field="account")
    release = Release.objects.create(
        document=document,
        account=account,
        released_at=released_at,
        post_url=post_url,
        recorded_by=actor,
    )
    record_event(
        actor=actor,
        action="newmedia.release.record",
        obj=release,
        agency=document.agency,
        after={
            "document": document.index_number,
            "account": str(account),
            "released_at": released_at.isoformat(),
            "post_url": post_url,
        },
    )
    return release


@transaction.atomic
def record_takedown(*, release: Release, actor) -> Release:
    """The channel no longer shows a record that the site withdrew."""
    release = Release.objects.select_for_update().select_related("document").get(pk=release.pk)
    if release.taken_down_at is not None:
        raise NewMediaError(_("已记录删除。"))
    if release.document.status != Status.WITHDRAWN:
        raise NewMediaError(_("网站上的信息未撤回，无需在渠道删除。"))
    release.taken_down_at = timezone.now()
    release.save(update_fields=["taken_down_at"])
    record_event(
        actor=actor,
        action="newmedia.release.takedown",
        obj=release,
        agency=release.document.agency,
        after={"taken_down_at": release.taken_down_at.isoformat()},
    )
    return release
