"""Publication of a stage or a procurement notice as a record of the document library (type
通知公告), filed under the project's catalogue entry, so that it gets its 索引号 from the same
counter as every record, passes the secrecy review and is audited (`document.publish`) — and
appears in the catalogue, search, the records API and the feeds without a second path. The
structured stage stays the source; the record is its published rendition (as
service_guides/publication.py does for guides). The drafter cannot publish their own entry."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event
from gongkai.documents.generated import GeneratedRecord, publish_generated_record, review_refusal
from gongkai.documents.models import Document, DocumentType, Topic
from gongkai.opendata.services import refresh_datasets
from gongkai.privacy import review_services
from gongkai.privacy.detection import Kind
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.privacy.models import Resolution
from gongkai.projects import stages
from gongkai.projects.errors import ProjectError
from gongkai.projects.models import (
    Procurement,
    ProcurementState,
    Project,
    ProjectStage,
    StageState,
)
from gongkai.projects.services import PROCUREMENT_ITEM_CODES, catalogue_item_for

PROCUREMENT_ELEMENT = "招标采购信息"  # the element of 项目建设 (P0303) notices are filed under


def project_url(project: Project) -> str:
    return reverse("portal:project-detail", args=[project.agency.code, project.pk])


def _check_reviewer(obj, actor) -> None:
    if obj.drafted_by_id is not None and actor is not None and obj.drafted_by_id == actor.pk:
        raise ProjectError(_("录入人不能审核发布自己录入的信息，请由另一位审核员发布。"))


# What a project publishes on purpose: its name, site, owner and the parties and offices named
# in its stages (an address is what a 建设地点 is). The review keeps a finding that is one of
# these, with the reason on record; a mobile number, an ID number or anything else still stops
# publication.
def _public_facts(project: Project, extra: list[str]) -> dict[str, list[str]]:
    """Addresses: the project's own facts and the parties; landlines: the offices' contacts."""
    return {Kind.ADDRESS: [project.name, project.location, project.owner_unit, *extra]}


def _kept_facts(document: Document, facts: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    """Resolutions keeping the project's own public facts, for the review."""
    with translation.override("zh-hans"):
        reason = _("重大建设项目依规公开的项目名称、建设地点、参建单位和机关联系方式")
    kept = {}
    for finding in review_services.scan_for_release(document):
        known = facts.get(finding.kind, [])
        # The detector's span may run past a fact into the words around it (项目名称（…）).
        if finding.text and any(
            fact and (finding.text in fact or fact in finding.text) for fact in known
        ):
            kept[finding.id] = (Resolution.KEEP, reason)
    return kept


def _publish_record(
    *,
    facts: dict[str, list[str]],
    project,
    catalogue_item,
    element,
    title,
    summary,
    body,
    formed_on,
    due_on,
    drafted_by,
    actor,
    now: datetime.datetime,
) -> Document:
    record = GeneratedRecord(
        agency=project.agency,
        catalogue_item=catalogue_item,
        title=title,
        summary=summary,
        body=body,
        document_type=DocumentType.NOTICE,
        topic=Topic.HEALTH,
        element=element,
        formed_on=formed_on,
        # The project's rule decides (a licensing approval: 7 working days, stages.py).
        due_on=due_on,
        drafted_by=drafted_by,
    )
    try:
        return publish_generated_record(
            record,
            actor=actor,
            now=now,
            note=_("发布重大建设项目信息"),
            keep=lambda document: _kept_facts(document, facts),
        )
    except ReleaseReviewError as exc:
        raise ProjectError(
            review_refusal(
                exc, _("保密审查发现可能涉及个人信息或敏感信息（%(shown)s），请修改后再发布。")
            ),
            field="release_review",
        ) from exc


def _touch(project: Project, now: datetime.datetime) -> None:
    """The project page changed (the sitemap's lastmod)."""
    project.updated_at = now
    project.save(update_fields=["updated_at"])


def render_stage_body(stage: ProjectStage) -> str:
    kind = stages.StageKind(stage.kind)
    rows = [
        (f.label, stage.details.get(f.name, ""))
        for f in stages.RULES[kind].fields
        if stage.details.get(f.name)
    ]
    with translation.override("zh-hans"):
        return render_to_string(
            "projects/stage_body.html",
            {
                "stage": stage,
                "project": stage.project,
                "rows": rows,
                "url": project_url(stage.project),
            },
        )


