"""What a dataset page shows of a resource's data: the preview table and a chart of its numeric
columns against its first text or date column (gongkai/charts draws it, with its table).
Pure: a version's stored columns and preview rows in, a chart out."""

from django.utils.translation import gettext as _

from gongkai.charts.svg import Chart, Series, bar_chart, line_chart
from gongkai.opendata.models import ResourceVersion

NUMERIC = ("integer", "number")
MAX_SERIES = 3


def _number(text: str) -> int | float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def _comparable(columns: list[int], rows: list[list[str]]) -> list[int]:
    """The first numeric column and those after it of the same order of magnitude (within
    10×), at most MAX_SERIES: 28.1 万份 beside 31,250 人 on one axis would be a flat line."""

    def highest(i: int) -> float:
        return max((abs(_number(row[i]) or 0) for row in rows), default=0)

    first = highest(columns[0])
    chosen = [columns[0]]
    for i in columns[1:]:
        top = highest(i)
        if len(chosen) < MAX_SERIES and first and top and 0.1 <= top / first <= 10:
            chosen.append(i)
    return chosen


def chart_for(version: ResourceVersion | None, title: str) -> Chart | None:
    """A bar chart (text categories) or line chart (dates) of the first numeric columns over
    the preview rows; None when the table has no category column or no numeric column."""
    if version is None or not version.preview:
        return None
    kinds = [column["type"] for column in version.columns]
    names = [column.get("title") or column["name"] for column in version.columns]
    category = next((i for i, kind in enumerate(kinds) if kind in ("string", "date")), None)
    numeric = [i for i, kind in enumerate(kinds) if kind in NUMERIC]
    if category is None or not numeric:
        return None
    rows = version.preview
    numeric = _comparable(numeric, rows)
    categories = [row[category] for row in rows]
    series = [Series(names[i], [_number(row[i]) for row in rows]) for i in numeric]
    chart_title = _("%(title)s：%(columns)s（前%(count)d行）") % {
        "title": title,
        "columns": "、".join(names[i] for i in numeric),
        "count": len(rows),
    }
    if kinds[category] == "date":
        return line_chart(chart_title, categories, series)
    return bar_chart(chart_title, categories, series)
