"""Import of historic information applications, for an agency that moves to gongkai mid-year:
its annual report then counts the applications it received and answered before the move.

A spreadsheet (XLSX or CSV, one application per row, Chinese column names;
docs/foi-import-format.md) is read into rows of text, every row is checked, and only a file
without a single error is imported, in one transaction. Each application gets its log
(received, 补正, consultation, extension, reply or closing) from the dates in its row; a closed
one keeps its outcome and dates, and every due date is derived from the log and the calendar
like any other (`services.refresh_due_date`), never copied from the file.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.documents.importing import (
    MAX_ROWS,
    ImportFailed,
    RowError,
    cell_text,
    check_columns,
    normalise_header,
    parse_date,
    read_table,
)
from gongkai.foi import identity, services
from gongkai.foi.clock import EXTENSION_MAX_DAYS
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Application, DeliveryForm, Event, LogKind, Status
from gongkai.foi.outcomes import ApplicantType, Outcome, outcome_info
from gongkai.foi.receipt import Channel, ReceiptDateError, receipt_date

# Column names are the file format itself, so they are never translated.
QUERY_CODE = "查询码"
APPLICANT_TYPE = "申请人类型"
APPLICANT_NAME = "姓名或名称"
CONTACT_PERSON = "联系人"
ID_TYPE = "证件类型"
ID_NUMBER = "证件号码"
PHONE = "联系电话"
EMAIL = "电子邮箱"
ADDRESS = "通信地址"
POSTCODE = "邮政编码"
DESCRIPTION = "申请内容"
DOCUMENT_NUMBERS = "文号"
DELIVERY_FORM = "获取信息方式"
CHANNEL = "提交方式"
SUBMITTED_ON = "提交日期"
RECEIVED_ON = "收到申请日期"
SUPPLEMENT_REQUESTED_ON = "补正告知日期"
SUPPLEMENT_ITEMS = "补正事项"
SUPPLEMENT_RECEIVED_ON = "收到补正日期"
CONSULTATION_STARTED_ON = "征求意见日期"
CONSULTED_PARTY = "征求意见对象"
CONSULTATION_ENDED_ON = "收到意见日期"
EXTENSION_DAYS = "延长天数"
EXTENDED_ON = "延长日期"
EXTENSION_APPROVED_BY = "延长批准人"
REPLIED_ON = "答复日期"
CLOSED_ON = "办结日期"
OUTCOME = "处理结果"
ALREADY_PUBLIC = "是否已主动公开"
REPLY_TEXT = "答复内容"

QUERY_CODE_PATTERN = re.compile(r"^[0-9A-Z-]{1,16}$")
MAX_LENGTHS = {
    APPLICANT_NAME: 200,
    CONTACT_PERSON: 100,
    ID_NUMBER: 40,
    PHONE: 40,
    EMAIL: 254,
    ADDRESS: 300,
    POSTCODE: 12,
    DOCUMENT_NUMBERS: 300,
    CONSULTED_PARTY: 200,
    EXTENSION_APPROVED_BY: 100,
    DESCRIPTION: limits.APPLICATION_DESCRIPTION,
    REPLY_TEXT: limits.REPLY,
}
YES = {"是", "y", "yes", "true", "1", "√"}
NO = {"否", "n", "no", "false", "0", ""}
NO_REPLY_OUTCOMES = {Outcome.OTHER_NO_SUPPLEMENT, Outcome.OTHER_FEE_UNPAID}


class Column(NamedTuple):
    header: str
    required: bool
    explanation: Promise | str


COLUMNS: list[Column] = [
    Column(
        QUERY_CODE,
        False,
        gettext_lazy("原有的查询码（字母、数字、连字符，不超过16位）；留空则自动生成。"),
    ),
    Column(
        APPLICANT_TYPE,
        True,
        gettext_lazy("自然人、商业企业、科研机构、社会公益组织、法律服务机构 或 其他。"),
    ),
    Column(APPLICANT_NAME, True, gettext_lazy("自然人的姓名，或法人、其他组织的名称。")),
    Column(CONTACT_PERSON, False, gettext_lazy("法人或其他组织的联系人。")),
    Column(ID_TYPE, True, gettext_lazy("居民身份证、护照、统一社会信用代码等，见可选取值。")),
    Column(ID_NUMBER, True, gettext_lazy("按证件类型校验；历史数据可用 --lenient-ids 原样导入。")),
    Column(PHONE, True, gettext_lazy("申请人凭查询码和联系电话（或证件号码）查询进度。")),
    Column(EMAIL, False, gettext_lazy("电子邮箱。")),
    Column(ADDRESS, False, gettext_lazy("通信地址。")),
    Column(POSTCODE, False, gettext_lazy("邮政编码。")),
    Column(DESCRIPTION, True, gettext_lazy("所需政府信息的名称或内容描述。")),
    Column(DOCUMENT_NUMBERS, False, gettext_lazy("所需信息的文号。")),
    Column(DELIVERY_FORM, False, gettext_lazy("获取信息的方式；不知道的留空。")),
    Column(CHANNEL, True, gettext_lazy("当面提交、邮寄（需签收）、平常信函、互联网渠道 或 传真。")),
    Column(
        SUBMITTED_ON,
        False,
        gettext_lazy("提交（寄出）日期，留空即收到申请日期；当面提交的两者相同。"),
    ),
    Column(RECEIVED_ON, True, gettext_lazy("收到申请之日（条例第三十一条），答复期限由此起算。")),
    Column(SUPPLEMENT_REQUESTED_ON, False, gettext_lazy("发出补正告知的日期。")),
    Column(SUPPLEMENT_ITEMS, False, gettext_lazy("告知补正的事项。")),
    Column(SUPPLEMENT_RECEIVED_ON, False, gettext_lazy("收到补正的日期；答复期限自次日重新计算。")),
    Column(CONSULTATION_STARTED_ON, False, gettext_lazy("书面征求第三方或其他机关意见的日期。")),
    Column(CONSULTED_PARTY, False, gettext_lazy("征求意见的对象。")),
    Column(CONSULTATION_ENDED_ON, False, gettext_lazy("收到意见或征求意见期满的日期。")),
    Column(
        EXTENSION_DAYS, False, gettext_lazy("延长答复期限的工作日数（1至20）；须同时填写延长日期。")
    ),
    Column(EXTENDED_ON, False, gettext_lazy("决定延长的日期。")),
    Column(EXTENSION_APPROVED_BY, False, gettext_lazy("同意延长的工作机构负责人。")),
    Column(REPLIED_ON, False, gettext_lazy("答复日期；已答复的申请必填。")),
    Column(
        CLOSED_ON, False, gettext_lazy("办结日期；留空即答复日期。逾期不补正、逾期未缴费的必填。")
    ),
    Column(
        OUTCOME,
        False,
        gettext_lazy("已办结的必填：年度报告的行代码（如 granted、withheld.4）或名称。"),
    ),
    Column(
        ALREADY_PUBLIC,
        False,
        gettext_lazy("是 或 否；只用于予以公开的答复（条例第三十六条第一项）。"),
    ),
    Column(REPLY_TEXT, False, gettext_lazy("答复内容或摘要。")),
]
KNOWN_COLUMNS = [column.header for column in COLUMNS]
REQUIRED_COLUMNS = [column.header for column in COLUMNS if column.required]


class ApplicationImportFailed(FoiError):
    """The file was not imported at all; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__(
            ngettext(
                "发现 %(count)d 处问题，没有导入任何申请。请修改后重新导入。",
                "发现 %(count)d 处问题，没有导入任何申请。请修改后重新导入。",
                len(self.errors),
            )
            % {"count": len(self.errors)}
        )


