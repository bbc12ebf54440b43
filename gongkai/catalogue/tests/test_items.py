"""Adapting the catalogue: adding, changing, marking not applicable and restoring items."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalogue import services
from gongkai.catalogue.errors import (
    CatalogueError,
    DuplicateCodeError,
    InvalidItemError,
    ReasonRequiredError,
)
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.catalogue.tests.factories import make_element, make_empty_catalogue

pytestmark = pytest.mark.django_db


def _add(catalogue, actor, **overrides):
    values = {
        "catalogue": catalogue,
        "category_code": "L1",
        "category_name": "本地特色事项",
        "code": "L-01",
        "name": "家庭医生签约服务",
        "actor": actor,
    }
    values.update(overrides)
    return services.add_item(**values)


def test_add_item(catalogue, county_admin):
    item = _add(catalogue, county_admin, basis=" 【法律】《基本医疗卫生与健康促进法》 ")
    assert item.status == ItemStatus.ADDED
    assert item.standard_item is None
    assert item.basis == "【法律】《基本医疗卫生与健康促进法》"
    assert item.time_limit_days == 20
    assert item.time_limit_text == "自信息形成或者变更之日起20个工作日内予以公开"
    event = AuditEvent.objects.for_object(item).get(action="catalogue.item_added")
    assert event.actor == county_admin
    assert event.agency == catalogue.agency
    assert event.after["code"] == "L-01"


def test_added_items_are_ordered_after_the_category_s_last(catalogue, county_admin):
    first = _add(catalogue, county_admin)
    second = _add(catalogue, county_admin, code="L-02", name="第二项")
    assert second.order > first.order


def test_add_item_with_elements_and_a_short_limit(catalogue, county_admin):
    elements = [
        make_element(),
        make_element(name="结果信息", time_limit_days=7, time_limit_text="7个工作日内"),
    ]
    item = _add(catalogue, county_admin, elements=elements, time_limit_days=7)
    assert item.time_limit_text == "自信息形成或者变更之日起7个工作日内予以公开"
    assert item.elements == elements


def test_add_item_with_a_used_code_is_refused(catalogue, county_admin):
    _add(catalogue, county_admin)
    with pytest.raises(DuplicateCodeError, match="L-01"):
        _add(catalogue, county_admin, name="另一事项")
    with pytest.raises(DuplicateCodeError, match="0104"):
        _add(catalogue, county_admin, code="0104")


def test_add_item_with_a_standard_code_is_refused_even_if_not_derived(
    standard_catalogue, county_admin
):
    catalogue = make_empty_catalogue()
    with pytest.raises(DuplicateCodeError, match="标准目录"):
        _add(catalogue, county_admin, code="0101")


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"name": "  "}, "二级事项"),
        ({"code": ""}, "编码"),
        ({"time_limit_days": 0}, "正整数"),
        ({"elements": [{"name": "缺字段"}]}, "缺少字段"),
        ({"mode": "被动"}, "公开方式"),
        ({"code": "X" * 25}, "不能超过"),
        ({"channels": "政府网站"}, "文字列表"),
    ],
)
def test_add_item_explains_invalid_values(catalogue, county_admin, overrides, fragment):
    with pytest.raises(InvalidItemError) as excinfo:
        _add(catalogue, county_admin, **overrides)
    assert any(fragment in str(error) for error in excinfo.value.errors), excinfo.value.errors
    assert not catalogue.items.filter(status=ItemStatus.ADDED).exists()


def test_update_item_records_before_and_after(item, county_admin):
    services.update_item(item=item, actor=county_admin, subject="某县卫生健康局", basis="新依据")
    item.refresh_from_db()
    assert item.subject == "某县卫生健康局"
    event = AuditEvent.objects.for_object(item).get(action="catalogue.item_updated")
    assert event.before == {
        "basis": event.before["basis"],
        "subject": "县（市、区）卫生健康行政部门",
    }
    assert event.after == {"basis": "新依据", "subject": "某县卫生健康局"}


def test_update_item_restates_the_time_limit_text(item, county_admin):
    services.update_item(item=item, actor=county_admin, time_limit_days=15)
    assert item.time_limit_text == "自信息形成或者变更之日起15个工作日内予以公开"


def test_update_without_a_change_writes_no_event(item, county_admin):
    services.update_item(item=item, actor=county_admin, name=item.name)
    assert not AuditEvent.objects.for_object(item).exists()


def test_update_item_refuses_unknown_fields(item, county_admin):
    with pytest.raises(TypeError):
        services.update_item(item=item, actor=county_admin, status=ItemStatus.ADDED)


def test_a_standard_item_keeps_its_code(item, county_admin):
    with pytest.raises(CatalogueError):
        services.update_item(item=item, actor=county_admin, code="X-1")


def test_an_added_item_may_change_its_code_but_not_to_a_used_one(catalogue, county_admin):
    added = _add(catalogue, county_admin)
    services.update_item(item=added, actor=county_admin, code="L-09")
    assert AgencyItem.objects.get(pk=added.pk).code == "L-09"
    with pytest.raises(DuplicateCodeError):
        services.update_item(item=added, actor=county_admin, code="0104")


def test_update_item_refuses_invalid_elements(item, county_admin):
    with pytest.raises(InvalidItemError):
        services.update_item(
            item=item, actor=county_admin, elements=[make_element(), make_element()]
        )


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_not_applicable_needs_a_reason(item, county_admin, reason):
    with pytest.raises(ReasonRequiredError):
        services.mark_not_applicable(item=item, reason=reason, actor=county_admin)
    item.refresh_from_db()
    assert item.status == ItemStatus.KEPT


def test_mark_not_applicable_and_restore(item, county_admin):
    services.mark_not_applicable(item=item, reason=" 本县无此审批权限 ", actor=county_admin)
    item.refresh_from_db()
    assert item.status == ItemStatus.NOT_APPLICABLE
    assert item.not_applicable_reason == "本县无此审批权限"
    assert not AgencyItem.objects.applicable().filter(pk=item.pk).exists()

    services.restore_item(item=item, actor=county_admin)
    item.refresh_from_db()
    assert item.status == ItemStatus.KEPT
    assert item.not_applicable_reason == ""
    actions = list(AuditEvent.objects.for_object(item).values_list("action", flat=True))
    assert sorted(actions) == ["catalogue.item_not_applicable", "catalogue.item_restored"]
    marked = AuditEvent.objects.for_object(item).get(action="catalogue.item_not_applicable")
    assert marked.after == {"status": "not_applicable", "not_applicable_reason": "本县无此审批权限"}


def test_restoring_an_added_item_makes_it_added_again(catalogue, county_admin):
    added = _add(catalogue, county_admin)
    services.mark_not_applicable(item=added, reason="暂停开展", actor=county_admin)
    services.restore_item(item=added, actor=county_admin)
    assert added.status == ItemStatus.ADDED


def test_restoring_an_applicable_item_is_refused(item, county_admin):
    with pytest.raises(CatalogueError):
        services.restore_item(item=item, actor=county_admin)


def test_marking_again_with_the_same_reason_writes_no_event(item, county_admin):
    services.mark_not_applicable(item=item, reason="无权限", actor=county_admin)
    services.mark_not_applicable(item=item, reason="无权限", actor=county_admin)
    assert AuditEvent.objects.for_object(item).count() == 1
