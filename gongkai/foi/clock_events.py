"""The events that move an application's reply clock, as pure values (no database)."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy

EXTENSION_MAX_DAYS = 20  # 条例第三十三条第二款: 延长的期限最长不得超过20个工作日


class EventKind(models.TextChoices):
    """The events that move the reply clock."""

    SUPPLEMENT_REQUESTED = "supplement_requested", gettext_lazy("补正告知")
    SUPPLEMENT_RECEIVED = "supplement_received", gettext_lazy("收到补正")
    CONSULTATION_STARTED = "consultation_started", gettext_lazy("征求意见（第三方/其他机关）")
    CONSULTATION_DELIVERED = "consultation_delivered", gettext_lazy("对方收到征求意见书")
    CONSULTATION_ENDED = "consultation_ended", gettext_lazy("收到意见或期满")
    EXTENDED = "extended", gettext_lazy("延长答复期限")
    DELAYED = "delayed", gettext_lazy("延迟答复（条例第三十五条）")
    FEE_NOTIFIED = "fee_notified", gettext_lazy("发出收费通知")
    FEE_PAID = "fee_paid", gettext_lazy("缴费")
    REPLIED = "replied", gettext_lazy("答复")
    CLOSED = "closed", gettext_lazy("办结")


@dataclass(frozen=True)
class ClockEvent:
    """One event on `on`; `days` is the number of working days added by an extension.

    Consultations: a start's `ref` names it and `party_kind` says who is consulted
    (`ConsultationParty`); a receipt by the party (`on` = the day it received the letter) and
    an end carry the `ref` of their consultation. An Art.35 delay gives its date in `until`,
    or a number of working days after `on` in `days`.
    """

    kind: EventKind | str
    on: datetime.date
    days: int = 0
    note: str = ""
    ref: str = ""
    party_kind: str = ""
    until: datetime.date | None = None
