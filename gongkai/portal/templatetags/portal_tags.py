from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.agencies.models import Agency
from gongkai.portal.links import links_to

register = template.Library()


@register.inclusion_tag("portal/_agency_switcher.html", takes_context=True)
def agency_switcher(context) -> dict:
    """A no-JavaScript chooser for deployments that host several agencies, on every public
    page. Its options are written here rather than by a template loop, from plain values
    sorted in Python: a province's 300 agencies cost ~5 ms a page through the template engine
    and the ORM's CASE ordering."""
    current = getattr(context.get("agency"), "code", "")
    rows = Agency.objects.active().choices_in_hierarchy_order()
    options = "".join(
        f'<option value="{escape(code)}" lang="zh-Hans"{" selected" if code == current else ""}>'
        f"{escape(name)}</option>"
        for code, name in rows
    )
    # Every value above is escaped (html.escape, quotes included).
    return {"options": mark_safe(options), "count": len(rows), "current_code": current}  # noqa: S308


_CARD_LINKS = ("portal:agency-home", "portal:agency-guide", "portal:agency-catalogue")


@register.simple_tag
def agency_cards(agencies) -> SafeString:
    """The home page's card per agency: its name, how many records it has made public, and
    its 指南 and 目录. Written here, not by a template loop: a province's 300 agencies, three
    URLs and a pluralised count each, were most of its home page."""
    links = [links_to(name) for name in _CARD_LINKS]
    guide_label, catalogue_label = escape(_("政府信息公开指南")), escape(_("政府信息公开目录"))
    cards = []
    for agency in agencies:
        home_url, guide_url, catalogue_url = (escape(link(agency.code)) for link in links)
        n = agency.public_count
        count = ngettext("已公开 %(counter)s 条", "已公开 %(counter)s 条", n) % {"counter": n}
        name = escape(agency.name)
        cards.append(
            '  <li class="card">\n'
            f'    <a class="agency-name" href="{home_url}" lang="zh-Hans">{name}</a>\n'
            f'    <span class="muted">{escape(count)}</span>\n'
            f'    <span class="agency-links"><a href="{guide_url}">{guide_label}</a>\n'
            f'    <a href="{catalogue_url}">{catalogue_label}</a></span>\n'
            "  </li>"
        )
    # Every value is escaped (html.escape, quotes included).
    return mark_safe('<ul class="agency-list">' + "".join(cards) + "\n</ul>")  # noqa: S308


@register.inclusion_tag("portal/_breadcrumbs.html")
def breadcrumbs(*trail) -> dict:
    """面包屑: 首页, then label/URL pairs, then the current page's label (not linked).

    `{% url 'portal:agency-home' agency.code as agency_url %}
    {% breadcrumbs agency.name agency_url _("政府信息公开指南") %}`
    """
    *pairs, current = trail
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes label/URL pairs and a last label")
    links = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
    return {"links": links, "current": current}


@register.filter
def tel_href(number: str) -> str:
    """A `tel:` target from a phone number as written (0555-1234567（总机）→ 0555-1234567)."""
    return "".join(ch for ch in number if ch.isdigit() or ch in "+-")


@register.filter
def field_anchor(field) -> str:
    """The id an error summary's link leads to: the field's input, or for a group of radio
    buttons or check boxes (whose id_for_label Django leaves empty) its first option."""
    if field.id_for_label:
        return field.id_for_label
    return f"{field.auto_id}_0" if field.auto_id else ""
