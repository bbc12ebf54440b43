"""Identity numbers: GB 11643-1999 resident ID and GB 32100-2015 USCC format checks.

Valid numbers are built here from obviously fictional bodies with a separate implementation of
each standard's formula, so the test does not trust the code under test; no real person's or
organisation's number appears.
"""

import datetime

import pytest

from gongkai.foi.identity import (
    IdentityError,
    IdType,
    check_id,
    check_resident_id,
    check_uscc,
)

TODAY = datetime.date(2026, 11, 20)


def resident_check(body: str) -> str:
    """GB 11643-1999, written out independently: Σ aᵢ·Wᵢ with Wᵢ = 2^(18−i) mod 11."""
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    remainder = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    return {
        0: "1",
        1: "0",
        2: "X",
        3: "9",
        4: "8",
        5: "7",
        6: "6",
        7: "5",
        8: "4",
        9: "3",
        10: "2",
    }[remainder]


def uscc_check(body: str) -> str:
    """GB 32100-2015, written out independently: Wᵢ = 3^(i−1) mod 31, C = 31 − (Σ mod 31)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return alphabet[(31 - total % 31) % 31]


def test_independent_formulas_match_the_standards_published_examples():
    # The check characters printed in the two standards' own examples.
    assert resident_check("11010519491231002") == "X"
    assert uscc_check("91350100M000100Y4") == "3"


FICTIONAL_BODIES = [
    "11010519491231002",
    "44030420000229123",
    "65010119800101001",
    "11010520261120001",
]


@pytest.mark.parametrize("body", FICTIONAL_BODIES)
def test_valid_resident_id(body):
    number = body + resident_check(body)

    assert check_resident_id(number, today=TODAY) == number


def test_lowercase_x_and_spaces_are_normalised():
    assert check_resident_id(" 110105 19491231 002x ", today=TODAY) == "11010519491231002X"
    assert check_resident_id("１１０１０５１９４９１２３１００２ｘ", today=TODAY) == (
        "11010519491231002X"
    )


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("11010519491231002", "居民身份证号码应为18位，现为17位。"),
        ("11010519491231002X1", "居民身份证号码应为18位，现为19位。"),
        ("", "居民身份证号码应为18位，现为0位。"),
        ("1101051949123100AX", "居民身份证号码前17位应全部为数字。"),
        ("11010519491231002Y", "居民身份证号码第18位应为数字或字母X。"),
        ("11010519490230002X", "居民身份证号码中的出生日期 19490230 不是有效日期。"),
        ("11010519491331002X", "居民身份证号码中的出生日期 19491331 不是有效日期。"),
        ("11010520261121001X", "居民身份证号码中的出生日期 2026-11-21 晚于今天。"),
        ("110105194912310021", "居民身份证号码校验位不正确，请核对号码是否抄错。"),
    ],
)
def test_invalid_resident_id(number, message):
    with pytest.raises(IdentityError) as error:
        check_resident_id(number, today=TODAY)
    assert error.value.message == message


def test_every_wrong_check_character_is_refused():
    body = "11010519491231002"
    right = resident_check(body)
    for wrong in "0123456789X".replace(right, ""):
        with pytest.raises(IdentityError):
            check_resident_id(body + wrong, today=TODAY)


USCC_BODIES = ["91350100M000100Y4", "12100000000000000", "52110000MJ0000000"]


@pytest.mark.parametrize("body", USCC_BODIES)
def test_valid_uscc(body):
    code = body + uscc_check(body)

    assert check_uscc(code) == code
    assert check_uscc(code.lower()) == code


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "统一社会信用代码应为18位，现为17位。"),
        ("91350100M000100Y433", "统一社会信用代码应为18位，现为19位。"),
        ("91350100M000100I43", "统一社会信用代码不能包含字符“I”（不使用I、O、S、V、Z）。"),
        ("9135010OM000100Y4Z", "统一社会信用代码不能包含字符“OZ”（不使用I、O、S、V、Z）。"),
        ("91350100M000100Y44", "统一社会信用代码校验位不正确，请核对代码是否抄错。"),
    ],
)
def test_invalid_uscc(code, message):
    with pytest.raises(IdentityError) as error:
        check_uscc(code)
    assert error.value.message == message


@pytest.mark.parametrize(
    ("id_type", "number", "expected"),
    [
        (IdType.RESIDENT_ID, "11010519491231002x", "11010519491231002X"),
        ("uscc", "91350100m000100y43", "91350100M000100Y43"),
        (IdType.PASSPORT, "  E12345678 ", "E12345678"),
        (IdType.HK_MACAO_PERMIT, "H12345678", "H12345678"),
        (IdType.TAIWAN_PERMIT, "12345678", "12345678"),
        (IdType.FOREIGN_PERMANENT, "USA110000000001", "USA110000000001"),
        (IdType.OTHER, "军官证 第00001号", "军官证 第00001号"),
    ],
)
def test_check_id_dispatches_by_type(id_type, number, expected):
    assert check_id(id_type, number, today=TODAY) == expected


@pytest.mark.parametrize(
    ("id_type", "number"),
    [
        (IdType.PASSPORT, "   "),
        (IdType.PASSPORT, "E" * 41),
        (IdType.OTHER, "E123\n4567"),
        (IdType.RESIDENT_ID, "E12345678"),
        (IdType.USCC, "11010519491231002X"),
    ],
)
def test_check_id_refuses(id_type, number):
    with pytest.raises(IdentityError):
        check_id(id_type, number, today=TODAY)
