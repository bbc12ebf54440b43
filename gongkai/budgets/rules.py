"""Pure rules of a budget table: the hierarchy of the functional classification from the code,
the check sums, the 三公 arithmetic and the year-on-year change. No database, no settings.

The functional classification (支出功能分类科目) of the government revenue and expenditure
classification numbers a 类 with 3 digits, a 款 with 5 and a 项 with 7, each the code of its
parent followed by two digits (210 卫生健康支出 → 21001 卫生健康管理事务 → 2100101 行政运行).
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CODE = re.compile(r"^[0-9]{3}([0-9]{2}){0,2}$")
LEVELS = {3: "class", 5: "section", 7: "item"}
LEVEL_LABELS = {
    "class": gettext_lazy("类"),
    "section": gettext_lazy("款"),
    "item": gettext_lazy("项"),
}
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")

# The 三公 items in the order the tables print them; 公务用车购置及运行费 is the sum of two fields.
SANGONG_FIELDS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    amount: Decimal

    @property
    def level(self) -> str:
        return level_of(self.code)

    @property
    def depth(self) -> int:
        return {"class": 0, "section": 1, "item": 2}[self.level]


def is_valid_code(code: str) -> bool:
    return bool(CODE.match(code or ""))


def level_of(code: str) -> str:
    """ "class" (类), "section" (款) or "item" (项) from the code's length."""
    if not is_valid_code(code):
        raise ValueError(f"not a functional classification code: {code!r}")
    return LEVELS[len(code)]


def parent_code(code: str) -> str:
    """The code one level up ("" for a 类)."""
    return code[:-2] if len(code) > 3 else ""


def parse_amount(text) -> Decimal | None:
    """An amount in 万元 from a cell or a field ("1,234.5" → 1234.50); None if not a number.
    Negative amounts are numbers here: whether they are allowed is the caller's rule."""
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int | float):
        value = Decimal(str(text))
    else:
        cleaned = str(text or "").strip().replace(",", "").replace("，", "")
        if not cleaned:
            return None
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None
    if not value.is_finite() or abs(value) > MAX_AMOUNT:
        return None
    return value.quantize(CENT)


def sorted_lines(lines: Iterable[Line]) -> list[Line]:
    """Lines in the order of the classification: each parent before its children."""
    return sorted(lines, key=lambda line: line.code)


def sum_problems(lines: Sequence[Line]) -> list[str]:
    """Where a parent's amount is not the sum of its children (only where children are given),
    and children whose parent is missing — each as a sentence in Chinese."""
    by_code = {line.code: line for line in lines}
    children: dict[str, list[Line]] = {}
    problems = []
    for line in sorted_lines(lines):
        parent = parent_code(line.code)
        if not parent:
            continue
        if parent not in by_code:
            problems.append(
                _("科目%(code)s %(name)s的上级科目%(parent)s没有列出。")
                % {"code": line.code, "name": line.name, "parent": parent}
            )
            continue
        children.setdefault(parent, []).append(line)
    for code, kids in sorted(children.items()):
        parent_line = by_code[code]
        total = sum((kid.amount for kid in kids), Decimal(0))
        if not within_rounding(total, parent_line.amount, len(kids)):
            problems.append(
                _(
                    "%(level)s级科目%(code)s %(name)s的金额为%(amount)s万元，"
                    "但其下级科目合计为%(total)s万元，相差%(difference)s万元。"
                )
                % {
                    "level": LEVEL_LABELS[parent_line.level],
                    "code": code,
                    "name": parent_line.name,
                    "amount": money(parent_line.amount),
                    "total": money(total),
                    "difference": money(parent_line.amount - total),
                }
            )
    return problems


def class_total(lines: Iterable[Line]) -> Decimal:
    return sum((line.amount for line in lines if len(line.code) == 3), Decimal(0))


