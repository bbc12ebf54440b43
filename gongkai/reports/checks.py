"""The report's arithmetic and record checks (spec §3.3 identities 1–6, §3.4). Pure: they read
a `ReportData` (and last year's, when there is one) and no database.

Each check gives one `Check`: a stable `name`, `ok`, and a Chinese `detail` that names the
cells and, where the data can tell, the application ids involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.reports.computation import (
    AMOUNT_KEYS,
    OUTCOME_ROWS,
    TABLE_A_KEYS,
    TABLE_B_COLUMNS,
    TABLE_B_ROWS,
    TABLE_C_COLUMNS,
    TABLE_C_GROUPS,
    ReportData,
)
from gongkai.reports.labels import (
    TABLE_B_COLUMN_LABELS,
    TABLE_C_COLUMN_LABELS,
    TABLE_C_GROUP_LABELS,
    row_title,
    table_a_cell_title,
)

SHOWN_IDS = 20
APPLICANT_COLUMNS = [col for col in TABLE_B_COLUMNS if col != "total"]
SEPARATOR = "；"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


def run_checks(data: ReportData, last_year: ReportData | None = None) -> list[Check]:
    """Every check, in a fixed order. `last_year` is the previous year's published report."""
    return [
        check_balance(data),
        check_total(data),
        check_row_totals(data),
        check_continuity(data, last_year),
        check_records(data),
        check_table_c(data),
        check_cells(data),
    ]


def failed(checks: list[Check]) -> list[Check]:
    return [check for check in checks if not check.ok]


def format_ids(ids: list[int], total: int | None = None) -> str:
    """“#3、#8、#12”, cut after SHOWN_IDS with the full count."""
    total = len(ids) if total is None else total
    shown = "、".join(f"#{pk}" for pk in ids[:SHOWN_IDS])
    if total > min(len(ids), SHOWN_IDS):
        return ngettext("%(ids)s等共%(count)d件", "%(ids)s等共%(count)d件", total) % {
            "ids": shown,
            "count": total,
        }
    return shown


def _anomaly_ids(data: ReportData, kind: str, column: str | None = None) -> list[int]:
    pairs = data.anomalies.get(kind, [])
    return [pk for pk, kind_of in pairs if column in (None, "total") or kind_of == column]


def _column(col: str) -> str:
    return str(TABLE_B_COLUMN_LABELS[col])


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def check_balance(data: ReportData) -> Check:
    """Printed on the form, per column: 一 + 二 = 三（七）+ 四."""
    b = data.table_b
    problems = []
    for col in TABLE_B_COLUMNS:
        left = _int(b["new"][col]) + _int(b["carried_in"][col])
        right = _int(b["total"][col]) + _int(b["carried_out"][col])
        if left != right:
            message = _(
                "“%(column)s”列：一（%(new)d）+ 二（%(carried_in)d）= %(left)d，"
                "三（七）总计（%(total)d）+ 四（%(carried_out)d）= %(right)d，相差%(gap)d"
            ) % {
                "column": _column(col),
                "new": _int(b["new"][col]),
                "carried_in": _int(b["carried_in"][col]),
                "left": left,
                "total": _int(b["total"][col]),
                "carried_out": _int(b["carried_out"][col]),
                "right": right,
                "gap": abs(left - right),
            }
            ids = _anomaly_ids(data, "closed_before_received", col)
            if ids:
                message += _("（办结日期早于收到日期的申请：%(ids)s）") % {"ids": format_ids(ids)}
            problems.append(message)
    if not problems:
        return Check("table_b_balance", True, _("各列均满足：一 + 二 = 三（七）总计 + 四。"))
    return Check("table_b_balance", False, SEPARATOR.join(problems) + "。")


def check_total(data: ReportData) -> Check:
    """Per column, （七）总计 is the sum of the 21 result rows (each application in one row)."""
    b = data.table_b
    problems = []
    for col in TABLE_B_COLUMNS:
        rows_sum = sum(_int(b[row][col]) for row in OUTCOME_ROWS)
        if rows_sum != _int(b["total"][col]):
            message = _(
                "“%(column)s”列：（七）总计为%(total)d，（一）至（六）各项之和为%(sum)d"
            ) % {"column": _column(col), "total": _int(b["total"][col]), "sum": rows_sum}
            ids = _anomaly_ids(data, "concluded_without_outcome", col)
            if ids:
                message += _("（本年办结但没有办理结果的申请：%(ids)s）") % {"ids": format_ids(ids)}
            problems.append(message)
    if not problems:
        return Check("table_b_total", True, _("各列（七）总计均等于各办理结果之和。"))
    return Check("table_b_total", False, SEPARATOR.join(problems) + "。")


def check_row_totals(data: ReportData) -> Check:
    """Per row, 总计 is the sum of the six applicant columns."""
    b = data.table_b
    problems = []
    for row in TABLE_B_ROWS:
        columns_sum = sum(_int(b[row][col]) for col in APPLICANT_COLUMNS)
        if columns_sum != _int(b[row]["total"]):
            problems.append(
                _("“%(row)s”行：总计为%(total)d，各类申请人之和为%(sum)d")
                % {
                    "row": row_title(row),
                    "total": _int(b[row]["total"]),
                    "sum": columns_sum,
                }
            )
    if not problems:
        return Check("table_b_row_totals", True, _("各行总计均等于各类申请人之和。"))
    detail = SEPARATOR.join(problems)
    ids = _anomaly_ids(data, "unknown_applicant_type")
    if ids:
        detail += _("（申请人类型不属于六类之一的申请：%(ids)s）") % {
            "ids": format_ids(ids, data.anomaly_counts.get("unknown_applicant_type"))
        }
    return Check("table_b_row_totals", False, detail + "。")


