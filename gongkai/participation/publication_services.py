"""Publishing an answered public message on the website, and taking it off (#11).

Nothing is published that carries personal data: the sender's own name, telephone or
e-mail, or anybody's ID number, phone number, e-mail address or bank card number
(`publication.py`). The reviewer removes it, or publishes the masked copy the detector
suggests; the original texts stay for staff and for the asker's own look-up.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import snapshot
from gongkai.participation import publication
from gongkai.participation.errors import ParticipationError, PersonalDataError
from gongkai.participation.mailbox import MessageAction
from gongkai.participation.mailbox_services import _locked, _require, _save
from gongkai.participation.models import PublicMessage
from gongkai.participation.publication import PlacedFinding
from gongkai.privacy import review_services
from gongkai.privacy.errors import ReleaseReviewError

SUBJECT_MAX_LENGTH = 200
# A publication event records what became public, not the original texts again: a reply
# refused or masked for personal data must not be copied into the trail once more.
PUBLICATION_FIELDS = [
    "status",
    "is_published",
    "public_subject",
    "public_body",
    "public_reply",
    "published_at",
]


def office_contacts(agency: Agency) -> list[str]:
    """The agency's published office telephone and e-mail: a reply may give them."""
    return [value for value in (agency.office_telephone, agency.office_email) if value]


def public_texts(
    message: PublicMessage,
    *,
    public_subject: str = "",
    public_body: str = "",
    public_reply: str = "",
) -> dict[str, str]:
    """What would be published: the reviewer's texts, the original where one is left empty."""
    return {
        "subject": (public_subject or "").strip()[:SUBJECT_MAX_LENGTH] or message.subject,
        "body": (public_body or "").strip() or message.body,
        "reply": (public_reply or "").strip() or message.reply,
    }


def review_publication(message: PublicMessage, **texts: str) -> list[PlacedFinding]:
    """The personal data the reviewer's texts (or the originals) would publish."""
    return publication.review_public_texts(
        public_texts(message, **texts),
        sender=publication.Sender(message.sender_name, message.phone, message.email),
        allowed=office_contacts(message.agency),
    )


@transaction.atomic
def set_publication(
    *,
    message: PublicMessage,
    actor,
    publish: bool,
    public_subject: str = "",
    public_body: str = "",
    public_reply: str = "",
    mask: bool = False,
) -> PublicMessage:
    """Publish an answered message (with the asker's consent) or take it off the website.

    The reviewer may shorten the subject, body and reply. Publication is refused while they
    carry personal data (PersonalDataError lists each finding, masked); with `mask` the
    masked copy is published instead, and the audit event counts what was masked by kind.
    """
    message = _locked(message)
    before = snapshot(message, PUBLICATION_FIELDS)
    if not publish:
        _require(MessageAction.UNPUBLISH, message)
        if not message.is_published:
            raise ParticipationError(_("该留言尚未公开。"))
        message.is_published = False
        _save(
            message,
            actor=actor,
            action="unpublish",
            before=before,
            fields=["is_published"],
            audited=PUBLICATION_FIELDS,
        )
        return message
    _require(MessageAction.PUBLISH, message)
    if not message.wants_public:
        raise ParticipationError(_("留言人未同意公开，不能公开。"))
    given = {
        "public_subject": public_subject,
        "public_body": public_body,
        "public_reply": public_reply,
    }
    found = review_publication(message, **given)
    also = {}
    if found and not mask:
        raise PersonalDataError(publication.refusal_message(found), findings=found)
    if found:
        masked = publication.masked_texts(public_texts(message, **given), found)
        changed = {p.place for p in found}
        for place in changed:
            given[f"public_{place}"] = masked[place]
        also = {"masked_personal_data": publication.kind_counts(found)}
    message.public_subject = (given["public_subject"] or "").strip()[:SUBJECT_MAX_LENGTH]
    message.public_body = (given["public_body"] or "").strip()
    message.public_reply = (given["public_reply"] or "").strip()
    # The secrecy review on record (#15 §2): the full detector over what will be public —
    # names, addresses, plates and listed words too — by the publishing reviewer.
    try:
        review_services.ensure_release_review(message, actor=actor)
    except ReleaseReviewError as exc:
        raise PersonalDataError(exc.message, findings=[]) from exc
    message.is_published = True
    message.published_at = timezone.now()
    _save(
        message,
        actor=actor,
        action="publish",
        before=before,
        fields=["public_subject", "public_body", "public_reply", "is_published", "published_at"],
        audited=PUBLICATION_FIELDS,
        also=also,
    )
    return message
