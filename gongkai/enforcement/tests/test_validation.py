"""Each bad input gets its message on its own field (validation.decision_errors)."""

import datetime
from decimal import Decimal

import pytest

from gongkai.enforcement.models import (
    Decision,
    DecisionKind,
    IdType,
    PartyCategory,
    PenaltyCategory,
)
from gongkai.enforcement.tests.factories import decision_values, person_values
from gongkai.enforcement.validation import decision_errors, normalise

L, P, C = DecisionKind.LICENSING, DecisionKind.PENALTY, DecisionKind.COERCION

# (kind, overrides, the field at fault, words of its message); None: valid
CASES = [
    (L, {}, None, None),
    (P, {}, None, None),
    (C, {}, None, None),
    (L, {"party_credit_code": ""}, "party_credit_code", "法人及非法人组织须填写"),
    (L, {"party_credit_code": "91110000101623741J"}, "party_credit_code", "校验码"),
    (L, {"authority_credit_code": "12345"}, "authority_credit_code", "18位"),
    (L, {"source_credit_code": "12130000000012345M"}, "source_credit_code", "校验码"),
    (
        L,
        {"party_category": PartyCategory.INDIVIDUAL_BUSINESS, "party_credit_code": ""},
        "party_credit_code",
        "个体工商户",
    ),
    (
        L,
        {"valid_from": datetime.date(2026, 11, 10), "valid_until": datetime.date(2026, 11, 9)},
        "valid_until",
        "不能早于",
    ),
    (L, {"valid_from": None}, "valid_from", "有效期自"),
    (L, {"licence_category": ""}, "licence_category", "许可类别"),
    (L, {"licence_content": " "}, "licence_content", "许可内容"),
    (P, {"fine_amount": None}, "fine_amount", "须填写罚款金额"),
    (P, {"penalty_categories": [PenaltyCategory.WARNING]}, "fine_amount", "须含罚款"),
    (P, {"penalty_categories": []}, "penalty_categories", "至少选择"),
    (P, {"penalty_categories": ["flogging"]}, "penalty_categories", "flogging"),
    (P, {"violation_facts": ""}, "violation_facts", "违法事实"),
    (P, {"penalty_basis": ""}, "penalty_basis", "处罚依据"),
    (
        P,
        {"penalty_categories": [PenaltyCategory.CONFISCATE_GAINS], "fine_amount": None},
        "confiscation_amount",
        "没收金额",
    ),
    (
        P,
        {
            "penalty_categories": [PenaltyCategory.REVOKE_LICENCE],
            "fine_amount": None,
            "suspended_licences": "",
        },
        "suspended_licences",
        "证照名称",
    ),
    (
        P,
        {"penalty_valid_until": datetime.date(2026, 11, 1)},
        "penalty_valid_until",
        "不能早于决定日期",
    ),
    (C, {"decision_content": ""}, "decision_content", "决定内容"),
]

PERSON_CASES = [
    ({}, None, None),
    ({"party_id_number": ""}, "party_id_number", "须填写证件号码"),
    ({"party_id_type": ""}, "party_id_type", "证件类型"),
    ({"party_id_number": "110105194912310021"}, "party_id_number", "校验码"),
    ({"party_id_number": "110105194913310025"}, "party_id_number", "出生日期"),
    ({"party_credit_code": "91110000101623741K"}, "party_credit_code", "自然人不填写"),
    ({"legal_representative": "李四"}, "legal_representative", "自然人不填写法定代表人"),
    ({"party_id_type": IdType.PASSPORT, "party_id_number": "E12345678"}, None, None),
]


def _errors(values):
    decision = Decision(**values)
    normalise(decision)
    return decision_errors(decision)


@pytest.mark.parametrize(("kind", "overrides", "field", "words"), CASES)
def test_decision_errors(kind, overrides, field, words):
    errors = _errors(decision_values(kind, **overrides))
    if field is None:
        assert errors == {}
    else:
        assert words in " ".join(errors.get(field, [])), errors


@pytest.mark.parametrize(("overrides", "field", "words"), PERSON_CASES)
def test_natural_person_errors(overrides, field, words):
    errors = _errors(person_values(**overrides))
    if field is None:
        assert errors == {}
    else:
        assert words in " ".join(errors.get(field, [])), errors


def test_every_problem_is_reported_at_once():
    errors = _errors(decision_values(P, fine_amount=None, violation_facts="", party_credit_code=""))
    assert {"fine_amount", "violation_facts", "party_credit_code"} <= set(errors)


def test_codes_are_normalised_before_the_check():
    errors = _errors(decision_values(L, party_credit_code=" 91110000101623741k "))
    assert errors == {}


def test_a_fine_amount_of_zero_is_no_amount():
    assert "fine_amount" in _errors(decision_values(P, fine_amount=Decimal("0")))