def total_problems(lines: Sequence[Line], expenditure_total: Decimal | None) -> list[str]:
    """The 类 together must make the 支出总计, when both are given."""
    if expenditure_total is None or not any(len(line.code) == 3 for line in lines):
        return []
    total = class_total(lines)
    if within_rounding(total, expenditure_total, sum(len(line.code) == 3 for line in lines)):
        return []
    return [
        _("各类支出合计为%(total)s万元，与支出总计%(expected)s万元不一致。")
        % {"total": money(total), "expected": money(expenditure_total)}
    ]


def within_rounding(total: Decimal, expected: Decimal, parts: int) -> bool:
    """Whether a sum of `parts` amounts matches `expected` up to their rounding to 0.01 万元.

    Tables are kept in 元 and published in 万元 with two decimals: each printed amount is off
    by up to 0.005, so a parent and its printed children may differ by a cent or two while
    the 元 figures agree (published final accounts show this). More is a real error."""
    return abs(total - expected) <= Decimal("0.005") * (parts + 1)


def money(value: Decimal | None) -> str:
    """An amount as the tables print it: two decimals, thousands separated."""
    if value is None:
        return "—"
    return f"{value:,.2f}"


@dataclass(frozen=True)
class SangongItem:
    key: str
    label: str
    amount: Decimal
    previous: Decimal | None
    is_total: bool = False
    is_part: bool = False  # 购置费 / 运行费 under 公务用车购置及运行费

    @property
    def change(self) -> "Change":
        return change(self.amount, self.previous)


def sangong_items(
    values: Mapping[str, Decimal], previous: Mapping[str, Decimal] | None
) -> list[SangongItem]:
    """The 三公 rows of a table: the three items (the vehicles' with its two parts) and the
    total, each with last year's amount (None when there is no previous table)."""

    def pair(key: str) -> tuple[Decimal, Decimal | None]:
        return values[key], (previous[key] if previous is not None else None)

    def add(*keys: str) -> tuple[Decimal, Decimal | None]:
        now = sum((values[key] for key in keys), Decimal(0))
        before = sum((previous[key] for key in keys), Decimal(0)) if previous is not None else None
        return now, before

    vehicles = add("vehicle_purchase", "vehicle_operation")
    total = add(*SANGONG_FIELDS)
    return [
        SangongItem("abroad", _("因公出国（境）费"), *pair("abroad")),
        SangongItem("vehicles", _("公务用车购置及运行费"), *vehicles),
        SangongItem(
            "vehicle_purchase", _("其中：公务用车购置费"), *pair("vehicle_purchase"), is_part=True
        ),
        SangongItem(
            "vehicle_operation", _("其中：公务用车运行费"), *pair("vehicle_operation"), is_part=True
        ),
        SangongItem("reception", _("公务接待费"), *pair("reception")),
        SangongItem("total", _("合计"), *total, is_total=True),
    ]


@dataclass(frozen=True)
class Change:
    """The year-on-year change: amount and percent; `note` when either cannot be given."""

    amount: Decimal | None
    percent: Decimal | None
    note: str = ""

    @property
    def is_change(self) -> bool:
        return bool(self.amount)


def change(current: Decimal, previous: Decimal | None) -> Change:
    """Change against the same kind of table of the previous year. No previous table: 上年无数据;
    a previous amount of zero: the change in 万元 but no percentage (上年为零)."""
    if previous is None:
        return Change(None, None, _("上年无数据"))
    difference = current - previous
    if previous == 0:
        return Change(difference, None, _("上年为零") if difference else "")
    percent = (difference * 100 / previous).quantize(Decimal("0.1"))
    return Change(difference, percent)


