"""Pure rules of the document library: no database, no settings."""

import datetime
from typing import Any

import nh3
from django.utils.translation import gettext as _

from gongkai.workdays.rules import WorkCalendar, add_working_days

# The rich-text subset a record body may keep (headings, paragraphs, lists, tables, links).
ALLOWED_BODY_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "blockquote",
    "hr",
}
# Not kept: <span> (it carries no attribute we keep, so it only wraps Word's styling) and
# `lang` (Word marks Chinese text lang="EN-US", which makes a screen reader read it in English).
DROPPED_GENERIC_ATTRIBUTES = frozenset({"lang"})
ALLOWED_BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def clean_body(html: str) -> str:
    """Sanitise a record body: keep structure, drop scripts, styles and event handlers.

    A paste from Word comes out as plain structure: its conditional comments, <o:p>, <st1:…>,
    <font>, classes (MsoNormal), mso- styles and language marks go (tests/test_word_paste.py).
    """
    return nh3.clean(
        html or "",
        tags=ALLOWED_BODY_TAGS,
        attributes=ALLOWED_BODY_ATTRIBUTES,
        attribute_filter=_drop_generic_attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def _drop_generic_attributes(_tag: str, attribute: str, value: str) -> str | None:
    return None if attribute in DROPPED_GENERIC_ATTRIBUTES else value


def plain_text_to_body(text: str) -> str:
    """Turn plain text (imports, samples) into paragraphs, one per non-blank line."""
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    escaped = [
        p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in paragraphs
    ]
    return "".join(f"<p>{p}</p>" for p in escaped)


def attribute_problems(*, attribute: str, scope: str, basis: str, reason: str) -> dict[str, str]:
    """Field → message for a publication attribute that lacks its reason or legal basis.

    Anything but full proactive disclosure needs both (条例 Art.14–16 for withholding,
    Art.37 for partial disclosure).
    """
    from gongkai.documents.models import Attribute, Scope

    problems: dict[str, str] = {}
    full_proactive = attribute == Attribute.PROACTIVE and scope == Scope.FULL
    if full_proactive:
        return problems
    if not basis:
        problems["withholding_basis"] = _("除全文主动公开外，必须选择不公开或删减的法律依据。")
    if not (reason or "").strip():
        problems["withholding_reason"] = _("除全文主动公开外，必须写明不公开或删减的理由。")
    return problems


def future_date_problems(
    *,
    document_type: str,
    formed_on: datetime.date | None,
    changed_on: datetime.date | None,
    today: datetime.date,
) -> dict[str, str]:
    """Field → message for a 成文日期, decision date or 变更日期 after `today`.

    Information cannot have been formed, changed or decided on a day still to come (条例
    Art.26 counts from that day). For licensing, penalty and enforcement results 成文日期 is
    the decision date. A 征求意见稿 is exempt: its 成文日期 is its consultation's opening day,
    which is set by the consultation and may lie ahead.
    """
    from gongkai.documents.models import DECISION_TYPES, DocumentType

    problems: dict[str, str] = {}
    if formed_on and formed_on > today and document_type != DocumentType.CONSULTATION_DRAFT:
        if document_type in DECISION_TYPES:
            message = _(
                "决定日期（成文日期，%(day)s）晚于今天（%(today)s），请填写已经作出决定的日期。"
            )
        else:
            message = _("成文日期（%(day)s）晚于今天（%(today)s），请填写信息实际形成的日期。")
        problems["formed_on"] = message % {"day": formed_on.isoformat(), "today": today.isoformat()}
    if changed_on and changed_on > today:
        problems["changed_on"] = _(
            "变更日期（%(day)s）晚于今天（%(today)s），请填写信息实际变更的日期。"
        ) % {"day": changed_on.isoformat(), "today": today.isoformat()}
    return problems


def decision_count_problem(document_type: str, count: Any) -> str:
    """Why `count` cannot be the record's number of decisions; empty when it can.

    A licensing, penalty or enforcement result may list several decisions (a 汇总公示 table);
    Table A counts each (本年处理决定数量, spec §3.2). Any other record is one item.
    """
    from gongkai.documents.models import DECISION_TYPES

    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return _("决定数量必须是不小于1的整数。")
    if count != 1 and document_type not in DECISION_TYPES:
        return _("只有行政许可、行政处罚、行政强制决定填写决定数量；其他类型的信息决定数量为1。")
    return ""


def format_index_number(agency_code: str, year: int, serial: int) -> str:
    """索引号: agency code / year-serial, e.g. 000014349/2017-00110 (gov.cn practice)."""
    return f"{agency_code}/{year}-{serial:05d}"


def publication_due_on(
    start_on: datetime.date, time_limit_days: int, calendar: WorkCalendar
) -> datetime.date:
    """Due date for proactive disclosure: N working days after formation or change.

    条例 Art.26 (20 working days unless a law sets another period; 7 for licensing and
    penalty results under 双公示). The start day is not counted (Civil Code Art.201).
    """
    return add_working_days(start_on, time_limit_days, calendar)


def record_time_limit_days(document_type: str, catalogue_days: int) -> int:
    """Working days to publish a record: its catalogue element's (or item's) limit, but at
    most 7 for a licensing or penalty result, counted from the decision (双公示, spec §5.4).

    The record type decides, not only the element the clerk chose: a decision filed under a
    20-day element is still due in 7 working days; a stricter catalogue limit still applies.
    """
    from gongkai.documents.models import DOUBLE_PUBLICITY_DAYS, DOUBLE_PUBLICITY_TYPES

    if document_type in DOUBLE_PUBLICITY_TYPES:
        return min(catalogue_days, DOUBLE_PUBLICITY_DAYS)
    return catalogue_days


def is_published_late(published_on: datetime.date, due_on: datetime.date | None) -> bool:
    """Late when published after the due date (the due date itself is on time)."""
    return due_on is not None and published_on > due_on
