"""Every state change of the catalogue: one function each, atomic, audited.

Services do not check permissions (views ask `catalogue.access` first), but they enforce the
filing workflow (`catalogue.workflow`): items of a filed catalogue cannot change, and changing
an accepted catalogue sends it back to draft.
"""

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import models, transaction
from django.db.models import CharField, Max, TextField
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue import loading, rules, workflow
from gongkai.catalogue.cadence import Cadence
from gongkai.catalogue.errors import (
    CatalogueError,
    CatalogueLockedError,
    DuplicateCodeError,
    InvalidItemError,
    NoSupervisorError,
    ReasonRequiredError,
)
from gongkai.catalogue.models import (
    DEFAULT_TIME_LIMIT_DAYS,
    AgencyCatalogue,
    AgencyItem,
    ItemStatus,
    StandardCategory,
    StandardItem,
)

CATALOGUE_FIELDS = ["status", "filed_at", "reviewed_at", "reviewed_by", "review_comments"]
# What an agency may change on an item; status changes go through mark_not_applicable/restore_item.
UPDATABLE_ITEM_FIELDS = frozenset(
    {
        "category_code",
        "category_name",
        "code",
        "name",
        "order",
        "elements",
        "basis",
        "time_limit_days",
        "time_limit_text",
        "subject",
        "channels",
        "audience",
        "mode",
        "level",
        "cadence",
        "cadence_due_working_days",
    }
)
ITEM_FIELDS = sorted(
    UPDATABLE_ITEM_FIELDS | {"status", "not_applicable_reason", "standard_item", "cadence_since"}
)
# Copied from a standard item onto the agency's item when the catalogue is derived.
COPIED_FIELDS = (
    "code",
    "name",
    "order",
    "elements",
    "basis",
    "time_limit_days",
    "time_limit_text",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
    "cadence",
    "cadence_due_working_days",
)
STANDARD_CATEGORY_FIELDS = ["code", *loading.CATEGORY_FIELDS]
STANDARD_ITEM_FIELDS = ["code", "category", *loading.ITEM_FIELDS, "withdrawn_reason"]


# --------------------------------------------------------------------------- deriving


def standard_items_for(agency: Agency) -> list[StandardItem]:
    """The standard items in force for the agency's level, in catalogue order."""
    level = rules.catalogue_level_for(agency.level)
    return [
        standard
        for standard in StandardItem.objects.select_related("category").order_by(
            "category__order", "order", "code"
        )
        if standard.applies_to(level)
    ]


@transaction.atomic
def derive_catalogue(*, agency: Agency, actor: Any) -> AgencyCatalogue:
    """Create the agency's catalogue if missing and add each standard item of its level it lacks
    (idempotent). A county derives only county-level items, a township only township ones."""
    catalogue, created = AgencyCatalogue.objects.get_or_create(agency=agency)
    if created:
        record_event(
            actor=actor,
            action="catalogue.created",
            obj=catalogue,
            agency=agency,
            after=snapshot(catalogue, ["status"]),
        )
    _lock_catalogue(catalogue)
    missing = _missing_standard_items(catalogue)
    if not missing:
        return catalogue
    _check_editable(catalogue)
    _add_standard_items(catalogue, missing)
    _after_edit(catalogue, actor)
    record_event(
        actor=actor,
        action="catalogue.derived",
        obj=catalogue,
        agency=agency,
        after={"added_codes": [standard.code for standard in missing]},
    )
    return catalogue


def _missing_standard_items(catalogue: AgencyCatalogue) -> list[StandardItem]:
    present = set(
        catalogue.items.exclude(standard_item=None).values_list("standard_item_id", flat=True)
    )
    return [s for s in standard_items_for(catalogue.agency) if s.pk not in present]


def _add_standard_items(catalogue: AgencyCatalogue, standards: list[StandardItem]) -> None:
    clashes = sorted(
        catalogue.items.filter(code__in=[s.code for s in standards]).values_list("code", flat=True)
    )
    if clashes:
        raise DuplicateCodeError(
            _("本机关新增事项的编码与标准目录事项相同：%(codes)s。请先修改这些事项的编码。")
            % {"codes": "、".join(clashes)}
        )
    AgencyItem.objects.bulk_create(
        [_item_from_standard(catalogue, standard) for standard in standards]
    )


