"""The date an application counts as received, by channel (条例第三十一条).

Pure: the dates come in as arguments. The reply clock (`clock.read_clock`) starts from the
date returned here.
"""

import datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Channel(models.TextChoices):
    """How the application was submitted; each has its own receipt rule (条例第三十一条)."""

    IN_PERSON = "in_person", gettext_lazy("当面提交")
    SIGNED_MAIL = "signed_mail", gettext_lazy("邮寄（需签收）")
    ORDINARY_MAIL = "ordinary_mail", gettext_lazy("平常信函")
    ONLINE = "online", gettext_lazy("互联网渠道")
    FAX = "fax", gettext_lazy("传真")


class ReceiptDateError(ValueError):
    """A date the channel needs is missing or impossible; `message` is shown to the clerk and
    `field` names the input at fault when it is known."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# 条例第三十一条第（二）（三）项: for these the office confirms with the applicant, and must try
# on the day the letter, the fax or the online submission arrives.
CONFIRMED_CHANNELS = frozenset({Channel.ORDINARY_MAIL, Channel.ONLINE, Channel.FAX})

# Which date decides, per channel: (argument name, the date's name, the article's item).
_RULES = {
    Channel.IN_PERSON: ("submitted_on", gettext_lazy("提交之日"), gettext_lazy("第（一）项")),
    Channel.SIGNED_MAIL: ("signed_on", gettext_lazy("签收之日"), gettext_lazy("第（二）项")),
    Channel.ORDINARY_MAIL: ("confirmed_on", gettext_lazy("确认之日"), gettext_lazy("第（二）项")),
    Channel.ONLINE: ("confirmed_on", gettext_lazy("双方确认之日"), gettext_lazy("第（三）项")),
    Channel.FAX: ("confirmed_on", gettext_lazy("双方确认之日"), gettext_lazy("第（三）项")),
}


def receipt_date(
    channel: Channel | str,
    *,
    submitted_on: datetime.date,
    signed_on: datetime.date | None = None,
    confirmed_on: datetime.date | None = None,
) -> datetime.date:
    """收到申请之日 under 条例第三十一条: submission, signature or confirmation date.

    In person: the day of submission. Mail needing a signature: the day the office signs for
    it. Ordinary letters: the day the office confirms with the applicant (it must do so on the
    day the letter arrives). Internet channel or the office's fax: the day both sides confirm.
    Dates the channel does not use are ignored. The deciding date cannot precede submission.
    """
    channel = Channel(channel)
    argument, date_name, _item = _RULES[channel]
    dates = {"submitted_on": submitted_on, "signed_on": signed_on, "confirmed_on": confirmed_on}
    decisive = dates[argument]
    if decisive is None:
        raise ReceiptDateError(
            _("以“%(channel)s”方式提交的申请，须填写%(date_name)s（条例第三十一条）。")
            % {"channel": channel.label, "date_name": date_name}
        )
    if decisive < submitted_on:
        raise ReceiptDateError(
            _("%(date_name)s %(day)s 早于提交日期 %(submitted)s，请核对。")
            % {
                "date_name": date_name,
                "day": decisive.isoformat(),
                "submitted": submitted_on.isoformat(),
            }
        )
    return decisive


def explain_receipt(
    channel: Channel | str,
    *,
    submitted_on: datetime.date,
    signed_on: datetime.date | None = None,
    confirmed_on: datetime.date | None = None,
) -> str:
    """One sentence saying which date counts as received and why (条例第三十一条)."""
    channel = Channel(channel)
    received_on = receipt_date(
        channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
    )
    _argument, date_name, item = _RULES[channel]
    return _(
        "申请以“%(channel)s”方式提交，依据《政府信息公开条例》第三十一条%(item)s，"
        "以%(date_name)s %(day)s 为收到申请之日。"
    ) % {
        "channel": channel.label,
        "item": item,
        "date_name": date_name,
        "day": received_on.isoformat(),
    }


def confirmation_is_late(
    channel: Channel | str,
    *,
    arrived_on: datetime.date | None,
    confirmed_on: datetime.date | None,
) -> bool:
    """Whether an ordinary letter, fax or online application was confirmed after the day it
    arrived (条例第三十一条第（二）（三）项: the office confirms on the day of arrival). Unknown
    dates are not late."""
    return (
        Channel(channel) in CONFIRMED_CHANNELS
        and arrived_on is not None
        and confirmed_on is not None
        and confirmed_on > arrived_on
    )


def check_confirmation(
    channel: Channel | str,
    *,
    submitted_on: datetime.date,
    arrived_on: datetime.date | None,
    confirmed_on: datetime.date | None,
    delay_reason: str = "",
) -> str:
    """The reason to keep for confirming after the day of arrival ('' when on time or when the
    channel needs no confirmation), or ReceiptDateError naming the field at fault.

    条例第三十一条第（二）（三）项: the receipt date is the confirmation date, and the office must
    confirm on the day the application arrives. So these channels need the arrival date, it
    cannot precede submission nor follow confirmation, and a later confirmation needs a reason
    (the receipt date, and with it the reply clock, moves with it).
    """
    channel = Channel(channel)
    if channel not in CONFIRMED_CHANNELS:
        return ""
    if arrived_on is None:
        raise ReceiptDateError(
            _(
                "以“%(channel)s”方式提交的申请，须填写到达日期（条例第三十一条：到达当日应与申请人确认）。"
            )
            % {"channel": channel.label},
            field="arrived_on",
        )
    if arrived_on < submitted_on:
        raise ReceiptDateError(
            _("到达日期 %(day)s 早于提交日期 %(submitted)s，请核对。")
            % {"day": arrived_on.isoformat(), "submitted": submitted_on.isoformat()},
            field="arrived_on",
        )
    _argument, date_name, _item = _RULES[channel]
    if confirmed_on is not None and confirmed_on < arrived_on:
        raise ReceiptDateError(
            _("%(date_name)s %(day)s 早于到达日期 %(arrived)s，请核对。")
            % {
                "date_name": date_name,
                "day": confirmed_on.isoformat(),
                "arrived": arrived_on.isoformat(),
            },
            field="confirmed_on",
        )
    if not confirmation_is_late(channel, arrived_on=arrived_on, confirmed_on=confirmed_on):
        return ""
    reason = (delay_reason or "").strip()
    if not reason:
        raise ReceiptDateError(
            _(
                "%(date_name)s %(day)s 晚于到达日期 %(arrived)s：条例第三十一条要求在到达当日"
                "与申请人确认，请填写未能当日确认的原因。"
            )
            % {
                "date_name": date_name,
                "day": confirmed_on.isoformat() if confirmed_on else "",
                "arrived": arrived_on.isoformat(),
            },
            field="confirmation_delay_reason",
        )
    return reason
