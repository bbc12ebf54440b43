"""The catalogue tree of an agency's 法定主动公开内容 page, written in Python.

Through the template engine the tree of ~60 items — a link, a pluralised count and two
comparisons each — was a quarter of the page's rendering (bench/pages.py, the catalogue node).
The markup is the template's as it was; tests compare it element by element.

    {% load catalogue_tags %}
    {% catalogue_tree agency tree total chosen_item chosen_category open_category %}
"""

from html import escape
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.portal.links import links_to

register = template.Library()


def _count(n: int) -> str:
    return escape(ngettext("%(counter)s 条", "%(counter)s 条", n) % {"counter": n})


def _current(is_current: bool) -> str:
    return ' aria-current="page"' if is_current else ""


@register.simple_tag
def catalogue_tree(
    agency, tree, total: int, chosen_item, chosen_category, open_category: str
) -> SafeString:
    """The tree (categories as <details>, items as links with their counts), the chosen node
    marked aria-current and its category open; empty items classed so."""
    catalogue_url = escape(reverse("portal:agency-catalogue", args=[agency.code]))
    item_url = links_to("portal:agency-catalogue-item", agency.code)

    chosen_item_pk = getattr(chosen_item, "pk", None)
    chosen_category_code = getattr(chosen_category, "code", None)
    all_label, this_category = escape(_("全部信息")), escape(_("本类全部"))
    groups = {True: escape(_("基础公开事项")), False: escape(_("卫生健康领域公开事项"))}
    parts = [
        '<ul class="tree">\n    <li class="tree-all">'
        f'<a href="{catalogue_url}"{_current(not chosen_item and not chosen_category)}>'
        f'{all_label}</a> <span class="count">{_count(total)}</span></li>'
    ]
    group = None
    for category in tree:
        if category.is_basic != group:
            group = category.is_basic
            parts.append(f'<li class="tree-group">{groups[group]}</li>')
        parts.append(
            f"<li><details{' open' if category.code == open_category else ''}>\n"
            f'      <summary><span lang="zh-Hans">{escape(category.name)}</span> '
            f'<span class="count">{_count(category.count)}</span></summary>\n      <ul>\n'
            # The category code in a query string, quoted as the urlencode filter quotes.
            f'        <li><a href="{catalogue_url}?category={escape(quote(category.code))}"'
            f"{_current(chosen_category_code == category.code)}>{this_category}</a></li>"
        )
        for node in category.items:
            item = node.item
            empty = ' class="empty"' if node.is_empty else ""
            parts.append(
                f'<li{empty}><a href="{escape(item_url(item.code))}"'
                f'{_current(chosen_item_pk == item.pk)} lang="zh-Hans">{escape(item.name)}</a> '
                f'<span class="count">{_count(node.count)}</span></li>'
            )
        parts.append("</ul>\n    </details></li>")
    parts.append("</ul>")
    # Every value above is escaped (html.escape, quotes included).
    return mark_safe("\n".join(parts))  # noqa: S308
