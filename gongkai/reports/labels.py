"""The printed wording of the three tables (国办公开办函〔2021〕30号; spec §3.2–§3.4), written
once for the checks, the console and every export."""

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.foi.outcomes import REPORT_ROW_LABELS, OutcomeGroup, outcome_info
from gongkai.reports.computation import OUTCOME_ROWS

TITLE = gettext_lazy("%(agency)s%(year)d年政府信息公开工作年度报告")

SECTION_HEADINGS = {
    "overview": gettext_lazy("一、总体情况"),
    "table_a": gettext_lazy("二、主动公开政府信息情况"),
    "table_b": gettext_lazy("三、收到和处理政府信息公开申请情况"),
    "table_c": gettext_lazy("四、政府信息公开行政复议、行政诉讼情况"),
    "problems": gettext_lazy("五、存在的主要问题及改进情况"),
    "other": gettext_lazy("六、其他需要报告的事项"),
}

TABLE_A_ROW_LABELS: dict[str, Promise] = {
    "rule": gettext_lazy("规章"),
    "normative": gettext_lazy("行政规范性文件"),
    "licensing": gettext_lazy("行政许可"),
    "penalty": gettext_lazy("行政处罚"),
    "enforcement": gettext_lazy("行政强制"),
    "fees": gettext_lazy("行政事业性收费"),
}
TABLE_A_COLUMN_LABELS: dict[str, Promise] = {
    "issued": gettext_lazy("本年制发件数"),
    "repealed": gettext_lazy("本年废止件数"),
    "valid": gettext_lazy("现行有效件数"),
    "decisions": gettext_lazy("本年处理决定数量"),
    "amount": gettext_lazy("本年收费金额（单位：万元）"),
}
TABLE_A_CONTENT = gettext_lazy("信息内容")
# Four blocks, each under a row spanning the table: (heading, rows, columns).
TABLE_A_BLOCKS: list[tuple[Promise, list[str], list[str]]] = [
    (gettext_lazy("第二十条第（一）项"), ["rule", "normative"], ["issued", "repealed", "valid"]),
    (gettext_lazy("第二十条第（五）项"), ["licensing"], ["decisions"]),
    (gettext_lazy("第二十条第（六）项"), ["penalty", "enforcement"], ["decisions"]),
    (gettext_lazy("第二十条第（八）项"), ["fees"], ["amount"]),
]

TABLE_B_NOTE = gettext_lazy("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
TABLE_B_APPLICANTS = gettext_lazy("申请人情况")
TABLE_B_ORGANISATIONS = gettext_lazy("法人或其他组织")
TABLE_B_RESULTS = gettext_lazy("三、本年度办理结果")
TABLE_B_COLUMN_LABELS: dict[str, Promise] = {
    "natural": gettext_lazy("自然人"),
    "business": gettext_lazy("商业企业"),
    "research": gettext_lazy("科研机构"),
    "public_interest": gettext_lazy("社会公益组织"),
    "legal_service": gettext_lazy("法律服务机构"),
    "other": gettext_lazy("其他"),
    "total": gettext_lazy("总计"),
}

TABLE_C_REVIEW = gettext_lazy("行政复议")
TABLE_C_LITIGATION = gettext_lazy("行政诉讼")
TABLE_C_GROUP_LABELS: dict[str, Promise] = {
    "review": gettext_lazy("行政复议"),
    "litigation_direct": gettext_lazy("未经复议直接起诉"),
    "litigation_after_review": gettext_lazy("复议后起诉"),
}
TABLE_C_COLUMN_LABELS: dict[str, Promise] = {
    "upheld": gettext_lazy("结果维持"),
    "corrected": gettext_lazy("结果纠正"),
    "other": gettext_lazy("其他结果"),
    "pending": gettext_lazy("尚未审结"),
    "total": gettext_lazy("总计"),
}

CHECK_LABELS: dict[str, Promise] = {
    "table_b_balance": gettext_lazy("各列：一 + 二 = 三（七）+ 四"),
    "table_b_total": gettext_lazy("各列：（七）总计 = 各办理结果之和"),
    "table_b_row_totals": gettext_lazy("各行：总计 = 各类申请人之和"),
    "table_b_continuity": gettext_lazy("本年“上年结转”= 上年“结转下年度”"),
    "records_consistent": gettext_lazy("申请记录的办结状态、日期和结果一致"),
    "table_c_totals": gettext_lazy("复议、诉讼：总计 = 维持 + 纠正 + 其他 + 尚未审结"),
    "cells_valid": gettext_lazy("所有数字为非负整数（收费金额为非负数）"),
}

SOURCE_LABELS: dict[str, Promise] = {
    "records": gettext_lazy("平台记录"),
    "manual": gettext_lazy("手工填报"),
    "none": gettext_lazy("未填报"),
}


def group_heading(group: str) -> str:
    """“（三）不予公开”: the printed number and name of a result block."""
    outcome = next(o for o in OUTCOME_ROWS if o.split(".")[0] == group)
    number = outcome_info(outcome).heading.split("）")[0] + "）"
    return f"{number}{OutcomeGroup(group).label}"


def item_label(outcome: str) -> str:
    """The printed label of a result row: “（一）予以公开” or, inside a block, “1.属于国家秘密”."""
    info = outcome_info(outcome)
    if "." not in outcome:
        return f"{info.heading}{info.row_label}"
    number = info.heading.split("）")[1]
    return f"{number}.{info.row_label}"


def row_title(row: str) -> str:
    """A Table B row named in full, for messages: “（三）不予公开 1.属于国家秘密”."""
    if row in OUTCOME_ROWS and "." in row:
        return _("%(group)s %(item)s") % {
            "group": group_heading(row.split(".")[0]),
            "item": item_label(row),
        }
    if row in OUTCOME_ROWS:
        return item_label(row)
    return str(REPORT_ROW_LABELS[row])


def table_a_cell_title(key: str) -> str:
    row, col = key.split(".")
    return _("%(row)s“%(column)s”") % {
        "row": TABLE_A_ROW_LABELS[row],
        "column": TABLE_A_COLUMN_LABELS[col],
    }
