"""State changes of double-random inspections (the pool and conflicts are in
`inspection_pool.py`): plans, the commitment, the draw, redraws, results and their publication. Each
change is one transaction with an audit event. The draw is `draw.py`; what is due when is
`inspection_rules.py`; the obligation is `inspection_obligations.py`."""

import datetime
import secrets
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.enforcement import draw as draw_rules
from gongkai.enforcement import inspection_rules as rules
from gongkai.enforcement.inspection_errors import InspectionError
from gongkai.enforcement.list_services import current_list
from gongkai.enforcement.models import (
    Conflict,
    Draw,
    InspectionPlan,
    InspectionResult,
    InspectionTarget,
    Outcome,
    PlanStatus,
    PlanStratum,
)
from gongkai.enforcement.models.inspections import PROBLEM_OUTCOMES
from gongkai.privacy import review_services
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError
from gongkai.workdays.rules import WorkCalendar

# --- plans ---------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *,
    agency: Agency,
    actor,
    year: int,
    title: str,
    matter: str,
    matter_basis: str = "",
    stratify_by: list[str] | None = None,
    ratio_percent: Decimal | None = None,
    count: int | None = None,
    target_kinds: list[str] | None = None,
    inspectors_per_target: int = 2,
    window_start: datetime.date,
    window_end: datetime.date,
) -> InspectionPlan:
    stratify_by = list(stratify_by or [])
    problems = rules.check_plan(
        ratio_percent=ratio_percent,
        count=count,
        window_start=window_start,
        window_end=window_end,
        inspectors_per_target=inspectors_per_target,
        stratify_by=stratify_by,
    )
    if problems:
        name, message = next(iter(problems.items()))
        raise InspectionError(message, field=name)
    plan = InspectionPlan.objects.create(
        agency=agency,
        year=year,
        title=title,
        matter=matter,
        matter_basis=matter_basis,
        stratify_by=stratify_by,
        ratio_percent=ratio_percent,
        count=count,
        target_kinds=list(target_kinds or []),
        inspectors_per_target=inspectors_per_target,
        window_start=window_start,
        window_end=window_end,
        created_by=actor,
    )
    record_event(
        actor=actor,
        action="enforcement.plan.created",
        obj=plan,
        agency=agency,
        after={"title": title, "year": year, "matter": matter},
    )
    return plan


@transaction.atomic
def set_stratum_quota(
    *, plan: InspectionPlan, key: str, ratio_percent=None, count=None, actor
) -> PlanStratum:
    """A stratum's own ratio or count, before the commitment."""
    if plan.status != PlanStatus.DRAFT:
        raise InspectionError(_("抽取承诺公布后，计划不能再修改。"))
    if (ratio_percent is None) == (count is None):
        raise InspectionError(_("请填写抽查比例或抽查数量，二者选一。"), field="ratio_percent")
    stratum, _created = PlanStratum.objects.update_or_create(
        plan=plan, key=key, defaults={"ratio_percent": ratio_percent, "count": count}
    )
    record_event(
        actor=actor,
        action="enforcement.plan.stratum_set",
        obj=plan,
        agency=plan.agency,
        after={"key": key, "ratio_percent": ratio_percent, "count": count},
    )
    return stratum


