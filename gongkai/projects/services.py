"""Every change to a project, its stages and its procurement notices: one function each,
atomic and audited. Publication (as a record) is in publication.py. See README.md."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event
from gongkai.catalogue.models import AgencyItem
from gongkai.projects import stages
from gongkai.projects.errors import ProjectError
from gongkai.projects.models import (
    Procurement,
    ProcurementKind,
    ProcurementMethod,
    ProcurementState,
    Project,
    ProjectStage,
    ProjectStatus,
    StageState,
    stage_position,
)
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError

# The catalogue entries a project's information is filed under, first applicable wins:
# 项目建设 (招标采购信息) of the health catalogue; procurement also 政府集中采购 (条例 Art.20).
PROJECT_ITEM_CODES = ("P0303", "G0601")
PROCUREMENT_ITEM_CODES = ("G0601", "P0303")

SETTLED = frozenset({StageState.RECORDED, StageState.PUBLISHED, StageState.NOT_APPLICABLE})
PROJECT_FIELDS = (
    "name",
    "code",
    "location",
    "investment",
    "owner_unit",
    "starts_on",
    "finishes_on",
    "status",
)


def catalogue_item_for(agency, codes=PROJECT_ITEM_CODES) -> AgencyItem | None:
    """The agency's first applicable catalogue entry among `codes`, or None."""
    items = {
        item.code: item
        for item in AgencyItem.objects.applicable().filter(catalogue__agency=agency, code__in=codes)
    }
    return next((items[code] for code in codes if code in items), None)


def _check_project(values: dict[str, Any]) -> None:
    for name in ("name", "code", "location", "owner_unit"):
        if not str(values.get(name) or "").strip():
            raise ProjectError(_("请填写此项。"), field=name)
    investment = values.get("investment")
    if investment is None or Decimal(investment) < 0:
        raise ProjectError(_("总投资须为不小于0的金额（万元）。"), field="investment")
    starts, finishes = values.get("starts_on"), values.get("finishes_on")
    if starts and finishes and finishes < starts:
        raise ProjectError(_("计划竣工日期不能早于计划开工日期。"), field="finishes_on")
    if values.get("status", ProjectStatus.PREPARING) not in ProjectStatus.values:
        raise ProjectError(_("项目状态无效。"), field="status")
    limits.check_values(Project, values, error=ProjectError)


@transaction.atomic
def create_project(*, agency, actor, values: dict[str, Any], catalogue_item=None) -> Project:
    """A project with its eight stages, all pending, filed under the agency's catalogue entry."""
    values = {k: values.get(k) for k in PROJECT_FIELDS if k in values}
    _check_project(values)
    catalogue_item = catalogue_item or catalogue_item_for(agency)
    if catalogue_item is None:
        raise ProjectError(
            _("本机关公开目录中没有适用的“项目建设”事项，请先在公开目录中设置。"),
            field="catalogue_item",
        )
    if Project.objects.filter(agency=agency, code=values["code"]).exists():
        raise ProjectError(_("项目代码已存在。"), field="code")
    now = timezone.now()
    project = Project.objects.create(
        agency=agency,
        catalogue_item=catalogue_item,
        created_by=actor,
        created_at=now,
        updated_at=now,
        **values,
    )
    ProjectStage.objects.bulk_create(
        ProjectStage(project=project, kind=kind, position=stage_position(kind))
        for kind in stages.ORDER
    )
    record_event(
        actor=actor,
        action="project.create",
        obj=project,
        agency=agency,
        after={"code": project.code, "name": project.name},
    )
    return project


@transaction.atomic
def change_status(*, project: Project, actor, status: str) -> Project:
    """前期 → 在建 → 已竣工 (or 停建缓建): the project's status as the owner reports it."""
    if status not in ProjectStatus.values:
        raise ProjectError(_("项目状态无效。"), field="status")
    if status == ProjectStatus.COMPLETED:
        completion = project.stages.get(kind=stages.StageKind.COMPLETION)
        if completion.state not in (StageState.RECORDED, StageState.PUBLISHED):
            raise ProjectError(_("竣工有关信息尚未录入，项目不能标记为已竣工。"), field="status")
    before = project.status
    project.status = status
    project.updated_at = timezone.now()
    project.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="project.status",
        obj=project,
        agency=project.agency,
        before={"status": before},
        after={"status": status},
    )
    return project


