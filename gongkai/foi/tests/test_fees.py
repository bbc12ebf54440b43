"""信息处理费 (国办函〔2020〕109号第三条至第五条), checked against hand-computed tables."""

import pytest

from gongkai.foi.fees import (
    FeeError,
    FeeLine,
    FeeMethod,
    choose_quote,
    fee_for_new_request,
    per_page_fee,
    per_request_fee,
    requests_in_application,
)

# (requests in the month, total 元): 1–10 free, 11–30 at 100, 31–40 at 200, 41–50 at 300, …
PER_REQUEST_CASES = [
    (0, 0),
    (1, 0),
    (10, 0),
    (11, 100),
    (30, 2_000),  # 20 × 100
    (31, 2_200),  # 20 × 100 + 1 × 200
    (40, 4_000),  # 20 × 100 + 10 × 200
    (41, 4_300),  # … + 1 × 300
    (45, 5_500),  # The spec's worked example: 20 × 100 + 10 × 200 + 5 × 300.
    (50, 7_000),  # 2,000 + 2,000 + 3,000
    (51, 7_400),  # … + 1 × 400
    (60, 11_000),  # 7,000 + 10 × 400
]


@pytest.mark.parametrize(("count", "amount"), PER_REQUEST_CASES)
def test_per_request_fee(count, amount):
    quote = per_request_fee(count)

    assert quote.method == FeeMethod.PER_REQUEST
    assert quote.quantity == count
    assert quote.amount_yuan == amount
    assert sum(line.subtotal for line in quote.lines) == amount


def test_worked_example_is_itemised_by_band():
    quote = per_request_fee(45)

    assert quote.lines == [
        FeeLine(first=1, last=10, rate=0, count=10, subtotal=0),
        FeeLine(first=11, last=30, rate=100, count=20, subtotal=2_000),
        FeeLine(first=31, last=40, rate=200, count=10, subtotal=2_000),
        FeeLine(first=41, last=45, rate=300, count=5, subtotal=1_500),
    ]
    assert "国办函〔2020〕109号）第四条" in quote.basis
    assert "收费5500元" in quote.basis


# (earlier requests this month, requests now, marginal 元)
MARGINAL_CASES = [
    (0, 1, 0),
    (9, 1, 0),  # The 10th request is still free.
    (10, 1, 100),  # The 11th is not, even if it is the first one charged.
    (9, 2, 100),  # 10th free, 11th 100.
    (29, 1, 100),
    (29, 2, 300),  # 30th at 100, 31st at 200.
    (30, 1, 200),
    (39, 1, 200),
    (40, 1, 300),
    (44, 1, 300),
    (0, 45, 5_500),
    (40, 5, 1_500),
]


@pytest.mark.parametrize(("previous", "new", "amount"), MARGINAL_CASES)
def test_fee_for_new_request(previous, new, amount):
    quote = fee_for_new_request(previous, new)

    assert quote.amount_yuan == amount
    assert quote.quantity == new


def test_marginal_lines_start_at_the_next_request():
    assert fee_for_new_request(29, 2).lines == [
        FeeLine(first=30, last=30, rate=100, count=1, subtotal=100),
        FeeLine(first=31, last=31, rate=200, count=1, subtotal=200),
    ]


# (the application's fee method and quantity, 件 it adds to the applicant's month)
REQUESTS_IN_APPLICATION_CASES = [
    (FeeMethod.PER_REQUEST, 15, 15),  # charged as 15 件: counts 15, not 1
    ("per_request", 1, 1),
    (FeeMethod.PER_PAGE, 120, 1),  # pages are not requests: one application, one 件
    ("", None, 1),  # not charged: still one request
    (FeeMethod.PER_REQUEST, None, 1),  # method chosen, no quantity recorded
]


@pytest.mark.parametrize(("method", "quantity", "counted"), REQUESTS_IN_APPLICATION_CASES)
def test_requests_in_application(method, quantity, counted):
    assert requests_in_application(method, quantity) == counted


def test_the_worked_example_split_over_applications_costs_the_same():
    # 45 件 in one month as 15 + 20 + 10: each application is charged from where the month's
    # count stands, and the three together cost what 45 in one application cost.
    previous, amounts = 0, []
    for quantity in (15, 20, 10):
        amounts.append(fee_for_new_request(previous, quantity).amount_yuan)
        previous += requests_in_application(FeeMethod.PER_REQUEST, quantity)

    assert amounts == [500, 2_500, 2_500]
    assert sum(amounts) == per_request_fee(45).amount_yuan == 5_500


# (pages, total 元): 1–30 free, 31–100 at 10, 101–200 at 20, 201+ at 40.
PER_PAGE_CASES = [
    (0, 0),
    (30, 0),
    (31, 10),
    (100, 700),  # 70 × 10
    (101, 720),  # 700 + 1 × 20
    (200, 2_700),  # 700 + 100 × 20
    (201, 2_740),  # 2,700 + 1 × 40
    (250, 4_700),  # 2,700 + 50 × 40
]


@pytest.mark.parametrize(("pages", "amount"), PER_PAGE_CASES)
def test_per_page_fee(pages, amount):
    quote = per_page_fee(pages)

    assert quote.method == FeeMethod.PER_PAGE
    assert quote.amount_yuan == amount


def test_per_page_lines_and_basis():
    quote = per_page_fee(250)

    assert quote.lines == [
        FeeLine(first=1, last=30, rate=0, count=30, subtotal=0),
        FeeLine(first=31, last=100, rate=10, count=70, subtotal=700),
        FeeLine(first=101, last=200, rate=20, count=100, subtotal=2_000),
        FeeLine(first=201, last=250, rate=40, count=50, subtotal=2_000),
    ]
    assert "国办函〔2020〕109号）第五条" in quote.basis
    assert "共250页，收费4700元" in quote.basis


@pytest.mark.parametrize(
    ("method", "arguments", "amount"),
    [
        (FeeMethod.PER_REQUEST, {"previous_in_month": 44}, 300),
        ("per_request", {"previous_in_month": 29, "requests": 2}, 300),
        (FeeMethod.PER_PAGE, {"pages": 101}, 720),
        ("per_page", {"pages": 30}, 0),
    ],
)
def test_choose_quote_uses_the_one_method(method, arguments, amount):
    quote = choose_quote(method, **arguments)

    assert quote.method == method
    assert quote.amount_yuan == amount


@pytest.mark.parametrize(
    ("method", "arguments"),
    [
        (FeeMethod.PER_REQUEST, {"previous_in_month": 10, "pages": 40}),  # Both methods.
        (FeeMethod.PER_PAGE, {"pages": 40, "previous_in_month": 10}),
        (FeeMethod.PER_PAGE, {"pages": 40, "requests": 1}),
        (FeeMethod.PER_REQUEST, {}),
        (FeeMethod.PER_PAGE, {}),
        (FeeMethod.PER_PAGE, {"pages": -1}),
        (FeeMethod.PER_REQUEST, {"previous_in_month": -1}),
    ],
)
def test_choose_quote_refuses(method, arguments):
    with pytest.raises(FeeError) as error:
        choose_quote(method, **arguments)
    assert error.value.message


@pytest.mark.parametrize("value", [-1, True, 1.5])
def test_counts_are_non_negative_integers(value):
    with pytest.raises(FeeError):
        per_page_fee(value)
    with pytest.raises(FeeError):
        fee_for_new_request(0, value)