def build_inputs(plan: InspectionPlan, *, on: datetime.date) -> dict[str, Any]:
    """The inputs of a draw as they will be published (without commitment and hash)."""
    targets = InspectionTarget.objects.active().filter(agency=plan.agency)
    if plan.target_kinds:
        targets = targets.filter(kind__in=plan.target_kinds)
    target_rows = []
    for target in targets.order_by("credit_code"):
        attributes = {
            "district": target.district,
            "kind": target.kind,
            "risk_grade": target.risk_grade,  # the code, not the (translated) label
        }
        target_rows.append(
            {
                "id": target.credit_code,
                "name": target.name,
                "stratum": draw_rules.stratum_key(attributes, plan.stratify_by),
                **attributes,
            }
        )
    enforcement_list = current_list(plan.agency, on=on)
    inspectors = []
    if enforcement_list is not None:
        inspectors = [
            {"id": i.certificate_number, "name": i.name}
            for i in enforcement_list.inspectors.filter(
                certificate_valid_until__gte=plan.window_end
            ).order_by("certificate_number")
        ]
    target_ids = {t["id"] for t in target_rows}
    inspector_ids = {i["id"] for i in inspectors}
    conflicts = sorted(
        [certificate, code]
        for certificate, code in Conflict.objects.filter(target__agency=plan.agency).values_list(
            "inspector_certificate", "target__credit_code"
        )
        if certificate in inspector_ids and code in target_ids
    )
    sizes = Counter(t["stratum"] for t in target_rows)
    overrides = {s.key: s for s in plan.strata.all()}
    strata = []
    for key in sorted(sizes):
        rule = overrides.get(key, plan)
        strata.append(
            {
                "key": key,
                "size": sizes[key],
                "count": draw_rules.quota(
                    sizes[key], ratio_percent=rule.ratio_percent, count=rule.count
                ),
            }
        )
    return {
        "algorithm": draw_rules.ALGORITHM,
        "plan": {
            "id": plan.pk,
            "agency": plan.agency.name,
            "agency_code": plan.agency.code,
            "year": plan.year,
            "title": plan.title,
            "matter": plan.matter,
            "window_start": plan.window_start.isoformat(),
            "window_end": plan.window_end.isoformat(),
        },
        "enforcement_list": enforcement_list.pk if enforcement_list else None,
        "inspectors_per_target": plan.inspectors_per_target,
        "strata": strata,
        "targets": target_rows,
        "inspectors": inspectors,
        "conflicts": conflicts,
    }


@transaction.atomic
def commit_draw(*, plan: InspectionPlan, actor, reason: str = "") -> Draw:
    """Publish the inputs and the commitment to a fresh seed (kept here until the draw).

    The first commitment needs no reason; any later one is a redraw and needs one, and is
    published beside the first, which stays as it was.
    """
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    previous = plan.draws.order_by("-sequence").first()
    if previous is not None and not previous.is_performed:
        raise InspectionError(_("已公布的抽取承诺尚未抽取，请先进行抽取。"))
    reason = reason.strip()
    if previous is not None and not reason:
        raise InspectionError(_("重新抽取必须写明理由，理由将与首次抽取一并公开。"), field="reason")
    today = timezone.localdate()
    inputs = build_inputs(plan, on=today)
    if not inputs["targets"]:
        raise InspectionError(_("名录库中没有符合本计划的检查对象。"))
    if not inputs["inspectors"]:
        raise InspectionError(_("现行执法公示清单中没有执法证在检查期间有效的执法人员。"))
    seed = draw_rules.new_seed(secrets.token_bytes)
    inputs["sequence"] = (previous.sequence + 1) if previous else 1
    inputs["reason"] = reason
    inputs["commitment"] = draw_rules.commitment_of(seed)
    inputs["candidate_hash"] = draw_rules.candidate_hash(inputs)
    new_draw = Draw.objects.create(
        plan=plan,
        sequence=inputs["sequence"],
        reason=reason,
        algorithm=draw_rules.ALGORITHM,
        inputs=inputs,
        candidate_hash=inputs["candidate_hash"],
        commitment=inputs["commitment"],
        seed=seed,
        committed_by=actor,
        committed_at=timezone.now(),
    )
    plan.status = PlanStatus.COMMITTED
    plan.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="enforcement.draw.committed",
        obj=new_draw,
        agency=plan.agency,
        after={
            "sequence": new_draw.sequence,
            "commitment": new_draw.commitment,
            "candidate_hash": new_draw.candidate_hash,
            "targets": len(inputs["targets"]),
            "inspectors": len(inputs["inspectors"]),
        },
        note=reason,
    )
    return new_draw


