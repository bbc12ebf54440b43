"""What an applicant may see of their application, and how they prove it is theirs.

Shared by the portal's progress page and the public API: states and dates only, never
notes, staff names or third parties (条例 and personal-information protection).
"""

import hmac

from gongkai.foi.models import Application, LogKind

PUBLIC_KINDS = frozenset(
    {
        LogKind.RECEIVED,
        LogKind.SUPPLEMENT_REQUESTED,
        LogKind.SUPPLEMENT_RECEIVED,
        LogKind.CONSULTATION_STARTED,
        LogKind.CONSULTATION_ENDED,
        LogKind.EXTENDED,
        LogKind.DELAYED,  # the applicant is notified of it (条例第三十五条)
        LogKind.FEE_NOTIFIED,
        LogKind.FEE_NOTICE_SERVED,  # the day the payment period counts from
        LogKind.FEE_PAID,
        LogKind.REPLIED,
        LogKind.CLOSED,
    }
)


def secret_matches(application: Application, secret: str) -> bool:
    """The applicant's phone or ID number, compared in constant time (case-insensitive)."""
    secret = (secret or "").strip().upper()
    if not secret:
        return False
    return any(
        hmac.compare_digest(secret, value.strip().upper())
        for value in (application.phone, application.id_number)
        if value
    )


def public_steps(application: Application):
    """The log entries an applicant sees: kinds and dates."""
    return application.events.filter(kind__in=PUBLIC_KINDS).order_by("on", "id")