def _standard_values(standard: StandardItem) -> dict[str, Any]:
    """What an agency's item copies from a standard item (also kept as its snapshot)."""
    return {name: copy.deepcopy(getattr(standard, name)) for name in COPIED_FIELDS}


def _item_from_standard(catalogue: AgencyCatalogue, standard: StandardItem) -> AgencyItem:
    values = _standard_values(standard)
    if standard.cadence:
        # Periods expect publications from the one running today, not before.
        values["cadence_since"] = timezone.localdate()
    return AgencyItem(
        catalogue=catalogue,
        standard_item=standard,
        category_code=standard.category.code,
        category_name=standard.category.name,
        status=ItemStatus.KEPT,
        standard_snapshot=_standard_values(standard),
        **values,
    )


# --------------------------------------------------------------------------- new versions


@dataclass
class FieldChange:
    """One field of a standard item that changed since the agency's item copied it."""

    name: str
    old: Any  # the standard's value when the agency copied it
    new: Any  # the standard's value now
    agency_value: Any

    @property
    def edited_by_agency(self) -> bool:
        """The agency changed this field itself: re-deriving keeps the agency's value."""
        return self.agency_value != self.old

    @property
    def label(self) -> str:
        return str(AgencyItem._meta.get_field(self.name).verbose_name)


@dataclass
class ItemChange:
    item: AgencyItem
    fields: list[FieldChange]


@dataclass
class CatalogueChanges:
    """What a new version of the standard catalogue changes for one agency's catalogue."""

    new: list[StandardItem] = dataclass_field(default_factory=list)
    changed: list[ItemChange] = dataclass_field(default_factory=list)
    # Kept items whose standard item was withdrawn or is no longer of the agency's level.
    removed: list[AgencyItem] = dataclass_field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed)


def changes_for(agency_catalogue: AgencyCatalogue) -> CatalogueChanges:
    """Compare the agency's catalogue with the standard catalogue in force for its level."""
    level = rules.catalogue_level_for(agency_catalogue.agency.level)
    changes = CatalogueChanges(new=_missing_standard_items(agency_catalogue))
    items = agency_catalogue.items.exclude(standard_item=None).select_related("standard_item")
    for item in items:
        standard = item.standard_item
        if not standard.applies_to(level):
            # Already not applicable: nothing to do, and the agency's reason stays.
            if item.status != ItemStatus.NOT_APPLICABLE:
                changes.removed.append(item)
            continue
        fields = _field_changes(item, standard)
        if fields:
            changes.changed.append(ItemChange(item=item, fields=fields))
    return changes


def _field_changes(item: AgencyItem, standard: StandardItem) -> list[FieldChange]:
    # An item copied before snapshots existed counts as unedited (migration 0005 fills them),
    # and so does a field its snapshot predates (cadence joined the copied fields in v2).
    old_values = item.standard_snapshot or _standard_values(standard)
    new_values = _standard_values(standard)
    return [
        FieldChange(name=name, old=old_values[name], new=new, agency_value=getattr(item, name))
        for name, new in new_values.items()
        if name != "code" and name in old_values and old_values[name] != new
    ]


def removal_reason(standard: StandardItem, agency: Agency) -> str:
    """The not-applicable reason re-deriving gives an item the standard no longer assigns."""
    if standard.is_withdrawn:
        return _("标准目录新版本撤销了本事项：%(reason)s") % {"reason": standard.withdrawn_reason}
    return _("标准目录新版本中本事项的公开层级为“%(levels)s”，不含本机关的层级。") % {
        "levels": standard.level
    }


