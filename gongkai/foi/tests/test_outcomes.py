"""Outcomes ↔ the 2021 annual-report rows (国办公开办函〔2021〕30号, spec §3.3)."""

import pytest

from gongkai.foi.outcomes import (
    REPORT_COLUMNS,
    REPORT_ROW_LABELS,
    REPORT_ROWS,
    ApplicantType,
    Outcome,
    OutcomeError,
    OutcomeGroup,
    outcome_info,
    reply_basis,
)

# (value, group, Table B heading, row label, articles cited, [U]?, on the merits?)
OUTCOME_TABLE = [
    (
        "granted",
        "granted",
        "（一）",
        "予以公开",
        ["第三十六条第（一）项", "第三十六条第（二）项"],
        False,
        True,
    ),
    (
        "partial",
        "partial",
        "（二）",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        ["第三十七条"],
        False,
        True,
    ),
    (
        "withheld.1",
        "withheld",
        "（三）1",
        "属于国家秘密",
        ["第十四条", "第三十六条第（三）项"],
        False,
        True,
    ),
    (
        "withheld.2",
        "withheld",
        "（三）2",
        "其他法律行政法规禁止公开",
        ["第十四条", "第三十六条第（三）项"],
        False,
        True,
    ),
    (
        "withheld.3",
        "withheld",
        "（三）3",
        "危及“三安全一稳定”",
        ["第十四条", "第三十六条第（三）项"],
        False,
        True,
    ),
    (
        "withheld.4",
        "withheld",
        "（三）4",
        "保护第三方合法权益",
        ["第十五条", "第三十二条", "第三十六条第（三）项"],
        False,
        True,
    ),
    (
        "withheld.5",
        "withheld",
        "（三）5",
        "属于三类内部事务信息",
        ["第十六条第一款", "第三十六条第（三）项"],
        False,
        True,
    ),
    (
        "withheld.6",
        "withheld",
        "（三）6",
        "属于四类过程性信息",
        ["第十六条第二款", "第三十六条第（三）项"],
        False,
        True,
    ),
    (
        "withheld.7",
        "withheld",
        "（三）7",
        "属于行政执法案卷",
        ["第十六条第二款", "第三十六条第（三）项"],
        False,
        True,
    ),
    ("withheld.8", "withheld", "（三）8", "属于行政查询事项", ["第三十六条第（七）项"], True, True),
    (
        "unable.1",
        "unable",
        "（四）1",
        "本机关不掌握相关政府信息",
        ["第三十六条第（四）项", "第三十六条第（五）项"],
        True,
        True,
    ),
    ("unable.2", "unable", "（四）2", "没有现成信息需要另行制作", ["第三十八条"], False, True),
    ("unable.3", "unable", "（四）3", "补正后申请内容仍不明确", ["第三十条"], False, False),
    (
        "not_handled.1",
        "not_handled",
        "（五）1",
        "信访举报投诉类申请",
        ["第三十九条第一款"],
        False,
        False,
    ),
    ("not_handled.2", "not_handled", "（五）2", "重复申请", ["第三十六条第（六）项"], False, False),
    (
        "not_handled.3",
        "not_handled",
        "（五）3",
        "要求提供公开出版物",
        ["第三十九条第二款"],
        False,
        False,
    ),
    (
        "not_handled.4",
        "not_handled",
        "（五）4",
        "无正当理由大量反复申请",
        ["第三十五条"],
        False,
        False,
    ),
    (
        "not_handled.5",
        "not_handled",
        "（五）5",
        "要求行政机关确认或重新出具已获取信息",
        [],
        True,
        False,
    ),
    (
        "other.1",
        "other",
        "（六）1",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["第三十条"],
        False,
        False,
    ),
    (
        "other.2",
        "other",
        "（六）2",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["国办函〔2020〕109号"],
        False,
        False,
    ),
    ("other.3", "other", "（六）3", "其他", [], True, False),
]


@pytest.mark.parametrize(
    ("value", "group", "heading", "label", "articles", "unconfirmed", "merits"),
    OUTCOME_TABLE,
    ids=[row[0] for row in OUTCOME_TABLE],
)
def test_outcome_info(value, group, heading, label, articles, unconfirmed, merits):
    info = outcome_info(value)

    assert info.outcome == Outcome(value)
    assert info.group == OutcomeGroup(group)
    assert info.heading == heading
    assert str(info.row_label) == label
    assert len(info.legal_basis) == len(articles)
    for cited, article in zip(info.legal_basis, articles, strict=True):
        assert article in str(cited)
    assert info.basis_confirmed is not unconfirmed
    assert info.is_on_merits is merits


def test_outcomes_are_exactly_the_report_rows_in_order():
    assert Outcome.values == [row[0] for row in OUTCOME_TABLE]


def test_report_rows():
    assert REPORT_ROWS == [
        "new",
        "carried_in",
        "granted",
        "partial",
        "withheld.1",
        "withheld.2",
        "withheld.3",
        "withheld.4",
        "withheld.5",
        "withheld.6",
        "withheld.7",
        "withheld.8",
        "unable.1",
        "unable.2",
        "unable.3",
        "not_handled.1",
        "not_handled.2",
        "not_handled.3",
        "not_handled.4",
        "not_handled.5",
        "other.1",
        "other.2",
        "other.3",
        "total",
        "carried_out",
    ]
    assert list(REPORT_ROW_LABELS) == REPORT_ROWS
    assert str(REPORT_ROW_LABELS["new"]) == "一、本年新收政府信息公开申请数量"
    assert str(REPORT_ROW_LABELS["carried_out"]) == "四、结转下年度继续办理"


def test_report_columns():
    assert REPORT_COLUMNS == [
        "natural",
        "business",
        "research",
        "public_interest",
        "legal_service",
        "other",
        "total",
    ]
    assert [str(label) for label in ApplicantType.labels] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他（法人或其他组织）",
    ]


@pytest.mark.parametrize(
    ("outcome", "already_public", "where", "articles"),
    [
        (Outcome.GRANTED, True, "本机关门户网站“政策文件”栏目", ["第三十六条第（一）项"]),
        (Outcome.GRANTED, False, "", ["第三十六条第（二）项"]),
        ("withheld.4", False, "", ["第十五条", "第三十二条", "第三十六条第（三）项"]),
    ],
)
def test_reply_basis(outcome, already_public, where, articles):
    basis = reply_basis(outcome, already_public=already_public, where_published=where)

    assert [article in str(cited) for cited, article in zip(basis, articles, strict=True)] == [
        True
    ] * len(articles)


def test_already_public_is_a_granted_reply_that_says_where():
    with pytest.raises(OutcomeError, match="只适用于予以公开"):
        reply_basis(Outcome.PARTIAL, already_public=True, where_published="门户网站")
    with pytest.raises(OutcomeError, match="方式和途径"):
        reply_basis(Outcome.GRANTED, already_public=True, where_published="  ")


def test_unknown_outcome_is_refused():
    with pytest.raises(ValueError, match="not a valid Outcome"):
        outcome_info("withheld.9")
