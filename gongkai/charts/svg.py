"""Series of figures → inline SVG charts, drawn on the server: no JavaScript, no library.

A chart is always published with the table of its figures (the template tag in
templatetags/charts.py), so the SVG is a picture of data that is also readable as text. It is
an image to assistive technology (`role="img"`, a `<title>` and a `<desc>` summarising the
figures) and not colour-only: each series has its own fill pattern (solid, hatched, dotted) or
line marker, and bars carry their values. Sizes come from the viewBox, so the chart follows the
width of the page; text takes the page's font. Nothing here touches the database or a request.
"""

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

WIDTH = 480
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 22, 46
FONT_SIZE = 13
SMALL_FONT_SIZE = 11
# Dark enough for 3:1 against white (WCAG 1.4.11) and told apart by pattern, not hue alone.
COLOURS = ("#1d4f91", "#a4471b", "#2e6b30")
INK = "#1a1a1a"
GRID = "#c8c8c8"
MARKERS = ("circle", "square", "triangle")
DASHES = ("", "6 3", "2 3")

Number = int | float


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class Chart:
    """What the template shows: the title, the SVG (empty when there is nothing to draw) and
    the figures as rows for the data table."""

    kind: str
    title: str
    categories: list[str]
    series: list[Series]
    unit: str = ""
    svg: str = ""
    summary: str = ""
    totals: list[Number] = field(default_factory=list)
    decimals: int = 1  # places shown for values that are not whole (amounts in 万元: 2)

    @property
    def is_empty(self) -> bool:
        return not self.svg

    @property
    def rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(category, [(series label, value as shown)]) for the data table."""
        return [
            (category, [(s.label, format_number(s.values[i], self.decimals)) for s in self.series])
            for i, category in enumerate(self.categories)
        ]


def format_number(value: Number | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.{decimals}f}"
    return str(int(value))


def nice_ceiling(value: float, *, whole: bool = False) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ not below `value` (the top of the value axis); for
    `whole` numbers (counts) 2.5 is left out below 10, so every tick is a count."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    steps = (1, 2, 5, 10) if whole and power < 10 else (1, 2, 2.5, 5, 10)
    for step in steps:
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def tick_step(top: float, *, whole: bool = False) -> float:
    """Five, four or two intervals up to `top`, whichever comes first as a whole count."""
    for intervals in (5, 4, 2):
        step = top / intervals
        if not whole or float(step).is_integer():
            return step
    return top


def _has_data(series: Sequence[Series]) -> bool:
    return any(v for s in series for v in s.values if v is not None)


def _uid(kind: str, title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    text = repr((kind, title, list(categories), [(s.label, list(s.values)) for s in series]))
    return "c" + hashlib.sha256(text.encode()).hexdigest()[:10]


def _text(x: float, y: float, content: str, *, size: int = FONT_SIZE, anchor: str = "middle"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{INK}">{escape(content)}</text>'
    )


def _patterns(uid: str, count: int) -> str:
    """Fills per series: solid, hatched, dotted, so that print in grey still tells them apart."""
    defs = []
    for index in range(count):
        colour = COLOURS[index % len(COLOURS)]
        pattern_id = f"{uid}-p{index}"
        if index % 3 == 0:
            body = f'<rect width="8" height="8" fill="{colour}"/>'
        elif index % 3 == 1:
            body = (
                f'<rect width="8" height="8" fill="#fff"/>'
                f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{colour}" '
                f'stroke-width="2.6"/>'
            )
        else:
            body = (
                f'<rect width="8" height="8" fill="#fff"/>'
                f'<circle cx="4" cy="4" r="2.4" fill="{colour}"/>'
            )
        defs.append(
            f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f"{body}</pattern>"
        )
    return "<defs>" + "".join(defs) + "</defs>"


def _fill(uid: str, index: int) -> str:
    return f"url(#{uid}-p{index})"


def _open_svg(uid: str, title: str, summary: str, height: int = HEIGHT) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" focusable="false">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(summary)}</desc>'
    )


def _legend(uid: str, series: Sequence[Series], *, lines: bool = False) -> str:
    """One row under the plot: a swatch (the series' pattern or marker) and its name."""
    parts, x, y = [], LEFT, HEIGHT - 10
    for index, s in enumerate(series):
        if lines:
            parts.append(_line_swatch(index, x, y - 4))
        else:
            parts.append(
                f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{_fill(uid, index)}" '
                f'stroke="{COLOURS[index % 3]}"/>'
            )
        parts.append(_text(x + 18, y, s.label, anchor="start"))
        x += 18 + FONT_SIZE * len(s.label) + 18
    return "".join(parts)


def _axis(highest: float, *, whole: bool) -> tuple[str, float]:
    """Horizontal grid lines with their values; returns the markup and the scale (px/unit)."""
    top = nice_ceiling(highest, whole=whole)
    step = tick_step(top, whole=whole)
    plot_height = HEIGHT - TOP - BOTTOM
    parts = []
    for n in range(round(top / step) + 1):
        value = step * n
        y = HEIGHT - BOTTOM - plot_height * value / top
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(
            _text(LEFT - 4, y + 4, format_number(value), size=SMALL_FONT_SIZE, anchor="end")
        )
    return "".join(parts), plot_height / top


def _whole(series: Sequence[Series]) -> bool:
    return all(float(v).is_integer() for s in series for v in s.values if v is not None)


def _category_labels(categories: Sequence[str], slot: float) -> str:
    # Twelve months do not fit side by side on a phone: every other label, all in the table.
    every = 1 if slot >= 40 else 2
    return "".join(
        _text(LEFT + slot * (i + 0.5), HEIGHT - BOTTOM + 16, c, size=SMALL_FONT_SIZE)
        for i, c in enumerate(categories)
        if i % every == 0
    )


def describe(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    decimals: int = 1,
) -> str:
    """A sentence per series for the <desc>: its total (or range) and where it peaks."""
    sentences = []
    for s in series:
        known = [(c, v) for c, v in zip(categories, s.values, strict=True) if v is not None]
        if not known:
            continue
        peak_category, peak = max(known, key=lambda pair: pair[1])
        sentences.append(
            _("%(series)s：最高为%(category)s的%(value)s%(unit)s。")
            % {
                "series": s.label,
                "category": peak_category,
                "value": format_number(peak, decimals),
                "unit": unit,
            }
        )
    period = f"{categories[0]}—{categories[-1]}" if categories else ""
    return (
        _("%(title)s，%(period)s，共%(count)s项。")
        % {"title": title, "period": period, "count": len(categories)}
        + "".join(sentences)
        + _("数据见图下的数据表。")
    )


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool = False,
    unit: str = "",
    decimals: int = 1,
) -> Chart:
    """Bars per category: one series, or two or three side by side (or `stacked`); values
    that are not whole are shown with `decimals` places (the table shows the same)."""
    categories, series = list(categories), list(series)
    kind = "stacked" if stacked else "bar"
    if not categories or not _has_data(series):
        return Chart(kind, title, categories, series, unit, decimals=decimals)
    uid = _uid(kind, title, categories, series)
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    highest = max(totals) if stacked else max(v or 0 for s in series for v in s.values)
    grid, scale = _axis(highest, whole=_whole(series))
    slot = (WIDTH - LEFT - RIGHT) / len(categories)
    lanes = 1 if stacked else len(series)
    bar_width = slot * 0.72 / lanes
    bottom = HEIGHT - BOTTOM
    shapes = []
    for i in range(len(categories)):
        x0 = LEFT + slot * i + slot * 0.14
        base = bottom
        for index, s in enumerate(series):
            value = s.values[i] or 0
            height = value * scale
            x = x0 if stacked else x0 + bar_width * index
            y = base - height if stacked else bottom - height
            if height:
                shapes.append(
                    f'<rect class="bar" data-value="{format_number(value, decimals)}" x="{x:.1f}" '
                    f'y="{y:.1f}" width="{bar_width:.1f}" height="{height:.1f}" '
                    f'fill="{_fill(uid, index)}" stroke="{COLOURS[index % 3]}"/>'
                )
            if not stacked and bar_width >= 11 and s.values[i] is not None:
                shapes.append(
                    _text(
                        x + bar_width / 2,
                        y - 3,
                        format_number(value, decimals),
                        size=SMALL_FONT_SIZE,
                    )
                )
            if stacked:
                base = y
        if stacked and slot >= 16:
            shapes.append(
                _text(
                    x0 + bar_width / 2,
                    base - 3,
                    format_number(totals[i], decimals),
                    size=SMALL_FONT_SIZE,
                )
            )
    summary = describe(title, categories, series, unit, decimals)
    svg = (
        _open_svg(uid, title, summary)
        + _patterns(uid, len(series))
        + grid
        + "".join(shapes)
        + f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="{INK}"/>'
        + _category_labels(categories, slot)
        + _legend(uid, series)
        + "</svg>"
    )
    return Chart(kind, title, categories, series, unit, svg, summary, totals, decimals)


