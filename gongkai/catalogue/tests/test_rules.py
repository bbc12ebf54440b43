"""Pure rules: element validation and time limits."""

import pytest

from gongkai.catalogue import rules
from gongkai.catalogue.tests.factories import make_element

ELEMENTS = [
    make_element(),
    make_element(
        name="结果信息",
        time_limit_days=7,
        time_limit_text="自信息形成或者变更之日起7个工作日内予以公开",
    ),
]


def test_time_limit_is_the_named_elements():
    assert rules.time_limit_days(ELEMENTS, 20, "结果信息") == 7


@pytest.mark.parametrize("name", [None, "", "不存在的要素"])
def test_time_limit_falls_back_to_the_items(name):
    assert rules.time_limit_days(ELEMENTS, 15, name) == 15


def test_element_names_keep_order():
    assert rules.element_names(ELEMENTS) == ["法律法规和政策文件", "结果信息"]


def test_time_limit_text_for_states_the_days():
    assert rules.time_limit_text_for(7) == "自信息形成或者变更之日起7个工作日内予以公开"
    assert not rules.text_days_mismatch(rules.time_limit_text_for(7), 7)
    assert rules.text_days_mismatch(rules.time_limit_text_for(7), 20)
    assert not rules.text_days_mismatch("及时更新", 20)


def test_valid_elements_have_no_errors():
    assert rules.elements_errors(ELEMENTS, allowed_channels=rules.CHANNELS) == []


@pytest.mark.parametrize(
    ("element", "fragment"),
    [
        ({"name": "x"}, "缺少字段"),
        (make_element(extra="?"), "未知字段"),
        (make_element(name=" "), "缺少名称"),
        (make_element(time_limit_days=0), "正整数"),
        (make_element(time_limit_days="20"), "正整数"),
        (make_element(time_limit_days=True), "正整数"),
        (make_element(time_limit_days=7), "不一致"),
        (make_element(channels="政府网站"), "文字列表"),
        (make_element(mode="被动"), "公开方式"),
        (make_element(details=3), "必须是文字"),
        ("not a dict", "不是对象"),
    ],
)
def test_invalid_element_is_explained(element, fragment):
    errors = rules.elements_errors([element])
    assert any(fragment in error for error in errors), errors


def test_channels_outside_the_checklist_are_refused_when_a_list_is_given():
    element = make_element(channels=["山东省政务服务网"])
    assert rules.elements_errors([element]) == []
    assert rules.elements_errors([element], allowed_channels=rules.CHANNELS)


def test_duplicate_element_names_are_refused():
    errors = rules.elements_errors([make_element(), make_element()])
    assert any("重复" in error for error in errors)


def test_elements_must_be_a_list():
    assert rules.elements_errors({"name": "x"})
