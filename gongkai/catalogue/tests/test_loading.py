"""Loading the standard catalogue: the data migration and the reload command."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.catalogue import loading, services
from gongkai.catalogue.models import StandardCategory, StandardItem
from gongkai.factories import make_user

pytestmark = pytest.mark.django_db

migration = importlib.import_module("gongkai.catalogue.migrations.0002_fill_standard_catalogue")


def _file_data():
    return json.loads(loading.DATA_FILE.read_text(encoding="utf-8"))


def _file_codes(data):
    return (
        {category["code"] for category in data["categories"]},
        {item["code"] for category in data["categories"] for item in category["items"]},
    )


def test_fresh_database_has_the_standard_catalogue():
    category_codes, item_codes = _file_codes(_file_data())
    assert set(StandardCategory.objects.values_list("code", flat=True)) == category_codes
    assert set(StandardItem.objects.values_list("code", flat=True)) == item_codes
    licence = StandardItem.objects.get(code="0104")
    assert licence.category.name == "行政许可类事项"
    assert licence.confirmation == "confirmed"
    assert StandardCategory.objects.get(code="G01").confirmation == "reading"


def test_migration_is_reversible_and_keeps_items_agencies_use(catalogue):
    # The reverse keeps exactly the standard items the county's catalogue refers to.
    used = set(catalogue.items.values_list("standard_item__code", flat=True))
    migration.empty_standard_catalogue(django_apps, None)
    assert set(StandardItem.objects.values_list("code", flat=True)) == used
    catalogue.items.all().delete()
    migration.empty_standard_catalogue(django_apps, None)
    assert not StandardItem.objects.exists()
    assert not StandardCategory.objects.exists()
    migration.fill_standard_catalogue(django_apps, None)
    assert StandardItem.objects.count() == len(_file_codes(_file_data())[1])


def test_reload_of_the_unchanged_file_changes_nothing(standard_catalogue):
    before = AuditEvent.objects.count()
    result = services.reload_standard_catalogue(data=_file_data(), actor=None)
    assert result.created == []
    assert result.updated == []
    assert result.unchanged == StandardCategory.objects.count() + StandardItem.objects.count()
    assert AuditEvent.objects.count() == before


def test_command_updates_from_a_file_and_audits_each_change(standard_catalogue, tmp_path):
    admin = make_user(username="sysadmin", is_superuser=True, is_staff=True)
    data = _file_data()
    data["categories"][0]["items"][0]["name"] = "母婴保健技术服务机构执业许可（修订）"
    new_item = dict(data["categories"][0]["items"][0], code="0199", name="新增许可事项")
    data["categories"].append(
        {
            "code": "P99",
            "name": "新类别",
            "order": 999,
            "confirmation": "reading",
            "source_note": "本项目的理解，测试用。",
            "items": [new_item],
        }
    )
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    call_command("load_standard_catalogue", "--file", str(path), "--username", "sysadmin")

    changed = StandardItem.objects.get(code="0101")
    assert changed.name == "母婴保健技术服务机构执业许可（修订）"
    assert StandardItem.objects.get(code="0199").category.code == "P99"
    update = AuditEvent.objects.for_object(changed).get(action="catalogue.standard_item_updated")
    assert update.actor == admin
    assert update.after == {"name": "母婴保健技术服务机构执业许可（修订）"}
    assert update.note == str(path)
    assert AuditEvent.objects.filter(action="catalogue.standard_category_created").count() == 1
    assert AuditEvent.objects.filter(action="catalogue.standard_item_created").count() == 1

    # Idempotent: the same file again writes nothing.
    events = AuditEvent.objects.count()
    call_command("load_standard_catalogue", "--file", str(path))
    assert AuditEvent.objects.count() == events


def test_reload_withdraws_items_missing_from_the_file_and_keeps_them(standard_catalogue):
    data = _file_data()
    dropped = data["categories"][0]["items"].pop()
    data["withdrawn"][dropped["code"]] = "测试：新版删除。"
    result = services.reload_standard_catalogue(data=data, actor=None)
    assert result.not_in_file == result.withdrawn == [dropped["code"]]
    standard = StandardItem.objects.get(code=dropped["code"])
    assert standard.withdrawn_reason == "测试：新版删除。"
    event = AuditEvent.objects.for_object(standard).get(action="catalogue.standard_item_updated")
    assert event.after == {"withdrawn_reason": "测试：新版删除。"}
    # Back in the file, it is in force again.
    services.reload_standard_catalogue(data=_file_data(), actor=None)
    assert StandardItem.objects.get(code=dropped["code"]).withdrawn_reason == ""


def test_version_2_migration_withdraws_v1_items_and_fills_levels(standard_catalogue):
    v2 = importlib.import_module("gongkai.catalogue.migrations.0006_standard_catalogue_v2")
    family_planning = StandardCategory.objects.get(code="P02")
    old = StandardItem.objects.create(category=family_planning, code="P0201", name="旧版事项")
    StandardItem.objects.filter(code="0104").update(levels=[])  # as loaded by v1

    v2.load_version_2(django_apps, None)

    old.refresh_from_db()
    assert old.withdrawn_reason.startswith("第2版改列为行政给付类事项P0601")
    assert StandardItem.objects.get(code="0104").levels == ["city", "county"]
    assert StandardItem.objects.get(code="P0601").applies_to("township")


def test_command_refuses_an_invalid_file(standard_catalogue, tmp_path):
    data = _file_data()
    data["categories"][0]["items"][0]["elements"][3]["time_limit_days"] = "7"
    data["categories"][1]["source_note"] = ""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_standard_catalogue", "--file", str(path))
    assert "正整数" in str(excinfo.value)
    assert "source_note" in str(excinfo.value)
    assert StandardItem.objects.get(code="0101").elements[3]["time_limit_days"] == 7


def test_command_refuses_broken_json_and_unknown_users(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON"):
        call_command("load_standard_catalogue", "--file", str(path))
    with pytest.raises(CommandError):
        call_command("load_standard_catalogue", "--username", "nobody")


def test_validation_catches_duplicate_codes_and_unknown_sources():
    data = _file_data()
    data["categories"][0]["items"].append(dict(data["categories"][0]["items"][0]))
    data["categories"][0]["source_note"] = "见S99。"
    errors = loading.catalogue_data_errors(data)
    assert any("编码重复" in error for error in errors)
    assert any("S99" in error for error in errors)
