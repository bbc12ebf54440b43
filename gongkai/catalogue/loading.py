"""Reading, validating and loading the standard catalogue data file (data/standard_catalogue.json).

The functions take the model classes as arguments so that data migrations can pass their
historical models; `services.reload_standard_catalogue` passes the real ones and audits.
Loading is an upsert by code: it never deletes, because agencies' items refer to standard
items (PROTECT). The file's schema is described in gongkai/catalogue/README.md.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from gongkai.catalogue import rules
from gongkai.catalogue.cadence import Cadence

DATA_FILE = Path(__file__).resolve().parent / "data" / "standard_catalogue.json"
SCHEMA_VERSION = 2  # 2: items carry `levels`; `withdrawn` lists dropped item codes

CONFIRMATIONS = ("confirmed", "reading")
TOP_KEYS = {
    "schema_version",
    "title",
    "based_on",
    "compiled_on",
    "sources",
    "categories",
    "withdrawn",
}
CATEGORY_KEYS = {"code", "name", "order", "confirmation", "source_note", "items"}
ITEM_KEYS = {
    "code",
    "name",
    "order",
    "confirmation",
    "source_note",
    "basis",
    "time_limit_days",
    "time_limit_text",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
    "levels",
    "elements",
}
# Keys an item may leave out, with the value it then has: most items have no cadence.
OPTIONAL_ITEM_KEYS = {"cadence": "", "cadence_due_working_days": 20}
# Fields copied from the file onto the models (besides `code` and the item's `category`).
CATEGORY_FIELDS = ("name", "order", "confirmation", "source_note")
ITEM_FIELDS = tuple(sorted((ITEM_KEYS | set(OPTIONAL_ITEM_KEYS)) - {"code"}))
SOURCE_ID = re.compile(r"(?<![A-Za-z0-9])S\d{1,2}(?![0-9])")  # CJK counts as \w: no \b


@dataclass
class LoadResult:
    """What an upsert did: new rows, changed rows with their changed values, untouched rows."""

    created: list[models.Model] = field(default_factory=list)
    updated: list[tuple[models.Model, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)


def read_catalogue_file(path: Path | str | None = None) -> dict[str, Any]:
    """The parsed and validated data file; raises CatalogueFileError listing every problem."""
    from gongkai.catalogue.errors import CatalogueFileError

    path = Path(path) if path is not None else DATA_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueFileError(
            [_("无法读取文件%(path)s：%(error)s") % {"path": path, "error": exc}]
        ) from exc
    except ValueError as exc:
        raise CatalogueFileError(
            [_("文件%(path)s不是有效的JSON：%(error)s") % {"path": path, "error": exc}]
        ) from exc
    errors = catalogue_data_errors(data)
    if errors:
        raise CatalogueFileError(errors)
    return data


def catalogue_data_errors(data: Any) -> list[str]:
    """Every problem in a parsed data file; an empty list means it may be loaded."""
    if not isinstance(data, Mapping):
        return [_("文件顶层必须是对象。")]
    errors: list[str] = []
    if data.get("schema_version") != SCHEMA_VERSION:
        errors.append(_("schema_version必须为%(version)d。") % {"version": SCHEMA_VERSION})
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        errors.append(_("文件含有未知字段：%(keys)s。") % {"keys": "、".join(unknown)})
    sources = data.get("sources", {})
    if not isinstance(sources, Mapping):
        errors.append(_("sources必须是对象。"))
        sources = {}
    for source_id, text in sources.items():
        if not SOURCE_ID.fullmatch(str(source_id)) or not isinstance(text, str) or not text.strip():
            errors.append(_("来源%(id)s：编号须为S加数字，说明不能为空。") % {"id": source_id})
    withdrawn = data.get("withdrawn", {})
    if not isinstance(withdrawn, Mapping) or not all(
        isinstance(reason, str) and reason.strip() for reason in withdrawn.values()
    ):
        errors.append(_("withdrawn必须是“事项编码: 撤销说明”的对象。"))
        withdrawn = {}
    categories = data.get("categories")
    if not isinstance(categories, list) or not categories:
        return [*errors, _("categories必须是非空列表。")]
    seen_categories: set[str] = set()
    seen_items: set[str] = set()
    for category in categories:
        errors.extend(_category_errors(category, sources, seen_categories, seen_items))
    still_listed = sorted(set(withdrawn) & seen_items)
    if still_listed:
        errors.append(
            _("事项%(codes)s既在目录中又列为已撤销。") % {"codes": "、".join(still_listed)}
        )
    return errors


def _category_errors(
    category: Any, sources: Mapping, seen_categories: set[str], seen_items: set[str]
) -> list[str]:
    from gongkai.catalogue.models import StandardCategory

    if not isinstance(category, Mapping):
        return [_("一级事项必须是对象。")]
    code = category.get("code")
    label = _("一级事项%(code)s") % {"code": code}
    errors = _entry_errors(category, CATEGORY_KEYS, label, StandardCategory, sources)
    if isinstance(code, str):
        if code in seen_categories:
            errors.append(_("%(label)s：编码重复。") % {"label": label})
        seen_categories.add(code)
    items = category.get("items")
    if not isinstance(items, list) or not items:
        errors.append(_("%(label)s：items必须是非空列表。") % {"label": label})
        return errors
    for item in items:
        errors.extend(_item_errors(item, sources, seen_items))
    return errors


def _item_errors(item: Any, sources: Mapping, seen_items: set[str]) -> list[str]:
    from gongkai.catalogue.models import StandardItem

    if not isinstance(item, Mapping):
        return [_("二级事项必须是对象。")]
    code = item.get("code")
    label = _("二级事项%(code)s") % {"code": code}
    errors = _entry_errors(
        item, ITEM_KEYS, label, StandardItem, sources, optional=set(OPTIONAL_ITEM_KEYS)
    )
    if isinstance(code, str):
        if code in seen_items:
            errors.append(_("%(label)s：编码重复。") % {"label": label})
        seen_items.add(code)
    days = item.get("time_limit_days")
    if not (isinstance(days, int) and not isinstance(days, bool) and days > 0):
        errors.append(_("%(label)s：公开时限必须是正整数（工作日）。") % {"label": label})
    elif rules.text_days_mismatch(str(item.get("time_limit_text", "")), days):
        errors.append(_("%(label)s：时限说明与时限天数不一致。") % {"label": label})
    channels = item.get("channels")
    if not isinstance(channels, list) or any(c not in rules.CHANNELS for c in channels):
        errors.append(_("%(label)s：公开渠道必须取自渠道清单。") % {"label": label})
    if item.get("mode") not in rules.MODES:
        errors.append(_("%(label)s：公开方式只能是“主动”或“依申请”。") % {"label": label})
    levels = item.get("levels")
    level_problems = rules.levels_errors(levels)
    errors.extend(f"{label}：{problem}" for problem in level_problems)
    if not level_problems and item.get("level") != rules.levels_text(levels):
        # The wording shown to the public must say what the filter does.
        errors.append(
            _("%(label)s：level应为“%(text)s”，与levels一致。")
            % {"label": label, "text": rules.levels_text(levels)}
        )
    elements = item.get("elements")
    if not isinstance(elements, list) or not elements:
        errors.append(_("%(label)s：至少需要一项公开内容要素。") % {"label": label})
    else:
        errors.extend(
            f"{label}：{problem}"
            for problem in rules.elements_errors(elements, allowed_channels=rules.CHANNELS)
        )
        if any(isinstance(e, Mapping) and not e.get("mode") for e in elements):
            errors.append(_("%(label)s：每项要素都必须写明公开方式。") % {"label": label})
    if item.get("cadence", "") not in Cadence.values:
        errors.append(_("%(label)s：cadence只能是monthly、quarterly或yearly。") % {"label": label})
    due_days = item.get("cadence_due_working_days", 20)
    if not (isinstance(due_days, int) and not isinstance(due_days, bool) and 1 <= due_days <= 365):
        errors.append(
            _("%(label)s：cadence_due_working_days必须是1至365的整数。") % {"label": label}
        )
    return errors


def _entry_errors(
    entry: Mapping,
    keys: set[str],
    label: str,
    model: type[models.Model],
    sources: Mapping,
    optional: set[str] = frozenset(),
) -> list[str]:
    """Checks shared by categories and items: keys, text lengths, confirmation, source note."""
    errors: list[str] = []
    missing = sorted(keys - set(entry))
    if missing:
        errors.append(
            _("%(label)s：缺少字段%(keys)s。") % {"label": label, "keys": "、".join(missing)}
        )
    unknown = sorted(set(entry) - keys - optional)
    if unknown:
        errors.append(
            _("%(label)s：含有未知字段%(keys)s。") % {"label": label, "keys": "、".join(unknown)}
        )
    for name in (keys | optional) & set(entry):
        model_field = _model_field(model, name)
        value = entry[name]
        if isinstance(model_field, models.CharField | models.TextField):
            if not isinstance(value, str):
                errors.append(_("%(label)s：%(key)s必须是文字。") % {"label": label, "key": name})
            elif model_field.max_length and len(value) > model_field.max_length:
                errors.append(
                    _("%(label)s：%(key)s超过%(max)d个字符。")
                    % {"label": label, "key": name, "max": model_field.max_length}
                )
    for name in ("code", "name"):
        if isinstance(entry.get(name), str) and not entry[name].strip():
            errors.append(_("%(label)s：%(key)s不能为空。") % {"label": label, "key": name})
    order = entry.get("order")
    if not (isinstance(order, int) and not isinstance(order, bool) and order >= 0):
        errors.append(_("%(label)s：order必须是非负整数。") % {"label": label})
    if entry.get("confirmation") not in CONFIRMATIONS:
        errors.append(_("%(label)s：confirmation只能是confirmed或reading。") % {"label": label})
    note = entry.get("source_note")
    if not isinstance(note, str) or not note.strip():
        # Every entry says where it comes from: a source id, or that it is our reading.
        errors.append(_("%(label)s：必须填写来源说明source_note。") % {"label": label})
    else:
        cited = set(SOURCE_ID.findall(note))
        unknown_sources = sorted(cited - set(sources))
        if unknown_sources:
            errors.append(
                _("%(label)s：来源说明引用了未列出的来源%(ids)s。")
                % {"label": label, "ids": "、".join(unknown_sources)}
            )
        if entry.get("confirmation") == "confirmed" and not cited:
            # "Confirmed" means read in a source: the note must say which one.
            errors.append(
                _("%(label)s：标为已核实，但来源说明未引用任何来源编号。") % {"label": label}
            )
    return errors


def _model_field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def upsert_standard_catalogue(
    data: Mapping[str, Any],
    *,
    category_model: type[models.Model],
    item_model: type[models.Model],
) -> LoadResult:
    """Create or update every category and item of `data` by code; delete nothing."""
    result = LoadResult()
    file_item_codes: set[str] = set()
    for category_data in data["categories"]:
        category = _upsert(
            category_model,
            category_data["code"],
            {name: category_data[name] for name in CATEGORY_FIELDS},
            result,
        )
        for item_data in category_data["items"]:
            values = {
                name: item_data.get(name, OPTIONAL_ITEM_KEYS.get(name)) for name in ITEM_FIELDS
            }
            values["category"] = category
            values["withdrawn_reason"] = ""  # back in the file: in force again
            _upsert(item_model, item_data["code"], values, result)
            file_item_codes.add(item_data["code"])
    result.not_in_file = sorted(
        item_model.objects.exclude(code__in=file_item_codes).values_list("code", flat=True)
    )
    if _model_field(item_model, "withdrawn_reason") is not None:
        # Dropped items stay (agencies' items refer to them) but are withdrawn, with a reason.
        reasons = data.get("withdrawn", {})
        for code in result.not_in_file:
            reason = reasons.get(code) or "标准目录新版本已不再包含本事项。"
            obj = item_model.objects.get(code=code)
            if obj.withdrawn_reason != reason:
                before = {"withdrawn_reason": obj.withdrawn_reason}
                obj.withdrawn_reason = reason
                obj.save(update_fields=["withdrawn_reason"])
                result.updated.append((obj, before, {"withdrawn_reason": reason}))
                result.withdrawn.append(code)
    return result


def _upsert(
    model: type[models.Model], code: str, values: dict[str, Any], result: LoadResult
) -> models.Model:
    # A historical model (in a data migration) may lack fields added to the file later.
    concrete = {f.name for f in model._meta.concrete_fields}
    values = {name: value for name, value in values.items() if name in concrete}
    obj = model.objects.filter(code=code).first()
    if obj is None:
        obj = model.objects.create(code=code, **values)
        result.created.append(obj)
        return obj
    changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
    if not changed:
        result.unchanged += 1
        return obj
    before = {name: getattr(obj, name) for name in changed}
    for name, value in changed.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(changed))
    result.updated.append((obj, before, changed))
    return obj


def remove_standard_catalogue(
    data: Mapping[str, Any],
    *,
    category_model: type[models.Model],
    item_model: type[models.Model],
) -> None:
    """Delete the file's categories and items that no agency item refers to (migration reverse)."""
    item_codes = [item["code"] for category in data["categories"] for item in category["items"]]
    category_codes = [category["code"] for category in data["categories"]]
    item_model.objects.filter(code__in=item_codes, agency_items__isnull=True).delete()
    category_model.objects.filter(code__in=category_codes, items__isnull=True).delete()
