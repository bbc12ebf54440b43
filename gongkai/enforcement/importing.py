"""Bulk import of licensing and penalty decisions from the spreadsheet a licensing or supervision
office keeps (XLSX or CSV; the layouts in layouts.py, documented on the import page).

All rows or none: every row is read, turned into an unsaved `Decision` and checked with the
model's own validation (`Decision.full_clean`, which asks `validation.decision_errors`), plus
the duplicate 文号 within the file and in the agency. Only a file without a single problem is
imported, in one transaction, in batches, with one audit record for the file and the ledger
rows written for the new decisions (bulk inserts send no signals).
"""

import decimal
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai import limits
from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record_event
from gongkai.documents import importing as table_reading
from gongkai.documents.importing import RowError
from gongkai.enforcement import layouts, services
from gongkai.enforcement.errors import EnforcementError
from gongkai.enforcement.layouts import Column, Value
from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus
from gongkai.enforcement.search_feed import sync_search
from gongkai.obligations import services as ledger
from gongkai.privacy import review_services
from gongkai.workdays.calendar import get_calendar

# Set by the importer, not by the file: left out of the row checks (each FK check is a query).
NOT_FROM_FILE = ["agency", "drafted_by", "reviewed_by", "withdrawn_by", "credit_repaired_by"]
MAX_ROWS = 5000  # one upload; a bigger history is split into files (bench: 100,000 in one call)
BATCH_SIZE = 500
LOOKUP_CHUNK = 900  # values per IN (...) query, under SQLite's old 999-variable limit


