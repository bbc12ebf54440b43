"""The console's tables of records, applications (依申请公开) and messages, written in Python.

Through the template engine a row cost ~0.5 ms (a URL, a truncated text, two labels, a date
and the clock's cell each); the records list shows 50 rows a page, the messages overview up
to 20 rows for each of its stages, the applications list up to 20 for each section, so the
rows were most of these pages (bench/province.py --only console). The markup is the
templates' as they were; tests read it back. A designer changing these rows edits this file.

    {% load console_rows %}
    {% document_rows documents empty_text show_agency=True show_dates=True %}
    {% foi_rows applications empty_text %}
    {% message_rows rows empty_text %}     {# rows of console.mailbox_views.MessageRow #}
"""

import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape as e
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.console.templatetags.console_tags import label_of
from gongkai.obligations.templatetags.deadline_tags import clock_cell
from gongkai.portal.links import links_to
from gongkai.portal.templatetags.record_list_tags import day

register = template.Library()

SUMMARY_CHARS = 40  # of an application's request or a message's subject, in a row
# What `document_rows` reads of a record: a list loads only these (`only()`), for which the
# rows then make no further query.
DOCUMENT_ROW_FIELDS = (
    "pk",
    "title",
    "status",
    "attribute",
    "index_number",
    "due_on",
    "due_problem",
    "due_is_provisional",
    "is_late",
    "updated_at",
    "published_at",
    "agency__name",
    "agency__short_name",
    "catalogue_item__code",
    "catalogue_item__name",
)


def _table(headers: list[str], rows: list[str]) -> SafeString:
    head = "".join(f'<th scope="col">{header}</th>' for header in headers)
    # Every value in the rows and headers is escaped (conditional_escape, as templates do).
    return mark_safe(  # noqa: S308
        '<div class="table-scroll"><table class="console-cards">\n'
        f"  <thead><tr>{head}</tr></thead>\n"
        f"  <tbody>{''.join(rows)}</tbody>\n"
        "</table></div>"
    )


def _due_cell(obj, clock, on_time: str, late: str) -> SafeString:
    """The due day of an application or a message and its clock's state (`clock_cell`)."""
    return clock_cell(
        clock,
        due_on=obj.due_on,
        provisional=obj.due_is_provisional,
        problem=obj.due_problem,
        on_time=on_time,
        late=late,
    )


def _empty(text) -> SafeString:
    return mark_safe(f'<p class="muted">{e(text)}</p>')  # noqa: S308


def _minute(value: datetime.datetime | None) -> str:
    """Y-m-d H:i in the current time zone, as the `date` filter writes it."""
    if value is None:
        return ""
    return dateformat.format(
        timezone.localtime(value) if timezone.is_aware(value) else value, "Y-m-d H:i"
    )


@register.simple_tag
def document_rows(
    documents, empty_text: str = "", show_agency: bool = False, show_dates: bool = False
) -> SafeString:
    """标题 (and the agency), 目录事项, 状态 · 公开属性, 应公开日期 with the ledger's clock,
    (修改时间, 发布日期,) 索引号."""
    documents = list(documents)
    if not documents:
        return _empty(empty_text)
    title, item, status = e(_("标题")), e(_("目录事项")), e(_("状态"))
    due, changed, published, index_number = (
        e(_("应公开日期")),
        e(_("修改时间")),
        e(_("发布日期")),
        e(_("索引号")),
    )
    on_time, late = _("按时发布"), _("逾期发布")
    detail_url = links_to("console:document-detail")
    rows = []
    for d in documents:
        where = f'<br><span class="muted">{e(d.agency.display_name)}</span>' if show_agency else ""
        dates = ""
        if show_dates:
            dates = (
                f'<td data-label="{changed}">{_minute(d.updated_at)}</td>'
                f'<td data-label="{published}">{day(d.published_at) or "—"}</td>'
            )
        clock = _due_cell(d, getattr(d, "clock", None), on_time, late)
        rows.append(
            "<tr>\n"
            f'      <td data-label="{title}"><a href="{e(detail_url(d.pk))}">{e(d.title)}</a>'
            f"{where}</td>\n"
            f'      <td data-label="{item}">{e(Truncator(d.catalogue_item.name).chars(24))} '
            f'<span class="muted">{e(d.catalogue_item.code)}</span></td>\n'
            f'      <td data-label="{status}">{e(label_of(d, "status"))} · '
            f"{e(label_of(d, 'attribute'))}</td>\n"
            f'      <td data-label="{due}">{e(clock)}</td>\n'
            f"      {dates}\n"
            f'      <td data-label="{index_number}">{e(d.index_number or "—")}</td>\n'
            "    </tr>"
        )
    headers = [
        title,
        item,
        status,
        due,
        *([changed, published] if show_dates else []),
        index_number,
    ]
    return _table(headers, rows)


