"""The public pages' lists of records, written in Python: the home page's three lists, an
agency's latest, the table of a column page (catalogue node, 制度, 机构信息) and the policy
library's.

Through the template engine a row took ~0.3 ms (a link, two dates through the `date` filter
and four translated labels each); a catalogue node's table of 20 was a quarter of the page
(bench/pages.py). The markup is the templates' as they were; tests read it back.

    {% load record_list_tags %}
    {% record_list records show_agency=True %}
    {% record_table records empty_text=… %}
    {% policy_table records %}
"""

import datetime
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gongkai.documents.models import DocumentType, Validity
from gongkai.portal.links import links_to

register = template.Library()


def day(value) -> str:
    """Y-m-d as the `date` filter writes it: a datetime in the current time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%Y-%m-%d")


@register.simple_tag
def record_list(records, show_agency: bool = False) -> SafeString:
    """Titles linked to their records, each with the date published (and the agency)."""
    record_url = links_to("portal:document-detail")
    rows = []
    for d in records:
        on = day(d.published_at)
        agency = (
            f'<span lang="zh-Hans">{escape(d.agency.display_name)}</span> · ' if show_agency else ""
        )
        rows.append(
            f'  <li><a href="{escape(record_url(d.pk))}" lang="zh-Hans">{escape(d.title)}</a>\n'
            f'      <span class="muted">{agency}<time datetime="{on}">{on}</time></span></li>'
        )
    if not rows:
        rows.append(f'<li class="muted">{escape(_("暂无信息。"))}</li>')
    # Every value is escaped (html.escape, quotes included).
    return mark_safe('<ul class="list">\n' + "\n".join(rows) + "\n</ul>")  # noqa: S308


@register.simple_tag
def record_table(records, empty_text: str = "") -> SafeString:
    """索引号, 名称, 文号, 生成日期, 发布日期 (cards on a phone, each cell labelled)."""
    records = list(records)
    if not records:
        # Every value is escaped (html.escape, quotes included).
        return mark_safe(f'<p class="muted">{escape(empty_text or _("暂无信息。"))}</p>')  # noqa: S308
    record_url = links_to("portal:document-detail")
    index, name, number = escape(_("索引号")), escape(_("名称")), escape(_("文号"))
    formed, published = escape(_("生成日期")), escape(_("发布日期"))
    parts = ['<div class="table-scroll"><table class="record-table">']
    parts.append(
        f'  <thead><tr><th scope="col">{index}</th><th scope="col">{name}</th>'
        f'<th scope="col">{number}</th><th scope="col">{formed}</th>'
        f'<th scope="col">{published}</th></tr></thead>\n  <tbody>'
    )
    for d in records:
        badge = (
            f' <span class="badge bad">{escape(str(d.get_validity_display()))}</span>'
            if d.validity != Validity.VALID
            else ""
        )
        formed_on, published_on = day(d.formed_on), day(d.published_at)
        parts.append(
            f'    <tr><td class="index-number" data-label="{index}">'
            f"{escape(d.index_number or '')}</td>\n"
            f'      <td class="title"><a href="{escape(record_url(d.pk))}" lang="zh-Hans">'
            f"{escape(d.title)}</a>{badge}</td>\n"
            f'      <td class="number" data-label="{number}" lang="zh-Hans">'
            f"{escape(d.document_number or '—')}</td>\n"
            f'      <td class="date" data-label="{formed}">'
            f'<time datetime="{formed_on}">{formed_on}</time></td>\n'
            f'      <td class="date" data-label="{published}">'
            f'<time datetime="{published_on}">{published_on}</time></td></tr>'
        )
    parts.append("  </tbody>\n</table></div>")
    # Every value is escaped (html.escape, quotes included).
    return mark_safe("\n".join(parts))  # noqa: S308


@register.simple_tag
def policy_table(records) -> SafeString:
    """The policy library's table: 标题 (with the kind of document), 发文机关, 文号, 发布日期,
    有效性 — cards on a phone, each cell labelled. The records come with their issuers
    prefetched; the kinds' and validities' labels are looked up once (a model's
    get_FOO_display builds its dictionary of choices at every call)."""
    kinds = {value: escape(str(label)) for value, label in DocumentType.choices}
    validities = {value: escape(str(label)) for value, label in Validity.choices}
    title, issuers, number = escape(_("标题")), escape(_("发文机关")), escape(_("文号"))
    published, validity = escape(_("发布日期")), escape(_("有效性"))
    record_url = links_to("portal:document-detail")
    parts = [
        '<div class="table-scroll"><table class="card-table">\n'
        f'  <thead><tr><th scope="col">{title}</th><th scope="col">{issuers}</th>'
        f'<th scope="col">{number}</th><th scope="col">{published}</th>'
        f'<th scope="col">{validity}</th></tr></thead>\n  <tbody>'
    ]
    for d in records:
        names = "、".join(escape(issuer.name) for issuer in d.issuers.all())
        state = validities.get(d.validity, escape(d.validity))
        if d.validity != Validity.VALID:
            state = f'<span class="badge bad">{state}</span>'
        parts.append(
            f'    <tr><td data-label="{title}"><a href="{escape(record_url(d.pk))}" lang="zh-Hans">'
            f'{escape(d.title)}</a> <span class="muted">'
            f"{kinds.get(d.document_type, escape(d.document_type))}</span></td>\n"
            f'      <td data-label="{issuers}" lang="zh-Hans">{names}</td>\n'
            f'      <td data-label="{number}" class="nowrap" lang="zh-Hans">'
            f"{escape(d.document_number or '—')}</td>\n"
            f'      <td data-label="{published}" class="nowrap">{day(d.published_at)}</td>\n'
            f'      <td data-label="{validity}">{state}</td></tr>'
        )
    if len(parts) == 1:
        parts.append(f'  <tr><td colspan="5">{escape(_("没有符合条件的文件。"))}</td></tr>')
    parts.append("  </tbody>\n</table></div>")
    # Every value is escaped (html.escape, quotes included).
    return mark_safe("\n".join(parts))  # noqa: S308
