"""Factories for enforcement decisions: valid values per kind, overridable per test."""

import datetime
from decimal import Decimal

from gongkai.enforcement import services
from gongkai.enforcement.models import (
    Decision,
    DecisionKind,
    IdType,
    LicenceCategory,
    PartyCategory,
    PenaltyCategory,
)

COMPANY_CODE = "91110000101623741K"
AUTHORITY_CODE = "12130000000012345N"
SHOP_CODE = "92130000MA0ABCDE1P"
PERSON_ID = "11010519491231002X"
OTHER_PERSON_ID = "130102198001011232"


def decision_values(kind: str = DecisionKind.LICENSING, **overrides) -> dict:
    values = {
        "kind": kind,
        "party_name": "演示市康宁医院有限公司",
        "party_category": PartyCategory.LEGAL_PERSON,
        "party_credit_code": COMPANY_CODE,
        "legal_representative": "王建国",
        "document_name": "",
        "document_number": "测卫许〔2026〕1号",
        "decided_on": datetime.date(2026, 11, 10),
        "authority_name": "测试县卫生健康局",
        "authority_credit_code": AUTHORITY_CODE,
        "source_name": "测试县卫生健康局",
        "source_credit_code": AUTHORITY_CODE,
        "current_state": "valid",
        "credit_severity": "general",
    }
    if kind == DecisionKind.LICENSING:
        values.update(
            licence_category=LicenceCategory.ORDINARY,
            certificate_name="医疗机构执业许可证",
            licence_number="PDY00001X130100",
            licence_content="医疗机构执业登记：内科、外科",
            valid_from=datetime.date(2026, 11, 10),
            valid_until=datetime.date(2031, 11, 9),
        )
    elif kind == DecisionKind.PENALTY:
        values.update(
            document_number="测卫罚〔2026〕1号",
            violation_type="未取得医疗机构执业许可证擅自执业",
            violation_facts="经查，当事人在未取得医疗机构执业许可证的情况下开展诊疗活动。",
            penalty_basis="《中华人民共和国基本医疗卫生与健康促进法》第九十九条",
            penalty_categories=[PenaltyCategory.WARNING, PenaltyCategory.FINE],
            penalty_content="警告，罚款人民币伍万元整",
            fine_amount=Decimal("50000"),
        )
    else:
        values.update(decision_content="责令改正", decision_basis="《公共场所卫生管理条例》")
    values.update(overrides)
    return values


def person_values(kind: str = DecisionKind.PENALTY, **overrides) -> dict:
    person = {
        "party_name": "张三丰",
        "party_category": PartyCategory.NATURAL_PERSON,
        "party_credit_code": "",
        "legal_representative": "",
        "party_id_type": IdType.RESIDENT_ID,
        "party_id_number": PERSON_ID,
    }
    return decision_values(kind, **{**person, **overrides})


def make_decision(*, agency, actor=None, **overrides) -> Decision:
    kind = overrides.pop("kind", DecisionKind.LICENSING)
    return services.create_draft(
        agency=agency, actor=actor, values=decision_values(kind, **overrides)
    )


def make_published(*, agency, drafter=None, reviewer=None, **overrides) -> Decision:
    decision = make_decision(agency=agency, actor=drafter, **overrides)
    return services.publish(decision=decision, actor=reviewer)


def make_decision_row(*, agency, kind: str, decided_on: datetime.date, **overrides) -> Decision:
    """A decision stored as it stands (no services, no checks): for counting tests that need
    past publication and withdrawal instants."""
    values = decision_values(kind, decided_on=decided_on)
    values.update({"status": "published", **overrides})
    return Decision.objects.create(agency=agency, **values)