@transaction.atomic
def rederive(agency_catalogue: AgencyCatalogue, user: Any) -> CatalogueChanges:
    """Apply a new version of the standard catalogue to the agency's catalogue: add the new items
    of its level, take the standard's changed values where the agency had not edited them, and
    mark items the standard no longer assigns to it not applicable (never deleted: records and
    obligations refer to them). The agency's own items and not-applicable reasons stay."""
    catalogue = agency_catalogue
    _lock_catalogue(catalogue)
    changes = changes_for(catalogue)
    if not changes:
        return changes
    _check_editable(catalogue)
    if changes.new:
        _add_standard_items(catalogue, changes.new)
    taken: dict[str, list[str]] = {}
    kept_own: dict[str, list[str]] = {}
    for change in changes.changed:
        item = change.item
        for field_change in change.fields:
            if field_change.edited_by_agency:
                kept_own.setdefault(item.code, []).append(field_change.name)
            else:
                setattr(item, field_change.name, copy.deepcopy(field_change.new))
                taken.setdefault(item.code, []).append(field_change.name)
        updated = taken.get(item.code, [])
        if "cadence" in updated and item.cadence:
            item.cadence_since = timezone.localdate()  # as update_item does for a new cadence
            updated = [*updated, "cadence_since"]
        item.standard_snapshot = _standard_values(item.standard_item)
        item.save(update_fields=[*updated, "standard_snapshot"])
    for item in changes.removed:
        item.status = ItemStatus.NOT_APPLICABLE
        item.not_applicable_reason = removal_reason(item.standard_item, catalogue.agency)
        item.save(update_fields=["status", "not_applicable_reason"])
    _after_edit(catalogue, user)
    record_event(
        actor=user,
        action="catalogue.rederived",
        obj=catalogue,
        agency=catalogue.agency,
        after={
            "added_codes": [standard.code for standard in changes.new],
            "updated_fields": taken,
            "kept_agency_fields": kept_own,
            "not_applicable_codes": [item.code for item in changes.removed],
        },
    )
    return changes


# --------------------------------------------------------------------------- items


