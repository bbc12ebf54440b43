from django import template
from django.utils.safestring import mark_safe

from gongkai.charts.svg import Chart

register = template.Library()


@register.inclusion_tag("charts/_chart.html")
def chart(chart: Chart, *, table_open: bool = False) -> dict:
    """The chart and, in a <details> under it, the table of its figures; 暂无数据 when empty.

    `{% load charts %}{% chart replies_chart %}`
    """
    # The SVG is built from escaped text only (gongkai/charts/svg.py).
    return {"chart": chart, "svg": mark_safe(chart.svg), "table_open": table_open}  # noqa: S308
