"""Demo: the county's monthly notifiable-disease figures (two years, so the same month of last
year exists) and two institutions' price lists (the county people's hospital with two versions,
so the history shows; a township health centre), drafted by the publisher and published by the
reviewer through the same services as the console. All numbers are invented (【演示】)."""

import datetime
import math
import random
from decimal import Decimal

from django.utils import timezone

from gongkai.agencies.models import Agency, Level
from gongkai.demo.history import on_day
from gongkai.demo.loading import DEMO_MARK
from gongkai.diseases import publication as disease_publication
from gongkai.diseases import rules as disease_rules
from gongkai.diseases import services as disease_services
from gongkai.diseases.models import MonthlyReport
from gongkai.prices import publication as price_publication
from gongkai.prices import services as price_services
from gongkai.prices.models import PriceKind, PriceList
from gongkai.prices.rules import ItemValues

MONTHS = 24
NOTE = f"{DEMO_MARK}本页数据为演示数据，系虚构，不代表任何地区的真实疫情。"

# disease → (typical monthly cases, seasonal swing 0..1, month of the peak, deaths per 100)
PATTERNS = {
    "流行性感冒": (180, 0.9, 1, 0),
    "手足口病": (30, 0.8, 6, 0),
    "其它感染性腹泻病": (28, 0.4, 8, 0),
    "病毒性肝炎": (14, 0.1, 3, 0),
    "肺结核": (11, 0.2, 3, 2),
    "梅毒": (8, 0.1, 6, 0),
    "新型冠状病毒感染": (9, 0.6, 12, 1),
    "猩红热": (3, 0.7, 5, 0),
    "流行性腮腺炎": (4, 0.4, 5, 0),
    "布鲁氏菌病": (2, 0.7, 5, 0),
    "淋病": (2, 0.2, 7, 0),
    "细菌性和阿米巴性痢疾": (1, 0.8, 8, 0),
    "百日咳": (2, 0.3, 7, 0),
    "艾滋病": (1, 0.1, 1, 30),
    "风疹": (0.4, 0.5, 4, 0),
}


def month_rows(month: datetime.date) -> list[disease_rules.Row]:
    """Plausible, seasonal, reproducible counts for the month (seeded by the month)."""
    generator = random.Random(month.isoformat())  # noqa: S311 - demo figures, not security
    cases = {}
    deaths = {}
    for name, (mean, swing, peak, death_rate) in PATTERNS.items():
        season = 1 + swing * math.cos((month.month - peak) / 12 * 2 * math.pi)
        expected = mean * season * generator.uniform(0.75, 1.25)
        cases[name] = max(0, round(expected))
        deaths[name] = sum(1 for _n in range(cases[name]) if generator.random() * 100 < death_rate)
    return [
        disease_rules.Row(
            r.disease, r.disease_class, cases.get(r.disease, 0), deaths.get(r.disease, 0)
        )
        for r in disease_services.blank_rows()
    ]


def load_disease_figures(agency: Agency, users: dict) -> None:
    """Two years of months, each published on the 12th of the next month (idempotent)."""
    if MonthlyReport.objects.filter(agency=agency).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    today = timezone.localdate()
    first = disease_rules.first_of_month(today)
    for _step in range(MONTHS):
        first = disease_rules.previous_month(first)
    with on_day(first):
        disease_services.update_setting(
            agency=agency, actor=users["county_admin"], publishes_monthly=True, due_day=20
        )
    month = first
    while month < disease_rules.first_of_month(today):
        published_on = min(disease_rules.next_month(month).replace(day=12), today)
        with on_day(published_on):
            report = disease_services.create_report(
                agency=agency, month=month, actor=publisher, rows=month_rows(month)
            )
            disease_services.update_report(
                report=report, actor=publisher, rows=month_rows(month), note=NOTE
            )
            disease_services.submit_report(report=report, actor=publisher)
            disease_publication.publish_report(report=report, actor=reviewer)
        month = disease_rules.next_month(month)


# --- prices -------------------------------------------------------------------------------

INSTITUTIONS = [
    ("DEMO-COUNTY-HOSP", "演示县人民医院", "县人民医院"),
    ("DEMO-COUNTY-THC", "演示县城关镇卫生院", "城关镇卫生院"),
]

