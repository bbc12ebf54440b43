"""收到申请之日 by channel, and confirming on the day of arrival (条例第三十一条)."""

import pytest

from gongkai.foi.receipt import (
    Channel,
    ReceiptDateError,
    check_confirmation,
    confirmation_is_late,
    explain_receipt,
    receipt_date,
)
from gongkai.workdays.tests.spec_schedules import day

SUBMITTED, SIGNED, CONFIRMED = day("2026-02-10"), day("2026-02-12"), day("2026-02-13")

# (channel, receipt date): every date is given, so each case shows which one decides.
RECEIPT_CASES = [
    (Channel.IN_PERSON, SUBMITTED),
    (Channel.SIGNED_MAIL, SIGNED),
    (Channel.ORDINARY_MAIL, CONFIRMED),
    (Channel.ONLINE, CONFIRMED),
    (Channel.FAX, CONFIRMED),
]


@pytest.mark.parametrize(("channel", "received"), RECEIPT_CASES)
def test_receipt_date_by_channel(channel, received):
    assert (
        receipt_date(channel, submitted_on=SUBMITTED, signed_on=SIGNED, confirmed_on=CONFIRMED)
        == received
    )


def test_in_person_needs_no_other_date():
    assert receipt_date("in_person", submitted_on=SUBMITTED) == SUBMITTED


@pytest.mark.parametrize(
    ("channel", "arguments", "message"),
    [
        (
            Channel.SIGNED_MAIL,
            {"confirmed_on": CONFIRMED},
            "以“邮寄（需签收）”方式提交的申请，须填写签收之日（条例第三十一条）。",
        ),
        (
            Channel.ORDINARY_MAIL,
            {"signed_on": SIGNED},
            "以“平常信函”方式提交的申请，须填写确认之日（条例第三十一条）。",
        ),
        (
            Channel.ONLINE,
            {},
            "以“互联网渠道”方式提交的申请，须填写双方确认之日（条例第三十一条）。",
        ),
        (
            Channel.FAX,
            {"signed_on": SIGNED},
            "以“传真”方式提交的申请，须填写双方确认之日（条例第三十一条）。",
        ),
        (
            Channel.ONLINE,
            {"confirmed_on": day("2026-02-09")},
            "双方确认之日 2026-02-09 早于提交日期 2026-02-10，请核对。",
        ),
    ],
)
def test_missing_or_impossible_date(channel, arguments, message):
    with pytest.raises(ReceiptDateError) as error:
        receipt_date(channel, submitted_on=SUBMITTED, **arguments)
    assert error.value.message == message
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(
    ("channel", "sentence"),
    [
        (
            Channel.IN_PERSON,
            "申请以“当面提交”方式提交，依据《政府信息公开条例》第三十一条第（一）项，"
            "以提交之日 2026-02-10 为收到申请之日。",
        ),
        (
            Channel.SIGNED_MAIL,
            "申请以“邮寄（需签收）”方式提交，依据《政府信息公开条例》第三十一条第（二）项，"
            "以签收之日 2026-02-12 为收到申请之日。",
        ),
        (
            Channel.ORDINARY_MAIL,
            "申请以“平常信函”方式提交，依据《政府信息公开条例》第三十一条第（二）项，"
            "以确认之日 2026-02-13 为收到申请之日。",
        ),
        (
            Channel.FAX,
            "申请以“传真”方式提交，依据《政府信息公开条例》第三十一条第（三）项，"
            "以双方确认之日 2026-02-13 为收到申请之日。",
        ),
    ],
)
def test_explain_receipt(channel, sentence):
    assert (
        explain_receipt(channel, submitted_on=SUBMITTED, signed_on=SIGNED, confirmed_on=CONFIRMED)
        == sentence
    )


# --- confirming on the day of arrival (条例第三十一条第（二）（三）项) ------------------------

ARRIVED = day("2026-02-11")

# (channel, arrived, confirmed, reason given, reason kept): ordinary letters, online and fax
# are confirmed on the day they arrive; later needs a reason, kept with the application.
CONFIRMATION_CASES = [
    (Channel.ORDINARY_MAIL, ARRIVED, ARRIVED, "", ""),
    (Channel.ORDINARY_MAIL, ARRIVED, ARRIVED, "多余的说明", ""),  # on time: nothing to explain
    (Channel.ORDINARY_MAIL, ARRIVED, CONFIRMED, " 申请人电话无法接通 ", "申请人电话无法接通"),
    (Channel.FAX, ARRIVED, CONFIRMED, "传真字迹不清，次日回电核实", "传真字迹不清，次日回电核实"),
    (Channel.ONLINE, CONFIRMED, CONFIRMED, "", ""),
    (Channel.IN_PERSON, None, None, "", ""),  # no confirmation in person or by signed mail
    (Channel.SIGNED_MAIL, None, None, "无关", ""),
]


@pytest.mark.parametrize(("channel", "arrived", "confirmed", "reason", "kept"), CONFIRMATION_CASES)
def test_check_confirmation(channel, arrived, confirmed, reason, kept):
    assert (
        check_confirmation(
            channel,
            submitted_on=SUBMITTED,
            arrived_on=arrived,
            confirmed_on=confirmed,
            delay_reason=reason,
        )
        == kept
    )
    assert confirmation_is_late(channel, arrived_on=arrived, confirmed_on=confirmed) == bool(kept)


@pytest.mark.parametrize(
    ("channel", "arrived", "confirmed", "reason", "field", "message"),
    [
        (
            Channel.ORDINARY_MAIL,
            None,
            CONFIRMED,
            "",
            "arrived_on",
            "以“平常信函”方式提交的申请，须填写到达日期（条例第三十一条：到达当日应与申请人确认）。",
        ),
        (
            Channel.FAX,
            day("2026-02-09"),
            CONFIRMED,
            "",
            "arrived_on",
            "到达日期 2026-02-09 早于提交日期 2026-02-10，请核对。",
        ),
        (
            Channel.ONLINE,
            CONFIRMED,
            ARRIVED,
            "",
            "confirmed_on",
            "双方确认之日 2026-02-11 早于到达日期 2026-02-13，请核对。",
        ),
        (
            Channel.ORDINARY_MAIL,
            ARRIVED,
            CONFIRMED,
            "  ",
            "confirmation_delay_reason",
            "确认之日 2026-02-13 晚于到达日期 2026-02-11："
            "条例第三十一条要求在到达当日与申请人确认，请填写未能当日确认的原因。",
        ),
    ],
)
def test_confirmation_problems_name_their_field(
    channel, arrived, confirmed, reason, field, message
):
    with pytest.raises(ReceiptDateError) as error:
        check_confirmation(
            channel,
            submitted_on=SUBMITTED,
            arrived_on=arrived,
            confirmed_on=confirmed,
            delay_reason=reason,
        )
    assert error.value.field == field
    assert error.value.message == message