@transaction.atomic
def publish_stage(*, stage: ProjectStage, actor) -> ProjectStage:
    """The reviewer publishes a recorded stage as a record; the ledger row is then done."""
    stage = (
        ProjectStage.objects.select_for_update().select_related("project__agency").get(pk=stage.pk)
    )
    if stage.state != StageState.RECORDED:
        raise ProjectError(_("只有已录入、待审核的信息可以发布。"))
    _check_reviewer(stage, actor)
    project = stage.project
    now = timezone.now()
    with translation.override("zh-hans"):
        kind_label = str(stages.StageKind(stage.kind).label)
        title = _("%(project)s%(kind)s") % {"project": project.name, "kind": kind_label}
        summary = _("项目代码%(code)s的%(kind)s。") % {"code": project.code, "kind": kind_label}
        body = render_stage_body(stage)
    document = _publish_record(
        facts={
            **_public_facts(project, [stage.details.get("authority", "")]),
            Kind.LANDLINE: [stage.details.get("contact", ""), stage.details.get("complaints", "")],
        },
        project=project,
        catalogue_item=project.catalogue_item,
        element="",
        title=title,
        summary=summary,
        body=body,
        formed_on=stage.formed_on,
        due_on=stage.due_on,
        drafted_by=stage.drafted_by,
        actor=actor,
        now=now,
    )
    stage.state = StageState.PUBLISHED
    stage.document = document
    stage.reviewed_by = actor
    stage.published_at = now
    stage.save(update_fields=["state", "document", "reviewed_by", "published_at"])
    _touch(project, now)
    record_event(
        actor=actor,
        action="project.stage.publish",
        obj=stage,
        agency=project.agency,
        before={"state": StageState.RECORDED},
        after={"state": stage.state, "index_number": document.index_number},
    )
    refresh_datasets(stage.project.agency, ("projects.list", "projects.stages"), actor=actor)
    return stage


def render_procurement_body(procurement: Procurement) -> str:
    with translation.override("zh-hans"):
        return render_to_string(
            "projects/procurement_body.html",
            {
                "procurement": procurement,
                "project": procurement.project,
                "url": project_url(procurement.project),
            },
        )


@transaction.atomic
def publish_procurement(*, procurement: Procurement, actor) -> Procurement:
    """The reviewer publishes a notice, result or contract summary as a record."""
    procurement = (
        Procurement.objects.select_for_update()
        .select_related("project__agency")
        .get(pk=procurement.pk)
    )
    if procurement.state != ProcurementState.RECORDED:
        raise ProjectError(_("该公告已发布。"))
    _check_reviewer(procurement, actor)
    project = procurement.project
    now = timezone.now()
    item = catalogue_item_for(project.agency, PROCUREMENT_ITEM_CODES) or project.catalogue_item
    with translation.override("zh-hans"):
        title = _("%(title)s%(kind)s") % {
            "title": procurement.title,
            "kind": procurement.get_kind_display(),
        }
        summary = _("%(project)s（项目代码%(code)s）的%(kind)s。") % {
            "project": project.name,
            "code": project.code,
            "kind": procurement.get_kind_display(),
        }
        body = render_procurement_body(procurement)
    document = _publish_record(
        facts=_public_facts(
            project, [procurement.title, procurement.purchaser, procurement.winner]
        ),
        project=project,
        catalogue_item=item,
        element=PROCUREMENT_ELEMENT,
        title=title,
        summary=summary,
        body=body,
        formed_on=procurement.formed_on,
        due_on=procurement.due_on,
        drafted_by=procurement.drafted_by,
        actor=actor,
        now=now,
    )
    procurement.state = ProcurementState.PUBLISHED
    procurement.document = document
    procurement.reviewed_by = actor
    procurement.published_at = now
    procurement.save(update_fields=["state", "document", "reviewed_by", "published_at"])
    _touch(project, now)
    record_event(
        actor=actor,
        action="project.procurement.publish",
        obj=procurement,
        agency=project.agency,
        before={"state": ProcurementState.RECORDED},
        after={"state": procurement.state, "index_number": document.index_number},
    )
    refresh_datasets(procurement.project.agency, ("projects.list", "projects.stages"), actor=actor)
    return procurement
