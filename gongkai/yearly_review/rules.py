"""Pure rules of the yearly review: which listed thing is which kind, what its basis reads,
and the decision form's requirements. No database, no settings."""

from django.utils.translation import gettext as _

from gongkai.documents.models import Attribute, Scope, WithholdingBasis
from gongkai.foi.outcomes import Outcome
from gongkai.yearly_review.models import Decision, SourceKind

# Replies counted in Table B's blocks （二） and （三）: the refusals the review looks at again.
PARTIAL_OUTCOME = Outcome.PARTIAL
WITHHELD_OUTCOME_PREFIX = "withheld."


def record_kind(*, attribute: str, scope: str) -> str | None:
    """The kind of a filed record in the review, or None when it was disclosed in full."""
    if attribute == Attribute.WITHHELD:
        return SourceKind.RECORD_WITHHELD
    if scope == Scope.REDACTED:
        return SourceKind.RECORD_REDACTED
    return None


def reply_kind(outcome: str) -> str | None:
    """The kind of a reply in the review, or None when nothing was withheld."""
    if outcome == PARTIAL_OUTCOME:
        return SourceKind.REPLY_PARTIAL
    if outcome.startswith(WITHHELD_OUTCOME_PREFIX):
        return SourceKind.REPLY_WITHHELD
    return None


def basis_label(basis: str) -> str:
    """What a stored basis (a record's withholding basis or a reply's outcome) reads."""
    for choices in (WithholdingBasis, Outcome):
        if basis in choices.values:
            return str(choices(basis).label)
    return basis or _("未注明依据")


def decision_problems(*, decision: str, reason: str) -> dict[str, str]:
    """Field → message for a decision that cannot be recorded (条例第十八条: the reason for
    keeping information withheld must still hold, and be written down)."""
    problems: dict[str, str] = {}
    if decision not in Decision.values:
        problems["decision"] = _("请选择自查结论。")
    if not (reason or "").strip():
        if decision == Decision.KEEP:
            problems["reason"] = _("继续不予公开的，必须写明不予公开的理由仍然成立的依据。")
        elif decision == Decision.RELEASE_PART:
            problems["reason"] = _("部分公开的，必须写明仍需删减的内容及理由。")
    return problems
