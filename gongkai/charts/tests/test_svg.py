"""The SVG charts: well-formed, values drawn to scale, described for assistive technology."""

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template

from gongkai.charts.svg import (
    Series,
    bar_chart,
    format_number,
    line_chart,
    nice_ceiling,
    proportion_chart,
    tick_step,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
MONTHS = ["2026-09", "2026-10", "2026-11"]


def parse(chart):
    return ET.fromstring(chart.svg)  # noqa: S314 - our own markup


def bars(root):
    return root.findall(".//svg:rect[@class='bar']", NS)


def test_a_bar_chart_is_well_formed_and_described():
    chart = bar_chart("每月答复", MONTHS, [Series("答复", [2, 0, 5])])
    root = parse(chart)

    assert root.get("role") == "img"
    assert root.find("svg:title", NS).text == "每月答复"
    desc = root.find("svg:desc", NS).text
    assert "2026-09—2026-11" in desc
    assert "最高为2026-11的5" in desc
    labelled_by = root.get("aria-labelledby").split()
    assert [root.find("svg:title", NS).get("id"), root.find("svg:desc", NS).get("id")] == (
        labelled_by
    )
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("width") is None  # sized by the page, not in pixels


def test_bar_heights_are_proportional_to_the_values():
    chart = bar_chart("收到", MONTHS, [Series("收到", [4, 0, 8])])
    drawn = {float(b.get("data-value")): float(b.get("height")) for b in bars(parse(chart))}

    assert set(drawn) == {4, 8}  # a zero draws no bar, its label says 0
    assert drawn[8] == pytest.approx(2 * drawn[4])
    bottoms = {round(float(b.get("y")) + float(b.get("height")), 1) for b in bars(parse(chart))}
    assert len(bottoms) == 1  # all standing on the axis


def test_grouped_bars_sit_side_by_side_and_use_distinct_patterns():
    chart = bar_chart("收到与答复", MONTHS, [Series("收到", [3, 4, 5]), Series("答复", [1, 2, 5])])
    root = parse(chart)
    drawn = bars(root)

    assert len(drawn) == 6
    assert len({b.get("fill") for b in drawn}) == 2
    assert len(root.findall(".//svg:pattern", NS)) == 2
    first_month = sorted(drawn, key=lambda b: float(b.get("x")))[:2]
    assert first_month[0].get("y") != first_month[1].get("y")  # 3 and 1: different heights


def test_stacked_bars_pile_up_to_the_total():
    chart = bar_chart(
        "采纳情况",
        ["2025", "2026"],
        [Series("采纳", [2, 1]), Series("部分采纳", [1, 0]), Series("未采纳", [1, 3])],
        stacked=True,
    )
    drawn = bars(parse(chart))

    assert chart.totals == [4, 4]
    first_year = [b for b in drawn if float(b.get("x")) < 200]
    top = min(float(b.get("y")) for b in first_year)
    bottom = max(float(b.get("y")) + float(b.get("height")) for b in first_year)
    unit = float(first_year[0].get("height")) / float(first_year[0].get("data-value"))
    assert bottom - top == pytest.approx(4 * unit, abs=0.2)


def test_a_line_chart_leaves_a_gap_where_the_value_is_unknown():
    chart = line_chart(
        "平均用时", ["1月", "2月", "3月", "4月"], [Series("工作日", [2, None, 3, 4])]
    )
    root = parse(chart)

    lines = root.findall(".//svg:polyline", NS)
    assert len(lines) == 1  # 3月–4月; 1月 stands alone
    assert len(lines[0].get("points").split()) == 2
    assert len(root.findall(".//svg:circle", NS)) == 3 + 1  # three points and the legend marker


def test_a_proportion_bar_splits_by_share_and_labels_each_part():
    chart = proportion_chart("按期答复率", [("按期答复", 3), ("逾期答复", 1)])
    root = parse(chart)

    parts = root.findall(".//svg:rect[@class='part']", NS)
    widths = [float(p.get("width")) for p in parts]
    assert widths[0] == pytest.approx(3 * widths[1])
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "按期答复 3（75.0%）" in texts
    assert "逾期答复 1（25.0%）" in root.find("svg:desc", NS).text


@pytest.mark.parametrize(
    "chart",
    [
        bar_chart("收到", MONTHS, [Series("收到", [0, 0, 0])]),
        bar_chart("收到", [], [Series("收到", [])]),
        line_chart("用时", MONTHS, [Series("用时", [None, None, None])]),
        proportion_chart("按期答复率", [("按期答复", 0), ("逾期答复", 0)]),
    ],
    ids=["zeros", "no-categories", "unknown", "no-total"],
)
def test_nothing_to_show_draws_no_chart_but_says_so(chart):
    assert chart.is_empty
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))
    assert "暂无数据" in html
    assert "<svg" not in html


def test_text_in_the_data_is_escaped():
    chart = bar_chart("A<b>&", ["<x>"], [Series("s&t", [1])])
    root = parse(chart)

    assert root.find("svg:title", NS).text == "A<b>&"


def test_the_template_tag_renders_the_chart_and_its_data_table():
    chart = bar_chart(
        "收到与答复", MONTHS, [Series("收到", [3, 4, 5]), Series("答复", [1, 2.5, 5])]
    )
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))

    assert html.count("<svg") == 1
    assert "查看数据表" in html
    assert '<td data-label="答复">2.5</td>' in html
    assert '<th scope="row" class="nowrap">2026-10</th>' in html


def test_the_value_axis_ends_on_a_round_number():
    assert [nice_ceiling(v) for v in (0, 3, 7, 12, 180, 0.4, 2.2)] == [1, 5, 10, 20, 200, 0.5, 2.5]
    assert nice_ceiling(2.2, whole=True) == 5  # counts: no 2.5
    assert [tick_step(top, whole=True) for top in (10, 5, 2, 1, 20, 25)] == [2, 1, 1, 1, 4, 5]
    assert tick_step(2.5) == 0.5


def test_ticks_of_counts_are_whole_numbers():
    chart = bar_chart("收到", MONTHS, [Series("收到", [3, 9, 2])])
    ticks = [t.text for t in parse(chart).iter("{http://www.w3.org/2000/svg}text")][:6]

    assert ticks == ["0", "2", "4", "6", "8", "10"]
    assert [format_number(v) for v in (3, 3.0, 2.25, None)] == ["3", "3", "2.2", "—"]