def _file_error(message: str) -> ApplicationImportFailed:
    return ApplicationImportFailed([RowError(0, "", message)])


@dataclass
class ImportResult:
    applications: list[Application] = field(default_factory=list)
    dry_run: bool = False
    planned: int = 0

    @property
    def count(self) -> int:
        return self.planned if self.dry_run else len(self.applications)


# --- choices -----------------------------------------------------------------------------


def _key(text: str) -> str:
    """A spelling-insensitive key: full-width folded (（）：→ ():), no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).lower()


def _index(choices: type[TextChoices], extra: Iterable[tuple[str, Any]] = ()) -> dict[str, str]:
    """Every accepted spelling → value: the code, the Chinese label, any aliases, and the
    label without a closing bracketed remark where unambiguous (其他（法人或其他组织） → 其他)."""
    with translation.override(None):  # the Chinese msgids, whatever the clerk's language
        pairs = [(value, str(label)) for value, label in choices.choices]
        pairs += [(value, str(alias)) for value, alias in extra]
    index: dict[str, str] = {}
    for value, label in pairs:
        index.setdefault(_key(value), value)
        index.setdefault(_key(label), value)
    # A label without its closing bracket (邮寄（需签收） → 邮寄), when that is unambiguous.
    short: dict[str, set[str]] = {}
    for value, label in pairs:
        shortened = re.sub(r"\([^()]*\)$", "", _key(label))
        if shortened:
            short.setdefault(shortened, set()).add(value)
    for key, values in short.items():
        if len(values) == 1:
            index.setdefault(key, next(iter(values)))
    return index


def _labels(choices: type[TextChoices]) -> str:
    return "".join(f"“{label}”" for label in choices.labels)


CHOICE_COLUMNS: dict[str, type[TextChoices]] = {
    APPLICANT_TYPE: ApplicantType,
    ID_TYPE: identity.IdType,
    CHANNEL: Channel,
    DELIVERY_FORM: DeliveryForm,
    OUTCOME: Outcome,
}
ALIASES: dict[str, list[tuple[str, Any]]] = {
    # The row as printed in Table B ("属于国家秘密") and its number ("（三）1").
    OUTCOME: [(o.value, outcome_info(o).row_label) for o in Outcome]
    + [(o.value, outcome_info(o).heading) for o in Outcome],
}


# --- checking rows -----------------------------------------------------------------------


@dataclass
class _Plan:
    """What one valid row will become."""

    row: int
    query_code: str
    fields: dict[str, Any]
    events: list[tuple[str, datetime.date, int, str]]  # kind, on, days, note


class _Checker:
    """Collects every problem of a file's rows."""

    def __init__(self, *, lenient_ids: bool):
        self.lenient_ids = lenient_ids
        self.errors: list[RowError] = []
        self.choices = {
            header: _index(cls, ALIASES.get(header, ())) for header, cls in CHOICE_COLUMNS.items()
        }
        self.today = timezone.localdate()

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def choice(self, number: int, row: Mapping[str, str], column: str) -> str:
        text = row.get(column, "")
        if not text:
            return ""
        value = self.choices[column].get(_key(text))
        if value is None:
            allowed = _labels(CHOICE_COLUMNS[column])
            if column == OUTCOME:
                allowed = _("年度报告的行代码（%(codes)s）或名称") % {
                    "codes": "、".join(Outcome.values)
                }
            self.error(
                number,
                column,
                _("无法识别的取值“%(value)s”。可填写：%(allowed)s。")
                % {"value": text, "allowed": allowed},
            )
            return ""
        return value

    def date(self, number: int, row: Mapping[str, str], column: str) -> datetime.date | None:
        text = row.get(column, "")
        if not text:
            return None
        parsed = parse_date(text)
        if parsed is None:
            self.error(
                number,
                column,
                _("无法识别的日期“%(value)s”，请使用 YYYY-MM-DD 格式。") % {"value": text},
            )
        elif parsed > self.today:
            self.error(
                number,
                column,
                _("日期 %(day)s 晚于今天。只能导入已经发生的事项。") % {"day": parsed.isoformat()},
            )
            return None
        return parsed

    def not_before(
        self,
        number: int,
        column: str,
        day: datetime.date | None,
        earlier_column: str,
        earlier: datetime.date | None,
    ) -> None:
        if day is not None and earlier is not None and day < earlier:
            self.error(
                number,
                column,
                _("%(column)s（%(day)s）早于%(earlier_column)s（%(earlier)s）。")
                % {
                    "column": column,
                    "day": day.isoformat(),
                    "earlier_column": earlier_column,
                    "earlier": earlier.isoformat(),
                },
            )

    def identity(self, number: int, id_type: str, text: str) -> tuple[str, str]:
        """The number to store and, for an unchecked one, the note saying so."""
        if not id_type or not text:
            return text, ""
        try:
            return identity.check_id(id_type, text), ""
        except identity.IdentityError as exc:
            if not self.lenient_ids:
                self.error(number, ID_NUMBER, str(exc.message))
                return text, ""
            return (
                identity.normalise(text) or text,
                _("证件号码未通过校验（%(problem)s），按历史数据原样导入。")
                % {"problem": str(exc.message).rstrip("。")},
            )

    def row(self, number: int, row: Mapping[str, str]) -> _Plan | None:
        """Check one row on its own; a plan for it, or None when it has problems."""
        before = len(self.errors)
        for column in REQUIRED_COLUMNS:
            if not row.get(column):
                self.error(number, column, _("必须填写。"))
        for column, limit in MAX_LENGTHS.items():
            if len(row.get(column, "")) > limit:
                message = limits.too_long_message(column, limit, len(row[column]))
                self.error(number, column, message)
        query_code = row.get(QUERY_CODE, "").upper()
        if query_code and not QUERY_CODE_PATTERN.match(query_code):
            self.error(
                number,
                QUERY_CODE,
                _("查询码只能由字母、数字或连字符组成，不超过16位。"),
            )
        email = row.get(EMAIL, "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error(number, EMAIL, _("不是有效的电子邮箱地址。"))

        applicant_type = self.choice(number, row, APPLICANT_TYPE)
        id_type = self.choice(number, row, ID_TYPE)
        channel = self.choice(number, row, CHANNEL)
        delivery_form = self.choice(number, row, DELIVERY_FORM)
        outcome = self.choice(number, row, OUTCOME)
        id_number, id_note = self.identity(number, id_type, row.get(ID_NUMBER, ""))
        already_public = self.yes_no(number, row, ALREADY_PUBLIC)

        received_on = self.date(number, row, RECEIVED_ON)
        submitted_on = self.date(number, row, SUBMITTED_ON) or received_on
        asked_on = self.date(number, row, SUPPLEMENT_REQUESTED_ON)
        supplied_on = self.date(number, row, SUPPLEMENT_RECEIVED_ON)
        consulted_on = self.date(number, row, CONSULTATION_STARTED_ON)
        answered_on = self.date(number, row, CONSULTATION_ENDED_ON)
        extended_on = self.date(number, row, EXTENDED_ON)
        replied_on = self.date(number, row, REPLIED_ON)
        closed_on = self.date(number, row, CLOSED_ON)
        extension_days = self.extension_days(number, row)

        if channel and received_on and submitted_on:
            self.receipt(number, channel, submitted_on, received_on)
        for column, day in (
            (SUPPLEMENT_REQUESTED_ON, asked_on),
            (CONSULTATION_STARTED_ON, consulted_on),
            (EXTENDED_ON, extended_on),
            (REPLIED_ON, replied_on),
            (CLOSED_ON, closed_on),
        ):
            self.not_before(number, column, day, RECEIVED_ON, received_on)
        self.pair(number, SUPPLEMENT_REQUESTED_ON, asked_on, SUPPLEMENT_RECEIVED_ON, supplied_on)
        self.pair(number, CONSULTATION_STARTED_ON, consulted_on, CONSULTATION_ENDED_ON, answered_on)
        if row.get(EXTENSION_DAYS) and not row.get(EXTENDED_ON):
            self.error(number, EXTENDED_ON, _("填写了延长天数，须同时填写延长日期。"))
        if row.get(EXTENDED_ON) and not row.get(EXTENSION_DAYS):
            self.error(number, EXTENSION_DAYS, _("填写了延长日期，须同时填写延长天数。"))

        ended_on = self.ending(
            number,
            row,
            outcome=outcome,
            replied_on=replied_on,
            closed_on=closed_on,
            asked_on=asked_on,
            supplied_on=supplied_on,
            already_public=already_public,
        )
        if ended_on is not None:
            for column, day in (
                (SUPPLEMENT_REQUESTED_ON, asked_on),
                (SUPPLEMENT_RECEIVED_ON, supplied_on),
                (CONSULTATION_STARTED_ON, consulted_on),
                (CONSULTATION_ENDED_ON, answered_on),
                (EXTENDED_ON, extended_on),
            ):
                if day is not None and day > ended_on:
                    self.error(
                        number,
                        column,
                        _("%(column)s（%(day)s）晚于答复或办结日期（%(end)s）。")
                        % {"column": column, "day": day.isoformat(), "end": ended_on.isoformat()},
                    )
        elif not outcome and asked_on and not supplied_on and consulted_on and not answered_on:
            self.error(
                number,
                CONSULTATION_ENDED_ON,
                _("在办申请不能同时在等待补正和等待征求意见。"),
            )

        if len(self.errors) > before or received_on is None or submitted_on is None:
            return None

        if outcome:
            status = Status.CLOSED
        elif asked_on and not supplied_on:
            status = Status.AWAITING_SUPPLEMENT
        elif consulted_on and not answered_on:
            status = Status.CONSULTING
        else:
            status = Status.REGISTERED
        if outcome and outcome not in NO_REPLY_OUTCOMES:
            closed_on = closed_on or replied_on
        received_note = _("历史数据导入（%(channel)s）") % {"channel": Channel(channel).label}
        events: list[tuple[str, datetime.date, int, str]] = [
            (LogKind.RECEIVED, received_on, 0, " ".join(filter(None, [received_note, id_note])))
        ]
        if asked_on:
            events.append(
                (LogKind.SUPPLEMENT_REQUESTED, asked_on, 0, row.get(SUPPLEMENT_ITEMS, ""))
            )
        if supplied_on:
            events.append((LogKind.SUPPLEMENT_RECEIVED, supplied_on, 0, ""))
        if consulted_on:
            events.append(
                (LogKind.CONSULTATION_STARTED, consulted_on, 0, row.get(CONSULTED_PARTY, ""))
            )
        if answered_on:
            events.append((LogKind.CONSULTATION_ENDED, answered_on, 0, ""))
        if extended_on and extension_days:
            approved_by = row.get(EXTENSION_APPROVED_BY, "")
            note = (
                _("经%(person)s同意") % {"person": approved_by}
                if approved_by
                else _("历史数据导入，未记录批准人")
            )
            events.append((LogKind.EXTENDED, extended_on, extension_days, note))
        if outcome:
            label = str(Outcome(outcome).label)
            if outcome in NO_REPLY_OUTCOMES:
                events.append((LogKind.CLOSED, closed_on, 0, label))
            else:
                events.append((LogKind.REPLIED, replied_on, 0, label))
        # Same-day entries keep the order above (the clock reads them in log order).
        events.sort(key=lambda event: event[1])
        return _Plan(
            row=number,
            query_code=query_code,
            fields={
                "applicant_type": applicant_type,
                "applicant_name": row[APPLICANT_NAME],
                "contact_person": row.get(CONTACT_PERSON, ""),
                "id_type": id_type,
                "id_number": id_number,
                "phone": row[PHONE],
                "email": email,
                "address": row.get(ADDRESS, ""),
                "postcode": row.get(POSTCODE, ""),
                "description": row[DESCRIPTION],
                "document_numbers": row.get(DOCUMENT_NUMBERS, ""),
                "delivery_form": delivery_form,
                "channel": channel,
                "submitted_on": submitted_on,
                "signed_on": received_on if channel == Channel.SIGNED_MAIL else None,
                "confirmed_on": received_on
                if channel in (Channel.ORDINARY_MAIL, Channel.ONLINE, Channel.FAX)
                else None,
                "received_on": received_on,
                "status": status,
                "outcome": outcome,
                "already_public": already_public,
                "reply_text": row.get(REPLY_TEXT, ""),
                "replied_on": replied_on if outcome not in NO_REPLY_OUTCOMES else None,
                "closed_on": closed_on if outcome else None,
            },
            events=events,
        )

    def yes_no(self, number: int, row: Mapping[str, str], column: str) -> bool:
        text = _key(row.get(column, ""))
        if text in YES:
            return True
        if text not in NO:
            self.error(number, column, _("请填写“是”或“否”。"))
        return False

    def extension_days(self, number: int, row: Mapping[str, str]) -> int:
        text = row.get(EXTENSION_DAYS, "")
        if not text:
            return 0
        if not text.isdigit() or not 1 <= int(text) <= EXTENSION_MAX_DAYS:
            self.error(
                number,
                EXTENSION_DAYS,
                _("延长天数应为1至%(max)d之间的整数（条例第三十三条第二款）。")
                % {"max": EXTENSION_MAX_DAYS},
            )
            return 0
        return int(text)

    def receipt(
        self, number: int, channel: str, submitted_on: datetime.date, received_on: datetime.date
    ) -> None:
        """The receipt date must be the one 条例第三十一条 names for the channel."""
        try:
            decisive = receipt_date(
                channel,
                submitted_on=submitted_on,
                signed_on=received_on,
                confirmed_on=received_on,
            )
        except ReceiptDateError as exc:
            self.error(number, SUBMITTED_ON, str(exc.message))
            return
        if decisive != received_on:
            self.error(
                number,
                SUBMITTED_ON,
                _("当面提交的申请，收到申请之日就是提交之日（条例第三十一条第（一）项）。"),
            )

    def pair(
        self,
        number: int,
        start_column: str,
        start: datetime.date | None,
        end_column: str,
        end: datetime.date | None,
    ) -> None:
        """An end (收到补正, 收到意见) needs its start and cannot come before it."""
        if end is None:
            return
        if start is None:
            self.error(
                number,
                end_column,
                _("填写了%(end)s，须同时填写%(start)s。")
                % {"end": end_column, "start": start_column},
            )
            return
        self.not_before(number, end_column, end, start_column, start)

    def ending(
        self,
        number: int,
        row: Mapping[str, str],
        *,
        outcome: str,
        replied_on: datetime.date | None,
        closed_on: datetime.date | None,
        asked_on: datetime.date | None,
        supplied_on: datetime.date | None,
        already_public: bool,
    ) -> datetime.date | None:
        """Check the reply or closing; the day the clock stopped, None for an open case."""
        if not outcome:
            if not row.get(OUTCOME) and (row.get(REPLIED_ON) or row.get(CLOSED_ON)):
                self.error(number, OUTCOME, _("已答复或办结的申请须填写处理结果。"))
            if already_public:
                self.error(number, ALREADY_PUBLIC, _("“已主动公开”只适用于予以公开的答复。"))
            return None
        if already_public and outcome != Outcome.GRANTED:
            self.error(number, ALREADY_PUBLIC, _("“已主动公开”只适用于予以公开的答复。"))
        if outcome in NO_REPLY_OUTCOMES:
            if row.get(REPLIED_ON):
                self.error(
                    number,
                    REPLIED_ON,
                    _("“%(outcome)s”是不再处理、没有答复的办结，答复日期应留空，请填写办结日期。")
                    % {"outcome": Outcome(outcome).label},
                )
            if not row.get(CLOSED_ON):
                self.error(number, CLOSED_ON, _("逾期不补正、逾期未缴费的申请须填写办结日期。"))
            if outcome == Outcome.OTHER_NO_SUPPLEMENT and (asked_on is None or supplied_on):
                self.error(
                    number,
                    OUTCOME,
                    _("“逾期不补正”的申请须有补正告知日期，且没有收到补正。"),
                )
            return closed_on
        if not row.get(REPLIED_ON):
            self.error(number, REPLIED_ON, _("已答复的申请须填写答复日期。"))
        self.not_before(number, CLOSED_ON, closed_on, REPLIED_ON, replied_on)
        return replied_on

    def across_rows(self, rows: Mapping[int, Mapping[str, str]]) -> None:
        """Query codes: unique in the file and not yet used in the system."""
        first_row: dict[str, int] = {}
        for number, row in rows.items():
            code = row.get(QUERY_CODE, "").upper()
            if not code:
                continue
            if code in first_row:
                self.error(
                    number,
                    QUERY_CODE,
                    _("查询码“%(code)s”与第%(row)s行重复。")
                    % {"code": code, "row": first_row[code]},
                )
                continue
            first_row[code] = number
        taken = Application.objects.filter(query_code__in=list(first_row)).values_list(
            "query_code", flat=True
        )
        for code in sorted(taken, key=first_row.__getitem__):
            self.error(
                first_row[code],
                QUERY_CODE,
                _("查询码“%(code)s”已被系统中的其他申请使用。") % {"code": code},
            )


# --- importing ---------------------------------------------------------------------------


def import_applications(
    *,
    agency: Agency,
    actor,
    rows: Sequence[Mapping[str, Any]],
    row_numbers: Sequence[int] | None = None,
    filename: str = "",
    lenient_ids: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Check every row, then create all applications with their logs in one transaction, or
    none. Raises ApplicationImportFailed listing every problem; `dry_run` only checks.

    Row numbers default to those of a sheet whose header is row 1 (a table from
    `read_table` brings its own).
    """
    if row_numbers is None:
        row_numbers = getattr(rows, "row_numbers", None) or range(2, len(rows) + 2)
    if len(row_numbers) != len(rows) or len(set(row_numbers)) != len(rows):
        raise ValueError("row_numbers must hold one distinct number per row")
    cleaned: dict[int, dict[str, str]] = {}
    for number, row in zip(row_numbers, rows, strict=True):
        values = {normalise_header(str(key)): cell_text(value) for key, value in row.items()}
        if any(values.values()):
            cleaned[number] = values
    headers = getattr(rows, "headers", None) or list(
        dict.fromkeys(header for values in cleaned.values() for header in values)
    )
    column_errors = check_columns(headers, known=KNOWN_COLUMNS, required=REQUIRED_COLUMNS)
    if column_errors:
        raise ApplicationImportFailed(column_errors)
    if not cleaned:
        raise _file_error(_("文件中没有可导入的数据行。"))
    if len(cleaned) > MAX_ROWS:
        raise _file_error(
            _("一次最多导入%(limit)d行，本文件有%(count)d行。请分成几个文件导入。")
            % {"limit": MAX_ROWS, "count": len(cleaned)}
        )
    checker = _Checker(lenient_ids=lenient_ids)
    plans = [plan for number, row in cleaned.items() if (plan := checker.row(number, row))]
    checker.across_rows(cleaned)
    if checker.errors:
        raise ApplicationImportFailed(sorted(checker.errors, key=lambda error: error.row))
    if dry_run:
        return ImportResult(dry_run=True, planned=len(plans))
    try:
        with transaction.atomic():
            applications = _create(agency, actor, plans, filename, lenient_ids=lenient_ids)
    except IntegrityError as exc:  # someone registered the same query code meanwhile
        raise _file_error(
            _("保存时与其他人同时登记的申请发生冲突，没有导入任何申请。请重试。")
        ) from exc
    return ImportResult(applications=applications)


def import_file(
    *,
    agency: Agency,
    actor,
    filename: str,
    data: bytes,
    lenient_ids: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Read an XLSX or CSV file and import its rows (see `import_applications`)."""
    try:
        rows = read_table(filename, data)
    except ImportFailed as exc:  # the file itself is unreadable: same errors, our wording
        raise ApplicationImportFailed(exc.errors) from exc
    return import_applications(
        agency=agency,
        actor=actor,
        rows=rows,
        row_numbers=getattr(rows, "row_numbers", None),
        filename=filename,
        lenient_ids=lenient_ids,
        dry_run=dry_run,
    )


def _create(
    agency: Agency, actor, plans: list[_Plan], filename: str, *, lenient_ids: bool
) -> list[Application]:
    now = timezone.now()
    # Codes from the file first, so a generated one can never take a code the file still needs.
    wanted = {plan.query_code for plan in plans if plan.query_code}
    applications: list[Application] = []
    for plan in plans:
        code = plan.query_code
        while not code or (code in wanted and code != plan.query_code):
            code = services.new_query_code()  # the one rule for codes: alphabet and length
        application = Application.objects.create(
            agency=agency,
            query_code=code,
            created_by=actor,
            created_at=now,
            updated_at=now,
            **plan.fields,
        )
        Event.objects.bulk_create(
            Event(
                application=application,
                kind=kind,
                on=on,
                days=days,
                note=note,
                actor=actor,
                created_at=now,
            )
            for kind, on, days, note in plan.events
        )
        services.refresh_due_date(application)
        application.save(update_fields=services.DUE_FIELDS)
        record_event(
            actor=actor,
            action="foi.import",
            obj=application,
            agency=agency,
            after=snapshot(application, services.AUDITED_FIELDS),
            note=_("从“%(file)s”第%(row)s行导入") % {"file": filename, "row": plan.row}
            if filename
            else _("第%(row)s行导入") % {"row": plan.row},
        )
        applications.append(application)
    record_event(
        actor=actor,
        action="foi.import_file",
        obj=agency,
        agency=agency,
        after={
            "file": filename,
            "count": len(applications),
            "applications": [application.pk for application in applications],
            "lenient_ids": lenient_ids,
        },
        note=ngettext(
            "从文件“%(file)s”导入 %(count)d 件政府信息公开申请。",
            "从文件“%(file)s”导入 %(count)d 件政府信息公开申请。",
            len(applications),
        )
        % {"file": filename or "—", "count": len(applications)},
    )
    return applications