@transaction.atomic
def perform_draw(*, draw: Draw, actor) -> Draw:
    """Run the draw with the committed seed and publish seed and result; once only."""
    draw = Draw.objects.select_for_update().select_related("plan").get(pk=draw.pk)
    if draw.is_performed:
        raise InspectionError(_("本次抽取已经完成，结果不可更改；如需重新抽取，请说明理由。"))
    draw.result = draw_rules.run_draw(draw.inputs, draw.seed)
    draw.result_hash = draw_rules.result_hash(draw.result)
    draw.performed_by = actor
    draw.performed_at = timezone.now()
    draw.save(update_fields=["result", "result_hash", "performed_by", "performed_at"])
    plan = draw.plan
    plan.status = PlanStatus.DRAWN
    plan.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="enforcement.draw.performed",
        obj=draw,
        agency=plan.agency,
        after={"seed": draw.seed, "result_hash": draw.result_hash},
    )
    return draw


def published_inputs(draw: Draw) -> dict[str, Any]:
    """What anyone may download: the inputs, and after the draw the seed and the result."""
    return {
        "inputs": draw.inputs,
        "committed_at": draw.committed_at.isoformat(),
        "seed": draw.public_seed or None,
        "result": draw.result if draw.is_performed else None,
        "performed_at": draw.performed_at.isoformat() if draw.performed_at else None,
    }


def verify_draw(draw: Draw) -> draw_rules.Verification | None:
    """Recompute a performed draw from what was published (None before the draw)."""
    if not draw.is_performed:
        return None
    return draw_rules.verify(draw.inputs, draw.seed, draw.result)


def verify_published(document: dict[str, Any]) -> draw_rules.Verification:
    """Verify a downloaded `published_inputs` document (e.g. a file someone kept)."""
    return draw_rules.verify(document["inputs"], document.get("seed") or "", document["result"])


# --- results ------------------------------------------------------------------------------------


def drawn_target_ids(draw: Draw) -> list[str]:
    if not draw.is_performed:
        return []
    return [t["id"] for s in draw.result["strata"] for t in s["targets"]]


@dataclass(frozen=True)
class DrawnRow:
    """One drawn target as people read it: names beside the ids the draw works with."""

    stratum: str
    target_id: str
    target_name: str
    inspectors: list[str]  # "name（执法证号）"
    missing: int


def drawn_rows(draw: Draw) -> list[DrawnRow]:
    if not draw.is_performed:
        return []
    target_names = {t["id"]: t.get("name", "") for t in draw.inputs["targets"]}
    inspector_names = {i["id"]: i.get("name", "") for i in draw.inputs["inspectors"]}
    return [
        DrawnRow(
            stratum=stratum["key"],
            target_id=target["id"],
            target_name=target_names.get(target["id"], ""),
            inspectors=[f"{inspector_names.get(i, '')}（{i}）" for i in target["inspectors"]],
            missing=target["missing"],
        )
        for stratum in draw.result["strata"]
        for target in stratum["targets"]
    ]


def refresh_due_date(result: InspectionResult, calendar: WorkCalendar | None = None) -> None:
    calendar = calendar or get_calendar()
    try:
        result.due_on = rules.result_due_on(
            result.result_on, result.publication_working_days, calendar
        )
    except WorkdaysError:
        result.due_on = None
    result.due_is_provisional = bool(calendar.provisional_between(result.result_on, result.due_on))