def check_continuity(data: ReportData, last_year: ReportData | None) -> Check:
    """This year's 二、上年结转 equals last year's published 四、结转下年度继续办理."""
    if last_year is None:
        return Check(
            "table_b_continuity",
            True,
            _("没有%(year)d年度已发布的报告，未核对上年结转。") % {"year": data.year - 1},
        )
    problems = []
    for col in TABLE_B_COLUMNS:
        this = _int(data.table_b["carried_in"][col])
        last = _int(last_year.table_b["carried_out"][col])
        if this != last:
            problems.append(
                _(
                    "“%(column)s”列：本年“二、上年结转”为%(this)d，%(year)d年度报告“四、结转下年度继续办理”为%(last)d"
                )
                % {"column": _column(col), "this": this, "year": last_year.year, "last": last}
            )
    if not problems:
        return Check(
            "table_b_continuity",
            True,
            _("本年“上年结转”与%(year)d年度报告“结转下年度继续办理”一致。")
            % {"year": last_year.year},
        )
    detail = SEPARATOR.join(problems)
    if data.carried_in_ids is not None and last_year.carried_out_ids is not None:
        now, then = set(data.carried_in_ids), set(last_year.carried_out_ids)
        if now - then:
            detail += SEPARATOR + _("本年计入上年结转、但上年报告未结转的申请：%(ids)s") % {
                "ids": format_ids(sorted(now - then))
            }
        if then - now:
            detail += SEPARATOR + _("上年报告已结转、但本年未计入的申请：%(ids)s") % {
                "ids": format_ids(sorted(then - now))
            }
    return Check("table_b_continuity", False, detail + "。")


def check_records(data: ReportData) -> Check:
    """The applications behind the table agree with themselves: a closing date only on closed
    cases, every closed case dated, every concluded case with an outcome, no closing before
    receipt."""
    messages = {
        "closed_date_on_open_case": _(
            "已填写办结日期、状态却仍在办理中的申请（已计入办理结果）：%(ids)s"
        ),
        "closed_without_date": _("状态为已办结、却没有办结日期的申请（被计入结转下年度）：%(ids)s"),
        "concluded_without_outcome": _("本年办结但没有办理结果的申请：%(ids)s"),
        "closed_before_received": _("办结日期早于收到日期的申请：%(ids)s"),
    }
    problems = []
    for kind, message in messages.items():
        count = data.anomaly_counts.get(kind, 0)
        if count:
            problems.append(message % {"ids": format_ids(_anomaly_ids(data, kind), count)})
    if not problems:
        return Check("records_consistent", True, _("申请记录的办结状态、日期和办理结果一致。"))
    return Check("records_consistent", False, SEPARATOR.join(problems) + "。")


def check_table_c(data: ReportData) -> Check:
    """In each group, 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    problems = []
    for group in TABLE_C_GROUPS:
        cells = data.table_c[group]
        parts = sum(_int(cells[col]) for col in TABLE_C_COLUMNS if col != "total")
        if parts != _int(cells["total"]):
            problems.append(
                _("“%(group)s”：总计为%(total)d，维持、纠正、其他、尚未审结之和为%(sum)d")
                % {
                    "group": TABLE_C_GROUP_LABELS[group],
                    "total": _int(cells["total"]),
                    "sum": parts,
                }
            )
    if not problems:
        return Check("table_c_totals", True, _("行政复议、行政诉讼各组总计均等于各项之和。"))
    return Check("table_c_totals", False, SEPARATOR.join(problems) + "。")


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_cells(data: ReportData) -> Check:
    """Every count is a non-negative integer; the fees amount, when given, is non-negative."""
    problems = []
    for key in TABLE_A_KEYS:
        value = data.cell_a(key)
        if key in AMOUNT_KEYS:
            bad = value is not None and not (isinstance(value, Decimal) and value >= 0)
        else:
            bad = not _is_count(value)
        if bad:
            problems.append(
                _("表二%(cell)s为“%(value)s”") % {"cell": table_a_cell_title(key), "value": value}
            )
    for row in TABLE_B_ROWS:
        for col in TABLE_B_COLUMNS:
            value = data.table_b[row][col]
            if not _is_count(value):
                problems.append(
                    _("表三“%(row)s”行“%(column)s”列为“%(value)s”")
                    % {"row": row_title(row), "column": _column(col), "value": value}
                )
    for group in TABLE_C_GROUPS:
        for col in TABLE_C_COLUMNS:
            value = data.table_c[group][col]
            if not _is_count(value):
                problems.append(
                    _("表四“%(group)s”“%(column)s”为“%(value)s”")
                    % {
                        "group": TABLE_C_GROUP_LABELS[group],
                        "column": TABLE_C_COLUMN_LABELS[col],
                        "value": value,
                    }
                )
    if not problems:
        return Check("cells_valid", True, _("所有数字均为非负整数，收费金额不为负数。"))
    return Check(
        "cells_valid",
        False,
        _("以下单元格不是非负整数：%(cells)s。") % {"cells": SEPARATOR.join(problems)},
    )