class ImportFailed(EnforcementError):
    """Nothing was imported; `errors` lists every problem found (row, column, message)."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__(
            ngettext(
                "发现 %(count)d 处问题，没有导入任何执法决定。请修改后重新上传。",
                "发现 %(count)d 处问题，没有导入任何执法决定。请修改后重新上传。",
                len(self.errors),
            )
            % {"count": len(self.errors)}
        )

    def __str__(self) -> str:
        return "\n".join([self.message, *(str(error) for error in self.errors[:20])])


@dataclass(frozen=True)
class ImportResult:
    kind: str
    count: int
    status: str
    sha256: str


def may_publish_on_import(user, agency: Agency) -> bool:
    """Publishing on import skips the second pair of eyes, so it takes a reviewer (as the
    documents import does); anyone who may draft decisions may import drafts."""
    return has_role(user, agency, Role.REVIEWER)


def may_import_into(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.PUBLISHER, Role.REVIEWER, Role.ADMIN)


# --- reading ---------------------------------------------------------------------------------


def read_file(filename: str, data: bytes, *, max_rows: int = MAX_ROWS) -> table_reading.Table:
    """The rows of an XLSX (read-only, row by row) or CSV (UTF-8 or GBK/GB18030) file."""
    try:
        return table_reading.read_table(filename, data, max_rows=max_rows)
    except table_reading.ImportFailed as exc:
        raise ImportFailed(exc.errors) from exc


# --- checking --------------------------------------------------------------------------------


class _Checker:
    """Turns the rows of one kind into unsaved decisions, collecting every problem."""

    def __init__(self, agency: Agency, kind: str, actor):
        self.agency = agency
        self.kind = kind
        self.actor = actor
        self.columns = layouts.columns_for(kind)
        self.by_field = {column.field: column for column in self.columns}
        self.choices = {
            column.header: layouts.choice_index(column.choices)
            for column in self.columns
            if column.choices is not None
        }
        self.errors: list[RowError] = []
        self.today = timezone.localdate()
        self.text_limits = {
            column.header: limits.text_limit(Decision._meta.get_field(column.field))
            for column in self.columns
            if column.value in (Value.TEXT, Value.CODE)
        }

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def decision(self, number: int, row: Mapping[str, str]) -> Decision | None:
        """One row as an unsaved decision, or None when it has a problem (recorded)."""
        decision = Decision(
            agency=self.agency,
            kind=self.kind,
            status=DecisionStatus.DRAFT,
            drafted_by=self.actor if getattr(self.actor, "pk", None) else None,
            imported=True,
        )
        unreadable: set[str] = set()
        for column in self.columns:
            text = row.get(column.header, "")
            if not text:
                continue  # the model's default; whether it may be blank is the model's rule
            value = self.value(number, column, text)
            if value is None:
                unreadable.add(column.field)
            else:
                setattr(decision, column.field, value)
        before = len(self.errors)
        for field, messages in self.model_problems(decision).items():
            if field in unreadable:
                continue  # already told why the cell could not be read
            column = self.by_field.get(field)
            for message in dict.fromkeys(messages):
                self.error(number, column.header if column else "", message)
        if unreadable or len(self.errors) > before:
            return None
        return decision

    def model_problems(self, decision: Decision) -> dict[str, list[str]]:
        """The model's own validation, as `services.validate` runs it for a decision typed in
        (`full_clean`: field checks and `Decision.clean`, i.e. `validation.decision_errors`),
        without the per-row query Django makes for the table's check constraint: the one
        constraint (有效期至 ≥ 有效期自) is among `decision_errors`' rules, in words. Text
        lengths are checked per cell before this."""
        try:
            decision.full_clean(
                exclude=NOT_FROM_FILE, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            return {
                field: [str(m) for m in messages] for field, messages in exc.message_dict.items()
            }
        # services.validate's last rule, with its message (a decision is made before it is entered).
        if decision.decided_on and decision.decided_on > self.today:
            return {"decided_on": [_("决定日期不能晚于今天。")]}
        return {}

    def value(self, number: int, column: Column, text: str):
        """A cell's value for its field; None (and an error) when it cannot be read."""
        limit = self.text_limits.get(column.header)
        if limit is not None and len(text) > limit:
            self.error(
                number, column.header, limits.too_long_message(column.header, limit, len(text))
            )
            return None
        match column.value:
            case Value.TEXT | Value.CODE:
                return text
            case Value.DATE:
                day = table_reading.parse_date(text)
                if day is None:
                    self.error(
                        number,
                        column.header,
                        _("无法识别的日期“%(value)s”，请使用 YYYY-MM-DD 格式。") % {"value": text},
                    )
                return day
            case Value.CHOICE:
                return self.choice(number, column, text)
            case Value.CHOICES:
                values = []
                for part in layouts.CHOICES_SEPARATORS.split(text):
                    if part:
                        value = self.choice(number, column, part)
                        if value is None:
                            return None
                        values.append(value)
                return list(dict.fromkeys(values))
            case Value.TEN_THOUSAND_YUAN:
                try:
                    amount = layouts.wan_to_yuan(text)
                except (decimal.InvalidOperation, ValueError):
                    self.error(
                        number,
                        column.header,
                        _("“%(value)s”不是以万元为单位的金额（数字，最多6位小数）。")
                        % {"value": text},
                    )
                    return None
                if amount < 0:
                    self.error(number, column.header, _("金额不能为负数。"))
                    return None
                return amount
        raise AssertionError(column.value)

    def choice(self, number: int, column: Column, text: str) -> str | None:
        value = self.choices[column.header].get(layouts.choice_key(text))
        if value is None:
            allowed = "、".join(
                layouts.source_label(column.choices, v) for v in column.choices.values
            )
            self.error(
                number,
                column.header,
                _("无法识别的取值“%(value)s”。可填写：%(allowed)s。")
                % {"value": text, "allowed": allowed},
            )
        return value

    def duplicates(self, rows: Mapping[int, Mapping[str, str]]) -> None:
        """The same 文号 twice in the file, or a 文号 the agency already has for this kind."""
        header = self.by_field["document_number"].header
        first_row: dict[str, int] = {}
        for number, row in rows.items():
            value = (row.get(header) or "").strip()
            if not value:
                continue
            if value in first_row:
                self.error(
                    number,
                    header,
                    _("文号“%(number)s”与第%(row)s行重复。")
                    % {"number": value, "row": first_row[value]},
                )
            else:
                first_row[value] = number
        numbers = list(first_row)
        for start in range(0, len(numbers), LOOKUP_CHUNK):
            existing = Decision.objects.filter(
                agency=self.agency,
                kind=self.kind,
                document_number__in=numbers[start : start + LOOKUP_CHUNK],
            ).values_list("document_number", "pk", "party_name")
            for value, pk, party in existing:
                self.error(
                    first_row[value],
                    header,
                    _(
                        "本机关已有文号为“%(number)s”的执法决定（编号 %(pk)s，行政相对人"
                        "“%(party)s”）。"
                    )
                    % {"number": value, "pk": pk, "party": party},
                )


def _keyed_rows(table: Sequence[Mapping[str, str]], row_numbers: Sequence[int]):
    return {
        number: {layouts.header_key(key): value for key, value in row.items()}
        for number, row in zip(row_numbers, table, strict=True)
    }


