"""State changes of service items and guides up to review. Each is one function, in one
transaction, writing an audit event. Publication and withdrawal: publication.py."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.documents.errors import DocumentError
from gongkai.documents.uploads import check_size, detect_type
from gongkai.service_guides import elements, workflow
from gongkai.service_guides.errors import GuideError, TransitionNotAllowed
from gongkai.service_guides.models import (
    CopyKind,
    Guide,
    GuideMaterial,
    GuideStatus,
    GuideStep,
    ItemLevel,
    ItemType,
    MaterialForm,
    ServiceItem,
)

ITEM_FIELDS = ["item_type", "code", "name", "level", "catalogue_item"]
AUDITED_FIELDS = [*elements.GUIDE_FIELDS, "status", "version", "review_comments"]
MATERIAL_FIELDS = ["name", "form", "copy_kind", "copies", "is_required", "note"]
STEP_FIELDS = ["name", "description", "time_limit"]
CODE = re.compile(r"^[0-9A-Za-z-]{1,64}$")
# A sample or blank form is a form, not a dossier: the record attachments' limit is far above.
MATERIAL_FILE_MAX_BYTES = 10 * 1024 * 1024


def _require(action: str, guide: Guide) -> str:
    if not workflow.is_allowed(action, guide.status):
        raise TransitionNotAllowed(str(workflow.ACTION_LABELS[action]), guide.get_status_display())
    return workflow.target_status(action, guide.status)


def guide_url(guide: Guide) -> str:
    """The absolute address of the item's public guide page (the QR code encodes it)."""
    item = guide.service_item
    path = reverse("portal:service-guide", args=[item.agency.code, item.code])
    return f"{settings.SITE_URL}{path}"


# --- service items ---------------------------------------------------------------------------


