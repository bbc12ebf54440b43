"""State changes of budget tables up to review, and the readings the pages share. Each state
change is one function, in one transaction, writing an audit event. Publication and
withdrawal: publication.py."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.budgets import rules, workflow
from gongkai.budgets.errors import BudgetError, TableIncomplete, TransitionNotAllowed
from gongkai.budgets.models import BudgetLine, BudgetTable, Kind, TableStatus

VALUE_FIELDS = [
    "title",
    "income_total",
    "expenditure_total",
    *rules.SANGONG_FIELDS,
    "explanation",
]
MIN_YEAR, MAX_YEAR = 2000, 2100


def _require(action: str, table: BudgetTable) -> str:
    if not workflow.is_allowed(action, table.status):
        raise TransitionNotAllowed(str(workflow.ACTION_LABELS[action]), table.get_status_display())
    return workflow.target_status(action, table.status)


def table_path(table: BudgetTable) -> str:
    return reverse("portal:budget-table", args=[table.agency.code, table.year, table.kind])


def table_url(table: BudgetTable) -> str:
    """The absolute address of the table's public page (the record links to it)."""
    return f"{settings.SITE_URL}{table_path(table)}"


# --- readings ------------------------------------------------------------------------------


def table_lines(table: BudgetTable) -> list[rules.Line]:
    return rules.sorted_lines(
        rules.Line(line.code, line.name, line.amount) for line in table.lines.all()
    )


def previous_table(table: BudgetTable) -> BudgetTable | None:
    """The published table of the same kind for the year before (the year-on-year base)."""
    return (
        BudgetTable.objects.published()
        .filter(agency_id=table.agency_id, kind=table.kind, year=table.year - 1)
        .first()
    )


def sangong_values(table: BudgetTable) -> dict[str, Decimal]:
    return {key: getattr(table, key) for key in rules.SANGONG_FIELDS}


def sangong(table: BudgetTable, previous: BudgetTable | None = None) -> list[rules.SangongItem]:
    """The table's 三公 rows against the previous year's published table of the same kind."""
    if previous is None:
        previous = previous_table(table)
    return rules.sangong_items(
        sangong_values(table), sangong_values(previous) if previous is not None else None
    )


def table_problems(table: BudgetTable) -> list[str]:
    """Everything that keeps the table from review: sums that do not add up, no lines, and a
    三公 change without an explanation."""
    lines = table_lines(table)
    problems = []
    if not lines:
        problems.append(_("尚未填写支出功能分类科目。"))
    problems += rules.sum_problems(lines)
    problems += rules.total_problems(lines, table.expenditure_total)
    if rules.explanation_required(sangong(table)) and not table.explanation.strip():
        problems.append(_("“三公”经费与上年相比有增减变化，请在情况说明中写明原因。"))
    return problems


# --- state changes -------------------------------------------------------------------------


def _check_year_kind(year: int, kind: str) -> None:
    problems = {}
    if not (MIN_YEAR <= year <= MAX_YEAR):
        problems["year"] = [
            _("年度应在%(low)s至%(high)s之间。") % {"low": MIN_YEAR, "high": MAX_YEAR}
        ]
    if kind not in Kind.values:
        problems["kind"] = [_("请选择预算或决算。")]
    if problems:
        raise BudgetError(_("请检查年度和类别。"), errors=problems)


