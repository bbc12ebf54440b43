"""System administrators maintain the standard catalogue in the admin; every save is audited."""

import json

import pytest
from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory

from gongkai.audit.models import AuditEvent
from gongkai.catalogue import services
from gongkai.catalogue.admin import AgencyCatalogueAdmin, StandardItemAdmin, StandardItemForm
from gongkai.catalogue.models import AgencyCatalogue, StandardCategory, StandardItem
from gongkai.catalogue.tests.factories import make_element
from gongkai.factories import make_user

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_only_superusers_see_and_change_the_standard_catalogue():
    admin = StandardItemAdmin(StandardItem, AdminSite())
    root = make_user(is_superuser=True, is_staff=True)
    staff = make_user(is_staff=True)
    assert admin.has_change_permission(_request(root))
    assert not admin.has_delete_permission(_request(root))
    assert not admin.has_module_permission(_request(staff))
    assert not admin.has_view_permission(_request(staff))


def test_agency_catalogues_are_view_only_in_the_admin():
    admin = AgencyCatalogueAdmin(AgencyCatalogue, AdminSite())
    root = make_user(is_superuser=True, is_staff=True)
    assert admin.has_view_permission(_request(root))
    assert not admin.has_change_permission(_request(root))
    assert not admin.has_add_permission(_request(root))


def test_the_admin_form_refuses_invalid_elements(standard_catalogue):
    item = StandardItem.objects.get(code="0104")
    data = {
        "category": item.category_id,
        "code": item.code,
        "name": item.name,
        "order": item.order,
        "elements": '[{"name": "结果信息", "time_limit_days": "7"}]',
        "basis": item.basis,
        "time_limit_days": 20,
        "time_limit_text": item.time_limit_text,
        "subject": item.subject,
        "channels": '["政府网站"]',
        "audience": item.audience,
        "mode": item.mode,
        "level": item.level,
        "confirmation": item.confirmation,
        "source_note": item.source_note,
    }
    form = StandardItemForm(data=data, instance=item)
    assert not form.is_valid()
    assert "elements" in form.errors


def test_saving_a_standard_item_is_audited(standard_catalogue):
    root = make_user(is_superuser=True, is_staff=True)
    item = StandardItem.objects.get(code="0108")
    elements = item.elements
    elements[3] = make_element(
        name="结果信息",
        details="单位名称、许可证号",
        time_limit_days=7,
        time_limit_text="自信息形成或者变更之日起7个工作日内予以公开",
    )
    item.elements = elements
    services.save_standard_entry(obj=item, actor=root, changed=["elements"])
    assert StandardItem.objects.get(code="0108").elements[3]["details"] == "单位名称、许可证号"
    event = AuditEvent.objects.for_object(item).get(action="catalogue.standard_item_updated")
    assert event.before["elements"][3]["details"] == ""
    assert event.actor == root


def test_creating_a_standard_category_is_audited():
    root = make_user(is_superuser=True, is_staff=True)
    category = StandardCategory(code="P09", name="测试类别", order=999, source_note="本项目测试")
    services.save_standard_entry(obj=category, actor=root, changed=[])
    event = AuditEvent.objects.for_object(category).get()
    assert event.action == "catalogue.standard_category_created"
    assert event.after["code"] == "P09"


def test_saving_without_changes_writes_nothing(standard_catalogue):
    item = StandardItem.objects.get(code="0108")
    services.save_standard_entry(obj=item, actor=None, changed=[])
    assert not AuditEvent.objects.for_object(item).exists()


def test_the_admin_form_refuses_an_item_without_levels(standard_catalogue):
    item = StandardItem.objects.get(code="0104")
    data = {
        "category": item.category_id,
        "code": item.code,
        "name": item.name,
        "order": item.order,
        "elements": json.dumps(item.elements, ensure_ascii=False),
        "basis": item.basis,
        "time_limit_days": item.time_limit_days,
        "time_limit_text": item.time_limit_text,
        "subject": item.subject,
        "channels": '["政府网站"]',
        "audience": item.audience,
        "mode": item.mode,
        "level": item.level,
        "levels": '["county"]',
        "confirmation": item.confirmation,
        "source_note": item.source_note,
        "withdrawn_reason": "",
    }
    assert StandardItemForm(data=data, instance=item).is_valid()
    data["levels"] = "[]"
    form = StandardItemForm(data=data, instance=item)
    assert not form.is_valid()
    assert "levels" in form.errors
