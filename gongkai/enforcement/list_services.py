"""State changes of enforcement lists (事前公开): draft a version, edit its rows, submit,
return, publish (superseding the version in force). Each change is one transaction with an
audit event; the rules are in `inspection_rules.py`."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.enforcement import inspection_rules as rules
from gongkai.enforcement.inspection_errors import InspectionError
from gongkai.enforcement.models import (
    EnforcementList,
    ListDiscretion,
    ListInspectionItem,
    ListInspector,
    ListPower,
    ListStatus,
    ListSubject,
)

# The parts of a version that are rows, by the name the console uses for them.
ROW_MODELS: dict[str, type[Model]] = {
    "subjects": ListSubject,
    "inspectors": ListInspector,
    "powers": ListPower,
    "discretions": ListDiscretion,
    "inspection_items": ListInspectionItem,
}


def current_list(agency: Agency, *, on: datetime.date) -> EnforcementList | None:
    """The published version in force on `on`."""
    return (
        EnforcementList.objects.in_force_on(on)
        .filter(agency=agency)
        .order_by("-effective_from")
        .first()
    )


def _row_values(row: Model) -> dict[str, Any]:
    return {
        f.name: getattr(row, f.name)
        for f in row._meta.concrete_fields
        if f.name not in ("id", "enforcement_list")
    }


@transaction.atomic
def draft_list(
    *,
    agency: Agency,
    actor,
    title: str,
    effective_from: datetime.date,
    procedures: str = "",
    remedies: str = "",
    copy_from: EnforcementList | None = None,
) -> EnforcementList:
    """A new draft version; with `copy_from`, every row of that version is copied into it."""
    enforcement_list = EnforcementList(
        agency=agency,
        title=title,
        effective_from=effective_from,
        procedures=procedures,
        remedies=remedies,
        drafted_by=actor,
    )
    enforcement_list.full_clean()
    enforcement_list.save()
    if copy_from is not None:
        if copy_from.agency_id != agency.pk:
            raise InspectionError(_("只能复制本机关的清单。"))
        for model in ROW_MODELS.values():
            rows = model.objects.filter(enforcement_list=copy_from)
            model.objects.bulk_create(
                model(enforcement_list=enforcement_list, **_row_values(row)) for row in rows
            )
    record_event(
        actor=actor,
        action="enforcement.list.drafted",
        obj=enforcement_list,
        agency=agency,
        after={"title": title, "effective_from": effective_from.isoformat()},
        note=f"copied from {copy_from.pk}" if copy_from else "",
    )
    return enforcement_list


def _editable(enforcement_list: EnforcementList) -> None:
    if enforcement_list.status != ListStatus.DRAFT:
        raise InspectionError(_("只有草稿状态的清单可以修改；已发布的清单请起草新版本。"))


@transaction.atomic
def add_row(*, enforcement_list: EnforcementList, part: str, values: dict, actor) -> Model:
    """Add a subject, inspector, power, discretion line or 抽查事项 to a draft version."""
    _editable(enforcement_list)
    model = ROW_MODELS[part]
    row = model(enforcement_list=enforcement_list, **values)
    try:
        row.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise InspectionError(messages[0], field=field) from exc
    row.save()
    record_event(
        actor=actor,
        action=f"enforcement.list.{part}.added",
        obj=enforcement_list,
        agency=enforcement_list.agency,
        after=_row_values(row),
    )
    return row


@transaction.atomic
def remove_row(*, enforcement_list: EnforcementList, part: str, row_id: int, actor) -> None:
    _editable(enforcement_list)
    row = ROW_MODELS[part].objects.get(enforcement_list=enforcement_list, pk=row_id)
    before = _row_values(row)
    row.delete()
    record_event(
        actor=actor,
        action=f"enforcement.list.{part}.removed",
        obj=enforcement_list,
        agency=enforcement_list.agency,
        before=before,
    )


@transaction.atomic
def update_texts(
    *, enforcement_list: EnforcementList, actor, title: str, effective_from, procedures, remedies
) -> None:
    _editable(enforcement_list)
    before = {
        "title": enforcement_list.title,
        "effective_from": enforcement_list.effective_from,
        "procedures": enforcement_list.procedures,
        "remedies": enforcement_list.remedies,
    }
    enforcement_list.title = title
    enforcement_list.effective_from = effective_from
    enforcement_list.procedures = procedures
    enforcement_list.remedies = remedies
    enforcement_list.save(
        update_fields=["title", "effective_from", "procedures", "remedies", "updated_at"]
    )
    record_event(
        actor=actor,
        action="enforcement.list.edited",
        obj=enforcement_list,
        agency=enforcement_list.agency,
        before=before,
        after={
            "title": title,
            "effective_from": effective_from,
            "procedures": procedures,
            "remedies": remedies,
        },
    )


def _move(enforcement_list: EnforcementList, action: str) -> str:
    try:
        return rules.list_transition(action, enforcement_list.status)
    except ValidationError as exc:
        raise InspectionError(exc.messages[0]) from exc


@transaction.atomic
def submit_list(*, enforcement_list: EnforcementList, actor) -> None:
    """The drafter hands the version to a reviewer."""
    enforcement_list = EnforcementList.objects.select_for_update().get(pk=enforcement_list.pk)
    enforcement_list.status = _move(enforcement_list, "submit")
    enforcement_list.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="enforcement.list.submitted",
        obj=enforcement_list,
        agency=enforcement_list.agency,
    )


@transaction.atomic
def return_list(*, enforcement_list: EnforcementList, actor, comments: str) -> None:
    """The reviewer sends the version back with comments."""
    if not comments.strip():
        raise InspectionError(_("退回时请写明审核意见。"), field="comments")
    enforcement_list = EnforcementList.objects.select_for_update().get(pk=enforcement_list.pk)
    enforcement_list.status = _move(enforcement_list, "return")
    enforcement_list.review_comments = comments.strip()
    enforcement_list.save(update_fields=["status", "review_comments", "updated_at"])
    record_event(
        actor=actor,
        action="enforcement.list.returned",
        obj=enforcement_list,
        agency=enforcement_list.agency,
        note=comments.strip(),
    )


@transaction.atomic
def publish_list(*, enforcement_list: EnforcementList, actor) -> EnforcementList:
    """Publish a submitted version; the version it replaces ends the day before it starts."""
    enforcement_list = EnforcementList.objects.select_for_update().get(pk=enforcement_list.pk)
    new_status = _move(enforcement_list, "publish")
    try:
        rules.check_reviewer(drafter_id=enforcement_list.drafted_by_id, reviewer_id=actor.pk)
        latest = (
            EnforcementList.objects.published()
            .filter(agency_id=enforcement_list.agency_id)
            .order_by("-effective_from")
            .first()
        )
        rules.check_new_version_date(
            enforcement_list.effective_from, latest.effective_from if latest else None
        )
    except ValidationError as exc:
        raise InspectionError(exc.messages[0]) from exc
    if latest is not None and latest.effective_to is None:
        latest.effective_to = rules.superseded_on(enforcement_list.effective_from)
        latest.save(update_fields=["effective_to", "updated_at"])
        record_event(
            actor=actor,
            action="enforcement.list.superseded",
            obj=latest,
            agency=latest.agency,
            after={"effective_to": latest.effective_to, "by": enforcement_list.pk},
        )
    enforcement_list.status = new_status
    enforcement_list.reviewed_by = actor
    enforcement_list.published_at = timezone.now()
    enforcement_list.save(update_fields=["status", "reviewed_by", "published_at", "updated_at"])
    record_event(
        actor=actor,
        action="enforcement.list.published",
        obj=enforcement_list,
        agency=enforcement_list.agency,
    )
    return enforcement_list
