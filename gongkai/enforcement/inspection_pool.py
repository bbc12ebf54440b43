"""The pool of a double-random inspection: targets entered by form or CSV (all rows or none),
taken out of the pool or put back, and declared conflicts (回避) with listed inspectors. Each
change is one transaction with an audit event."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.enforcement import inspection_rules as rules
from gongkai.enforcement.inspection_errors import InspectionError
from gongkai.enforcement.models import Conflict, InspectionTarget, ListInspector, RiskGrade

# The CSV columns, in Chinese as the supervision office writes them; 来源 may be empty.
CSV_COLUMNS = ["名称", "统一社会信用代码", "类型", "所在区域", "风险等级", "来源"]
RISK_BY_LABEL = {str(label): value for value, label in RiskGrade.choices} | {
    "低": RiskGrade.LOW,
    "中": RiskGrade.MEDIUM,
    "高": RiskGrade.HIGH,
}
MAX_CSV_ROWS = 20_000


def _target_errors(target: InspectionTarget) -> dict[str, list[str]]:
    try:
        target.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return exc.message_dict
    return {}


@transaction.atomic
def add_target(*, agency: Agency, actor, **values) -> InspectionTarget:
    """One target entered by form."""
    values["credit_code"] = rules.normalise_credit_code(values.get("credit_code", ""))
    target = InspectionTarget(agency=agency, **values)
    errors = _target_errors(target)
    if errors:
        name, messages = next(iter(errors.items()))
        raise InspectionError(messages[0], field=name)
    if InspectionTarget.objects.filter(agency=agency, credit_code=target.credit_code).exists():
        raise InspectionError(_("名录库中已有该统一社会信用代码。"), field="credit_code")
    target.save()
    record_event(
        actor=actor,
        action="enforcement.target.added",
        obj=target,
        agency=agency,
        after={"name": target.name, "credit_code": target.credit_code},
    )
    return target


@transaction.atomic
def set_in_pool(*, target: InspectionTarget, in_pool: bool, actor) -> None:
    """Take a target out of the pool (closed, moved away) or put it back; later draws follow.

    Draws already committed keep the inputs they published.
    """
    if target.is_active == in_pool:
        return
    target.is_active = in_pool
    target.save(update_fields=["is_active"])
    record_event(
        actor=actor,
        action="enforcement.target.restored" if in_pool else "enforcement.target.removed",
        obj=target,
        agency=target.agency,
        after={"is_active": in_pool},
    )


def licence_holders(agency: Agency):
    """The holders of the agency's published licences that can be inspected: organisations
    and 个体工商户 with a credit code, the latest licence of each code first."""
    from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus, PartyCategory

    return (
        Decision.objects.filter(
            agency=agency, kind=DecisionKind.LICENSING, status=DecisionStatus.PUBLISHED
        )
        .exclude(party_category=PartyCategory.NATURAL_PERSON)
        .exclude(party_credit_code="")
        .order_by("party_credit_code", "-decided_on", "-pk")
    )


@transaction.atomic
def add_targets_from_licences(*, agency: Agency, actor, risk_grade: str = RiskGrade.MEDIUM) -> int:
    """Every licence holder not yet in the pool joins it (type from the licence's certificate,
    district from the agency's region, the given risk grade, the licence's number as source);
    the clerk corrects what differs. Returns how many joined; audited once."""
    known = set(
        InspectionTarget.objects.filter(agency=agency).values_list("credit_code", flat=True)
    )
    district = (agency.region or agency.short_name or agency.name)[:50]
    targets = []
    for decision in licence_holders(agency):
        code = rules.normalise_credit_code(decision.party_credit_code)
        if code in known:
            continue
        known.add(code)
        kind = decision.certificate_name or decision.document_name or _("行政许可")
        targets.append(
            InspectionTarget(
                agency=agency,
                name=decision.party_name[:200],
                credit_code=code,
                kind=kind.removesuffix("许可证").removesuffix("卫生")[:50] or kind[:50],
                district=district,
                risk_grade=risk_grade,
                source_reference=(_("行政许可 %(number)s") % {"number": decision.document_number})[
                    :200
                ],
            )
        )
    if targets:
        InspectionTarget.objects.bulk_create(targets)
        record_event(
            actor=actor,
            action="enforcement.target.from_licences",
            obj=agency,
            agency=agency,
            after={"count": len(targets), "codes": [t.credit_code for t in targets][:50]},
        )
    return len(targets)


@dataclass
class ImportFailed(Exception):
    """No row was imported; `errors` are (row number, message) with row 1 the header."""

    errors: list[tuple[int, str]] = field(default_factory=list)


def import_targets_csv(*, agency: Agency, actor, data: bytes) -> int:
    """Import targets from a UTF-8 (or GBK) CSV with CSV_COLUMNS: all rows, or none."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows or [h.strip() for h in rows[0][: len(CSV_COLUMNS)]] != CSV_COLUMNS:
        raise ImportFailed([(1, _("表头应为：%(columns)s") % {"columns": "，".join(CSV_COLUMNS)})])
    if len(rows) - 1 > MAX_CSV_ROWS:
        raise ImportFailed([(1, _("一次最多导入 %(n)d 行。") % {"n": MAX_CSV_ROWS})])
    existing = set(
        InspectionTarget.objects.filter(agency=agency).values_list("credit_code", flat=True)
    )
    seen: dict[str, int] = {}
    targets, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [c.strip() for c in row] + [""] * len(CSV_COLUMNS)
        name, code, kind, district, risk, source = cells[: len(CSV_COLUMNS)]
        code = rules.normalise_credit_code(code)
        risk_grade = RISK_BY_LABEL.get(risk, risk if risk in RiskGrade.values else "")
        target = InspectionTarget(
            agency=agency,
            name=name,
            credit_code=code,
            kind=kind,
            district=district,
            risk_grade=risk_grade,
            source_reference=source,
        )
        for field_name, messages in _target_errors(target).items():
            label = InspectionTarget._meta.get_field(field_name).verbose_name
            errors.append((number, f"{label}：{messages[0]}"))
        if code in existing:
            errors.append((number, _("名录库中已有该统一社会信用代码：%(code)s") % {"code": code}))
        elif code in seen:
            errors.append(
                (number, _("与第 %(row)d 行的统一社会信用代码重复。") % {"row": seen[code]})
            )
        seen.setdefault(code, number)
        targets.append(target)
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        InspectionTarget.objects.bulk_create(targets)
        record_event(
            actor=actor,
            action="enforcement.target.imported",
            obj=agency,
            agency=agency,
            after={"count": len(targets)},
        )
    return len(targets)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([(1, _("无法识别文件编码，请保存为 UTF-8 编码的 CSV。"))])


def known_certificates(agency: Agency) -> set[str]:
    """执法证号 of the agency's inspectors in any published list version."""
    return set(
        ListInspector.objects.filter(
            enforcement_list__agency=agency, enforcement_list__status="published"
        ).values_list("certificate_number", flat=True)
    )


@transaction.atomic
def declare_conflict(
    *, target: InspectionTarget, inspector_certificate: str, reason: str, actor
) -> Conflict:
    """回避: the inspector never inspects the target (it binds every later draw)."""
    certificate = inspector_certificate.strip()
    if certificate not in known_certificates(target.agency):
        raise InspectionError(_("执法人员名单中没有该执法证号。"), field="inspector_certificate")
    if not reason.strip():
        raise InspectionError(_("请写明回避事由。"), field="reason")
    conflict, created = Conflict.objects.get_or_create(
        target=target,
        inspector_certificate=certificate,
        defaults={"reason": reason.strip()[:200], "declared_by": actor},
    )
    if created:
        record_event(
            actor=actor,
            action="enforcement.conflict.declared",
            obj=conflict,
            agency=target.agency,
            after={"target": target.credit_code, "inspector": certificate, "reason": reason},
        )
    return conflict
