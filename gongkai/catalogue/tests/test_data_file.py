"""The shipped standard catalogue data file: valid, honest about what is confirmed."""

import copy
import json

import pytest

from gongkai.catalogue import loading, rules

LICENSING = "01"
PENALTY = "02"


@pytest.fixture(scope="module")
def data():
    return json.loads(loading.DATA_FILE.read_text(encoding="utf-8"))


def _items(data):
    return [(category, item) for category in data["categories"] for item in category["items"]]


@pytest.mark.django_db
def test_data_file_validates(data):
    assert loading.catalogue_data_errors(data) == []
    assert loading.read_catalogue_file() == data


def test_every_item_has_elements_with_integer_time_limits(data):
    for _category, item in _items(data):
        assert item["elements"], item["code"]
        assert isinstance(item["time_limit_days"], int)
        for element in item["elements"]:
            assert set(element) == set(rules.ELEMENT_KEYS), item["code"]
            assert type(element["time_limit_days"]) is int, item["code"]
            assert element["time_limit_days"] > 0


def test_licensing_items_follow_the_national_four_element_pattern(data):
    licensing = [item for category, item in _items(data) if category["code"] == LICENSING]
    assert {item["code"] for item in licensing} >= {"0101", "0102", "0104", "0108", "01SX01"}
    for item in licensing:
        assert rules.element_names(item["elements"]) == [
            "法律法规和政策文件",
            "办事指南",
            "过程信息",
            "结果信息",
        ]
        assert rules.time_limit_days(item["elements"], item["time_limit_days"], "结果信息") == 7
        assert rules.time_limit_days(item["elements"], item["time_limit_days"], "办事指南") == 20
        result = rules.find_element(item["elements"], "结果信息")
        assert result["time_limit_text"] == "自信息形成或者变更之日起7个工作日内予以公开"
        assert item["channels"] == ["政府网站"]
        assert (item["audience"], item["mode"]) == ("全社会", "主动")
        # 县级 is what the sources tick (S14); 市级 is our reading of “权限内”, said in the note.
        assert item["levels"] == ["city", "county"]
        assert "市级为本项目的理解" in item["source_note"]
        assert item["subject"] == "县（市、区）卫生健康行政部门"


def test_licensing_results_carry_the_confirmed_fields(data):
    items = {item["code"]: item for _category, item in _items(data)}
    result = rules.find_element(items["0104"]["elements"], "结果信息")
    assert "登记号" in result["details"]
    assert "审批机关" in result["details"]
    assert "执业许可证信息" in rules.find_element(items["0101"]["elements"], "结果信息")["details"]


def test_penalty_items_push_filing_to_the_party_and_publish_decisions_in_7_days(data):
    penalties = [item for category, item in _items(data) if category["code"] == PENALTY]
    assert penalties
    for item in penalties:
        intake = rules.find_element(item["elements"], "受理和立案信息")
        assert intake["channels"] == ["精准推送"]
        assert intake["audience"] == "特定群体（行政相对人）"
        decision = rules.find_element(item["elements"], "行政处罚决定信息")
        assert decision["time_limit_days"] == 7
        assert len(decision["details"].split("、")) == 8


def test_public_health_items_use_the_seven_element_template(data):
    items = {item["code"]: item for _category, item in _items(data)}
    for code in ("P0101", "P0102", "P0103"):
        assert len(items[code]["elements"]) == 7
        assert items[code]["confirmation"] == "confirmed"
    assert "疫苗流通和预防接种管理条例" in items["P0101"]["basis"]


def test_every_entry_says_where_it_comes_from(data):
    entries = [*data["categories"], *(item for _category, item in _items(data))]
    for entry in entries:
        note = entry["source_note"]
        if entry["confirmation"] == "reading":
            assert "本项目" in note, entry["code"]
        else:
            assert loading.SOURCE_ID.search(note) or "regulations.md" in note, entry["code"]


def test_codes_are_unique_and_only_confirmed_entries_use_national_style_codes(data):
    category_codes = [category["code"] for category in data["categories"]]
    item_codes = [item["code"] for _category, item in _items(data)]
    assert len(set(category_codes)) == len(category_codes)
    assert len(set(item_codes)) == len(item_codes)
    for entry in [*data["categories"], *(item for _category, item in _items(data))]:
        if entry["code"].isdigit():
            assert entry["confirmation"] == "confirmed", entry["code"]
    for category in data["categories"]:
        if category["confirmation"] == "reading":
            assert category["code"][0] in {"G", "P"}, category["code"]


def test_art20_categories_cite_the_regulation(data):
    for category in data["categories"]:
        if category["code"].startswith("G"):
            for item in category["items"]:
                assert "政府信息公开条例" in item["basis"], item["code"]
                assert item["confirmation"] == "reading"


def _entries(data):
    for category in data["categories"]:
        yield category
        yield from category["items"]


def test_confirmed_entries_cite_a_listed_source(data):
    for entry in _entries(data):
        assert entry["source_note"].strip(), entry["code"]
        cited = set(loading.SOURCE_ID.findall(entry["source_note"]))
        assert cited <= set(data["sources"]), entry["code"]
        if entry["confirmation"] == "confirmed":
            assert cited, f"{entry['code']} claims confirmed without a source"
        else:
            assert "本项目" in entry["source_note"], (
                f"{entry['code']}: say what the reading rests on"
            )


def test_every_source_gives_its_address_or_why_not(data):
    for source_id, text in data["sources"].items():
        assert "http" in text or "转载" in text or "未取得网址" in text, source_id


@pytest.mark.django_db
def test_an_item_confirmed_without_a_source_fails_validation(data):
    broken = copy.deepcopy(data)
    item = broken["categories"][0]["items"][0]
    item["source_note"] = "见某县目录。"
    assert item["confirmation"] == "confirmed"
    errors = loading.catalogue_data_errors(broken)
    assert any("未引用任何来源编号" in error for error in errors)
    item["source_note"] = ""
    assert any("必须填写来源说明" in error for error in loading.catalogue_data_errors(broken))


@pytest.mark.django_db
def test_an_item_without_levels_or_with_a_level_text_that_disagrees_fails(data):
    broken = copy.deepcopy(data)
    item = broken["categories"][0]["items"][0]
    item["level"] = "县级、乡级"
    assert any("与levels一致" in error for error in loading.catalogue_data_errors(broken))
    item["levels"] = []
    assert any("非空列表" in error for error in loading.catalogue_data_errors(broken))
    item["levels"] = ["village"]
    assert any("公开层级只能取" in error for error in loading.catalogue_data_errors(broken))


@pytest.mark.django_db
def test_a_withdrawn_code_cannot_stay_in_the_catalogue(data):
    broken = copy.deepcopy(data)
    broken["withdrawn"]["0104"] = "测试"
    assert any("列为已撤销" in error for error in loading.catalogue_data_errors(broken))


def test_version_2_adds_the_enforcement_and_benefit_categories(data):
    categories = {category["code"]: category["name"] for category in data["categories"]}
    assert categories["P04"] == "行政强制类事项"
    assert categories["P06"] == "行政给付类事项"
    assert categories["P07"] == "行政检查类事项"
    assert set(data["withdrawn"]) == {"P0201", "P0202"}
