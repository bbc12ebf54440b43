"""The spreadsheet layouts of decisions: one for licences, one for penalties, as on the credit
platform's 双公示 templates (our reading of the national data standard: README.md).

Import, export and the blank templates all read these tables, so a file exported here imports
again unchanged. Column names are the file format itself and are never translated. Amounts are
in 万元 in the files and in 元 in the database.
"""

import decimal
import re
from dataclasses import dataclass
from enum import Enum

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.enforcement.models import (
    CreditSeverity,
    CurrentState,
    DecisionKind,
    IdType,
    LicenceCategory,
    PartyCategory,
    PenaltyCategory,
)


class Value(Enum):
    """How a cell's text becomes a field's value."""

    TEXT = "text"
    CODE = "code"  # credit codes and ID numbers: upper case, spaces removed
    DATE = "date"
    CHOICE = "choice"
    CHOICES = "choices"  # several choices in one cell, e.g. 警告、罚款
    TEN_THOUSAND_YUAN = "wan"  # 万元 in the file, 元 in the database


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the Decision field it fills
    value: Value
    required: bool  # the column must be present (its cells are checked by the model)
    explanation: Promise | str
    choices: type[TextChoices] | None = None
    exported: bool = True  # False: accepted on import, not part of the credit platform's layout


DATE_HELP = _("日期，可写作 2026-03-01、2026年3月1日 或 2026/3/1。")
CODE_HELP = _("18位统一社会信用代码，含校验码。")

PARTY_COLUMNS = [
    Column("行政相对人名称", "party_name", Value.TEXT, True, _("单位全称或自然人姓名。")),
    Column(
        "行政相对人类别",
        "party_category",
        Value.CHOICE,
        True,
        _("法人及非法人组织、个体工商户 或 自然人。"),
        PartyCategory,
    ),
    Column(
        "统一社会信用代码",
        "party_credit_code",
        Value.CODE,
        False,
        _("法人及非法人组织、个体工商户填写，18位，含校验码。"),
    ),
    Column("法定代表人", "legal_representative", Value.TEXT, False, _("法人及非法人组织填写。")),
    Column(
        "法定代表人证件类型",
        "legal_representative_id_type",
        Value.CHOICE,
        False,
        _("可选取值见下表。"),
        IdType,
    ),
    Column(
        "法定代表人证件号码",
        "legal_representative_id_number",
        Value.CODE,
        False,
        _("居民身份证号码须含正确的校验码。"),
    ),
    Column(
        "证件类型", "party_id_type", Value.CHOICE, False, _("自然人填写，可选取值见下表。"), IdType
    ),
    Column(
        "证件号码",
        "party_id_number",
        Value.CODE,
        False,
        _("自然人填写；居民身份证号码须含正确的校验码。对外公示时始终隐去。"),
    ),
]

AUTHORITY_COLUMNS = [
    Column(
        "当前状态",
        "current_state",
        Value.CHOICE,
        False,
        _("有效 或 无效，留空为有效。"),
        CurrentState,
    ),
    Column("数据来源单位", "source_name", Value.TEXT, True, _("报送数据的单位全称。")),
    Column("数据来源单位统一社会信用代码", "source_credit_code", Value.CODE, True, CODE_HELP),
    Column("备注", "remarks", Value.TEXT, False, _("选填。")),
]

LICENSING_COLUMNS = [
    *PARTY_COLUMNS,
    Column(
        "行政许可决定文书名称", "document_name", Value.TEXT, False, _("例如：准予行政许可决定书。")
    ),
    Column(
        "行政许可决定文书号",
        "document_number",
        Value.TEXT,
        True,
        _("本机关内不能重复，文件内也不能重复。"),
    ),
    Column(
        "许可类别",
        "licence_category",
        Value.CHOICE,
        False,
        _("普通、特许、认可、核准、登记 或 其他。"),
        LicenceCategory,
    ),
    Column("许可证书名称", "certificate_name", Value.TEXT, False, _("例如：医疗机构执业许可证。")),
    Column("许可编号", "licence_number", Value.TEXT, False, _("许可证书的编号。")),
    Column("许可内容", "licence_content", Value.TEXT, False, _("许可的具体内容。")),
    Column("许可决定日期", "decided_on", Value.DATE, True, DATE_HELP),
    Column("有效期自", "valid_from", Value.DATE, False, DATE_HELP),
    Column("有效期至", "valid_until", Value.DATE, False, _("不得早于有效期自；长期有效的留空。")),
    Column("许可机关", "authority_name", Value.TEXT, True, _("作出许可决定的机关全称。")),
    Column("许可机关统一社会信用代码", "authority_credit_code", Value.CODE, True, CODE_HELP),
    *AUTHORITY_COLUMNS,
]

