"""What may be published of a public message: no personal data in its public subject, body
or reply (#11). Pure rules over texts; the detector is `gongkai.privacy.detection`.

The sender's own name, telephone and e-mail are looked for as they typed them (the name is
never guessed from the text); anybody's ID number, mobile or landline number, e-mail address
or bank card number is found by its shape and check character. The agency's own published
office telephone and e-mail may stay in a reply.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.privacy.detection import (
    Finding,
    Kind,
    combine,
    find_given,
    find_personal_data,
    mask_text,
)
from gongkai.privacy.labels import kind_label

NAME_MIN_LENGTH = 2  # a one-character name would match half of any text

# The public texts of a message, in the order a clerk reads them.
PLACES = {
    "subject": gettext_lazy("标题"),
    "body": gettext_lazy("留言内容"),
    "reply": gettext_lazy("答复"),
}
SENDER_DETAILS = {
    Kind.NAME: gettext_lazy("姓名"),
    Kind.MOBILE: gettext_lazy("联系电话"),
    Kind.LANDLINE: gettext_lazy("联系电话"),
    Kind.EMAIL: gettext_lazy("电子邮箱"),
}


@dataclass(frozen=True)
class Sender:
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class PlacedFinding:
    """A piece of personal data in one of the public texts."""

    place: str  # a key of PLACES
    finding: Finding
    is_senders: bool  # the sender's own name, telephone or e-mail

    @property
    def place_label(self) -> str:
        return str(PLACES[self.place])

    @property
    def kind_label(self) -> str:
        return kind_label(self.finding.kind)


def review_public_texts(
    texts: Mapping[str, str], *, sender: Sender, allowed: Iterable[str] = ()
) -> list[PlacedFinding]:
    """Every piece of personal data in the texts to be published, place by place."""
    allowed = list(allowed)
    sender_keys = _keys_of(sender)
    placed = []
    for place, text in texts.items():
        for finding in _findings_in(text, sender=sender, allowed=allowed):
            is_senders = finding.kind == Kind.NAME or finding.key in sender_keys
            placed.append(PlacedFinding(place, finding, is_senders))
    return placed


def masked_texts(texts: Mapping[str, str], placed: Iterable[PlacedFinding]) -> dict[str, str]:
    """The texts with every finding replaced by its masked form."""
    placed = list(placed)
    return {
        place: mask_text(text, [p.finding for p in placed if p.place == place])
        for place, text in texts.items()
    }


def refusal_message(placed: list[PlacedFinding]) -> str:
    """Why publication is refused: the sender's details named, then every finding by place,
    kind and masked value (never the value itself: the message may be logged)."""
    sentences = []
    details = list(
        dict.fromkeys(str(SENDER_DETAILS[p.finding.kind]) for p in placed if p.is_senders)
    )
    if details:
        sentences.append(
            _("公开内容中含有留言人的%(details)s，请删去后再公开。")
            % {"details": "、".join(details)}
        )
    items = "；".join(
        _("%(place)s中的%(kind)s %(masked)s")
        % {"place": p.place_label, "kind": p.kind_label, "masked": p.finding.masked}
        for p in placed
    )
    sentences.append(
        _("公开内容含有以下个人信息：%(items)s。请删去，或选择“按建议遮盖后公开”。")
        % {"items": items}
    )
    return "".join(sentences)


def kind_counts(placed: Iterable[PlacedFinding]) -> dict[str, int]:
    """How many findings of each kind, for the audit trail (kinds and counts, no values)."""
    return dict(sorted(Counter(str(p.finding.kind) for p in placed).items()))


def _findings_in(text: str, *, sender: Sender, allowed: list[str]) -> list[Finding]:
    given = []
    name = sender.name.strip()
    if len(name) >= NAME_MIN_LENGTH:
        given.append(find_given(text, name, kind=Kind.NAME))
    phone_kinds = [f.kind for f in find_personal_data(sender.phone)]
    # A number the detector would miss (a local number without its area code) is still
    # looked for as the sender typed it.
    given.append(
        find_given(text, sender.phone, kind=phone_kinds[0] if phone_kinds else Kind.LANDLINE)
    )
    given.append(find_given(text, sender.email, kind=Kind.EMAIL))
    return combine(find_personal_data(text, allowed=allowed), *given)


def _keys_of(sender: Sender) -> set[str]:
    keys = {f.key for value in (sender.phone, sender.email) for f in find_personal_data(value)}
    keys.update(value.strip().lower() for value in (sender.phone, sender.email) if value.strip())
    return keys