def _marker(index: int, x: float, y: float) -> str:
    colour = COLOURS[index % 3]
    shape = MARKERS[index % 3]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    return f'<path d="M{x:.1f},{y - 5:.1f} l5,9 h-10 z" fill="{colour}"/>'


def _line_swatch(index: int, x: float, y: float) -> str:
    dash = f' stroke-dasharray="{DASHES[index % 3]}"' if DASHES[index % 3] else ""
    return (
        f'<line x1="{x}" x2="{x + 14}" y1="{y}" y2="{y}" stroke="{COLOURS[index % 3]}" '
        f'stroke-width="2"{dash}/>' + _marker(index, x + 7, y)
    )


def line_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    unit: str = "",
    decimals: int = 1,
) -> Chart:
    """A line per series over ordered categories (months); gaps where a value is unknown."""
    categories, series = list(categories), list(series)
    if not categories or not _has_data(series):
        return Chart("line", title, categories, series, unit, decimals=decimals)
    uid = _uid("line", title, categories, series)
    highest = max(v or 0 for s in series for v in s.values)
    grid, scale = _axis(highest, whole=_whole(series))
    slot = (WIDTH - LEFT - RIGHT) / len(categories)
    bottom = HEIGHT - BOTTOM
    shapes = []
    for index, s in enumerate(series):
        runs: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(s.values):
            if value is None:
                runs.append([])
                continue
            runs[-1].append((LEFT + slot * (i + 0.5), bottom - value * scale))
        dash = f' stroke-dasharray="{DASHES[index % 3]}"' if DASHES[index % 3] else ""
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                shapes.append(
                    f'<polyline points="{points}" fill="none" stroke="{COLOURS[index % 3]}" '
                    f'stroke-width="2"{dash}/>'
                )
            shapes.extend(_marker(index, x, y) for x, y in run)
    summary = describe(title, categories, series, unit, decimals)
    svg = (
        _open_svg(uid, title, summary)
        + grid
        + "".join(shapes)
        + f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="{INK}"/>'
        + _category_labels(categories, slot)
        + _legend(uid, series, lines=True)
        + "</svg>"
    )
    return Chart("line", title, categories, series, unit, svg, summary, decimals=decimals)