@register.simple_tag
def foi_rows(applications, empty_text: str = "") -> SafeString:
    """查询码, 申请内容 (and the agency), 收到申请之日, 答复期限 with the ledger's clock,
    办理状态 (outcome, 未当日确认), 承办人."""
    applications = list(applications)
    if not applications:
        return _empty(empty_text)
    code, request, received = e(_("查询码")), e(_("申请内容")), e(_("收到申请之日"))
    due, status, handler = e(_("答复期限")), e(_("办理状态")), e(_("承办人"))
    on_time, late = _("按时答复"), _("逾期答复")
    not_confirmed = e(_("未当日确认"))
    detail_url = links_to("console:foi-detail")
    rows = []
    for a in applications:
        state = e(label_of(a, "status"))
        if a.outcome and not a.is_open:
            state += f'<br><span class="muted">{e(label_of(a, "outcome"))}</span>'
        if a.is_confirmation_late:
            state += f'<br><span class="badge warn">{not_confirmed}</span>'
        # A list without the ledger's clocks (the late confirmations) shows the due day alone.
        clock = _due_cell(a, getattr(a, "clock", None), on_time, late)
        name = (a.handler.get_full_name() if a.handler else "") or "—"
        rows.append(
            "<tr>\n"
            f'    <td data-label="{code}"><a href="{e(detail_url(a.pk))}">'
            f"{e(a.query_code)}</a></td>\n"
            f'    <td data-label="{request}">{e(Truncator(a.description).chars(SUMMARY_CHARS))}'
            f'<br><span class="muted">{e(a.agency.display_name)}</span></td>\n'
            f'    <td data-label="{received}">{day(a.received_on)}</td>\n'
            f'    <td data-label="{due}">{e(clock)}</td>\n'
            f'    <td data-label="{status}">{state}</td>\n'
            f'    <td data-label="{handler}">{e(name)}</td>\n'
            "  </tr>"
        )
    return _table([code, request, received, due, status, handler], rows)


@register.simple_tag
def message_rows(rows, empty_text: str = "") -> SafeString:
    """查询码, 标题 (agency, 承办单位), 类别, 收到日期 (超过3个月未答复), 答复期限 with the
    ledger's clock, 办理状态 (已公开)."""
    rows = list(rows)
    if not rows:
        return _empty(empty_text)
    code, subject, category = e(_("查询码")), e(_("标题")), e(_("类别"))
    received, due, status = e(_("收到日期")), e(_("答复期限")), e(_("办理状态"))
    on_time, late = _("已按时答复"), _("超期答复")
    past_line, published = e(_("超过3个月未答复")), e(_("已公开"))
    detail_url = links_to("console:message-detail")
    cells = []
    for row in rows:
        m = row.message
        where = e(m.agency.display_name)
        if m.responsible_unit:
            where += f" · {e(m.responsible_unit)}"
        received_on = day(row.received_on)
        if row.is_past_line:
            received_on += f'<br><span class="badge bad">{past_line}</span>'
        state = e(label_of(m, "status"))
        if m.is_published:
            state += f'<br><span class="muted">{published}</span>'
        clock = _due_cell(m, row.clock, on_time, late)
        cells.append(
            "<tr>\n"
            f'    <td data-label="{code}"><a href="{e(detail_url(m.pk))}">'
            f"{e(m.query_code)}</a></td>\n"
            f'    <td data-label="{subject}">{e(Truncator(m.subject).chars(SUMMARY_CHARS))}'
            f'<br><span class="muted">{where}</span></td>\n'
            f'    <td data-label="{category}">{e(label_of(m, "category"))}</td>\n'
            f'    <td data-label="{received}">{received_on}</td>\n'
            f'    <td data-label="{due}">{e(clock)}</td>\n'
            f'    <td data-label="{status}">{state}</td>\n'
            "  </tr>"
        )
    return _table([code, subject, category, received, due, status], cells)
