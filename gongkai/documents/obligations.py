"""What a record owes, for the obligations ledger: publication within its catalogue item's time
limit (条例第二十六条: 20 working days; 7 for licensing and penalty results), counted from the
day it was formed or changed (services.refresh_due_date)."""

from django.utils import timezone

from gongkai.documents.models import Attribute, Document, Status
from gongkai.obligations.registry import Spec

PUBLICATION = "documents.publication"


def describe_publication(document: Document) -> Spec | None:
    """Only proactively disclosed records on a clock owe a publication; a withdrawn record
    was published (its withdrawal does not undo the duty done)."""
    if document.attribute != Attribute.PROACTIVE:
        return None
    if document.due_on is None and not document.due_problem:
        return None  # no time limit applies (no catalogue clock, or no start date yet)
    done_on = None
    if document.status in (Status.PUBLISHED, Status.WITHDRAWN):
        # Published records always carry their time; a row without one (hand-made data) is
        # done, its lateness unknown rather than invented.
        done_on = (
            timezone.localdate(document.published_at) if document.published_at else document.due_on
        )
    return Spec(
        agency_id=document.agency_id,
        title=document.title,
        due_on=document.due_on,
        is_provisional=document.due_is_provisional,
        done_on=done_on,
        assignee_id=document.drafted_by_id,
    )