# (code, name, unit, price) — 医疗服务 of a county hospital (二级) in the style of the
# provincial 医疗服务价格项目规范; codes and prices invented.
HOSPITAL_SERVICES = [
    ("110200001", "普通门诊诊查费", "次", "8.00"),
    ("110200002", "副主任医师门诊诊查费", "次", "15.00"),
    ("110200003", "主任医师门诊诊查费", "次", "20.00"),
    ("110200005", "急诊诊查费", "次", "12.00"),
    ("110900001", "普通病房床位费（三人间）", "日", "30.00"),
    ("110900002", "普通病房床位费（双人间）", "日", "40.00"),
    ("111000001", "Ⅰ级护理", "日", "28.00"),
    ("111000002", "Ⅱ级护理", "日", "18.00"),
    ("111000003", "Ⅲ级护理", "日", "10.00"),
    ("120100001", "静脉输液（第一组）", "次", "8.00"),
    ("120100002", "静脉输液（每增加一组）", "组", "2.00"),
    ("120400001", "肌肉注射", "次", "3.00"),
    ("120400002", "静脉注射", "次", "5.00"),
    ("121100001", "换药（小）", "次", "15.00"),
    ("121100002", "换药（中）", "次", "25.00"),
    ("210100001", "X线摄影（胸部正位）", "次", "55.00"),
    ("210300001", "CT平扫（每部位）", "部位", "150.00"),
    ("210400001", "磁共振平扫（每部位）", "部位", "420.00"),
    ("220100001", "B超常规检查（腹部）", "次", "60.00"),
    ("220600001", "彩色多普勒超声心动图", "次", "160.00"),
    ("250101001", "血常规（五分类）", "次", "20.00"),
    ("250102001", "尿常规", "次", "8.00"),
    ("250301001", "肝功能（八项）", "次", "48.00"),
    ("250302001", "肾功能（三项）", "次", "24.00"),
    ("250305001", "血糖测定", "次", "5.00"),
    ("310701001", "常规心电图检查", "次", "18.00"),
    ("311201001", "正常分娩", "次", "900.00"),
    ("330100001", "阑尾切除术", "次", "900.00"),
    ("330900001", "剖宫产术", "次", "1300.00"),
    ("340100001", "针灸（普通针刺）", "次", "20.00"),
]
# The second version: a price adjustment (项目调价), one item added, one withdrawn.
HOSPITAL_CHANGES = {
    "110200001": "10.00",
    "110200002": "18.00",
    "210300001": "130.00",  # CT 降价
    "210400001": "380.00",
    "250301001": "40.00",
    "111000001": "32.00",
}
HOSPITAL_ADDED = ("331100001", "腹腔镜下胆囊切除术", "次", "2200.00")
HOSPITAL_REMOVED = "120100002"

# (code, name, specification, unit, price) — common drugs (常用药品) at zero mark-up.
HOSPITAL_DRUGS = [
    ("XJ01CAA040E001010100", "阿莫西林胶囊", "0.25g×24粒", "盒", "6.80"),
    ("XJ01DCC143A001010100", "头孢克洛胶囊", "0.25g×12粒", "盒", "12.60"),
    ("XJ01FAA100A001010100", "阿奇霉素片", "0.25g×6片", "盒", "9.50"),
    ("XN02BAA008A001010100", "阿司匹林肠溶片", "100mg×30片", "盒", "11.20"),
    ("XM01AEB044A001010100", "布洛芬缓释胶囊", "0.3g×20粒", "盒", "8.90"),
    ("XC08CAA041A001010100", "苯磺酸氨氯地平片", "5mg×28片", "盒", "3.60"),
    ("XC09CAA018A001010100", "缬沙坦胶囊", "80mg×28粒", "盒", "7.40"),
    ("XA10BAA117A001010100", "盐酸二甲双胍片", "0.5g×60片", "盒", "5.20"),
    ("XC10AAA043A001010100", "阿托伐他汀钙片", "20mg×28片", "盒", "6.30"),
    ("XA02BCO066A001010100", "奥美拉唑肠溶胶囊", "20mg×14粒", "盒", "4.10"),
    ("XR06AEX136A001010100", "氯雷他定片", "10mg×6片", "盒", "3.90"),
    ("XB05BBA005B002010100", "0.9%氯化钠注射液", "250ml", "袋", "2.80"),
    ("XB05BAG014B002010100", "5%葡萄糖注射液", "250ml", "袋", "2.90"),
    ("XH02ABD071B002010100", "地塞米松磷酸钠注射液", "1ml:5mg", "支", "0.60"),
    ("XA10ABA137B002010100", "胰岛素注射液", "10ml:400单位", "支", "46.80"),
    ("XR05CBA014A001010100", "氨溴索片", "30mg×20片", "盒", "4.50"),
    ("ZA04BAA0251010100", "连花清瘟胶囊", "0.35g×24粒", "盒", "14.80"),
    ("ZA06AAX0193010100", "复方丹参滴丸", "27mg×180丸", "盒", "25.30"),
    ("XN02BEA001A001010100", "对乙酰氨基酚片", "0.5g×12片", "盒", "2.40"),
    ("XJ01MAB107A001010100", "左氧氟沙星片", "0.5g×4片", "盒", "6.90"),
]

