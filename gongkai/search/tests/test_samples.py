"""The five sample notices are findable by what a citizen would type."""

import pytest

from gongkai.search.query import lookup_number, search

pytestmark = pytest.mark.usefixtures("samples")


def found(text):
    return sorted(hit.object_id for hit in search(text).hits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 双随机一公开 in Siping, “双随机”工作 in Tianjin.
        ("双随机", ["siping", "tianjin"]),
        ("双随机一公开", ["siping"]),
        ("依申请公开", ["city", "jincheng", "nhfpc", "siping", "tianjin"]),
        # Two words: each anywhere; the 2011 city notice mentions neither.
        ("舆情 回应", ["jincheng", "nhfpc", "siping", "tianjin"]),
        # As one word only where 舆情回应 is written together (Siping writes 舆情的回应).
        ("舆情回应", ["jincheng", "nhfpc", "tianjin"]),
        # Tianjin writes “三公”经费 with quotation marks inside.
        ("三公经费", ["tianjin"]),
        ("政策解读", ["jincheng", "nhfpc", "siping", "tianjin"]),
        ("新农合", ["nhfpc"]),
        ("院务公开", ["city", "nhfpc", "tianjin"]),
        ("津滨卫函〔2018〕489号", ["tianjin"]),
        ("医疗机构", ["nhfpc", "tianjin"]),
    ],
)
def test_citizen_queries(text, expected):
    assert found(text) == expected


def test_the_tianjin_notice_is_found_by_its_number_in_any_bracket_style():
    assert lookup_number("津滨卫函〔2018〕489号") == "document:tianjin"
    assert lookup_number("津滨卫函[2018]489号") == "document:tianjin"
    assert found("津滨卫函[2018]489号") == ["tianjin"]


def test_snippets_show_the_match_in_context():
    hit = search("新农合").hits[0]
    assert "<mark>新农合</mark>" in hit.snippet
    assert hit.agency_name == "国家卫生计生委"


def test_nothing_found_offers_a_way_out():
    results = search("新农合 疫苗接种")
    assert results.total == 0
    assert [s.text for s in results.suggestions] == ["新农合"]
