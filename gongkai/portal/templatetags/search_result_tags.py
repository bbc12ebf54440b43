"""The search page's three lists of results, written in Python: records, enforcement
decisions (双公示) and open datasets.

Through the template engine the 35 rows of a first page took ~4 ms, a sixth of the page
(bench/pages.py). The markup is the template's as it was; tests read it back. A designer
changing these rows edits this file.

    {% load search_result_tags %}
    {% record_hits found.records %}
    {% decision_hits decisions %}
    {% dataset_hits datasets %}
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gongkai.documents.models import Validity
from gongkai.portal.links import links_to
from gongkai.portal.templatetags.record_list_tags import day

register = template.Library()

# The fields of a record that `record_hits` reads: the search view loads only these.
RECORD_HIT_FIELDS = (
    "pk",
    "title",
    "agency__name",
    "published_at",
    "document_number",
    "validity",
)


def _snippet(snippet: str) -> str:
    # The index's snippet is HTML: its text escaped there, the matches marked.
    return f'\n      <p class="snippet" lang="zh-Hans">{snippet}</p>' if snippet else ""


@register.simple_tag
def record_hits(records) -> SafeString:
    """An ordered list of (record, snippet): title linked, agency, day, 文号, a badge when no
    longer valid, the snippet."""
    record_url = links_to("portal:document-detail")
    validities = {value: escape(str(label)) for value, label in Validity.choices}
    rows = []
    for d, snippet in records:
        number = (
            f' · <span lang="zh-Hans">{escape(d.document_number)}</span>'
            if d.document_number
            else ""
        )
        badge = (
            f' · <span class="badge bad">{validities.get(d.validity, escape(d.validity))}</span>'
            if d.validity != Validity.VALID
            else ""
        )
        rows.append(
            "    <li>\n"
            f'      <h2 class="result-title"><a href="{escape(record_url(d.pk))}" lang="zh-Hans">'
            f"{escape(d.title)}</a></h2>\n"
            f'      <p class="muted"><span lang="zh-Hans">{escape(d.agency.name)}</span> · '
            f"{day(d.published_at)}{number}{badge}</p>{_snippet(snippet)}\n"
            "    </li>"
        )
    # Every value is escaped (html.escape, quotes included); snippets are the index's HTML.
    return mark_safe('<ol class="results">\n' + "\n".join(rows) + "\n  </ol>")  # noqa: S308


@register.simple_tag
def decision_hits(decisions) -> SafeString:
    """Found decisions (`enforcement.searching.DecisionHit`): kind and party (masked) linked,
    文号, day decided, the snippet."""
    decision_url = links_to("portal:decision-detail")
    rows = [
        f'    <li><a href="{escape(decision_url(d.pk))}" lang="zh-Hans">'
        f"{escape(d.kind_label)}：{escape(d.party_name)}</a>\n"
        f'      <span class="muted"><span lang="zh-Hans">{escape(d.document_number)}</span> · '
        f"{day(d.decided_on)}</span>{_snippet(d.snippet)}</li>"
        for d in decisions
    ]
    # Every value is escaped (html.escape, quotes included); snippets are the index's HTML.
    return mark_safe('<ul class="results">\n' + "\n".join(rows) + "\n  </ul>")  # noqa: S308


@register.simple_tag
def dataset_hits(datasets) -> SafeString:
    """A list of (dataset, snippet): title linked, agency, 数据集, day modified, the snippet."""
    dataset_url = links_to("portal:dataset-detail")
    kind_label = escape(_("数据集"))
    rows = [
        f'    <li><a href="{escape(dataset_url(d.name))}" lang="zh-Hans">{escape(d.title)}</a>\n'
        f'      <span class="muted"><span lang="zh-Hans">{escape(d.agency.name)}</span> · '
        f"{kind_label} · {day(d.modified_at)}</span>{_snippet(snippet)}</li>"
        for d, snippet in datasets
    ]
    # Every value is escaped (html.escape, quotes included); snippets are the index's HTML.
    return mark_safe('<ul class="results">\n' + "\n".join(rows) + "\n  </ul>")  # noqa: S308
