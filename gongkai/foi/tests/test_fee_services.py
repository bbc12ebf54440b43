"""信息处理费 through the services (国办函〔2020〕109号): the month's running count of 件."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.foi import fee_services, letters, services
from gongkai.foi.errors import FoiError
from gongkai.foi.identity import IdType
from gongkai.foi.letters import LetterKind
from gongkai.foi.models import FeeNoticeService, LogKind, Status
from gongkai.foi.outcomes import ApplicantType

pytestmark = pytest.mark.django_db
# Fictional ID numbers whose check digits are right (GB 11643-1999).
RESIDENT_ID = "11010519491231002X"
OTHER_RESIDENT_ID = "110105198001010016"


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


@pytest.fixture
def agency():
    return make_agency(charges_foi_fees=True)


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,))


def applicant(**overrides):
    values = {
        "applicant_type": ApplicantType.NATURAL,
        "applicant_name": "李四",
        "id_type": IdType.RESIDENT_ID,
        "id_number": RESIDENT_ID,
        "phone": "13900000000",
        "email": "",
        "address": "某市某路2号",
        "postcode": "",
        "description": "本县医疗机构校验结果",
        "document_numbers": "",
        "delivery_form": "email",
        "contact_person": "",
    }
    values.update(overrides)
    return values


def apply(agency, on: str, **overrides):
    return services.submit_online(agency=agency, values=applicant(**overrides), on=day(on))


def charge_per_request(application, handler, quantity: int) -> int:
    """Quote the application at `quantity` 件 and, if that costs anything, send the notice
    (which records the quantity); the amount quoted."""
    quote = fee_services.quote_fee(application, method="per_request", quantity=quantity)
    if quote.amount_yuan:
        fee_services.notify_fee(
            application=application,
            actor=handler,
            on=application.received_on,
            method="per_request",
            quantity=quantity,
        )
    return quote.amount_yuan


# --- 2. the month counts 件, not applications (109号第四条) -------------------------------


def test_the_next_application_is_the_16th_request_after_one_of_15(agency, handler):
    # The example: 15 件 cost 500 元 (10 free + 5 × 100); one more 件 is the 16th.
    first = apply(agency, "2026-11-02")
    assert charge_per_request(first, handler, 15) == 500

    second = apply(agency, "2026-11-03")
    quote = fee_services.quote_fee(second, method="per_request", quantity=1)

    assert quote.amount_yuan == 100
    assert "本次为本月第16至第16件" in quote.basis


# (件 per application, in the order received that month) → what each one costs. The spec's
# worked example: 45 件 in a month cost 5,500 元, in one application or in several.
MONTH_CASES = [
    ([45], [5_500]),
    ([15, 20, 10], [500, 2_500, 2_500]),  # 11–15; 16–30 + 31–35; 36–40 + 41–45
    ([30, 15], [2_000, 3_500]),  # 11–30; 31–40 at 200 + 41–45 at 300
    ([1] * 10 + [35], [0] * 10 + [5_500]),  # ten single requests free, then the 11th–45th
]


@pytest.mark.parametrize(("quantities", "amounts"), MONTH_CASES)
def test_45_requests_in_a_month_cost_5500_however_they_are_spread(
    agency, handler, quantities, amounts
):
    charged = []
    for n, quantity in enumerate(quantities, start=1):
        application = apply(agency, f"2026-11-{min(n, 13):02d}")
        charged.append(charge_per_request(application, handler, quantity))

    assert charged == amounts
    assert sum(charged) == 5_500


def test_only_the_same_applicant_in_the_same_month_counts(agency, handler):
    charge_per_request(apply(agency, "2026-10-30"), handler, 20)  # last month
    charge_per_request(apply(agency, "2026-11-02", id_number=OTHER_RESIDENT_ID), handler, 20)

    application = apply(agency, "2026-11-03")

    assert fee_services.quote_fee(application, method="per_request", quantity=11).amount_yuan == 100


def test_an_application_received_later_the_same_day_is_not_earlier(agency, handler):
    morning = apply(agency, "2026-11-02")
    assert charge_per_request(morning, handler, 15) == 500
    afternoon = apply(agency, "2026-11-02")
    assert charge_per_request(afternoon, handler, 5) == 500  # the 16th–20th

    # Quoting the first again (the fee letter does) gives what its notice said.
    assert fee_services.quote_fee(morning, method="per_request", quantity=15).amount_yuan == 500


# --- 1. the payment period runs from the applicant's receipt of the notice (109号) -------


def notify_per_page(application, handler, on: str, **service):
    return fee_services.notify_fee(
        application=application,
        actor=handler,
        on=day(on),
        method="per_page",
        quantity=45,  # pages 31–45 at 10 元: 150 元
        **service,
    )


# (notice sent, how served, applicant received, last day to pay): 20 working days from the
# day after receipt (民法典第二百零一条: the receipt day is not counted).
PAY_BY_CASES = [
    # Received the day before National Day 2026 (10-01..10-07 off, Sat 10-10 worked):
    # 10-08 is the 1st working day, 10-10 the 3rd, 11-03 the 20th.
    ("2026-09-28", "post", "2026-09-30", "2026-11-03"),
    # The same notice handed over on the day it was sent: 09-29, 09-30, then 10-08 … 10-30.
    ("2026-09-28", "in_person", "2026-09-28", "2026-10-30"),
    # E-mailed on Friday 10-30, read that day: 11-02 is the 1st working day, 11-27 the 20th.
    ("2026-10-30", "email", "2026-10-30", "2026-11-27"),
]


@pytest.mark.parametrize(("sent", "service", "received", "pay_by"), PAY_BY_CASES)
def test_the_payment_period_counts_from_the_day_after_receipt(
    agency, handler, sent, service, received, pay_by
):
    application = apply(agency, "2026-09-21")
    notify_per_page(application, handler, sent)

    fee_services.record_fee_service(
        application=application, actor=handler, service=service, received_on=day(received)
    )

    assert fee_services.fee_pay_by(application) == day(pay_by)
    served = application.events.get(kind=LogKind.FEE_NOTICE_SERVED)
    assert served.on == day(received)
    assert served.details["pay_by"] == pay_by
    assert AuditEvent.objects.filter(action="foi.record_fee_service").count() == 1


def test_closing_as_unpaid_waits_for_the_period_from_the_post_receipt(agency, handler):
    application = apply(agency, "2026-09-21")
    notify_per_page(application, handler, "2026-09-28")
    fee_services.record_fee_service(
        application=application,
        actor=handler,
        service="post",
        received_on=day("2026-09-30"),
        note="EMS 回执",
    )

    # Counted from the sending date the period would have ended on 10-30; it ends on 11-03.
    with pytest.raises(FoiError, match="2026-11-03") as refused:
        fee_services.close_unpaid(application=application, actor=handler, on=day("2026-11-02"))
    assert "尚未届满" in refused.value.message
    assert application.status == Status.AWAITING_FEE

    fee_services.close_unpaid(application=application, actor=handler, on=day("2026-11-04"))

    assert application.status == Status.CLOSED
    assert application.outcome == "other.2"


def test_until_the_receipt_is_recorded_pay_by_is_unknown_and_closing_is_refused(agency, handler):
    application = apply(agency, "2026-09-21")
    notify_per_page(application, handler, "2026-09-28")

    assert fee_services.fee_pay_by(application) is None
    with pytest.raises(FoiError, match="尚未登记申请人收到收费通知的日期"):
        fee_services.close_unpaid(application=application, actor=handler, on=day("2026-11-16"))
    application.refresh_from_db()
    assert application.status == Status.AWAITING_FEE
    assert not application.events.filter(kind=LogKind.CLOSED).exists()


def test_a_notice_handed_over_in_person_records_its_service_at_once(agency, handler):
    application = apply(agency, "2026-10-12")

    notify_per_page(
        application, handler, "2026-10-19", service="in_person", received_on=day("2026-10-19")
    )

    application.refresh_from_db()
    assert application.fee_notice_service == FeeNoticeService.IN_PERSON
    assert application.fee_notice_received_on == day("2026-10-19")
    assert fee_services.fee_pay_by(application) == day("2026-11-16")
    assert [e.kind for e in application.events.all()][-2:] == [
        LogKind.FEE_NOTIFIED,
        LogKind.FEE_NOTICE_SERVED,
    ]


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"service": "pigeon", "received_on": day("2026-10-20")}, "service", "送达方式"),
        ({"service": "post", "received_on": day("2026-10-16")}, "received_on", "早于"),
    ],
)
def test_an_impossible_service_is_refused(agency, handler, arguments, field, words):
    application = apply(agency, "2026-10-12")
    notify_per_page(application, handler, "2026-10-19")

    with pytest.raises(FoiError) as refused:
        fee_services.record_fee_service(application=application, actor=handler, **arguments)

    assert refused.value.field == field
    assert words in refused.value.message
    assert not application.events.filter(kind=LogKind.FEE_NOTICE_SERVED).exists()


def test_correcting_the_receipt_date_needs_a_reason_and_keeps_the_first_entry(agency, handler):
    application = apply(agency, "2026-10-12")
    notify_per_page(application, handler, "2026-10-19")
    fee_services.record_fee_service(
        application=application, actor=handler, service="post", received_on=day("2026-10-21")
    )

    with pytest.raises(FoiError, match="更正") as refused:
        fee_services.record_fee_service(
            application=application, actor=handler, service="post", received_on=day("2026-10-22")
        )
    assert refused.value.field == "note"
    fee_services.record_fee_service(
        application=application,
        actor=handler,
        service="post",
        received_on=day("2026-10-22"),
        note="回执日期看错，应为22日",
    )

    assert application.fee_notice_received_on == day("2026-10-22")
    assert application.events.filter(kind=LogKind.FEE_NOTICE_SERVED).count() == 2
    trail = AuditEvent.objects.filter(action="foi.record_fee_service").order_by("id")
    assert trail.last().before["fee_notice_received_on"] == "2026-10-21"
    assert trail.last().after["fee_notice_received_on"] == "2026-10-22"


def test_the_unpaid_reply_letter_states_the_period_from_the_receipt(agency, handler):
    application = apply(agency, "2026-09-21")
    notify_per_page(application, handler, "2026-09-28")
    fee_services.record_fee_service(
        application=application, actor=handler, service="post", received_on=day("2026-09-30")
    )
    fee_services.close_unpaid(application=application, actor=handler, on=day("2026-11-04"))

    text = "".join(letters.letter_text(application, LetterKind.REPLY).paragraphs)

    assert "缴费期限至2026年11月3日届满" in text
