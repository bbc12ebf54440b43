"""State changes of supervision: the 考核 scheme and rectification tasks. Each is one function,
atomic, audited; the task's obligation row follows from its save (obligations.py)."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.documents.errors import UploadRejected
from gongkai.documents.uploads import check_size, detect_type
from gongkai.supervision import findings, workflow
from gongkai.supervision.errors import SupervisionError, TransitionNotAllowed
from gongkai.supervision.league import IndicatorSpec
from gongkai.supervision.models import AssessmentScheme, Indicator, RectificationTask
from gongkai.supervision.workflow import Action

TASK_FIELDS = ["title", "finding", "period", "due_on", "status", "accepted_at"]


def _task_state(task: RectificationTask) -> dict[str, Any]:
    return {name: getattr(task, name) for name in TASK_FIELDS}


@transaction.atomic
def save_scheme(
    *,
    agency: Agency,
    year: int,
    name: str,
    is_ranking_public: bool,
    stale_months: int,
    indicators: Sequence[IndicatorSpec],
    actor,
) -> AssessmentScheme:
    """Create or replace `agency`'s scheme of `year` with these indicators."""
    if not name.strip():
        raise SupervisionError(_("请填写方案名称。"), field="name")
    if not indicators:
        raise SupervisionError(_("考核方案至少要有一项指标。"))
    limits.check_values(AssessmentScheme, {"name": name}, error=SupervisionError)
    for spec in indicators:
        limits.check_values(Indicator, {"name": spec.name}, error=SupervisionError)
        if spec.finding not in findings.BY_CODE:
            raise SupervisionError(_("未知的考核事项：%(code)s") % {"code": spec.finding})
    scheme, created = AssessmentScheme.objects.select_for_update().get_or_create(
        agency=agency, year=year, defaults={"name": name}
    )
    before = None if created else _scheme_state(scheme)
    scheme.name = name.strip()
    scheme.is_ranking_public = is_ranking_public
    scheme.stale_months = stale_months
    scheme.updated_at = timezone.now()
    scheme.save()
    scheme.indicators.all().delete()
    Indicator.objects.bulk_create(
        Indicator(
            scheme=scheme,
            finding=spec.finding,
            name=spec.name,
            weight=spec.weight,
            method=spec.method,
            deduction=spec.deduction,
            order=order,
        )
        for order, spec in enumerate(indicators)
    )
    record_event(
        actor=actor,
        action="supervision.scheme.save",
        obj=scheme,
        agency=agency,
        before=before,
        after=_scheme_state(scheme),
    )
    return scheme


def _scheme_state(scheme: AssessmentScheme) -> dict[str, Any]:
    return {
        "name": scheme.name,
        "is_ranking_public": scheme.is_ranking_public,
        "stale_months": scheme.stale_months,
        "indicators": [
            [i.finding, i.name, str(i.weight), i.method, str(i.deduction)]
            for i in scheme.indicators.all()
        ],
    }


@transaction.atomic
def open_task(
    *,
    agency: Agency,
    title: str,
    requirement: str,
    due_on: datetime.date,
    finding: str = "",
    period: str = "",
    actor,
) -> RectificationTask:
    """The supervising agency (the subordinate's parent) orders a rectification by `due_on`."""
    if agency.parent_id is None:
        raise SupervisionError(_("该机关没有上级督查机关。"))
    if finding and finding not in findings.BY_CODE:
        raise SupervisionError(_("未知的问题类别。"), field="finding")
    if due_on < timezone.localdate():
        raise SupervisionError(_("整改期限不能早于今天。"), field="due_on")
    limits.check_values(
        RectificationTask,
        {"title": title, "requirement": requirement, "period": period},
        error=SupervisionError,
    )
    task = RectificationTask.objects.create(
        agency=agency,
        supervisor_agency_id=agency.parent_id,
        title=title.strip(),
        requirement=requirement.strip(),
        finding=finding,
        period=period,
        due_on=due_on,
        opened_by=actor,
    )
    record_event(
        actor=actor,
        action="supervision.task.open",
        obj=task,
        agency=agency,
        after=_task_state(task),
    )
    return task


def _require(task: RectificationTask, action: str) -> None:
    if not workflow.can_transition(task.status, action):
        raise TransitionNotAllowed(
            _("整改任务当前状态为“%(status)s”，不能%(action)s。")
            % {"status": task.get_status_display(), "action": Action(action).label}
        )


def _locked(task: RectificationTask) -> RectificationTask:
    return RectificationTask.objects.select_for_update().get(pk=task.pk)


@transaction.atomic
def answer_task(
    *,
    task: RectificationTask,
    response: str,
    evidence: bytes | None = None,
    evidence_name: str = "",
    actor,
) -> RectificationTask:
    """The subordinate reports what it fixed, with an evidence file checked by its content."""
    task = _locked(task)
    _require(task, Action.ANSWER)
    if not response.strip():
        raise SupervisionError(_("请填写整改情况。"), field="response")
    limits.check_values(RectificationTask, {"response": response}, error=SupervisionError)
    before = _task_state(task)
    fields = ["response", "status", "answered_at", "answered_by"]
    if evidence is not None:
        try:
            check_size(len(evidence), settings.ATTACHMENT_MAX_BYTES)
            detected = detect_type(evidence)
        except UploadRejected as exc:
            raise SupervisionError(str(exc), field="evidence") from exc
        stem = (evidence_name.rsplit(".", 1)[0] or "evidence")[:150]
        task.evidence.save(f"evidence.{detected.extension}", ContentFile(evidence), save=False)
        task.evidence_name = f"{stem}.{detected.extension}"
        fields += ["evidence", "evidence_name"]
    task.response = response.strip()
    task.status = workflow.next_status(task.status, Action.ANSWER)
    task.answered_at = timezone.now()
    task.answered_by = actor
    task.save(update_fields=fields)
    record_event(
        actor=actor,
        action="supervision.task.answer",
        obj=task,
        agency=task.agency,
        before=before,
        after=_task_state(task),
    )
    return task


@transaction.atomic
def accept_task(*, task: RectificationTask, comments: str = "", actor) -> RectificationTask:
    """The supervisor accepts the rectification: the obligation is done."""
    task = _locked(task)
    _require(task, Action.ACCEPT)
    limits.check_values(RectificationTask, {"review_comments": comments}, error=SupervisionError)
    before = _task_state(task)
    task.status = workflow.next_status(task.status, Action.ACCEPT)
    task.accepted_at = timezone.now()
    task.reviewed_by = actor
    task.review_comments = comments.strip()
    task.save(update_fields=["status", "accepted_at", "reviewed_by", "review_comments"])
    record_event(
        actor=actor,
        action="supervision.task.accept",
        obj=task,
        agency=task.agency,
        before=before,
        after=_task_state(task),
    )
    return task


@transaction.atomic
def return_task(*, task: RectificationTask, comments: str, actor) -> RectificationTask:
    """The supervisor returns the answer with comments; the task is open again, same due date."""
    task = _locked(task)
    _require(task, Action.RETURN)
    if not comments.strip():
        raise SupervisionError(_("退回时请写明督查意见。"), field="comments")
    limits.check_values(RectificationTask, {"review_comments": comments}, error=SupervisionError)
    before = _task_state(task)
    task.status = workflow.next_status(task.status, Action.RETURN)
    task.reviewed_by = actor
    task.review_comments = comments.strip()
    task.save(update_fields=["status", "reviewed_by", "review_comments"])
    record_event(
        actor=actor,
        action="supervision.task.return",
        obj=task,
        agency=task.agency,
        before=before,
        after=_task_state(task),
        note=comments.strip(),
    )
    return task