TOWNSHIP_SERVICES = [
    ("110200001", "普通门诊诊查费", "次", "6.00"),
    ("110200005", "急诊诊查费", "次", "8.00"),
    ("110900001", "普通病房床位费", "日", "18.00"),
    ("111000002", "Ⅱ级护理", "日", "12.00"),
    ("111000003", "Ⅲ级护理", "日", "7.00"),
    ("120100001", "静脉输液（第一组）", "次", "6.00"),
    ("120400001", "肌肉注射", "次", "2.00"),
    ("120400002", "静脉注射", "次", "4.00"),
    ("121100001", "换药（小）", "次", "10.00"),
    ("210100001", "X线摄影（胸部正位）", "次", "45.00"),
    ("220100001", "B超常规检查（腹部）", "次", "45.00"),
    ("250101001", "血常规（五分类）", "次", "16.00"),
    ("250102001", "尿常规", "次", "6.00"),
    ("250305001", "血糖测定", "次", "4.00"),
    ("310701001", "常规心电图检查", "次", "14.00"),
    ("340100001", "针灸（普通针刺）", "次", "15.00"),
    ("340200001", "拔罐", "次", "10.00"),
    ("120800001", "家庭病床建床费", "次", "20.00"),
    ("110300001", "出诊费", "次", "15.00"),
    ("120100011", "雾化吸入", "次", "8.00"),
]


def _institutions(county: Agency) -> dict[str, Agency]:
    made = {}
    for code, name, short_name in INSTITUTIONS:
        made[code], _created = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "level": Level.INSTITUTION,
                "parent": county,
                "region": county.region,
                "office_name": f"{short_name}办公室",
                "office_telephone": "0356-0000000（演示）",
            },
        )
    return made


def _services(rows, on: datetime.date) -> list[ItemValues]:
    return [ItemValues(c, n, "", u, Decimal(p), on, "") for c, n, u, p in rows]


def _publish(price_list, rows, publisher, reviewer, day: datetime.date) -> None:
    with on_day(day):
        version = price_services.replace_items(price_list=price_list, actor=publisher, rows=rows)
        version.note = NOTE
        version.save(update_fields=["note"])
        price_services.submit_version(version=version, actor=publisher)
        price_publication.publish_version(version=version, actor=reviewer)


def load_price_lists(county: Agency, users: dict) -> None:
    """The hospital's services (two versions) and drugs, the township centre's services."""
    if PriceList.objects.filter(agency=county).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    institutions = _institutions(county)
    hospital, township = institutions["DEMO-COUNTY-HOSP"], institutions["DEMO-COUNTY-THC"]
    today = timezone.localdate()
    start = datetime.date(today.year, 1, 1)
    adjusted = today - datetime.timedelta(days=45)

    services_list = price_services.create_list(
        agency=county, institution=hospital, kind=PriceKind.SERVICE, actor=publisher
    )
    first = _services(HOSPITAL_SERVICES, start)
    _publish(services_list, first, publisher, reviewer, start + datetime.timedelta(days=14))
    second = []
    for row in first:
        if row.code == HOSPITAL_REMOVED:
            continue
        if row.code in HOSPITAL_CHANGES:
            row = ItemValues(
                row.code, row.name, "", row.unit, Decimal(HOSPITAL_CHANGES[row.code]), adjusted
            )
        second.append(row)
    second += _services([HOSPITAL_ADDED], adjusted)
    _publish(services_list, second, publisher, reviewer, adjusted - datetime.timedelta(days=5))

    drugs = price_services.create_list(
        agency=county, institution=hospital, kind=PriceKind.DRUG, actor=publisher
    )
    _publish(
        drugs,
        [ItemValues(c, n, s, u, Decimal(p), start, "") for c, n, s, u, p in HOSPITAL_DRUGS],
        publisher,
        reviewer,
        start + datetime.timedelta(days=15),
    )
    township_list = price_services.create_list(
        agency=county, institution=township, kind=PriceKind.SERVICE, actor=publisher
    )
    _publish(
        township_list,
        _services(TOWNSHIP_SERVICES, start),
        publisher,
        reviewer,
        start + datetime.timedelta(days=16),
    )