def item_problems(agency: Agency, values: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with a service item's values, all fields at once."""
    problems: dict[str, str] = {}
    if values.get("item_type") not in ItemType.values:
        problems["item_type"] = _("请选择事项类型。")
    if values.get("level") not in ItemLevel.values:
        problems["level"] = _("请选择行使层级。")
    code = str(values.get("code") or "").strip()
    if not CODE.match(code):
        problems["code"] = _("事项编码只能由1至64位字母、数字或连字符组成。")
    elif ServiceItem.objects.filter(agency=agency, code=code).exists():
        problems["code"] = _("本机关已有编码为“%(code)s”的事项。") % {"code": code}
    if not str(values.get("name") or "").strip():
        problems["name"] = _("请填写事项名称。")
    item: AgencyItem | None = values.get("catalogue_item")
    if item is None:
        problems["catalogue_item"] = _("请选择公开目录事项。")
    elif item.catalogue.agency_id != agency.pk:
        problems["catalogue_item"] = _("所选目录事项不属于本机关的公开目录。")
    elif item.status == ItemStatus.NOT_APPLICABLE:
        problems["catalogue_item"] = _("所选目录事项已标记为不适用。")
    return problems


@transaction.atomic
def create_item(*, agency: Agency, actor, values: Mapping[str, Any]) -> ServiceItem:
    """Add a service item to the agency's list; its guide is drafted next."""
    values = {name: values.get(name) for name in ITEM_FIELDS}
    values["code"] = str(values["code"] or "").strip()
    values["name"] = str(values["name"] or "").strip()
    limits.check_values(ServiceItem, values, error=GuideError)
    problems = item_problems(agency, values)
    if problems:
        raise GuideError(
            next(iter(problems.values())), errors={k: [v] for k, v in problems.items()}
        )
    item = ServiceItem.objects.create(agency=agency, **values)
    record_event(
        actor=actor,
        action="service_item.create",
        obj=item,
        agency=agency,
        after=snapshot(item, ["item_type", "code", "name", "level"]),
    )
    return item


# --- drafting ----------------------------------------------------------------------------


@transaction.atomic
def start_version(*, service_item: ServiceItem, actor) -> Guide:
    """A new draft version: a copy of the latest version, or a blank guide named after the item.

    Refused while a version is being written or reviewed: one change at a time.
    """
    ServiceItem.objects.select_for_update().get(pk=service_item.pk)
    if service_item.guides.open().exists():
        raise GuideError(_("该事项已有正在起草或审核的办事指南版本，请先完成它。"))
    latest = service_item.guides.order_by("-version").first()
    values = elements.guide_values(latest) if latest else {"name": service_item.name}
    guide = Guide.objects.create(
        service_item=service_item,
        version=(latest.version + 1) if latest else 1,
        status=GuideStatus.DRAFT,
        drafted_by=actor,
        **values,
    )
    if latest is not None:
        GuideMaterial.objects.bulk_create(
            GuideMaterial(
                guide=guide,
                position=material.position,
                sample_file=material.sample_file.name,
                sample_name=material.sample_name,
                blank_form_file=material.blank_form_file.name,
                blank_form_name=material.blank_form_name,
                **{name: getattr(material, name) for name in MATERIAL_FIELDS},
            )
            for material in latest.materials.all()
        )
        GuideStep.objects.bulk_create(
            GuideStep(
                guide=guide,
                position=step.position,
                **{name: getattr(step, name) for name in STEP_FIELDS},
            )
            for step in latest.steps.all()
        )
    record_event(
        actor=actor,
        action="service_guide.create",
        obj=guide,
        agency=service_item.agency,
        after=snapshot(guide, AUDITED_FIELDS),
        note=_("由第%(version)s版复制") % {"version": latest.version} if latest else "",
    )
    return guide


def row_problems(
    materials: Sequence[Mapping[str, Any]], steps: Sequence[Mapping[str, Any]]
) -> dict[str, str]:
    """What is wrong in the material and step rows, as form errors keyed by row."""
    problems: dict[str, str] = {}
    for number, row in enumerate(materials, start=1):
        key = f"materials-{number - 1}"
        if not str(row.get("name") or "").strip():
            problems[key] = _("第%(n)s项申请材料：请填写材料名称。") % {"n": number}
        elif row.get("form") not in MaterialForm.values:
            problems[key] = _("第%(n)s项申请材料：请选择材料形式。") % {"n": number}
        elif row.get("copy_kind") not in CopyKind.values:
            problems[key] = _("第%(n)s项申请材料：请选择原件或复印件。") % {"n": number}
        elif not isinstance(row.get("copies"), int) or row["copies"] < 1:
            problems[key] = _("第%(n)s项申请材料：份数至少为1。") % {"n": number}
    for number, row in enumerate(steps, start=1):
        if not str(row.get("name") or "").strip():
            problems[f"steps-{number - 1}"] = _("第%(n)s个办理环节：请填写环节名称。") % {
                "n": number
            }
    return problems


@transaction.atomic
def update_guide(
    *,
    guide: Guide,
    actor,
    values: Mapping[str, Any],
    materials: Sequence[Mapping[str, Any]],
    steps: Sequence[Mapping[str, Any]],
) -> Guide:
    """Save a draft's elements, materials and steps. A draft may be incomplete (the
    completeness check tells what is missing); what is wrong is refused, all of it at once.

    Material rows carrying the `id` of an existing row keep its uploaded files.
    """
    _require(workflow.Action.EDIT, guide)
    before = snapshot(guide, AUDITED_FIELDS)
    values = {name: values[name] for name in elements.GUIDE_FIELDS if name in values}
    limits.check_values(Guide, values, error=GuideError)
    for row in materials:
        limits.check_values(
            GuideMaterial, {k: row.get(k) for k in MATERIAL_FIELDS}, error=GuideError
        )
    for row in steps:
        limits.check_values(GuideStep, {k: row.get(k) for k in STEP_FIELDS}, error=GuideError)
    problems = {**elements.value_problems(values), **row_problems(materials, steps)}
    if problems:
        raise GuideError(
            next(iter(problems.values())), errors={k: [v] for k, v in problems.items()}
        )
    for name, value in values.items():
        setattr(guide, name, value.strip() if isinstance(value, str) else value)
    guide.updated_at = timezone.now()
    guide.save(update_fields=[*values.keys(), "updated_at"])

    existing = {material.pk: material for material in guide.materials.all()}
    kept = set()
    for position, row in enumerate(materials):
        fields = {name: row.get(name) for name in MATERIAL_FIELDS}
        fields["note"] = str(fields["note"] or "").strip()
        fields["name"] = str(fields["name"]).strip()
        fields["is_required"] = bool(fields["is_required"])
        material = existing.get(row.get("id"))
        if material is None:
            material = GuideMaterial.objects.create(guide=guide, position=position, **fields)
        else:
            for name, value in fields.items():
                setattr(material, name, value)
            material.position = position
            material.save(update_fields=[*fields.keys(), "position"])
        kept.add(material.pk)
    guide.materials.exclude(pk__in=kept).delete()
    guide.steps.all().delete()
    GuideStep.objects.bulk_create(
        GuideStep(
            guide=guide,
            position=position,
            name=str(row.get("name")).strip(),
            description=str(row.get("description") or "").strip(),
            time_limit=str(row.get("time_limit") or "").strip(),
        )
        for position, row in enumerate(steps)
    )
    record_event(
        actor=actor,
        action="service_guide.update",
        obj=guide,
        agency=guide.agency,
        before=before,
        after={
            **snapshot(guide, AUDITED_FIELDS),
            "materials": [str(row.get("name")) for row in materials],
            "steps": [str(row.get("name")) for row in steps],
        },
    )
    return guide


@transaction.atomic
def attach_material_file(
    *, material: GuideMaterial, actor, which: str, name: str, data: bytes
) -> GuideMaterial:
    """Attach the sample (示例样表) or the blank form (空白表格) of a draft's material, checked
    by content like every upload (documents.uploads): PDF, DOCX, XLSX or an image."""
    guide = material.guide
    _require(workflow.Action.EDIT, guide)
    if which not in ("sample", "blank_form"):
        raise GuideError(_("请选择示例样表或空白表格。"), field="which")
    try:
        check_size(len(data), MATERIAL_FILE_MAX_BYTES)
        detected = detect_type(data)
    except DocumentError as exc:
        raise GuideError(exc.message, field="file") from exc
    stored = ContentFile(
        data, name=f"{guide.service_item.code}-{material.pk}-{which}.{detected.extension}"
    )
    getattr(material, f"{which}_file").save(stored.name, stored, save=False)
    setattr(material, f"{which}_name", (name or stored.name)[:200])
    material.save(update_fields=[f"{which}_file", f"{which}_name"])
    record_event(
        actor=actor,
        action="service_guide.attach",
        obj=guide,
        agency=guide.agency,
        after={
            "material": material.name,
            "which": which,
            "name": getattr(material, f"{which}_name"),
        },
    )
    return material


# --- review -----------------------------------------------------------------------------


def guide_missing(guide: Guide) -> list[elements.Element]:
    """Every element the saved guide lacks (key or not)."""
    return elements.missing_elements(
        elements.guide_values(guide), list(guide.materials.all()), list(guide.steps.all())
    )


def guide_missing_key(guide: Guide) -> list[elements.Element]:
    return [element for element in guide_missing(guide) if element.is_key]


@transaction.atomic
def submit_guide(*, guide: Guide, actor) -> Guide:
    """The drafter hands the guide to a reviewer; it may still lack elements (the reviewer
    sees them listed and cannot publish until they are filled in)."""
    target = _require(workflow.Action.SUBMIT, guide)
    guide.status = target
    guide.submitted_at = timezone.now()
    guide.updated_at = guide.submitted_at
    guide.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(
        actor=actor,
        action="service_guide.submit",
        obj=guide,
        agency=guide.agency,
        before={"status": GuideStatus.DRAFT},
        after={"status": guide.status},
    )
    return guide


@transaction.atomic
def return_guide(*, guide: Guide, actor, comments: str) -> Guide:
    """The reviewer sends the guide back to its drafter with comments."""
    target = _require(workflow.Action.RETURN, guide)
    comments = (comments or "").strip()
    if not comments:
        raise GuideError(_("退回时必须写明审核意见。"), field="comments")
    guide.status = target
    guide.review_comments = comments
    limits.check_text_lengths(guide, error=GuideError, fields=["review_comments"])
    guide.updated_at = timezone.now()
    guide.save(update_fields=["status", "review_comments", "updated_at"])
    record_event(
        actor=actor,
        action="service_guide.return",
        obj=guide,
        agency=guide.agency,
        before={"status": GuideStatus.IN_REVIEW},
        after={"status": guide.status},
        note=comments,
    )
    return guide


# --- enforcement -----------------------------------------------------------------------------


@transaction.atomic
def link_decision(*, decision, service_item: ServiceItem | None, actor):
    """A licensing decision names the service item it decides (None: unlink)."""
    from gongkai.enforcement.models import DecisionKind

    if service_item is not None:
        if service_item.agency_id != decision.agency_id:
            raise GuideError(_("所选事项不属于作出决定的机关。"), field="service_item")
        if decision.kind != DecisionKind.LICENSING or service_item.item_type != ItemType.LICENSING:
            raise GuideError(
                _("只有行政许可决定可以关联行政许可类政务服务事项。"), field="service_item"
            )
    before = {"service_item": decision.service_item_id}
    decision.service_item = service_item
    decision.save(update_fields=["service_item"])
    record_event(
        actor=actor,
        action="enforcement.decision.service_item",
        obj=decision,
        agency=decision.agency,
        before=before,
        after={"service_item": service_item.pk if service_item else None},
    )
    return decision
