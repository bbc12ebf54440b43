"""The detector against real-shaped numbers (tests/examples.py computes their check
characters) and a list of the long numbers of government texts that are not personal data."""

import pytest

from gongkai.privacy.detection import (
    Finding,
    Kind,
    combine,
    find_given,
    find_personal_data,
    is_credit_code,
    is_id_number,
    mask,
    mask_text,
)
from gongkai.privacy.tests.examples import credit_code, id_number, luhn, wrong_last

ID_BEIJING = id_number("11010519900307451")  # a man born 1990-03-07 in 朝阳区
ID_TAIYUAN = id_number("14010519850228002")  # a woman born 1985-02-28
ID_WITH_X = next(
    number
    for serial in range(1000)
    if (number := id_number(f"14020219760815{serial:03d}")).endswith("X")
)
ID_OLD = "140105850228123"  # 15 digits, born 1985-02-28
CARD_19 = luhn("622202123456789012")  # a UnionPay debit card
CARD_16 = luhn("436742123456789")  # a Visa card
CREDIT_CODE = credit_code("91140100MA0K12345")  # a company in 太原
AGENCY_CODE = credit_code("11140000012345678")  # a state organ: only digits
# A credit code that is only digits and passes Luhn: it must not become a bank card.
CREDIT_CODE_LUHN = next(
    code
    for serial in range(100000, 200000)
    if (code := credit_code(f"12140100{serial:06d}000")).isdigit() and luhn(code[:-1]) == code
)


def test_the_generated_examples_are_what_they_claim():
    assert ID_WITH_X.endswith("X")
    assert all(is_id_number(number) for number in (ID_BEIJING, ID_TAIYUAN, ID_WITH_X, ID_OLD))
    assert not is_id_number(wrong_last(ID_BEIJING))
    assert all(is_credit_code(code) for code in (CREDIT_CODE, AGENCY_CODE, CREDIT_CODE_LUHN))
    assert not is_credit_code(wrong_last(CREDIT_CODE))
    assert CREDIT_CODE_LUHN.isdigit()


FOUND = [
    # text, kind, the matched text, its masked form
    (
        f"本人身份证号{ID_BEIJING}，请核实。",
        Kind.ID_NUMBER,
        ID_BEIJING,
        "110***********" + ID_BEIJING[-4:],
    ),
    (f"身份证：{ID_WITH_X}", Kind.ID_NUMBER, ID_WITH_X, "140***********" + ID_WITH_X[-4:]),
    (
        f"身份证：{ID_WITH_X.lower()}",
        Kind.ID_NUMBER,
        ID_WITH_X.lower(),
        "140***********" + ID_WITH_X[-4:],
    ),
    (
        f"证件号 {ID_TAIYUAN[:6]} {ID_TAIYUAN[6:14]} {ID_TAIYUAN[14:]} 已提交",
        Kind.ID_NUMBER,
        f"{ID_TAIYUAN[:6]} {ID_TAIYUAN[6:14]} {ID_TAIYUAN[14:]}",
        "140***********" + ID_TAIYUAN[-4:],
    ),
    (f"老身份证{ID_OLD}还能用吗", Kind.ID_NUMBER, ID_OLD, "140********8123"),
    ("我的电话13812345678，请回电。", Kind.MOBILE, "13812345678", "138****5678"),
    ("电话：138-1234-5678", Kind.MOBILE, "138-1234-5678", "138****5678"),
    ("电话：138 1234 5678", Kind.MOBILE, "138 1234 5678", "138****5678"),
    ("Tel: +86 139 0351 2468", Kind.MOBILE, "+86 139 0351 2468", "139****2468"),
    ("联系8619912345678", Kind.MOBILE, "8619912345678", "199****5678"),
    ("全角１５９１２３４５６７８号码", Kind.MOBILE, "１５９１２３４５６７８", "159****5678"),
    ("2019-10-12 13912345678 打过", Kind.MOBILE, "13912345678", "139****5678"),
    ("邻居家座机0351-2345678", Kind.LANDLINE, "0351-2345678", "0351-***5678"),
    ("座机（0351）23456789", Kind.LANDLINE, "（0351）23456789", "0351-****6789"),
    ("北京 (010)62345678", Kind.LANDLINE, "(010)62345678", "010-****5678"),
    ("上海021 52345678", Kind.LANDLINE, "021 52345678", "021-****5678"),
    ("见 https://example.gov.cn/x 或致电13812345678", Kind.MOBILE, "13812345678", "138****5678"),
    ("联系人张三-13812345678", Kind.MOBILE, "13812345678", "138****5678"),
    ("电话0351-2345678-8001", Kind.LANDLINE, "0351-2345678", "0351-***5678"),
    ("邮箱zhang.san@example.org。", Kind.EMAIL, "zhang.san@example.org", "z***@example.org"),
    (
        "写信到 Li_Si+health@mail.example.com.cn 吧",
        Kind.EMAIL,
        "Li_Si+health@mail.example.com.cn",
        "L***@mail.example.com.cn",
    ),
    ("QQ邮箱13812345678@qq.com", Kind.EMAIL, "13812345678@qq.com", "1***@qq.com"),
    (f"退款到卡号{CARD_19}", Kind.BANK_CARD, CARD_19, "*" * 15 + CARD_19[-4:]),
    (f"信用卡{CARD_16}", Kind.BANK_CARD, CARD_16, "*" * 12 + CARD_16[-4:]),
    (
        "卡号 " + " ".join([CARD_19[i : i + 4] for i in range(0, 19, 4)]) + " 户名张三",
        Kind.BANK_CARD,
        " ".join([CARD_19[i : i + 4] for i in range(0, 19, 4)]),
        "*" * 15 + CARD_19[-4:],
    ),
]


