"""Which service items lack a complete published guide, and what each lacks: read by the
console's list of incomplete items and by the supervisor's findings (supervision/findings.py).

An item is complete when its published guide has every key element (elements.py). Publication
refuses incomplete guides, so an item is incomplete when it has no published guide yet, or when
the key element list grew after its guide was published.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai.service_guides import elements
from gongkai.service_guides.models import Guide, GuideStatus, ServiceItem


@dataclass(frozen=True)
class ItemCompleteness:
    item: ServiceItem
    published: Guide | None
    open_version: Guide | None  # the version being written or reviewed
    missing: list[elements.Element] = field(default_factory=list)  # of what the public sees

    @property
    def missing_key(self) -> list[elements.Element]:
        return [element for element in self.missing if element.is_key]

    @property
    def is_complete(self) -> bool:
        return self.published is not None and not self.missing_key

    @property
    def draft_missing_key(self) -> list[elements.Element]:
        """What the version in progress still lacks before it can be published."""
        if self.open_version is None:
            return []
        return [element for element in _missing(self.open_version) if element.is_key]


def _missing(guide: Guide) -> list[elements.Element]:
    # materials and steps come prefetched (see `completeness`)
    return elements.missing_elements(
        elements.guide_values(guide), list(guide.materials.all()), list(guide.steps.all())
    )


def completeness(items: Iterable[ServiceItem]) -> list[ItemCompleteness]:
    """One row per item, in the order given; three queries whatever the number of items."""
    items = list(items)
    guides = (
        Guide.objects.filter(
            service_item__in=items,
            status__in=[GuideStatus.PUBLISHED, GuideStatus.DRAFT, GuideStatus.IN_REVIEW],
        )
        .prefetch_related("materials", "steps")
        .order_by("version")
    )
    published: dict[int, Guide] = {}
    open_versions: dict[int, Guide] = {}
    for guide in guides:
        target = published if guide.status == GuideStatus.PUBLISHED else open_versions
        target[guide.service_item_id] = guide
    rows = []
    for item in items:
        shown = published.get(item.pk)
        rows.append(
            ItemCompleteness(
                item=item,
                published=shown,
                open_version=open_versions.get(item.pk),
                missing=_missing(shown) if shown else list(elements.ELEMENTS),
            )
        )
    return rows


def incomplete_counts(agency_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(incomplete items, active items) per agency."""
    items = ServiceItem.objects.active().filter(agency_id__in=list(agency_ids))
    counts: dict[int, tuple[int, int]] = {}
    for row in completeness(items):
        incomplete, total = counts.get(row.item.agency_id, (0, 0))
        counts[row.item.agency_id] = (incomplete + (not row.is_complete), total + 1)
    return counts