def refresh_due_date(obj, calendar=None) -> None:
    """A stage's or notice's last day to publish, from its formation date (stages.due_on)."""
    if obj.formed_on is None:
        obj.due_on, obj.due_is_provisional = None, False
        return
    calendar = calendar or get_calendar()
    licensing = getattr(obj, "is_licensing", False)
    try:
        obj.due_on = stages.due_on(obj.formed_on, licensing, calendar)
    except WorkdaysError:
        obj.due_on = None
    obj.due_is_provisional = bool(calendar.provisional_between(obj.formed_on, obj.due_on))


def _check_formed_on(formed_on: datetime.date | None) -> None:
    if formed_on is None:
        raise ProjectError(_("请填写信息形成或变更日期。"), field="formed_on")
    if formed_on > timezone.localdate():
        raise ProjectError(_("信息形成日期不能晚于今天。"), field="formed_on")


@transaction.atomic
def record_stage(
    *,
    stage: ProjectStage,
    actor,
    details: dict[str, Any],
    formed_on: datetime.date | None,
    is_licensing: bool = False,
) -> ProjectStage:
    """Enter (or correct, before publication) a stage's information; its clock starts on
    `formed_on`. Refused while an earlier stage it follows is unsettled (stages.RULES)."""
    if stage.state not in (StageState.PENDING, StageState.RECORDED):
        raise ProjectError(_("该类信息已公开或已标记不适用，不能再修改。"))
    kind = stages.StageKind(stage.kind)
    _check_formed_on(formed_on)
    known = {f.name: f for f in stages.RULES[kind].fields}
    cleaned = {}
    for name, value in details.items():
        if name not in known:
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        cleaned[name] = str(value or "").strip()[:4000]
    missing = stages.missing_fields(kind, cleaned)
    if missing:
        raise ProjectError(
            _("请填写：%(labels)s。") % {"labels": "、".join(str(f.label) for f in missing)},
            field=missing[0].name,
        )
    others = {s.kind: s for s in stage.project.stages.exclude(pk=stage.pk)}
    settled = {k for k, s in others.items() if s.state in SETTLED}
    waiting = stages.unsettled_before(kind, settled)
    if waiting:
        raise ProjectError(
            _("请先录入或标记不适用：%(labels)s。")
            % {"labels": "、".join(str(k.label) for k in waiting)}
        )
    formed = {k: s.formed_on for k, s in others.items() if s.formed_on and s.state in SETTLED}
    earlier = stages.formed_before_prerequisite(kind, formed_on, formed)
    if earlier is not None:
        raise ProjectError(
            _("信息形成日期不能早于“%(stage)s”的形成日期。") % {"stage": earlier.label},
            field="formed_on",
        )
    before = {"state": stage.state, "formed_on": str(stage.formed_on or "")}
    stage.details = cleaned
    stage.formed_on = formed_on
    stage.is_licensing = is_licensing
    stage.state = StageState.RECORDED
    stage.not_applicable_reason = ""
    stage.drafted_by = actor
    refresh_due_date(stage)
    stage.save(
        update_fields=[
            "details",
            "formed_on",
            "is_licensing",
            "state",
            "not_applicable_reason",
            "drafted_by",
            "due_on",
            "due_is_provisional",
        ]
    )
    record_event(
        actor=actor,
        action="project.stage.record",
        obj=stage,
        agency=stage.project.agency,
        before=before,
        after={"state": stage.state, "formed_on": str(formed_on), "due_on": str(stage.due_on)},
    )
    return stage


@transaction.atomic
def mark_not_applicable(*, stage: ProjectStage, actor, reason: str) -> ProjectStage:
    """A kind of information the project does not produce (no land taken, no design change):
    marked so with a reason, shown to the public."""
    if stage.state == StageState.PUBLISHED:
        raise ProjectError(_("该类信息已公开，不能标记为不适用。"))
    reason = (reason or "").strip()
    if not reason:
        raise ProjectError(_("标记不适用必须写明理由，理由将向公众显示。"), field="reason")
    before = {"state": stage.state}
    stage.state = StageState.NOT_APPLICABLE
    stage.not_applicable_reason = reason[:1000]
    stage.formed_on = None
    stage.due_on = None
    stage.due_is_provisional = False
    stage.drafted_by = actor
    stage.save(
        update_fields=[
            "state",
            "not_applicable_reason",
            "formed_on",
            "due_on",
            "due_is_provisional",
            "drafted_by",
        ]
    )
    record_event(
        actor=actor,
        action="project.stage.not_applicable",
        obj=stage,
        agency=stage.project.agency,
        before=before,
        after={"state": stage.state},
        note=reason,
    )
    return stage


