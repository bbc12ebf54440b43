"""What an applicant may see of their application, and how they prove it is theirs.

Shared by the portal's progress page and the public API: states and dates only, never
notes, staff names or third parties (条例 and personal-information protection).
"""

import datetime
import hmac
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.foi.letters import LetterKind, available_letters, reply_is_draft
from gongkai.foi.models import Application, Event, LogKind, Status

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


# Spaces and hyphens do not matter in a phone number: "138 1234 5678" is 13812345678.
_SEPARATORS = re.compile(r"[\s\-－—]")


def _comparable(value: str) -> str:
    return _SEPARATORS.sub("", value or "").upper()


def secret_matches(application: Application, secret: str) -> bool:
    """The applicant's phone or ID number, compared in constant time (case-insensitive,
    spaces and hyphens ignored)."""
    secret = _comparable(secret)
    if not secret:
        return False
    return any(
        hmac.compare_digest(secret, _comparable(value))
        for value in (application.phone, application.id_number)
        if value
    )


def public_steps(application: Application):
    """The log entries an applicant sees: kinds and dates."""
    return application.events.filter(kind__in=PUBLIC_KINDS).order_by("on", "id")


# --- the steps an applicant sees ----------------------------------------------------------

STEP_LABELS = {
    "registered": gettext_lazy("已登记"),
    "accepted": gettext_lazy("已受理"),
    "working": gettext_lazy("办理中"),
    "answered": gettext_lazy("已答复"),
    "closed": gettext_lazy("已办结"),
}
# The log entries that show the office working on the request (not just holding it).
WORKING_KINDS = frozenset(
    {
        LogKind.SUPPLEMENT_REQUESTED,
        LogKind.CONSULTATION_STARTED,
        LogKind.EXTENDED,
        LogKind.DELAYED,
        LogKind.FEE_NOTIFIED,
        LogKind.REPLY_DRAFTED,
    }
)
# Statuses in which the application is past 已受理, whatever the log says.
WORKING_STATUSES = frozenset(
    {Status.AWAITING_SUPPLEMENT, Status.CONSULTING, Status.AWAITING_FEE, Status.REPLY_DRAFTED}
)


@dataclass(frozen=True)
class Step:
    """One step of 已登记 → 已受理 → 办理中 → 已答复: `state` is done, current or upcoming."""

    key: str
    label: str
    on: datetime.date | None
    state: str
    notes: tuple[str, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def _note(event: Event) -> str | None:
    """What a clock event means to the applicant, in one sentence (条例第三十条至第三十五条)."""
    day = event.on.isoformat()
    texts = {
        LogKind.SUPPLEMENT_REQUESTED: _(
            "%(day)s 机关告知补正申请内容；补正期间不计入办理期限（条例第三十条）。"
        ),
        LogKind.SUPPLEMENT_RECEIVED: _(
            "%(day)s 收到补正，答复期限自次日起重新计算（条例第三十条）。"
        ),
        LogKind.CONSULTATION_STARTED: _(
            "%(day)s 征求第三方或其他机关的意见；征求意见所需时间不计入办理期限（条例第三十二条）。"
        ),
        LogKind.CONSULTATION_ENDED: _("%(day)s 征求意见结束，继续办理。"),
        LogKind.EXTENDED: _(
            "%(day)s 经负责人同意延长答复期限，延长最长不超过20个工作日（条例第三十三条）。"
        ),
        LogKind.DELAYED: _("%(day)s 机关告知因正当理由延迟答复（条例第三十五条）。"),
        LogKind.FEE_NOTIFIED: _("%(day)s 机关发出收费通知；缴费期间不计入办理期限。"),
        LogKind.FEE_PAID: _("%(day)s 已缴费，继续办理。"),
    }
    text = texts.get(event.kind)
    return text % {"day": day} if text else None


def applicant_steps(application: Application) -> list[Step]:
    """已登记 → 已受理 → 办理中 → 已答复 (已办结 when closed without a reply), the current one
    marked, with the dates of the passed ones and what paused or lengthened the clock."""
    events = list(application.events.order_by("on", "id"))
    later = [event for event in events if event.kind != LogKind.RECEIVED]
    working = [event for event in events if event.kind in WORKING_KINDS]
    closed = application.status == Status.CLOSED
    if closed:
        reached = 3
    elif working or application.status in WORKING_STATUSES:
        reached = 2
    elif later or application.status == Status.IN_PROGRESS:
        reached = 1
    else:
        reached = 0
    answered_on = application.replied_on or application.closed_on
    last_key = "answered" if application.replied_on or not closed else "closed"
    dates = [
        application.received_on,
        later[0].on if later else None,
        working[0].on if working else None,
        answered_on if closed else None,
    ]
    notes = tuple(note for event in events if (note := _note(event)))
    steps = []
    for index, key in enumerate(("registered", "accepted", "working", last_key)):
        if index < reached:
            state = "done"
        elif index == reached:
            state = "current"
        else:
            state = "upcoming"
        steps.append(
            Step(
                key=key,
                label=str(STEP_LABELS[key]),
                on=dates[index] if index <= reached else None,
                state=state,
                notes=notes if key == "working" and index <= reached else (),
            )
        )
    return steps


def next_step(application: Application, *, due_on: datetime.date | None) -> str:
    """What happens next and by when; `due_on` is the ledger's (obligations, foi.reply)."""
    status = application.status
    if status == Status.CLOSED:
        return _(
            "申请已办结。对答复不服的，可以自知道之日起60日内申请行政复议，"
            "或者6个月内提起行政诉讼（条例第五十一条）。"
        )
    if status == Status.AWAITING_SUPPLEMENT:
        return _(
            "请按补正告知书的要求补正申请内容。机关收到补正后继续办理，答复期限自收到补正的"
            "次日起重新计算；补正期间不计入办理期限。"
        )
    if status == Status.CONSULTING:
        return _(
            "机关正在征求第三方或其他机关的意见，征求意见所需时间不计入办理期限；"
            "征求意见结束后继续办理，答复期限届时继续计算。"
        )
    if status == Status.AWAITING_FEE:
        return _("请按收费通知缴纳信息处理费。缴费期间不计入办理期限，缴费后机关继续办理。")
    if due_on is None:
        return _("机关正在办理，将在法定期限内答复。")
    if status == Status.REPLY_DRAFTED:
        return _("答复正在审核，机关将不晚于 %(due)s 答复您。") % {"due": due_on.isoformat()}
    return _("机关将不晚于 %(due)s 答复您。") % {"due": due_on.isoformat()}


# The letters the applicant receives (the consultation letters go to third parties).
APPLICANT_LETTERS = (
    LetterKind.RECEIPT,
    LetterKind.SUPPLEMENT,
    LetterKind.EXTENSION,
    LetterKind.DELAY,
    LetterKind.FEE,
    LetterKind.REPLY,
)


def applicant_letters(application: Application) -> list[LetterKind]:
    """The letters issued to the applicant so far: a reply only once it is approved."""
    letters = [kind for kind in available_letters(application) if kind in APPLICANT_LETTERS]
    if reply_is_draft(application) and LetterKind.REPLY in letters:
        letters.remove(LetterKind.REPLY)
    return letters
