"""Is what the site published also on the channels its catalogue item names, and is what the
site took down gone from them? Two kinds of gap, per agency:

- MISSING: a public record whose catalogue item lists a new-media channel (两微一端) and that
  has no release on a running account of a matching platform within RELEASE_WORKING_DAYS
  working days of its publication on the site;
- WITHDRAWN: a release whose record the site has since withdrawn and that the channel has not
  been recorded as deleted.

RELEASE_WORKING_DAYS = 3 is our choice (README.md): the 123号 opinion asks the channels to carry
the site's authoritative information in step (同步) but sets no number; three working days
leave time to edit a post for each platform and stay within the week the inspections look at.
Only records published within LOOKBACK_DAYS are checked: older ones predate the duty."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.catalogue.models import AgencyItem
from gongkai.documents.models import Document, Status
from gongkai.newmedia.models import AccountStatus, Platform, Release
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import add_working_days

RELEASE_WORKING_DAYS = 3
LOOKBACK_DAYS = 365  # one 考核 year

# The catalogue's 公开渠道和载体 that mean new media, and the platforms that carry each
# (两微一端 = 微博, 微信, 客户端: the national template's wording, catalogue/rules.py CHANNELS).
NEW_MEDIA_CHANNELS: dict[str, frozenset[str]] = {
    "两微一端": frozenset({Platform.WEIBO, Platform.WECHAT, Platform.APP}),
}

MISSING = "missing"
WITHDRAWN = "withdrawn"
GAP_LABELS = {
    MISSING: _("网站已发布，新媒体未发布"),
    WITHDRAWN: _("网站已撤回，新媒体仍在显示"),
}


@dataclass(frozen=True)
class Gap:
    kind: str
    document: Document
    platforms: frozenset[str] = frozenset()
    due_on: datetime.date | None = None
    release: Release | None = None

    @property
    def label(self) -> str:
        return str(GAP_LABELS[self.kind])

    @property
    def platform_labels(self) -> str:
        return "、".join(str(Platform(p).label) for p in sorted(self.platforms))

    def __str__(self) -> str:
        return f"{self.label}：{self.document.title}"


def platforms_of(channels) -> frozenset[str]:
    """The platforms a catalogue item's channels send its records to (empty: none)."""
    found: set[str] = set()
    for channel in channels or []:
        found |= NEW_MEDIA_CHANNELS.get(str(channel).strip(), frozenset())
    return frozenset(found)


def _items_for_new_media(agency_ids) -> dict[int, frozenset[str]]:
    items = AgencyItem.objects.filter(catalogue__agency_id__in=agency_ids).values_list(
        "pk", "channels"
    )
    result = {}
    for pk, channels in items:
        platforms = platforms_of(channels)
        if platforms:
            result[pk] = platforms
    return result


def release_due_on(published_on: datetime.date, calendar) -> datetime.date | None:
    """The last day to carry a record on new media; None when the calendar cannot count it."""
    try:
        return add_working_days(published_on, RELEASE_WORKING_DAYS, calendar)
    except WorkdaysError:
        return None


def missing(agency_ids, today: datetime.date) -> list[Gap]:
    """Public records due on new media and not released on a matching running account.

    The database finds them: for each set of platforms the items name (a handful), the records
    of those items with no release on a running account of one of those platforms — only the
    gaps are loaded, not a year of records (a province's supervisor asks for all of them)."""
    items = _items_for_new_media(agency_ids)
    if not items:
        return []
    by_platforms: dict[frozenset[str], list[int]] = {}
    for item_id, platforms in items.items():
        by_platforms.setdefault(platforms, []).append(item_id)
    since = today - datetime.timedelta(days=LOOKBACK_DAYS)
    calendar = get_calendar()
    gaps = []
    for platforms, item_ids in by_platforms.items():
        released = Release.objects.filter(
            document=OuterRef("pk"),
            account__status=AccountStatus.OPEN,
            account__platform__in=sorted(platforms),
        )
        documents = (
            Document.objects.public()
            .filter(agency_id__in=agency_ids, catalogue_item_id__in=item_ids)
            .filter(published_at__date__gte=since)
            .filter(~Exists(released))
            .select_related("agency")
            .order_by("published_at", "pk")
        )
        for document in documents:
            due_on = release_due_on(timezone.localdate(document.published_at), calendar)
            if due_on is not None and due_on >= today:
                continue  # still within its time
            gaps.append(Gap(MISSING, document, platforms, due_on))
    gaps.sort(key=lambda gap: (gap.document.published_at, gap.document.pk))
    return gaps


def withdrawn_still_out(agency_ids) -> list[Gap]:
    releases = (
        Release.objects.filter(
            document__agency_id__in=agency_ids,
            document__status=Status.WITHDRAWN,
            taken_down_at__isnull=True,
        )
        .select_related("document", "document__agency", "account")
        .order_by("released_at", "pk")
    )
    return [
        Gap(WITHDRAWN, r.document, frozenset({r.account.platform}), release=r) for r in releases
    ]


def gaps(agency_ids, today: datetime.date) -> list[Gap]:
    """Both kinds, records missing first."""
    return [*missing(agency_ids, today), *withdrawn_still_out(agency_ids)]


def gap_counts(agency_ids, today: datetime.date) -> dict[int, int]:
    counts: dict[int, int] = {}
    for gap in gaps(agency_ids, today):
        counts[gap.document.agency_id] = counts.get(gap.document.agency_id, 0) + 1
    return counts