@transaction.atomic
def start_table(*, agency: Agency, year: int, kind: str, actor) -> BudgetTable:
    """A new draft for the agency, year and kind: the first version, or a new version copying
    the latest one (a correction of a published table)."""
    _check_year_kind(year, kind)
    existing = BudgetTable.objects.select_for_update().filter(agency=agency, year=year, kind=kind)
    if existing.open().exists():
        raise BudgetError(_("该年度的表已有草稿或待审核的版本，请先完成它。"))
    latest = existing.order_by("-version").first()
    now = timezone.now()
    table = BudgetTable(
        agency=agency,
        year=year,
        kind=kind,
        version=(latest.version + 1) if latest else 1,
        drafted_by=actor,
        created_at=now,
        updated_at=now,
    )
    if latest is not None:
        for name in VALUE_FIELDS:
            setattr(table, name, getattr(latest, name))
    table.save()
    if latest is not None:
        BudgetLine.objects.bulk_create(
            BudgetLine(
                table=table,
                position=line.position,
                code=line.code,
                name=line.name,
                amount=line.amount,
            )
            for line in latest.lines.all()
        )
    record_event(
        actor=actor,
        action="budget_table.create",
        obj=table,
        agency=agency,
        after={"year": year, "kind": kind, "version": table.version},
    )
    return table


def _values_problems(values: Mapping[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for name in ("income_total", "expenditure_total", *rules.SANGONG_FIELDS):
        value = values.get(name)
        if value is None:
            if name in rules.SANGONG_FIELDS:
                problems[name] = [_("请填写金额（没有的填0）。")]
            continue
        if not isinstance(value, Decimal) or value < 0:
            problems[name] = [_("金额应为不小于0的数字。")]
    return problems


@transaction.atomic
def update_table(
    *, table: BudgetTable, actor, values: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]
) -> BudgetTable:
    """Save the draft's figures and explanation, and replace its lines; every problem at once."""
    _require(workflow.Action.EDIT, table)
    parsed, line_problems = rules.check_lines(lines)
    problems = _values_problems(values)
    for problem in line_problems:
        problems.setdefault(f"lines-{problem.index}-{problem.field}", []).append(
            _("第%(n)s条科目：%(message)s") % {"n": problem.index + 1, "message": problem.message}
        )
    if problems:
        raise BudgetError(_("请修改标出的问题后再保存。"), errors=problems)
    before = {name: str(getattr(table, name)) for name in VALUE_FIELDS}
    for name in VALUE_FIELDS:
        if name in values:
            value = values[name]
            setattr(table, name, value.strip() if isinstance(value, str) else value)
    limits.check_text_lengths(table, error=BudgetError, fields=["explanation"])
    table.updated_at = timezone.now()
    table.save(update_fields=[*VALUE_FIELDS, "updated_at"])
    table.lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            table=table, position=position, code=line.code, name=line.name, amount=line.amount
        )
        for position, line in enumerate(rules.sorted_lines(parsed))
    )
    record_event(
        actor=actor,
        action="budget_table.update",
        obj=table,
        agency=table.agency,
        before=before,
        after={**{name: str(getattr(table, name)) for name in VALUE_FIELDS}, "lines": len(parsed)},
    )
    return table


@transaction.atomic
def submit_table(*, table: BudgetTable, actor) -> BudgetTable:
    """The drafter sends the table for review: refused while it has problems."""
    target = _require(workflow.Action.SUBMIT, table)
    problems = table_problems(table)
    if problems:
        raise TableIncomplete(problems)
    table.status = target
    table.submitted_at = table.updated_at = timezone.now()
    table.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(
        actor=actor,
        action="budget_table.submit",
        obj=table,
        agency=table.agency,
        before={"status": TableStatus.DRAFT},
        after={"status": table.status},
    )
    return table


@transaction.atomic
def return_table(*, table: BudgetTable, actor, comments: str) -> BudgetTable:
    """The reviewer sends the table back to the drafter with comments."""
    target = _require(workflow.Action.RETURN, table)
    comments = (comments or "").strip()
    if not comments:
        raise BudgetError(_("退回必须写明审核意见。"), field="comments")
    table.status = target
    table.review_comments = comments
    limits.check_text_lengths(table, error=BudgetError, fields=["review_comments"])
    table.updated_at = timezone.now()
    table.save(update_fields=["status", "review_comments", "updated_at"])
    record_event(
        actor=actor,
        action="budget_table.return",
        obj=table,
        agency=table.agency,
        before={"status": TableStatus.IN_REVIEW},
        after={"status": table.status},
        note=comments,
    )
    return table
