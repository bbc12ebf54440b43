"""A year of the demo county's enforcement decisions (双公示): about forty licences and ten
penalties over the twelve months before today, published a few days after each decision;
one penalty changed on review and withdrawn with its notice, one credit-repaired. Made
through the services (audit, ledger, search), then the publication instant is set back to
the day it would have happened, so the ledger shows them done on time."""

import datetime
from decimal import Decimal

from django.utils import timezone
from stdnum.cn import uscc

from gongkai.agencies.models import Agency
from gongkai.enforcement import services
from gongkai.enforcement.models import (
    ChangeKind,
    CreditSeverity,
    Decision,
    DecisionKind,
    IdType,
    LicenceCategory,
    PartyCategory,
    PenaltyCategory,
)
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.rules import add_working_days

MARK = "演示"
LICENCES = [
    ("医疗机构执业许可证", "医疗机构执业登记", "诊所", "内科、外科、中医科"),
    ("公共场所卫生许可证", "公共场所卫生许可", "宾馆", "住宿"),
    ("公共场所卫生许可证", "公共场所卫生许可", "理发店", "美发"),
    ("放射诊疗许可证", "放射诊疗许可", "口腔诊所", "X射线影像诊断"),
    ("卫生许可证", "饮用水供水单位卫生许可", "供水站", "集中式供水"),
]
PENALTIES = [
    ("未取得医疗机构执业许可证擅自执业", "《医疗机构管理条例》第四十三条", 20000),
    ("公共场所未取得卫生许可证经营", "《公共场所卫生管理条例实施细则》第三十五条", 3000),
    ("使用非卫生技术人员从事医疗卫生技术工作", "《医疗机构管理条例》第四十七条", 5000),
    ("供水单位未取得卫生许可证供水", "《生活饮用水卫生监督管理办法》第二十六条", 10000),
    ("未按规定对医疗废物进行分类收集", "《医疗废物管理条例》第四十六条", 5000),
]


def _credit_code(n: int, prefix: str = "91130100MA") -> str:
    base = f"{prefix}{n:07d}"
    return base + uscc.calc_check_digit(base)


AUTHORITY_CODE = _credit_code(12345, prefix="11130100MB")


def load_decisions(agency: Agency, users: dict) -> None:
    """Create the demo decisions once (idempotent)."""
    if Decision.objects.filter(agency=agency, document_number__startswith=MARK).exists():
        return
    publisher, reviewer = users["county_publisher"], users["county_reviewer"]
    today = timezone.localdate()
    calendar = get_calendar()

    def publish(kind, decided_on, n, **values):
        decision = services.create_draft(
            agency=agency,
            actor=publisher,
            values={
                "kind": kind,
                "decided_on": decided_on,
                "authority_name": agency.name,
                "authority_credit_code": AUTHORITY_CODE,
                "source_name": agency.name,
                "source_credit_code": AUTHORITY_CODE,
                "current_state": "valid",
                "credit_severity": CreditSeverity.GENERAL,
                **values,
            },
        )
        services.publish(decision=decision, actor=reviewer)
        # Published on the decision's 2nd to 5th working day, as a clerk would have.
        published_on = add_working_days(decided_on, 2 + n % 4, calendar)
        if published_on < today:
            decision.published_at = timezone.make_aware(
                datetime.datetime.combine(published_on, datetime.time(10, n % 50))
            )
            decision.save(update_fields=["published_at"])  # demo history: the ledger follows
        return decision

    for n in range(40):
        certificate, category, kind_of_place, content = LICENCES[n % len(LICENCES)]
        decided_on = today - datetime.timedelta(days=360 - n * 9)
        publish(
            DecisionKind.LICENSING,
            decided_on,
            n,
            party_name=f"演示县{_place_name(n)}{kind_of_place}（虚构）",
            party_category=PartyCategory.LEGAL_PERSON,
            party_credit_code=_credit_code(n + 1),
            legal_representative=f"演示法人{n + 1}",
            document_number=f"{MARK}卫许〔{decided_on.year}〕{n + 1}号",
            licence_category=LicenceCategory.ORDINARY,
            certificate_name=certificate,
            licence_number=f"DEMO-{decided_on.year}-{n + 1:04d}",
            licence_content=f"{category}：{content}",
            valid_from=decided_on,
            valid_until=decided_on.replace(year=decided_on.year + 4)
            if not (decided_on.month == 2 and decided_on.day == 29)
            else decided_on + datetime.timedelta(days=365 * 4),
        )

    penalties = []
    for n in range(10):
        violation, basis, fine = PENALTIES[n % len(PENALTIES)]
        decided_on = today - datetime.timedelta(days=340 - n * 33)
        person = n == 3  # one natural person: their name and ID number are masked in public
        party = (
            {
                "party_name": "王演示",
                "party_category": PartyCategory.NATURAL_PERSON,
                "party_id_type": IdType.RESIDENT_ID,
                "party_id_number": "130102198001011232",
            }
            if person
            else {
                "party_name": f"演示县{_place_name(n + 40)}诊所（虚构）",
                "party_category": PartyCategory.LEGAL_PERSON,
                "party_credit_code": _credit_code(n + 100),
                "legal_representative": f"演示负责人{n + 1}",
            }
        )
        penalties.append(
            publish(
                DecisionKind.PENALTY,
                decided_on,
                n,
                document_number=f"{MARK}卫罚〔{decided_on.year}〕{n + 1}号",
                violation_type=violation,
                violation_facts=f"经查，当事人存在“{violation}”的违法行为（演示数据）。",
                penalty_basis=basis,
                penalty_categories=[PenaltyCategory.WARNING, PenaltyCategory.FINE],
                penalty_content=f"警告，罚款人民币{fine}元",
                fine_amount=Decimal(fine),
                **party,
            )
        )

    # Changed on administrative review two days ago, withdrawn with its public notice.
    changed = penalties[-2]
    services.record_change(
        decision=changed,
        actor=reviewer,
        kind=ChangeKind.REVOKED,
        changed_on=today - datetime.timedelta(days=2),
        basis="演示县人民政府行政复议决定书（演示）",
    )
    services.withdraw(
        decision=changed,
        actor=reviewer,
        reason="行政复议撤销原处罚决定",
        explanation="该行政处罚决定已被行政复议机关依法撤销，依据《中华人民共和国行政处罚法》"
        "第四十八条撤回原公示信息。",
    )
    # An early penalty whose party corrected the violation and paid: credit repaired.
    repaired = next(p for p in penalties if p.repair_earliest_on and p.repair_earliest_on <= today)
    services.repair_credit(
        decision=repaired,
        actor=reviewer,
        repaired_on=today,
        basis="当事人已纠正违法行为并履行处罚决定，经“信用中国”网站信用修复（演示）",
    )


def _place_name(n: int) -> str:
    names = "东城西关南街北苑青山绿水康宁安和仁济惠民福寿长青"
    return names[n % len(names)] + names[(n * 7 + 3) % len(names)]