def describe_change(value: Change) -> str:
    """ "增加1.20万元（+12.0%）", "减少…", "持平", or the note."""
    if value.amount is None:
        return value.note
    if value.amount == 0:
        return _("持平")
    words = {
        "amount": money(abs(value.amount)),
        "percent": f"{abs(value.percent)}" if value.percent is not None else "",
    }
    rose = value.amount > 0
    text = (_("增加%(amount)s万元") if rose else _("减少%(amount)s万元")) % words
    if value.percent is not None:
        text += _("（%(sign)s%(percent)s%%）") % {**words, "sign": "+" if value.amount > 0 else "−"}
    elif value.note:
        text += _("（%(note)s）") % {"note": value.note}
    return text


def explanation_required(items: Sequence[SangongItem]) -> bool:
    """The 情况说明 must say why when any 三公 item changed against last year's table."""
    return any(item.change.is_change for item in items)


def sangong_total_problem(
    parts: Mapping[str, Decimal], vehicles: Decimal | None, total: Decimal | None
) -> list[tuple[str, str]]:
    """[(which, message)] when a stated 公务用车购置及运行费 or 合计 is not the sum of its parts."""
    problems = []
    sum_vehicles = parts["vehicle_purchase"] + parts["vehicle_operation"]
    if vehicles is not None and vehicles != sum_vehicles:
        problems.append(
            (
                "vehicles",
                _("公务用车购置及运行费%(stated)s万元不等于购置费与运行费之和%(sum)s万元。")
                % {"stated": money(vehicles), "sum": money(sum_vehicles)},
            )
        )
    sum_total = sum((parts[key] for key in SANGONG_FIELDS), Decimal(0))
    if total is not None and total != sum_total:
        problems.append(
            (
                "total",
                _("“三公”经费合计%(stated)s万元不等于各项之和%(sum)s万元。")
                % {"stated": money(total), "sum": money(sum_total)},
            )
        )
    return problems


def default_title(agency_name: str, year: int, kind: str) -> str:
    if kind == "final":
        return _("%(agency)s%(year)s年部门决算") % {"agency": agency_name, "year": year}
    return _("%(agency)s%(year)s年部门预算") % {"agency": agency_name, "year": year}


@dataclass(frozen=True)
class LineProblem:
    index: int  # position of the row among those given (0-based)
    field: str  # "code", "name" or "amount"
    message: str


def check_lines(rows: Sequence[Mapping[str, object]]) -> tuple[list[Line], list[LineProblem]]:
    """Rows {code, name, amount (text or number)} → lines, and every problem found: a code that
    is not a 类/款/项 code, a missing name, a missing or non-numeric or negative amount, a code
    given twice. The form and the import share this check."""
    lines, problems, seen = [], [], {}
    for index, row in enumerate(rows):
        code = str(row.get("code") or "").strip()
        name = str(row.get("name") or "").strip()
        raw = row.get("amount")
        row_problems = []
        if not code:
            row_problems.append(LineProblem(index, "code", _("请填写科目编码。")))
        elif not is_valid_code(code):
            row_problems.append(
                LineProblem(
                    index,
                    "code",
                    _("科目编码“%(code)s”不正确：类为3位、款为5位、项为7位数字。") % {"code": code},
                )
            )
        elif code in seen:
            row_problems.append(
                LineProblem(
                    index,
                    "code",
                    _("科目编码%(code)s重复（与第%(first)s条相同）。")
                    % {"code": code, "first": seen[code] + 1},
                )
            )
        else:
            seen[code] = index
        if not name:
            row_problems.append(LineProblem(index, "name", _("请填写科目名称。")))
        amount = None
        if raw is None or str(raw).strip() == "":
            row_problems.append(LineProblem(index, "amount", _("请填写金额。")))
        else:
            amount = parse_amount(raw)
            if amount is None:
                row_problems.append(
                    LineProblem(index, "amount", _("金额“%(value)s”不是数字。") % {"value": raw})
                )
            elif amount < 0:
                row_problems.append(LineProblem(index, "amount", _("金额不能为负数。")))
        problems.extend(row_problems)
        if not row_problems:
            lines.append(Line(code, name, amount))
    return lines, problems
