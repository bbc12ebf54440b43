"""Demo enforcement list and double-random inspection of the demo county, made through the
services so that they obey every rule: a published 执法公示清单 (subjects, six inspectors,
powers, discretion standards, the 随机抽查事项清单), a pool of fictitious units with one
declared conflict, the 2026 plan with its committed and performed draw, and published results.
All names and credit codes are invented (the codes only carry a valid check character)."""

import datetime

from django.utils import timezone
from stdnum.cn import uscc

from gongkai.agencies.models import Agency
from gongkai.enforcement import inspection_pool, inspection_services, list_services
from gongkai.enforcement.models import EnforcementList, InspectionTarget, Outcome, RiskGrade

MARK = "【演示】"
YEAR = 2026

INSPECTORS = [
    ("张明", "14052526001"),
    ("李华", "14052526002"),
    ("王芳", "14052526003"),
    ("赵强", "14052526004"),
    ("刘洋", "14052526005"),
    ("陈静", "14052526006"),
]
DISTRICTS = ["城关镇", "北留镇", "润城镇"]
KINDS = [
    ("宾馆", "公共场所"),
    ("理发店", "公共场所"),
    ("游泳馆", "公共场所"),
    ("水厂", "生活饮用水"),
]
RISKS = [RiskGrade.LOW, RiskGrade.MEDIUM, RiskGrade.HIGH]


def demo_credit_code(n: int) -> str:
    body = f"92140525MA0K{n:05d}"
    return body + uscc.calc_check_digit(body)


def _publish_list(agency: Agency, users) -> EnforcementList:
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    version = list_services.draft_list(
        agency=agency,
        actor=publisher,
        title=f"{MARK}演示县卫生健康局行政执法事前公开清单（2026年版）",
        effective_from=datetime.date(YEAR, 1, 1),
        procedures="立案 → 调查取证 → 告知（陈述、申辩、听证） → 审核 → 决定 → 送达 → 执行 → 结案。"
        "执法人员不少于两人，出示执法证件。",
        remedies="对行政处罚决定不服的，可自收到决定书之日起六十日内申请行政复议，"
        "或者六个月内向人民法院提起行政诉讼。",
    )
    rows = {
        "subjects": [
            {
                "name": agency.name,
                "credit_code": demo_credit_code(1),
                "legal_basis": "《中华人民共和国基本医疗卫生与健康促进法》《公共场所卫生管理条例》",
            }
        ],
        "inspectors": [
            {
                "name": name,
                "certificate_number": number,
                "certificate_valid_until": datetime.date(2028, 12, 31),
                "area": "全县卫生健康监督执法",
            }
            for name, number in INSPECTORS
        ],
        "powers": [
            {
                "item": "公共场所卫生许可",
                "kind": "licensing",
                "basis": "《公共场所卫生管理条例》第八条",
                "responsible_office": "行政审批股",
            },
            {
                "item": "对公共场所经营者未取得卫生许可证擅自营业的处罚",
                "kind": "penalty",
                "basis": "《公共场所卫生管理条例实施细则》第三十五条",
                "responsible_office": "卫生健康综合行政执法队",
            },
            {
                "item": "公共场所卫生监督检查",
                "kind": "inspection",
                "basis": "《公共场所卫生管理条例》第十条",
                "responsible_office": "卫生健康综合行政执法队",
            },
        ],
        "discretions": [
            {
                "violation": "公共场所未依法取得卫生许可证擅自营业",
                "circumstance": "初次违法，营业不满三个月",
                "penalty_range": "警告，并处五百元以上二千元以下罚款",
            },
            {
                "violation": "公共场所未依法取得卫生许可证擅自营业",
                "circumstance": "营业三个月以上或拒不改正",
                "penalty_range": "二千元以上五千元以下罚款",
            },
        ],
        "inspection_items": [
            {
                "item": "公共场所卫生监督抽查",
                "basis": "《公共场所卫生管理条例》《公共场所卫生管理条例实施细则》",
                "subject": "演示县卫生健康综合行政执法队",
                "content": "卫生许可证、从业人员健康证明、卫生管理制度、空气和水质检测",
                "method": "现场检查、资料查阅",
                "ratio_frequency": "按区域分层，不低于20%，每年一次",
            },
            {
                "item": "生活饮用水卫生监督抽查",
                "basis": "《生活饮用水卫生监督管理办法》",
                "subject": "演示县卫生健康综合行政执法队",
                "content": "供水单位卫生许可、水质检测、涉水产品",
                "method": "现场检查、水质抽检",
                "ratio_frequency": "不低于20%，每年一次",
            },
        ],
    }
    for part, values_list in rows.items():
        for values in values_list:
            list_services.add_row(
                enforcement_list=version, part=part, values=values, actor=publisher
            )
    list_services.submit_list(enforcement_list=version, actor=publisher)
    return list_services.publish_list(enforcement_list=version, actor=reviewer)


