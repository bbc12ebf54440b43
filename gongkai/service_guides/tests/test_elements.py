"""The element list and the completeness check: pure, table-driven."""

import pytest

from gongkai.service_guides import elements
from gongkai.service_guides.models import FeeMode
from gongkai.service_guides.tests.factories import complete_values

ROWS = [object()]

KEY = [
    "name",
    "legal_basis",
    "implementing_body",
    "conditions",
    "materials",
    "steps",
    "statutory_days",
    "promised_days",
    "fees",
    "place",
    "hours",
    "consult_phone",
]
NOT_KEY = [
    "service_object",
    "quantity_limit",
    "channels",
    "result_name",
    "delivery_methods",
    "complaint_channel",
    "remedy",
]


def test_the_key_elements_are_the_inspections_ten_and_the_two_time_limits():
    assert set(KEY) == elements.KEY_CODES
    assert set(KEY) | set(NOT_KEY) == set(elements.BY_CODE)


def test_a_complete_guide_lacks_nothing():
    assert elements.missing_elements(complete_values(), ROWS, ROWS) == []


BLANKS = {
    "name": {"name": "  "},
    "legal_basis": {"legal_basis": ""},
    "implementing_body": {"implementing_body": ""},
    "service_object": {"service_object": ""},
    "conditions": {"conditions": ""},
    "quantity_limit": {"quantity_limit": ""},
    "channels": {"channels": []},
    "statutory_days": {"statutory_days": None},
    "promised_days": {"promised_days": None},
    "fees": {"fee_mode": ""},
    "result_name": {"result_name": ""},
    "delivery_methods": {"delivery_methods": []},
    "place": {"place": ""},
    "hours": {"hours": ""},
    "consult_phone": {"consult_phone": ""},
    "complaint_channel": {"complaint_channel": ""},
    "remedy": {"remedy": ""},
}


@pytest.mark.parametrize("code", sorted(BLANKS))
def test_each_blank_element_is_listed_and_only_it(code):
    missing = elements.missing_elements(complete_values(**BLANKS[code]), ROWS, ROWS)
    assert [element.code for element in missing] == [code]
    key = elements.missing_key_elements(complete_values(**BLANKS[code]), ROWS, ROWS)
    assert [element.code for element in key] == ([code] if code in KEY else [])


@pytest.mark.parametrize(
    ("materials", "steps", "missing"),
    [
        ([], ROWS, ["materials"]),
        (ROWS, [], ["steps"]),
        ([], [], ["materials", "steps"]),
    ],
)
def test_materials_and_steps_are_rows(materials, steps, missing):
    found = elements.missing_key_elements(complete_values(), materials, steps)
    assert [element.code for element in found] == missing


@pytest.mark.parametrize(
    ("fees", "present"),
    [
        ({"fee_mode": FeeMode.FREE}, True),
        (
            {
                "fee_mode": FeeMode.CHARGED,
                "fee_basis": "发改价格〔2020〕1号",
                "fee_standard": "每证10元",
            },
            True,
        ),
        ({"fee_mode": FeeMode.CHARGED, "fee_basis": "", "fee_standard": "每证10元"}, False),
        (
            {"fee_mode": FeeMode.CHARGED, "fee_basis": "发改价格〔2020〕1号", "fee_standard": ""},
            False,
        ),
        ({"fee_mode": ""}, False),
    ],
)
def test_fees_are_either_free_or_a_basis_and_a_standard(fees, present):
    missing = elements.missing_elements(complete_values(**fees), ROWS, ROWS)
    assert ("fees" not in [e.code for e in missing]) is present


def test_zero_days_is_a_time_limit_not_a_blank():
    assert (
        elements.missing_elements(complete_values(statutory_days=0, promised_days=0), ROWS, ROWS)
        == []
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"promised_days": 50}, "promised_days"),
        ({"channels": ["online"], "online_url": ""}, "online_url"),
        ({"online_url": "zwfw.example.gov.cn"}, "online_url"),
        ({"channels": ["fax"]}, "channels"),
        ({"delivery_methods": ["pigeon"]}, "delivery_methods"),
        ({"fee_mode": FeeMode.FREE, "fee_standard": "每证10元"}, "fee_standard"),
        ({"consult_phone": "请拨打热线"}, "consult_phone"),
    ],
)
def test_wrong_values_are_named_by_field(changes, field):
    assert list(elements.value_problems(complete_values(**changes))) == [field]


def test_all_wrong_values_are_reported_at_once():
    problems = elements.value_problems(
        complete_values(promised_days=99, consult_phone="无", channels=["online"], online_url="")
    )
    assert set(problems) == {"promised_days", "consult_phone", "online_url"}


def test_complete_values_have_no_problems():
    assert elements.value_problems(complete_values()) == {}