PROPORTION_HEIGHT = 110


def proportion_chart(title: str, parts: Sequence[tuple[str, Number]]) -> Chart:
    """A 100 % bar split into parts (e.g. 按期答复 / 逾期答复), each labelled with its share."""
    categories = [label for label, _value in parts]
    series = [Series(_("数量"), [value for _label, value in parts])]
    total = sum(value for _label, value in parts)
    if not parts or total <= 0:
        return Chart("proportion", title, categories, series)
    uid = _uid("proportion", title, categories, series)
    span = WIDTH - 2 * RIGHT
    x, shapes, labels = float(RIGHT), [], []
    label_y = 78
    for index, (label, value) in enumerate(parts):
        width = span * value / total
        share = value * 100 / total
        if width:
            shapes.append(
                f'<rect class="part" data-value="{format_number(value)}" x="{x:.1f}" y="14" '
                f'width="{width:.1f}" height="36" fill="{_fill(uid, index)}" '
                f'stroke="{COLOURS[index % 3]}"/>'
            )
        # Labels under the bar, one per line, so that small parts stay readable.
        labels.append(
            f'<rect x="{RIGHT}" y="{label_y - 11 + 20 * index}" width="12" height="12" '
            f'fill="{_fill(uid, index)}" stroke="{COLOURS[index % 3]}"/>'
        )
        labels.append(
            _text(
                RIGHT + 18,
                label_y + 20 * index,
                _("%(label)s %(value)s（%(share)s%%）")
                % {"label": label, "value": format_number(value), "share": f"{share:.1f}"},
                anchor="start",
            )
        )
        x += width
    height = label_y + 20 * len(parts)
    summary = "；".join(
        _("%(label)s %(value)s（%(share)s%%）")
        % {"label": label, "value": format_number(value), "share": f"{value * 100 / total:.1f}"}
        for label, value in parts
    )
    summary = _("%(title)s：%(parts)s。") % {"title": title, "parts": summary}
    svg = (
        _open_svg(uid, title, summary, height=max(height, PROPORTION_HEIGHT))
        + _patterns(uid, len(parts))
        + "".join(shapes)
        + "".join(labels)
        + "</svg>"
    )
    return Chart("proportion", title, categories, series, "", svg, summary, [total])
