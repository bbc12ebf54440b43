"""Demo: the county's open datasets (开放数据), drafted by the publisher and published by the
reviewer through the same services as the console — the medical institutions list uploaded as
a CSV in GBK (as the office's spreadsheet exports it), the basic public-health service figures
as XLSX, the monthly notifiable-disease figures as JSON, and one conditionally open dataset so
that the data-resource list shows a reason. All names and numbers are invented.

No figures source is registered on main when this was written: the lead wires the generated
resources (budgets, prices, diseases, projects) after merging those apps."""

import datetime
import io

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK
from gongkai.opendata import services
from gongkai.opendata.models import Dataset

INSTITUTIONS = [
    ("演示县人民医院", "综合医院", "二级甲等", "人民路1号", 520, "1952-10-01"),
    ("演示县中医医院", "中医医院", "二级甲等", "健康路8号", 260, "1978-05-12"),
    ("演示县妇幼保健院", "妇幼保健院", "二级", "文化街16号", 120, "1985-03-08"),
    ("演示县疾病预防控制中心", "疾病预防控制中心", "", "健康路10号", 0, "1953-07-01"),
    ("东关镇卫生院", "乡镇卫生院", "一级", "东关镇政府街2号", 40, "1958-01-01"),
    ("西河镇卫生院", "乡镇卫生院", "一级", "西河镇河滨路5号", 35, "1958-01-01"),
    ("南山乡卫生院", "乡镇卫生院", "一级", "南山乡中心街1号", 20, "1960-06-01"),
    ("城关社区卫生服务中心", "社区卫生服务中心", "", "新华路21号", 30, "2008-09-01"),
]

PUBLIC_HEALTH_MONTHS = [
    # month, records kept (万份), elderly managed, hypertension managed, diabetes managed
    ("2026-01", 28.1, 31250, 21460, 7320),
    ("2026-02", 28.2, 31380, 21510, 7355),
    ("2026-03", 28.4, 31720, 21690, 7410),
    ("2026-04", 28.5, 32010, 21820, 7466),
    ("2026-05", 28.7, 32350, 21970, 7512),
    ("2026-06", 28.8, 32600, 22080, 7560),
    ("2026-07", 28.9, 32740, 22150, 7588),
    ("2026-08", 29.0, 32910, 22230, 7610),
    ("2026-09", 29.2, 33150, 22370, 7655),
    ("2026-10", 29.3, 33320, 22460, 7690),
]

_CHRONIC = (
    "机构名称,季度,高血压患者管理人数,糖尿病患者管理人数\n"
    "东关镇卫生院,2026Q3,3120,1040\n"
    "西河镇卫生院,2026Q3,2870,966\n"
    "南山乡卫生院,2026Q3,1650,512\n"
)


def _institutions_csv() -> bytes:
    lines = ["机构名称,机构类别,等级,地址,床位数,开业日期"]
    lines += [",".join(str(cell) for cell in row) for row in INSTITUTIONS]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _public_health_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "基本公共卫生服务"
    sheet.append(
        [
            "月份",
            "居民电子健康档案（万份）",
            "老年人健康管理人数",
            "高血压患者管理人数",
            "2型糖尿病患者管理人数",
        ]
    )
    for row in PUBLIC_HEALTH_MONTHS:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _catalogue_item(agency: Agency, code: str) -> AgencyItem:
    items = AgencyItem.objects.filter(catalogue__agency=agency).applicable().order_by("code")
    return items.filter(code=code).first() or items.first()


def _contact(agency: Agency) -> dict:
    return {
        "contact_name": agency.office_name or "办公室",
        "contact_email": agency.office_email,
        "contact_phone": agency.office_telephone or "0356-7010000",
    }


