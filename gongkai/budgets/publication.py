"""Publication of a budget table as a record of the document library (type 预算决算), filed under
the agency's catalogue entry for 部门预算 or 部门决算, so that it gets its 索引号 the way every
record does, passes the secrecy review and runs the catalogue clock; it then appears in the
catalogue, search, the records API and the feeds with no second path. The structured table is
the source; the record's body is rendered from it and links to the table's own page."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event
from gongkai.budgets import rules, services, workflow
from gongkai.budgets.errors import BudgetError, TableIncomplete
from gongkai.budgets.models import BudgetTable, Kind, TableStatus
from gongkai.catalogue.models import AgencyItem
from gongkai.documents import rules as document_rules
from gongkai.documents import services as document_services
from gongkai.documents.generated import (
    GeneratedRecord,
    publish_generated_record,
    review_refusal,
    supersede,
)
from gongkai.documents.models import (
    Document,
    DocumentType,
    Topic,
)
from gongkai.opendata.services import refresh_datasets
from gongkai.privacy.errors import ReleaseReviewError

# The standard catalogue's items (catalogue/data/standard_catalogue.json, 一级事项 G04 预算决算)
# a table is filed under; the 三公 figures are part of each table, as the tables publish them.
CATALOGUE_CODES = {Kind.BUDGET: "G0401", Kind.FINAL: "G0402"}


def catalogue_item_for(table: BudgetTable) -> AgencyItem | None:
    """The agency's catalogue entry for 部门预算 / 部门决算, if its catalogue has one in force."""
    return (
        AgencyItem.objects.applicable()
        .filter(
            catalogue__agency_id=table.agency_id, standard_item__code=CATALOGUE_CODES[table.kind]
        )
        .first()
    )


def render_body(table: BudgetTable) -> str:
    """The record's 正文: the table's figures as HTML, in Chinese (the record's language)."""
    with translation.override("zh-hans"):
        previous = services.previous_table(table)
        items = services.sangong(table, previous)
        html = render_to_string(
            "budgets/table_body.html",
            {
                "table": table,
                "lines": services.table_lines(table),
                "sangong": [(item, rules.describe_change(item.change)) for item in items],
                "previous": previous,
                "url": services.table_url(table),
            },
        )
    return document_rules.clean_body(html)


def _publish_record(table: BudgetTable, catalogue_item: AgencyItem, actor, now) -> Document:
    agency = table.agency
    element_names = [element.get("name", "") for element in catalogue_item.elements or []]
    with translation.override("zh-hans"):
        title = table.display_title
        if table.kind == Kind.FINAL:
            summary = _("%(year)s年部门决算收支情况、支出功能分类科目和“三公”经费支出情况。")
        else:
            summary = _("%(year)s年部门预算收支情况、支出功能分类科目和“三公”经费预算情况。")
        summary %= {"year": table.year}
    record = GeneratedRecord(
        agency=agency,
        catalogue_item=catalogue_item,
        title=title,
        summary=summary,
        body=render_body(table),
        document_type=DocumentType.BUDGET,
        topic=Topic.FINANCE,
        element=element_names[0] if len(element_names) == 1 else "",
        drafted_by=table.drafted_by,
    )
    try:
        return publish_generated_record(
            record,
            actor=actor,
            now=now,
            note=_("发布预算决算表（第%(version)s版）") % {"version": table.version},
        )
    except ReleaseReviewError as exc:
        raise BudgetError(
            review_refusal(
                exc, _("保密审查发现表中可能涉及个人信息或敏感信息（%(shown)s），请修改后再发布。")
            ),
            field="release_review",
        ) from exc


@transaction.atomic
def publish_table(*, table: BudgetTable, actor) -> BudgetTable:
    """The reviewer publishes: not their own draft, not while the table has problems; the
    published version before it is superseded (its record marked 已修改, linked to the new)."""
    target = services._require(workflow.Action.PUBLISH, table)
    if table.drafted_by_id is not None and actor is not None and table.drafted_by_id == actor.pk:
        raise BudgetError(_("起草人不能审核发布自己起草的预算决算表，请由另一位审核员发布。"))
    problems = services.table_problems(table)
    if problems:
        raise TableIncomplete(problems)
    catalogue_item = catalogue_item_for(table)
    if catalogue_item is None:
        raise BudgetError(
            _("本机关的公开目录中没有适用的“%(name)s”事项，请先在公开目录中设置。")
            % {"name": _("部门决算") if table.kind == Kind.FINAL else _("部门预算")},
            field="catalogue_item",
        )
    locked = BudgetTable.objects.select_for_update().filter(
        agency_id=table.agency_id, year=table.year, kind=table.kind
    )
    previous = locked.published().exclude(pk=table.pk).first()
    now = timezone.now()
    if previous is not None:
        # The old version leaves "published" first: one published version at a time.
        previous.status = TableStatus.SUPERSEDED
        previous.updated_at = now
        previous.save(update_fields=["status", "updated_at"])
    document = _publish_record(table, catalogue_item, actor, now)
    if previous is not None:
        supersede(
            previous,
            by_document=document,
            by_version=table.version,
            published_status=TableStatus.PUBLISHED,
            action="budget_table.supersede",
            agency=previous.agency,
            actor=actor,
            now=now,
        )
    table.status = target
    table.document = document
    table.reviewed_by = actor
    table.published_at = table.updated_at = now
    table.save(update_fields=["status", "document", "reviewed_by", "published_at", "updated_at"])
    record_event(
        actor=actor,
        action="budget_table.publish",
        obj=table,
        agency=table.agency,
        before={"status": TableStatus.IN_REVIEW},
        after={"status": table.status, "index_number": document.index_number},
    )
    refresh_datasets(table.agency, ("budgets.lines", "budgets.sangong"), actor=actor)
    return table


@transaction.atomic
def withdraw_table(*, table: BudgetTable, actor, reason: str) -> BudgetTable:
    """Take the published table off the portal, with its record (the reason is public)."""
    target = services._require(workflow.Action.WITHDRAW, table)
    reason = (reason or "").strip()
    if not reason:
        raise BudgetError(_("撤回必须写明理由，理由将向公众显示。"), field="reason")
    table.status = target
    table.withdrawal_reason = reason
    limits.check_text_lengths(table, error=BudgetError, fields=["withdrawal_reason"])
    table.withdrawn_at = table.updated_at = timezone.now()
    table.save(update_fields=["status", "withdrawal_reason", "withdrawn_at", "updated_at"])
    if table.document is not None:
        document_services.withdraw(document=table.document, actor=actor, reason=reason)
    record_event(
        actor=actor,
        action="budget_table.withdraw",
        obj=table,
        agency=table.agency,
        before={"status": TableStatus.PUBLISHED},
        after={"status": table.status},
        note=reason,
    )
    refresh_datasets(table.agency, ("budgets.lines", "budgets.sangong"), actor=actor)
    return table