@pytest.mark.parametrize(("text", "kind", "matched", "masked"), FOUND)
def test_personal_data_is_found_and_masked(text, kind, matched, masked):
    findings = find_personal_data(text)

    assert [(f.kind, f.text, f.masked) for f in findings] == [(kind, matched, masked)]
    assert text[findings[0].start : findings[0].end] == matched


NOT_PERSONAL = [
    "晋卫发〔2019〕12号",
    "国办发〔2019〕54号文件",
    "2019年10月12日印发",
    "成文日期2019-10-12",
    "20191012",
    "2019101220191012",  # two dates run together (16 digits, fails Luhn)
    f"索引号：{CREDIT_CODE}/2019-00123",
    f"索引号：{AGENCY_CODE}/2026-00001",
    "索引号：SL-COUNTY/2026-00001",
    f"统一社会信用代码{CREDIT_CODE}",
    f"统一社会信用代码：{AGENCY_CODE}",
    f"机构代码{CREDIT_CODE_LUHN}",  # only digits, passes Luhn: still an organisation
    f"身份证{wrong_last(ID_BEIJING)}",  # wrong check character
    f"编号{id_number('11010519901332451')}",  # no 32nd of the 13th month
    f"编号{id_number('11010518000307451')}",  # born in 1800
    f"流水号1{ID_BEIJING}",  # inside a longer run of digits
    f"流水号{ID_BEIJING}7",
    "订单号138123456789",  # twelve digits
    "订单号913812345678",
    "编号A13812345678",  # part of a code
    "号码12345678901",  # no mobile network starts with 12
    "金额13812345678元",
    "补助资金¥13812345678",
    "共计13812345678.50",
    "比例3.13812345678",
    "人口13,812,345,678",
    f"卡号{wrong_last(CARD_19)}",  # fails Luhn
    f"流水号{luhn('6222021234567890123')}",  # 20 digits: no card is that long
    "邮编030001",
    "GB 11643-1999",
    "0351-1234567",  # local numbers do not start with 1
    "拨打12345热线",
    "时间10:30-11:30",
    "第138号",
    "合同编号HT-2026-13812345678",  # the last part of a hyphenated code
    "详见http://wjw.example.gov.cn/art/2019/10/12/art_13812345678.html",
    f"https://example.gov.cn/search?id={ID_BEIJING}",
    "www.example.gov.cn/col/col13812345678/index.html",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_numbers_of_government_texts_are_not_personal_data(text):
    assert find_personal_data(text) == []


def test_an_agencys_own_published_phone_and_e_mail_may_stay():
    text = (
        "请致电本委办公室（0351）2345678，或发邮件至 Office@wjw.example.gov.cn；"
        "邻居电话13812345678。"
    )

    findings = find_personal_data(
        text, allowed=["0351-2345678、0351-3456789", "office@wjw.example.gov.cn"]
    )

    assert [f.text for f in findings] == ["13812345678"]


def test_several_findings_come_in_order_and_mask_the_text():
    text = f"张三，身份证{ID_BEIJING}，电话138-1234-5678，邮箱zs@example.org。"

    findings = find_personal_data(text)

    assert [f.kind for f in findings] == [Kind.ID_NUMBER, Kind.MOBILE, Kind.EMAIL]
    assert mask_text(text, findings) == (
        f"张三，身份证110***********{ID_BEIJING[-4:]}，电话138****5678，邮箱z***@example.org。"
    )


def test_known_values_are_found_and_combined_without_overlaps():
    text = "我叫张三丰，电话13812345678，邻居张三丰也知道。"
    names = find_given(text, "张三丰", kind=Kind.NAME)
    phones = find_given(text, "13812345678", kind=Kind.MOBILE)

    combined = combine(find_personal_data(text), names, phones)

    assert [(f.kind, f.masked) for f in combined] == [
        (Kind.NAME, "张**"),
        (Kind.MOBILE, "138****5678"),
        (Kind.NAME, "张**"),
    ]
    assert find_given(text, "  ", kind=Kind.NAME) == []


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        (Kind.ID_NUMBER, "110105199003074512", "110***********4512"),  # no check: a mask
        (Kind.MOBILE, "+86 138-1234-5678", "138****5678"),
        (Kind.EMAIL, "zhang@example.com", "z***@example.com"),
        (Kind.BANK_CARD, "6222 0212 3456 7890", "************7890"),
        (Kind.LANDLINE, "2345678", "***5678"),  # a sender's number without its area code
        (Kind.NAME, "欧阳娜娜", "欧***"),
    ],
)
def test_masked_forms(kind, value, masked):
    assert mask(kind, value) == masked


def test_a_finding_compares_without_its_formatting():
    finding = Finding(Kind.MOBILE, "+86 138-1234-5678", 0, 17, "138****5678")

    assert finding.key == "13812345678"


def test_a_number_before_a_tab_and_a_place_named_wan_is_not_an_amount():
    # 万柏林区 begins the next cell of a table row: 万 is not "ten thousand" there.
    assert [f.kind for f in find_personal_data("13812345678\t万柏林区")] == [Kind.MOBILE]
    assert find_personal_data("13812345678万") == []