DATASETS = [
    {
        "name": "demo-county-medical-institutions",
        "title": "演示县医疗卫生机构名录",
        "description": "本县医疗卫生机构的名称、类别、等级、地址、核定床位数和开业日期。",
        "catalogue": "0104",
        "theme": "health_resources",
        "frequency": "ANNUAL",
        "temporal": (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        "tags": ["医疗机构", "床位"],
        "resource": (
            "医疗卫生机构名录（CSV）",
            _institutions_csv,
            [{"name": "床位数", "type": "integer"}],
        ),
        "days_ago": 40,
    },
    {
        "name": "demo-county-public-health-services",
        "title": "演示县基本公共卫生服务项目进展",
        "description": (
            "国家基本公共卫生服务项目每月进展：健康档案、老年人和慢性病患者健康管理人数。"
        ),
        "catalogue": "P0102",
        "theme": "public_health",
        "frequency": "MONTHLY",
        "temporal": (datetime.date(2026, 1, 1), datetime.date(2026, 10, 31)),
        "tags": ["基本公共卫生服务", "慢性病"],
        "resource": ("基本公共卫生服务月报（XLSX）", _public_health_xlsx, []),
        "days_ago": 20,
    },
    # The figures of #18 §2 as datasets, generated from their published tables (sources.py):
    # they follow each publication (services.refresh_generated) without a clerk's upload.
    {
        "name": "demo-county-notifiable-diseases",
        "title": "演示县法定传染病疫情月报",
        "description": "本县每月报告的法定传染病发病数和死亡数，随每月疫情概况的发布自动更新。",
        "catalogue": "G1001",
        "theme": "disease_control",
        "frequency": "MONTHLY",
        "temporal": (datetime.date(2025, 1, 1), datetime.date(2026, 11, 30)),
        "tags": ["传染病", "疫情"],
        "generated": [("法定传染病疫情月报", "diseases.monthly", "CSV")],
        "days_ago": 1,
    },
    {
        "name": "demo-county-budgets",
        "title": "演示县卫生健康局部门预算决算",
        "description": (
            "部门预算和决算的支出功能分类科目金额及“三公”经费，随预决算表的发布自动更新。"
        ),
        "catalogue": "G0402",
        "theme": "finance",
        "frequency": "ANNUAL",
        "temporal": (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
        "tags": ["预算", "决算", "三公经费"],
        "generated": [
            ("支出功能分类科目", "budgets.lines", "CSV"),
            ("“三公”经费及增减", "budgets.sangong", "XLSX"),
        ],
        "days_ago": 1,
    },
    {
        "name": "demo-county-medical-prices",
        "title": "演示县医疗机构医疗服务和药品价格",
        "description": (
            "县内公立医疗机构现行的医疗服务、药品和医用耗材价格，随价格表的发布自动更新。"
        ),
        "catalogue": "P0302",
        "theme": "drugs_prices",
        "frequency": "IRREG",
        "temporal": (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        "tags": ["医疗服务价格", "药品价格"],
        "generated": [("现行价格", "prices.current", "CSV")],
        "days_ago": 1,
    },
    {
        "name": "demo-county-construction-projects",
        "title": "演示县卫生健康重大建设项目",
        "description": "卫生健康重大建设项目清单及各阶段信息的公开情况，随项目信息的发布自动更新。",
        "catalogue": "P0303",
        "theme": "projects",
        "frequency": "IRREG",
        "temporal": (datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)),
        "tags": ["重大建设项目", "招标采购"],
        "generated": [
            ("项目清单", "projects.list", "CSV"),
            ("各阶段信息公开情况", "projects.stages", "CSV"),
        ],
        "days_ago": 1,
    },
    {
        "name": "demo-county-chronic-disease-register",
        "title": "演示县慢性病患者管理明细（按机构）",
        "description": "各基层医疗卫生机构管理的高血压、糖尿病患者人数明细。",
        "catalogue": "P0107",
        "theme": "public_health",
        "frequency": "QUARTERLY",
        "temporal": (datetime.date(2026, 1, 1), datetime.date(2026, 9, 30)),
        "tags": ["慢性病"],
        "openness": "conditional",
        "openness_reason": (
            "明细到村卫生室，人数少的可能识别到个人，经申请并签订数据使用协议后向科研机构提供。"
        ),
        "resource": ("慢性病患者管理明细（CSV）", lambda: _CHRONIC.encode(), []),
        "days_ago": 5,
    },
]


def load_open_data(agency: Agency, users: dict) -> None:
    """Publish the county's datasets once (idempotent)."""
    if Dataset.objects.filter(agency=agency, name__startswith="demo-").exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    for entry in DATASETS:
        with on_day(timezone.localdate() - datetime.timedelta(days=entry["days_ago"])):
            _publish(agency, entry, publisher, reviewer)


def _publish(agency, entry, publisher, reviewer) -> None:
    start, end = entry["temporal"]
    values = {
        "name": entry["name"],
        "title": f"{DEMO_MARK}{entry['title']}",
        "description": entry["description"],
        "catalogue_item": _catalogue_item(agency, entry["catalogue"]),
        "theme": entry["theme"],
        "licence": "CC-BY-4.0",
        "frequency": entry["frequency"],
        "temporal_start": start,
        "temporal_end": end,
        "spatial": "",
        "openness": entry.get("openness", "unconditional"),
        "openness_reason": entry.get("openness_reason", ""),
        **_contact(agency),
    }
    dataset = services.create_dataset(
        agency=agency, actor=publisher, values=values, tags=entry["tags"]
    )
    if entry.get("resource"):
        title, make, schema = entry["resource"]
        services.add_uploaded_resource(
            dataset=dataset, actor=publisher, title=title, data=make(), schema=schema
        )
    for title, source_key, file_format in entry.get("generated", ()):
        services.add_generated_resource(
            dataset=dataset, actor=publisher, title=title, source_key=source_key, format=file_format
        )
    services.submit_dataset(dataset=dataset, actor=publisher)
    services.publish_dataset(dataset=dataset, actor=reviewer)