def check_rows(*, agency: Agency, kind: str, actor, table: table_reading.Table) -> list[Decision]:
    """Every row of `table` as an unsaved decision of `kind`; raises ImportFailed listing
    every problem (row and column) when there is a single one."""
    if kind not in layouts.LAYOUTS:
        raise ImportFailed([RowError(0, "", _("这一类执法决定没有导入模板。"))])
    columns = layouts.columns_for(kind)
    headers = [layouts.header_key(header) for header in table.headers]
    column_errors = table_reading.check_columns(
        headers,
        known=[column.header for column in columns],
        required=[column.header for column in columns if column.required],
    )
    if column_errors:
        raise ImportFailed(column_errors)
    rows = _keyed_rows(table, table.row_numbers)
    if not rows:
        raise ImportFailed([RowError(0, "", _("文件中没有可导入的数据行。"))])
    checker = _Checker(agency, kind, actor)
    decisions = [d for number, row in rows.items() if (d := checker.decision(number, row))]
    checker.duplicates(rows)
    if checker.errors:
        raise ImportFailed(sorted(checker.errors, key=lambda error: error.row))
    return decisions


# --- importing -------------------------------------------------------------------------------


def import_file(
    *,
    agency: Agency,
    kind: str,
    actor,
    filename: str,
    data: bytes,
    publish: bool = False,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Read, check and import a file of decisions of `kind`: all rows, or none.

    The decisions are created as drafts, or published when `publish` (the caller checks
    `may_publish_on_import`). Raises ImportFailed listing every problem.
    """
    table = read_file(filename, data, max_rows=max_rows)
    decisions = check_rows(agency=agency, kind=kind, actor=actor, table=table)
    if publish:
        _check_release(decisions, list(_keyed_rows(table, table.row_numbers)))
    sha256 = hashlib.sha256(data).hexdigest()
    status = DecisionStatus.PUBLISHED if publish else DecisionStatus.DRAFT
    with transaction.atomic():
        _create(agency, kind, actor, decisions, publish=publish)
        if publish:
            review_services.record_clean_reviews(decisions, actor=actor)
        record_event(
            actor=actor,
            action="enforcement.import",
            obj=agency,
            agency=agency,
            after={
                "file": filename,
                "sha256": sha256,
                "kind": kind,
                "rows": len(decisions),
                "status": status,
                "first_id": decisions[0].pk,
                "last_id": decisions[-1].pk,
            },
            note=ngettext(
                "从文件“%(file)s”导入 %(count)d 条%(kind)s决定。",
                "从文件“%(file)s”导入 %(count)d 条%(kind)s决定。",
                len(decisions),
            )
            % {
                "file": filename or "—",
                "count": len(decisions),
                "kind": DecisionKind(kind).label,
            },
        )
    return ImportResult(kind=kind, count=len(decisions), status=status, sha256=sha256)


def _check_release(decisions: list[Decision], rows: list[int]) -> None:
    """The secrecy review of decisions published on import: a row whose texts hold personal
    or sensitive data is refused (an import cannot redact), every such row listed."""
    errors = []
    for row, decision in zip(rows, decisions, strict=True):
        found = review_services.scan_for_release(decision)
        if found:
            errors.append(
                RowError(
                    row,
                    "",
                    _(
                        "保密审查发现可能涉及个人信息或敏感信息（%(shown)s）。导入时不能删减，请修改后重新导入，或以草稿导入后逐条审核公示。"
                    )
                    % {"shown": review_services.findings_summary(found)},
                )
            )
    if errors:
        raise ImportFailed(errors)


def _create(agency: Agency, kind: str, actor, decisions: list[Decision], *, publish: bool) -> None:
    now = timezone.now()
    calendar = get_calendar()
    for decision in decisions:
        decision.created_at = decision.updated_at = now
        if publish:
            decision.status = DecisionStatus.PUBLISHED
            decision.published_at = now
            decision.reviewed_by = actor if getattr(actor, "pk", None) else None
        # What a save through the services derives: the clock and the publicity period.
        services.refresh_due_date(decision, calendar)
        services.apply_publicity(decision)
    for start in range(0, len(decisions), BATCH_SIZE):
        Decision.objects.bulk_create(decisions[start : start + BATCH_SIZE])
    # bulk_create sends no post_save: the ledger rows and the search outbox are written here,
    # in the same transaction, as the signals and `services.publish` would.
    write_ledger(decisions)
    if publish:
        for decision in decisions:
            sync_search(decision)


def write_ledger(decisions: list[Decision]) -> None:
    """The ledger rows `obligations.services.sync` writes on each decision's post_save, in bulk
    (the decisions are new, so they have no rows yet)."""
    ledger.create_for_new(decisions)
