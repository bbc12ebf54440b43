"""What a decision must carry to be saved, field by field, with a Chinese message per field.

A pure function over an unsaved (or saved) `Decision`: `Decision.clean()`, the console form,
the API and the importer all ask here, so the rules live once.
"""

from django.utils.translation import gettext as _

from gongkai.enforcement.models.decisions import (
    ID_TYPES_WITH_CHECK_CHARACTER,
    Decision,
    DecisionKind,
    PartyCategory,
    PenaltyCategory,
)
from gongkai.enforcement.rules import credit_code_problem, normalise_code, resident_id_problem

CONFISCATIONS = frozenset({PenaltyCategory.CONFISCATE_GAINS, PenaltyCategory.CONFISCATE_PROPERTY})
LICENCE_MEASURES = frozenset({PenaltyCategory.SUSPEND_LICENCE, PenaltyCategory.REVOKE_LICENCE})


def normalise(decision: Decision) -> None:
    """Codes and numbers as the standard writes them: upper case, no spaces."""
    for name in (
        "party_credit_code",
        "party_id_number",
        "legal_representative_id_number",
        "authority_credit_code",
        "source_credit_code",
    ):
        setattr(decision, name, normalise_code(getattr(decision, name)))
    decision.party_name = (decision.party_name or "").strip()
    decision.document_number = (decision.document_number or "").strip()


def decision_errors(decision: Decision) -> dict[str, list[str]]:
    """Every problem of `decision`, keyed by field name; empty when it may be saved."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    _check_party(decision, add)
    for field in ("authority_credit_code", "source_credit_code"):
        value = getattr(decision, field)
        if value and (problem := credit_code_problem(value)):
            add(field, problem)
    if decision.kind == DecisionKind.LICENSING:
        _check_licence(decision, add)
    elif decision.kind == DecisionKind.PENALTY:
        _check_penalty(decision, add)
    elif decision.kind and not (decision.decision_content or "").strip():
        add("decision_content", _("请填写决定内容。"))
    return errors


def _check_party(decision: Decision, add) -> None:
    category = decision.party_category
    code = decision.party_credit_code
    if code and (problem := credit_code_problem(code)):
        add("party_credit_code", problem)
    if category == PartyCategory.LEGAL_PERSON and not code:
        add("party_credit_code", _("法人及非法人组织须填写统一社会信用代码。"))
    if category == PartyCategory.INDIVIDUAL_BUSINESS and not code and not decision.party_id_number:
        add(
            "party_credit_code",
            _("个体工商户须填写统一社会信用代码；没有的，填写经营者的证件类型和号码。"),
        )
    if category == PartyCategory.NATURAL_PERSON:
        if code:
            add("party_credit_code", _("自然人不填写统一社会信用代码。"))
        if not decision.party_id_type:
            add("party_id_type", _("自然人须填写证件类型。"))
        if not decision.party_id_number:
            add("party_id_number", _("自然人须填写证件号码。"))
        if decision.legal_representative:
            add("legal_representative", _("自然人不填写法定代表人。"))
    _check_id(decision.party_id_type, decision.party_id_number, "party_id", add)
    _check_id(
        decision.legal_representative_id_type,
        decision.legal_representative_id_number,
        "legal_representative_id",
        add,
    )


def _check_id(id_type: str, number: str, prefix: str, add) -> None:
    if number and not id_type:
        add(f"{prefix}_type", _("填写证件号码的，须选择证件类型。"))
    if id_type and not number:
        add(f"{prefix}_number", _("选择证件类型的，须填写证件号码。"))
    if (
        number
        and id_type in ID_TYPES_WITH_CHECK_CHARACTER
        and (problem := resident_id_problem(number))
    ):
        add(f"{prefix}_number", problem)


def _check_licence(decision: Decision, add) -> None:
    if not decision.licence_category:
        add("licence_category", _("行政许可须选择许可类别。"))
    if not (decision.licence_content or "").strip():
        add("licence_content", _("请填写许可内容。"))
    if decision.valid_from and decision.valid_until and decision.valid_until < decision.valid_from:
        add("valid_until", _("有效期至不能早于有效期自。"))
    if decision.valid_until and not decision.valid_from:
        add("valid_from", _("填写有效期至的，须同时填写有效期自。"))
    if decision.licence_number and not decision.certificate_name:
        add("certificate_name", _("填写许可编号的，须填写许可证书名称。"))


def _check_penalty(decision: Decision, add) -> None:
    for field, message in (
        ("violation_type", _("请填写违法行为类型。")),
        ("violation_facts", _("请填写违法事实。")),
        ("penalty_basis", _("请填写处罚依据。")),
        ("penalty_content", _("请填写处罚内容。")),
    ):
        if not (getattr(decision, field) or "").strip():
            add(field, message)
    categories = decision.penalty_categories or []
    known = set(PenaltyCategory.values)
    if not categories:
        add("penalty_categories", _("请至少选择一个处罚类别。"))
    elif unknown := [c for c in categories if c not in known]:
        add(
            "penalty_categories",
            _("处罚类别“%(values)s”不在标准类别中。") % {"values": "、".join(map(str, unknown))},
        )
    if PenaltyCategory.FINE in categories and not decision.fine_amount:
        add("fine_amount", _("处罚类别含罚款的，须填写罚款金额。"))
    if decision.fine_amount and PenaltyCategory.FINE not in categories:
        add("fine_amount", _("填写罚款金额的，处罚类别须含罚款。"))
    if CONFISCATIONS & set(categories) and not decision.confiscation_amount:
        add("confiscation_amount", _("处罚类别含没收的，须填写没收金额。"))
    if (
        decision.penalty_valid_until
        and decision.decided_on
        and decision.penalty_valid_until < decision.decided_on
    ):
        add("penalty_valid_until", _("处罚有效期不能早于决定日期。"))
    if LICENCE_MEASURES & set(categories) and not decision.suspended_licences.strip():
        add("suspended_licences", _("暂扣或吊销许可证件的，须填写证照名称及编号。"))
