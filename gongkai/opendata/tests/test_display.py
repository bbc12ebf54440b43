"""The dataset page's chart: which columns it draws, against what."""

from gongkai.opendata.display import chart_for
from gongkai.opendata.models import ResourceVersion


def _version(columns, rows) -> ResourceVersion:
    return ResourceVersion(columns=[{"name": n, "type": t} for n, t in columns], preview=rows)


def test_numbers_of_one_magnitude_against_the_first_text_column():
    version = _version(
        [("月份", "string"), ("档案万份", "number"), ("人数", "integer"), ("人次", "integer")],
        [["1月", "28.1", "31250", "30000"], ["2月", "28.2", "31380", "29000"]],
    )
    chart = chart_for(version, "月报")
    assert chart.kind == "bar"
    assert chart.categories == ["1月", "2月"]
    assert [s.label for s in chart.series] == ["档案万份"]


def test_dates_make_a_line_and_comparable_columns_share_it():
    version = _version(
        [("月份", "date"), ("乙类", "integer"), ("丙类", "integer"), ("死亡", "integer")],
        [["2026-01-01", "41", "236", "0"], ["2026-02-01", "35", "198", "1"]],
    )
    chart = chart_for(version, "疫情")
    assert chart.kind == "line"
    assert [s.label for s in chart.series] == ["乙类", "丙类"]
    assert [list(s.values) for s in chart.series] == [[41, 35], [236, 198]]


def test_no_chart_without_numbers_or_categories():
    assert chart_for(_version([("名称", "string")], [["甲"]]), "名录") is None
    assert chart_for(_version([("数", "integer")], [["1"]]), "数") is None
    assert chart_for(None, "无") is None
