"""Demo: the county health bureau's budgets and final accounts for the two years before the
demo's year (部门预算 and 部门决算, with the 三公 expenses and the explanation of their change),
drafted by the publisher and published by the reviewer through the same services as the
console. All figures are invented (marked 【演示】); they add up as real tables must."""

import datetime
from decimal import Decimal

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.budgets import publication, services
from gongkai.budgets.models import BudgetTable, Kind
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK

CLASSES = {"208": "社会保障和就业支出", "210": "卫生健康支出", "221": "住房保障支出"}
SECTIONS = {
    "20805": "行政事业单位养老支出",
    "21001": "卫生健康管理事务",
    "21004": "公共卫生",
    "21011": "行政事业单位医疗",
    "22102": "住房改革支出",
}
# 项 and the first year's budget (万元); the other tables scale these (see TABLES).
ITEMS = [
    ("2080505", "机关事业单位基本养老保险缴费支出", "208.40"),
    ("2080506", "机关事业单位职业年金缴费支出", "104.20"),
    ("2100101", "行政运行", "402.50"),
    ("2100199", "其他卫生健康管理事务支出", "83.80"),
    ("2100408", "基本公共卫生服务", "1856.20"),
    ("2100409", "重大公共卫生服务", "462.50"),
    ("2101101", "行政单位医疗", "86.40"),
    ("2101102", "事业单位医疗", "434.40"),
    ("2210201", "住房公积金", "218.00"),
]

# (years before the demo's year, kind, scale of ITEMS, 三公 (出国, 购置, 运行, 接待), explanation,
#  day of publication: (years before the demo's year, month, day))
TABLES = [
    (
        2,
        Kind.BUDGET,
        "1.000",
        ("0", "0", "8.50", "4.20"),
        "本年度“三公”经费预算12.70万元，其中公务用车运行费8.50万元，公务接待费4.20万元；"
        "不安排因公出国（境）费和公务用车购置费。（演示数据）",
        (2, 2, 8),
    ),
    (
        1,
        Kind.BUDGET,
        "1.046",
        ("0", "0", "7.80", "3.60"),
        "“三公”经费预算11.40万元，比上年减少1.30万元。其中公务用车运行费减少0.70万元，"
        "主要是严格执行公车使用管理、减少车辆维修支出；公务接待费减少0.60万元，主要是"
        "压减接待批次和陪餐人数。（演示数据）",
        (1, 2, 10),
    ),
    (
        2,
        Kind.FINAL,
        "1.012",
        ("0", "0", "7.96", "3.42"),
        "“三公”经费支出11.38万元，完成预算的89.6%，未超预算。公务用车运行费和公务接待费"
        "均低于预算，主要是落实过紧日子要求。（演示数据）",
        (1, 8, 20),
    ),
    (
        1,
        Kind.FINAL,
        "1.058",
        ("0", "18.00", "6.85", "2.95"),
        "“三公”经费支出27.80万元，比上年增加16.42万元。增加的原因是经批准更新一辆服役超过"
        "15年的卫生监督执法车辆，公务用车购置费18.00万元；公务用车运行费减少1.11万元，"
        "公务接待费减少0.47万元，主要是继续压减一般性支出。（演示数据）",
        (0, 8, 18),
    ),
]
CENT = Decimal("0.01")


def table_lines(scale: Decimal) -> list[dict]:
    """项 scaled, 款 and 类 as the sums of their 项, so that every check sum holds."""
    items = [
        {"code": code, "name": name, "amount": (Decimal(amount) * scale).quantize(CENT)}
        for code, name, amount in ITEMS
    ]
    sections = [
        {
            "code": code,
            "name": name,
            "amount": sum(i["amount"] for i in items if i["code"].startswith(code)),
        }
        for code, name in SECTIONS.items()
    ]
    classes = [
        {
            "code": code,
            "name": name,
            "amount": sum(s["amount"] for s in sections if s["code"].startswith(code)),
        }
        for code, name in CLASSES.items()
    ]
    return sorted(classes + sections + items, key=lambda line: line["code"])


def load_budgets(agency: Agency, users: dict) -> None:
    """Publish the county's four tables once (idempotent), oldest first, each on its day."""
    if BudgetTable.objects.filter(agency=agency, title__startswith=DEMO_MARK).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    today = timezone.localdate()
    for years_back, kind, scale, sangong, explanation, day in sorted(
        TABLES, key=lambda entry: (entry[5][0] * -1, entry[5][1], entry[5][2])
    ):
        year = today.year - years_back
        published_back, month, day_of_month = day
        on = datetime.date(today.year - published_back, month, day_of_month)
        on = min(on, today - datetime.timedelta(days=3))
        lines = table_lines(Decimal(scale))
        total = sum(line["amount"] for line in lines if len(line["code"]) == 3)
        label = "部门决算" if kind == Kind.FINAL else "部门预算"
        values = {
            "title": f"{DEMO_MARK}{agency.name}{year}年{label}",
            "income_total": total + (Decimal("12.60") if kind == Kind.FINAL else 0),
            "expenditure_total": total,
            "abroad": Decimal(sangong[0]),
            "vehicle_purchase": Decimal(sangong[1]),
            "vehicle_operation": Decimal(sangong[2]),
            "reception": Decimal(sangong[3]),
            "explanation": explanation,
        }
        with on_day(on):
            table = services.start_table(agency=agency, year=year, kind=kind, actor=publisher)
            services.update_table(table=table, actor=publisher, values=values, lines=lines)
            services.submit_table(table=table, actor=publisher)
        with on_day(on, hour=15):
            publication.publish_table(table=table, actor=reviewer)