# What each kind of notice must say (财政部《政府采购信息发布管理办法》and 招标投标法实施条例:
# 公告 with method, budget and deadline; 结果 with the winner and amount; 合同 with the
# parties, amount, signing date and term).
PROCUREMENT_REQUIRED = {
    ProcurementKind.NOTICE: ("title", "method", "budget", "deadline_on"),
    ProcurementKind.RESULT: ("title", "winner", "amount"),
    ProcurementKind.CONTRACT: ("title", "purchaser", "winner", "amount", "signed_on", "term"),
}
PROCUREMENT_FIELDS = (
    "title",
    "method",
    "budget",
    "deadline_on",
    "winner",
    "amount",
    "purchaser",
    "signed_on",
    "term",
)
# A result follows its notice, a contract its result.
PROCUREMENT_AFTER = {
    ProcurementKind.RESULT: ProcurementKind.NOTICE,
    ProcurementKind.CONTRACT: ProcurementKind.RESULT,
}


@transaction.atomic
def record_procurement(
    *, project: Project, actor, kind: str, values: dict[str, Any], formed_on: datetime.date
) -> Procurement:
    """Enter a procurement notice, result or contract summary of the project, to be published."""
    if kind not in ProcurementKind.values:
        raise ProjectError(_("公告类型无效。"), field="kind")
    kind = ProcurementKind(kind)
    _check_formed_on(formed_on)
    values = {k: values.get(k) for k in PROCUREMENT_FIELDS if values.get(k) not in (None, "")}
    for name in PROCUREMENT_REQUIRED[kind]:
        if name not in values:
            raise ProjectError(_("请填写此项。"), field=name)
    if values.get("method") and values["method"] not in ProcurementMethod.values:
        raise ProjectError(_("采购方式无效。"), field="method")
    for name in ("budget", "amount"):
        if name in values and Decimal(values[name]) < 0:
            raise ProjectError(_("金额不能为负数。"), field=name)
    needed = PROCUREMENT_AFTER.get(kind)
    if needed and not project.procurements.filter(kind=needed).exists():
        raise ProjectError(
            _("请先录入%(kind)s。") % {"kind": needed.label},
            field="kind",
        )
    tendering = project.stages.get(kind=stages.StageKind.TENDERING)
    if tendering.state == StageState.NOT_APPLICABLE:
        raise ProjectError(_("该项目的招标投标信息已标记为不适用。"), field="kind")
    limits.check_values(Procurement, values, error=ProjectError)
    procurement = Procurement(
        project=project,
        kind=kind,
        formed_on=formed_on,
        drafted_by=actor,
        created_at=timezone.now(),
        **values,
    )
    refresh_due_date(procurement)
    procurement.save()
    record_event(
        actor=actor,
        action="project.procurement.record",
        obj=procurement,
        agency=project.agency,
        after={"kind": kind, "title": procurement.title, "due_on": str(procurement.due_on)},
    )
    return procurement


def open_clocks():
    """Stages and notices not yet published whose clock runs (for a calendar change)."""
    return [
        *ProjectStage.objects.filter(state=StageState.RECORDED),
        *Procurement.objects.filter(state=ProcurementState.RECORDED),
    ]


DUE_FIELDS = ["due_on", "due_is_provisional"]


def recompute_due_dates(*, actor) -> int:
    """Re-derive every unpublished stage's and notice's due date after the calendar changed
    (audited, one event each that changed)."""
    changed = 0
    calendar = get_calendar()
    for obj in open_clocks():
        with transaction.atomic():
            before = {f: getattr(obj, f) for f in DUE_FIELDS}
            refresh_due_date(obj, calendar)
            after = {f: getattr(obj, f) for f in DUE_FIELDS}
            if before == after:
                continue
            obj.save(update_fields=DUE_FIELDS)
            record_event(
                actor=actor,
                action="project.due_recomputed",
                obj=obj,
                agency=obj.project.agency,
                before={k: str(v) for k, v in before.items()},
                after={k: str(v) for k, v in after.items()},
                note=_("工作日历变更后重新计算"),
            )
            changed += 1
    return changed