@transaction.atomic
def add_item(
    *,
    catalogue: AgencyCatalogue,
    category_code: str,
    category_name: str,
    code: str,
    name: str,
    elements: list[dict[str, Any]] | None = None,
    basis: str = "",
    time_limit_days: int = DEFAULT_TIME_LIMIT_DAYS,
    time_limit_text: str = "",
    subject: str = "",
    channels: list[str] | None = None,
    audience: str = "",
    mode: str = "",
    level: str = "",
    actor: Any,
) -> AgencyItem:
    """Add an item of the agency's own to its catalogue (status 本机关新增)."""
    _lock_catalogue(catalogue)
    _check_editable(catalogue)
    values = _cleaned(
        {
            "category_code": category_code,
            "category_name": category_name,
            "code": code,
            "name": name,
            "elements": elements if elements is not None else [],
            "basis": basis,
            "time_limit_days": time_limit_days,
            "time_limit_text": time_limit_text,
            "subject": subject,
            "channels": channels if channels is not None else [],
            "audience": audience,
            "mode": mode,
            "level": level,
        }
    )
    if not values["time_limit_text"] and isinstance(values["time_limit_days"], int):
        values["time_limit_text"] = rules.time_limit_text_for(values["time_limit_days"])
    _raise_if_invalid(values)
    _check_code_free(catalogue, values["code"])
    last = catalogue.items.filter(category_code=values["category_code"]).aggregate(Max("order"))
    item = AgencyItem.objects.create(
        catalogue=catalogue,
        status=ItemStatus.ADDED,
        order=(last["order__max"] or 0) + 10,
        **values,
    )
    _after_edit(catalogue, actor)
    record_event(
        actor=actor,
        action="catalogue.item_added",
        obj=item,
        agency=catalogue.agency,
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def update_item(*, item: AgencyItem, actor: Any, **fields: Any) -> AgencyItem:
    """Change an item's content, basis, time limit or publication attributes."""
    unknown = set(fields) - UPDATABLE_ITEM_FIELDS
    if unknown:
        raise TypeError(f"update_item() cannot change {sorted(unknown)}")
    catalogue = _lock_item(item)
    _check_editable(catalogue)
    fields = _cleaned(fields)
    if "code" in fields and fields["code"] != item.code and item.standard_item_id:
        raise CatalogueError(_("沿用标准目录的事项不能修改编码。"))
    values = {name: getattr(item, name) for name in UPDATABLE_ITEM_FIELDS}
    values.update(fields)
    if (
        "time_limit_text" not in fields
        and isinstance(values["time_limit_days"], int)
        and rules.text_days_mismatch(values["time_limit_text"], values["time_limit_days"])
    ):
        # The stored wording states the old number of days: restate it for the new one.
        values["time_limit_text"] = rules.time_limit_text_for(values["time_limit_days"])
    _raise_if_invalid(values)
    changed = {name: value for name, value in values.items() if getattr(item, name) != value}
    if not changed:
        return item
    if "code" in changed:
        _check_code_free(catalogue, changed["code"])
    if changed.get("cadence"):
        # A new cadence expects publications from the period running today, not before.
        changed["cadence_since"] = timezone.localdate()
    before = snapshot(item, sorted(changed))
    for name, value in changed.items():
        setattr(item, name, value)
    item.save(update_fields=sorted(changed))
    _after_edit(catalogue, actor)
    record_event(
        actor=actor,
        action="catalogue.item_updated",
        obj=item,
        agency=catalogue.agency,
        before=before,
        after=snapshot(item, sorted(changed)),
    )
    return item


@transaction.atomic
def mark_not_applicable(*, item: AgencyItem, reason: str, actor: Any) -> AgencyItem:
    """Mark an item as not applicable to the agency, with the reason shown to the supervisor."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequiredError(_("标为不适用时必须说明理由。"))
    catalogue = _lock_item(item)
    _check_editable(catalogue)
    if item.status == ItemStatus.NOT_APPLICABLE and item.not_applicable_reason == reason:
        return item
    fields = ["status", "not_applicable_reason"]
    limits.check_values(AgencyItem, {"not_applicable_reason": reason}, error=_refusal)
    before = snapshot(item, fields)
    item.status = ItemStatus.NOT_APPLICABLE
    item.not_applicable_reason = reason
    item.save(update_fields=fields)
    _after_edit(catalogue, actor)
    record_event(
        actor=actor,
        action="catalogue.item_not_applicable",
        obj=item,
        agency=catalogue.agency,
        before=before,
        after=snapshot(item, fields),
    )
    return item


@transaction.atomic
def restore_item(*, item: AgencyItem, actor: Any) -> AgencyItem:
    """Undo "not applicable": the item is kept (standard) or added (the agency's own) again."""
    catalogue = _lock_item(item)
    _check_editable(catalogue)
    if item.status != ItemStatus.NOT_APPLICABLE:
        raise CatalogueError(_("该事项没有被标为不适用。"))
    fields = ["status", "not_applicable_reason"]
    before = snapshot(item, fields)
    item.status = ItemStatus.KEPT if item.standard_item_id else ItemStatus.ADDED
    item.not_applicable_reason = ""
    item.save(update_fields=fields)
    _after_edit(catalogue, actor)
    record_event(
        actor=actor,
        action="catalogue.item_restored",
        obj=item,
        agency=catalogue.agency,
        before=before,
        after=snapshot(item, fields),
    )
    return item


# --------------------------------------------------------------------------- filing (备案)


@transaction.atomic
def file_catalogue(*, catalogue: AgencyCatalogue, actor: Any) -> AgencyCatalogue:
    """File the catalogue with the supervising agency (the parent) for review."""
    _lock_catalogue(catalogue)
    target = workflow.next_status(catalogue.status, workflow.Action.FILE)
    if catalogue.agency.parent_id is None:
        raise NoSupervisorError()
    before = snapshot(catalogue, CATALOGUE_FIELDS)
    catalogue.status = target
    catalogue.filed_at = timezone.now()
    catalogue.save(update_fields=["status", "filed_at", "updated_at"])
    record_event(
        actor=actor,
        action="catalogue.filed",
        obj=catalogue,
        agency=catalogue.agency,
        before=before,
        after=snapshot(catalogue, CATALOGUE_FIELDS),
    )
    return catalogue


@transaction.atomic
def return_catalogue(*, catalogue: AgencyCatalogue, comments: str, actor: Any) -> AgencyCatalogue:
    """Return a filed catalogue to the agency for correction; the comments say what to fix."""
    comments = (comments or "").strip()
    if not comments:
        raise ReasonRequiredError(_("退回时必须填写审查意见。"))
    return _review(catalogue, workflow.Action.RETURN, comments, actor, "catalogue.returned")


@transaction.atomic
def accept_catalogue(
    *, catalogue: AgencyCatalogue, actor: Any, comments: str = ""
) -> AgencyCatalogue:
    """Accept a filed catalogue (备案通过)."""
    return _review(
        catalogue, workflow.Action.ACCEPT, (comments or "").strip(), actor, "catalogue.accepted"
    )


def _review(
    catalogue: AgencyCatalogue, action: str, comments: str, actor: Any, event: str
) -> AgencyCatalogue:
    _lock_catalogue(catalogue)
    target = workflow.next_status(catalogue.status, action)
    before = snapshot(catalogue, CATALOGUE_FIELDS)
    catalogue.status = target
    catalogue.reviewed_at = timezone.now()
    catalogue.reviewed_by = actor if getattr(actor, "pk", None) else None
    limits.check_values(AgencyCatalogue, {"review_comments": comments}, error=_refusal)
    catalogue.review_comments = comments
    catalogue.save(
        update_fields=["status", "reviewed_at", "reviewed_by", "review_comments", "updated_at"]
    )
    record_event(
        actor=actor,
        action=event,
        obj=catalogue,
        agency=catalogue.agency,
        before=before,
        after=snapshot(catalogue, CATALOGUE_FIELDS),
    )
    return catalogue


# --------------------------------------------------------------------------- standard catalogue


@transaction.atomic
def reload_standard_catalogue(
    *, data: Mapping[str, Any], actor: Any, source: str = ""
) -> loading.LoadResult:
    """Create or update the standard catalogue from validated file data, auditing each change."""
    result = loading.upsert_standard_catalogue(
        data, category_model=StandardCategory, item_model=StandardItem
    )
    for obj in result.created:
        record_event(
            actor=actor,
            action=f"catalogue.standard_{_kind(obj)}_created",
            obj=obj,
            after=snapshot(obj, _standard_fields(obj)),
            note=source,
        )
    for obj, before, after in result.updated:
        record_event(
            actor=actor,
            action=f"catalogue.standard_{_kind(obj)}_updated",
            obj=obj,
            before=before,
            after=after,
            note=source,
        )
    return result


@transaction.atomic
def save_standard_entry(
    *, obj: StandardCategory | StandardItem, actor: Any, changed: list[str]
) -> None:
    """Save an administrator's edit of a standard category or item (from the admin), audited."""
    fields = _standard_fields(obj)
    if obj.pk is None:
        obj.save()
        record_event(
            actor=actor,
            action=f"catalogue.standard_{_kind(obj)}_created",
            obj=obj,
            after=snapshot(obj, fields),
        )
        return
    changed = [name for name in changed if name in fields]
    if not changed:
        return
    stored = type(obj).objects.get(pk=obj.pk)
    before = snapshot(stored, changed)
    obj.save(update_fields=changed)
    record_event(
        actor=actor,
        action=f"catalogue.standard_{_kind(obj)}_updated",
        obj=obj,
        before=before,
        after=snapshot(obj, changed),
    )


def _kind(obj: models.Model) -> str:
    return "category" if isinstance(obj, StandardCategory) else "item"


def _standard_fields(obj: models.Model) -> list[str]:
    return STANDARD_CATEGORY_FIELDS if isinstance(obj, StandardCategory) else STANDARD_ITEM_FIELDS


# --------------------------------------------------------------------------- helpers


def _lock_catalogue(catalogue: AgencyCatalogue) -> None:
    """Re-read the catalogue under a row lock, so that filing and editing do not interleave."""
    catalogue.refresh_from_db(from_queryset=AgencyCatalogue.objects.select_for_update())


def _lock_item(item: AgencyItem) -> AgencyCatalogue:
    """Lock the item's catalogue, then re-read the item; returns the locked catalogue."""
    catalogue = AgencyCatalogue.objects.select_for_update().get(pk=item.catalogue_id)
    item.refresh_from_db(from_queryset=AgencyItem.objects.select_for_update())
    item.catalogue = catalogue
    return catalogue


def _check_editable(catalogue: AgencyCatalogue) -> None:
    if not workflow.is_editable(catalogue.status):
        raise CatalogueLockedError()


def _after_edit(catalogue: AgencyCatalogue, actor: Any) -> None:
    """Mark the catalogue changed; an accepted catalogue goes back to draft (must be re-filed)."""
    if not workflow.reopens_on_edit(catalogue.status):
        catalogue.save(update_fields=["updated_at"])
        return
    before = snapshot(catalogue, ["status"])
    catalogue.status = workflow.next_status(catalogue.status, workflow.Action.REOPEN)
    catalogue.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="catalogue.reopened",
        obj=catalogue,
        agency=catalogue.agency,
        before=before,
        after=snapshot(catalogue, ["status"]),
        note="修改已备案通过的公开目录，目录回到编制中，需重新报备。",
    )


def _cleaned(values: Mapping[str, Any]) -> dict[str, Any]:
    """Strip text values and copy JSON values, so callers' lists are never shared."""
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        elif isinstance(value, list | dict):
            value = copy.deepcopy(value)
        cleaned[name] = value
    return cleaned


def _refusal(message: str, *, field: str) -> CatalogueError:
    return CatalogueError(message)


def _raise_if_invalid(values: Mapping[str, Any]) -> None:
    errors: list[str] = []
    for name in ("category_code", "category_name", "code", "name"):
        if not values.get(name):
            errors.append(
                _("请填写“%(field)s”。") % {"field": AgencyItem._meta.get_field(name).verbose_name}
            )
    for name, value in values.items():
        field = AgencyItem._meta.get_field(name)
        if isinstance(value, str) and isinstance(field, CharField | TextField):
            limit = limits.text_limit(field)
            if len(value) > limit:
                errors.append(limits.too_long_message(str(field.verbose_name), limit, len(value)))
        if name in {"basis", "time_limit_text", "subject", "audience", "mode", "level"} and not (
            isinstance(value, str)
        ):
            errors.append(
                _("“%(field)s”必须是文字。")
                % {"field": AgencyItem._meta.get_field(name).verbose_name}
            )
    days = values.get("time_limit_days")
    if not (isinstance(days, int) and not isinstance(days, bool) and days > 0):
        errors.append(_("公开时限必须是正整数（工作日）。"))
    elif rules.text_days_mismatch(values.get("time_limit_text", ""), days):
        errors.append(_("公开时限说明与时限天数不一致。"))
    order = values.get("order", 0)
    if not (isinstance(order, int) and not isinstance(order, bool) and order >= 0):
        errors.append(_("排序必须是非负整数。"))
    channels = values.get("channels")
    if not isinstance(channels, list) or not all(isinstance(c, str) and c for c in channels):
        errors.append(_("公开渠道必须是文字列表。"))
    if values.get("mode") not in ("", *rules.MODES):
        errors.append(_("公开方式只能是“主动”或“依申请”。"))
    errors.extend(rules.elements_errors(values.get("elements")))
    if values.get("cadence", "") not in Cadence.values:
        errors.append(_("定期公开的周期无效。"))
    due_days = values.get("cadence_due_working_days", 20)
    if not (isinstance(due_days, int) and not isinstance(due_days, bool) and 1 <= due_days <= 365):
        errors.append(_("每期结束后的公开时限必须是1至365个工作日。"))
    if errors:
        raise InvalidItemError(errors)


def _check_code_free(catalogue: AgencyCatalogue, code: str) -> None:
    if catalogue.items.filter(code=code).exists():
        raise DuplicateCodeError(_("编码“%(code)s”在本机关目录中已被使用。") % {"code": code})
    if StandardItem.objects.filter(code=code).exists():
        raise DuplicateCodeError(
            _("编码“%(code)s”是标准目录事项的编码，请另选编码。") % {"code": code}
        )