@transaction.atomic
def enter_result(
    *,
    draw: Draw,
    target: InspectionTarget,
    outcome: str,
    result_on: datetime.date,
    actor,
    note: str = "",
    follow_up_reference: str = "",
) -> InspectionResult:
    """Record (or correct, before publication) the result for a drawn target."""
    if draw.plan.current_draw() != draw:
        raise InspectionError(_("该抽取已被重新抽取取代，请在最新一次抽取中录入结果。"))
    if target.credit_code not in drawn_target_ids(draw):
        raise InspectionError(_("该对象不在本次抽取结果中。"), field="target")
    if outcome not in Outcome.values:
        raise InspectionError(_("请选择检查结果。"), field="outcome")
    if result_on > timezone.localdate():
        raise InspectionError(_("检查完成日期不能晚于今天。"), field="result_on")
    result = InspectionResult.objects.filter(draw=draw, target=target).first()
    if result is not None and result.published_at is not None:
        raise InspectionError(_("该结果已经公示，不能再修改。"))
    before = None
    if result is None:
        result = InspectionResult(
            draw=draw,
            target=target,
            entered_by=actor,
            publication_working_days=settings.INSPECTION_RESULT_WORKING_DAYS,
        )
    else:
        before = {"outcome": result.outcome, "result_on": result.result_on, "note": result.note}
    result.outcome = outcome
    result.result_on = result_on
    result.note = note.strip()
    result.follow_up_reference = follow_up_reference.strip()
    refresh_due_date(result)
    result.save()
    record_event(
        actor=actor,
        action="enforcement.result.entered",
        obj=result,
        agency=draw.plan.agency,
        before=before,
        after={"outcome": outcome, "result_on": result_on, "note": result.note},
    )
    return result


@transaction.atomic
def publish_results(*, draw: Draw, actor) -> int:
    """Publish every entered, unpublished result of the draw."""
    now = timezone.now()
    pending = list(
        draw.results.filter(published_at__isnull=True).select_related("draw__plan__agency")
    )
    # The secrecy and privacy review of each result's free texts: nothing with a finding goes
    # out (a result's note is corrected, not redacted, so there is nothing to resolve here).
    try:
        review_services.record_clean_reviews(pending, actor=actor)
    except ReleaseReviewError as exc:
        raise InspectionError(
            _("检查结果未通过发布前保密审查，请修改其说明后再公示。%(detail)s")
            % {"detail": exc.message}
        ) from exc
    for result in pending:
        result.published_at = now
        # A save per row, so the obligations ledger sees each one done.
        result.save(update_fields=["published_at"])
    if pending:
        record_event(
            actor=actor,
            action="enforcement.result.published",
            obj=draw,
            agency=draw.plan.agency,
            after={"count": len(pending)},
        )
    return len(pending)


@dataclass(frozen=True)
class PlanSummary:
    drawn: int
    inspected: int
    problems: int
    penalties: int
    unassigned: int  # targets short of inspectors after 回避


def plan_summary(plan: InspectionPlan, *, public: bool = False) -> PlanSummary | None:
    """Targets drawn, inspected, problems found, penalties that followed (current draw)."""
    current = plan.current_draw()
    if current is None or not current.is_performed:
        return None
    results = current.results.all()
    if public:
        results = results.published()
    results = list(results)
    targets = [t for s in current.result["strata"] for t in s["targets"]]
    return PlanSummary(
        drawn=len(targets),
        inspected=sum(1 for r in results if r.outcome != Outcome.UNABLE),
        problems=sum(1 for r in results if r.outcome in PROBLEM_OUTCOMES),
        penalties=sum(1 for r in results if r.follow_up_reference),
        unassigned=sum(1 for t in targets if t["missing"]),
    )


DUE_FIELDS = ["due_on", "due_is_provisional"]


def recompute_due_dates(*, actor) -> int:
    """Re-derive every unpublished result's due date after the calendar changed (audited)."""
    changed = 0
    calendar = get_calendar()
    pending = InspectionResult.objects.filter(published_at__isnull=True).select_related(
        "draw__plan__agency"
    )
    for result in pending:
        with transaction.atomic():
            before = {f: getattr(result, f) for f in DUE_FIELDS}
            refresh_due_date(result, calendar)
            after = {f: getattr(result, f) for f in DUE_FIELDS}
            if before == after:
                continue
            result.save(update_fields=DUE_FIELDS)
            record_event(
                actor=actor,
                action="enforcement.inspection_result.due_recomputed",
                obj=result,
                agency=result.draw.plan.agency,
                before=before,
                after=after,
                note=_("工作日历变更后重新计算"),
            )
            changed += 1
    return changed
