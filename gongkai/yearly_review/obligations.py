"""The yearly review as a duty of the obligations ledger: due on the day the agency set, done
when every item is decided (the review's completion)."""

from django.utils.translation import gettext as _

from gongkai.obligations.registry import Spec
from gongkai.yearly_review.models import YearlyReview

YEARLY_REVIEW = "yearly_review.review"


def describe_review(review: YearlyReview) -> Spec:
    return Spec(
        agency_id=review.agency_id,
        title=_("%(year)d年度不予公开信息自查") % {"year": review.year},
        due_on=review.due_on,
        done_at=review.completed_at,
    )


def review_row(review: YearlyReview):
    """The ledger's row of the review."""
    from gongkai.obligations.models import Obligation

    return Obligation.objects.of_kind(YEARLY_REVIEW).filter(object_id=review.pk).first()
