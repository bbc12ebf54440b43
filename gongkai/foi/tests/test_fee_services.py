"""信息处理费 through the services (国办函〔2020〕109号): the month's running count of 件."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import fee_services, services
from gongkai.foi.identity import IdType
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
