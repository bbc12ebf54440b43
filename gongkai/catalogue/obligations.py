"""What a cadence item owes, for the obligations ledger: a record for each ended period by its
due day (cadence.py). The first record of the item published after the period ended fulfils it
— so a missing month shows as late once the next month's figures come, and as overdue until
then; we do not ask clerks to tag a record with its period."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalogue import cadence
from gongkai.catalogue.models import ExpectedPublication
from gongkai.obligations.registry import Spec

EXPECTED_PUBLICATION = "catalogue.expected_publication"


def _first_published_after(expected: ExpectedPublication) -> datetime.date | None:
    from gongkai.documents.models import Document, Status

    after = timezone.make_aware(
        datetime.datetime.combine(
            expected.period_end + datetime.timedelta(days=1), datetime.time.min
        )
    )
    first = (
        Document.objects.filter(
            catalogue_item_id=expected.agency_item_id,
            status__in=[Status.PUBLISHED, Status.WITHDRAWN],
            published_at__gte=after,
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else None


def describe_expected_publication(expected: ExpectedPublication) -> Spec:
    item = expected.agency_item
    return Spec(
        agency_id=item.catalogue.agency_id,
        title=_("%(item)s（%(period)s）")
        % {"item": item.name, "period": cadence.period_label(item.cadence, expected.period_start)},
        due_on=expected.due_on,
        is_provisional=expected.due_is_provisional,
        done_on=_first_published_after(expected),
    )


def expected_for_document(document) -> list[ExpectedPublication]:
    """The periods of the record's item that its publication (or withdrawal) may fulfil."""
    if not document.catalogue_item_id:
        return []
    return list(
        ExpectedPublication.objects.filter(
            agency_item_id=document.catalogue_item_id
        ).select_related("agency_item__catalogue")
    )