def _pool(agency: Agency, publisher) -> list[InspectionTarget]:
    targets = []
    n = 100
    licence = "演卫公许字〔2025〕第{n:03d}号"  # the licence it was granted, until decisions land
    for district in DISTRICTS:
        for index, (noun, kind) in enumerate(KINDS):
            for copy in range(2):
                n += 1
                targets.append(
                    inspection_pool.add_target(
                        agency=agency,
                        actor=publisher,
                        name=f"{MARK}{district}{'甲乙'[copy]}{noun}",
                        credit_code=demo_credit_code(n),
                        kind=kind,
                        district=district,
                        risk_grade=RISKS[(index + copy) % 3],
                        source_reference=licence.format(n=n) if kind == "公共场所" else "",
                    )
                )
    return targets


def load_inspections(agency: Agency, users) -> None:
    """Create the demo list, pool, plan, draw and results once (idempotent)."""
    if EnforcementList.objects.filter(agency=agency, title__startswith=MARK).exists():
        return
    publisher = users["county_publisher"]
    _publish_list(agency, users)
    pool = _pool(agency, publisher)
    # One declared conflict: 张明's relative runs the first 城关镇 hotel.
    inspection_pool.declare_conflict(
        target=pool[0],
        inspector_certificate=INSPECTORS[0][1],
        reason="近亲属为该单位负责人",
        actor=publisher,
    )
    plan = inspection_services.create_plan(
        agency=agency,
        actor=publisher,
        year=YEAR,
        title=f"{MARK}2026年公共场所卫生“双随机”抽查计划",
        matter="公共场所卫生监督抽查",
        matter_basis="《公共场所卫生管理条例》《公共场所卫生管理条例实施细则》",
        stratify_by=["district"],
        ratio_percent=25,
        target_kinds=["公共场所"],
        inspectors_per_target=2,
        window_start=datetime.date(YEAR, 4, 1),
        window_end=datetime.date(YEAR, 12, 31),
    )
    draw = inspection_services.commit_draw(plan=plan, actor=publisher)
    draw = inspection_services.perform_draw(draw=draw, actor=publisher)
    by_code = {t.credit_code: t for t in pool}
    outcomes = [Outcome.PASSED, Outcome.RECTIFY, Outcome.NO_PROBLEM, Outcome.FAILED]
    # Results of the last days, published now: on time whenever the demo is loaded.
    today = timezone.localdate()
    for index, code in enumerate(inspection_services.drawn_target_ids(draw)):
        outcome = outcomes[index % len(outcomes)]
        inspection_services.enter_result(
            draw=draw,
            target=by_code[code],
            outcome=outcome,
            result_on=today - datetime.timedelta(days=2 + index),
            actor=publisher,
            note="从业人员健康证明不全，已责令限期整改。" if outcome == Outcome.RECTIFY else "",
            follow_up_reference="演卫公罚〔2026〕3号" if outcome == Outcome.FAILED else "",
        )
    inspection_services.publish_results(draw=draw, actor=publisher)