PENALTY_COLUMNS = [
    *PARTY_COLUMNS,
    Column(
        "行政处罚决定书文号",
        "document_number",
        Value.TEXT,
        True,
        _("本机关内不能重复，文件内也不能重复。"),
    ),
    Column(
        "违法行为类型", "violation_type", Value.TEXT, False, _("例如：违反《医疗机构管理条例》。")
    ),
    Column("违法事实", "violation_facts", Value.TEXT, False, _("违法行为的主要事实。")),
    Column("处罚依据", "penalty_basis", Value.TEXT, False, _("法律、法规、规章的名称和条款。")),
    Column(
        "处罚类别",
        "penalty_categories",
        Value.CHOICES,
        False,
        _("可填多项，用顿号“、”或分号“；”分隔，可选取值见下表。"),
        PenaltyCategory,
    ),
    Column("处罚内容", "penalty_content", Value.TEXT, False, _("处罚决定的具体内容。")),
    Column(
        "罚款金额（万元）",
        "fine_amount",
        Value.TEN_THOUSAND_YUAN,
        False,
        _("以万元为单位，最多6位小数（即精确到分），例如 0.5 表示五千元。"),
    ),
    Column(
        "没收违法所得、没收非法财物的金额（万元）",
        "confiscation_amount",
        Value.TEN_THOUSAND_YUAN,
        False,
        _("以万元为单位，最多6位小数。"),
    ),
    Column("暂扣或吊销证照名称及编号", "suspended_licences", Value.TEXT, False, _("选填。")),
    Column("处罚决定日期", "decided_on", Value.DATE, True, DATE_HELP),
    Column(
        "处罚有效期",
        "penalty_valid_until",
        Value.DATE,
        False,
        _("例如暂扣许可证件、限制从业的截止日期，不得早于处罚决定日期；没有的留空。"),
    ),
    Column("处罚机关", "authority_name", Value.TEXT, True, _("作出处罚决定的机关全称。")),
    Column("处罚机关统一社会信用代码", "authority_credit_code", Value.CODE, True, CODE_HELP),
    *AUTHORITY_COLUMNS,
    Column(
        "失信程度",
        "credit_severity",
        Value.CHOICE,
        False,
        _("本平台的补充列，决定公示期限：轻微失信、一般失信 或 严重失信，留空为一般失信。"),
        CreditSeverity,
        exported=False,
    ),
]

LAYOUTS: dict[str, list[Column]] = {
    DecisionKind.LICENSING: LICENSING_COLUMNS,
    DecisionKind.PENALTY: PENALTY_COLUMNS,
}
IMPORTABLE_KINDS = [DecisionKind.LICENSING, DecisionKind.PENALTY]

CHOICES_SEPARATORS = re.compile(r"[、，,；;\s]+")
TEN_THOUSAND = decimal.Decimal(10000)


def columns_for(kind: str) -> list[Column]:
    """The layout of one kind; KeyError for a kind without one."""
    return LAYOUTS[kind]


def header_key(text: str) -> str:
    """A column name as compared: no whitespace, full-width parentheses, no trailing *."""
    text = re.sub(r"\s+", "", text or "").replace("\ufeff", "").rstrip("*＊")
    return text.replace("(", "（").replace(")", "）")


def choice_key(text: str) -> str:
    return re.sub(r"\s+", "", text or "").replace("(", "（").replace(")", "）").lower()


def choice_index(choices: type[TextChoices]) -> dict[str, str]:
    """Every accepted spelling of a choice (its Chinese label or its code) → its value."""
    from django.utils import translation

    index: dict[str, str] = {}
    with translation.override(None):  # the Chinese labels, whatever the clerk's language
        for value, label in choices.choices:
            index[choice_key(str(label))] = value
    for value, label in choices.choices:
        index.setdefault(choice_key(str(label)), value)
        index.setdefault(choice_key(value), value)
    return index


def source_label(choices: type[TextChoices], value: str) -> str:
    """A choice's Chinese label (the file format), whatever the active language."""
    from django.utils import translation

    with translation.override(None):
        return str(dict(choices.choices).get(value, value))


def yuan_to_wan(amount: decimal.Decimal | None) -> str:
    """元 → 万元 as text without trailing zeros: 5000.00 → 0.5."""
    if amount is None:
        return ""
    value = (amount / TEN_THOUSAND).normalize()
    text = format(value, "f")
    return text


def wan_to_yuan(text: str) -> decimal.Decimal:
    """万元 text → 元; raises decimal.InvalidOperation for text that is not a number or is
    more precise than a fen (分)."""
    value = decimal.Decimal(text.replace(",", "").replace("，", ""))
    if not value.is_finite():
        raise decimal.InvalidOperation
    yuan = value * TEN_THOUSAND
    if yuan != yuan.quantize(decimal.Decimal("0.01")):
        raise decimal.InvalidOperation
    return yuan.quantize(decimal.Decimal("0.01"))
