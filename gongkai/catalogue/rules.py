"""Pure rules of the catalogue: element shape and time limits. No database, no settings.

An element (公开内容要素) is one sub-row of a catalogue item, with its own time limit,
channels, audience, mode and level (spec/catalogue.md §2, §5). Its shape is documented in
gongkai/catalogue/README.md.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

ELEMENT_KEYS: tuple[str, ...] = (
    "name",
    "details",
    "time_limit_days",
    "time_limit_text",
    "channels",
    "audience",
    "mode",
    "level",
)

# The 公开渠道和载体 checklist of the national template, verbatim (spec/catalogue.md §2).
CHANNELS: tuple[str, ...] = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
)

# 公开方式 (spec/catalogue.md §2); blank is allowed on agency items that do not say.
MODES: tuple[str, ...] = ("主动", "依申请")

_DAYS_IN_TEXT = re.compile(r"(\d+)个工作日")


def element_names(elements: Iterable[Mapping[str, Any]]) -> list[str]:
    """The names of an item's elements, in order."""
    return [str(element.get("name", "")) for element in elements]


def find_element(elements: Iterable[Mapping[str, Any]], name: str) -> Mapping[str, Any] | None:
    """The element called `name`, or None."""
    for element in elements:
        if element.get("name") == name:
            return element
    return None


def time_limit_days(
    item_elements: Sequence[Mapping[str, Any]],
    default_days: int,
    element_name: str | None = None,
) -> int:
    """Working days to publish (条例 Art.26): the named element's limit, else the item's."""
    if element_name:
        element = find_element(item_elements, element_name)
        if element is not None and _is_positive_int(element.get("time_limit_days")):
            return int(element["time_limit_days"])
    return default_days


def time_limit_text_for(days: int) -> str:
    """The standard wording of a time limit of `days` working days (spec/catalogue.md §2)."""
    return f"自信息形成或者变更之日起{days}个工作日内予以公开"


def text_days_mismatch(text: Any, days: int) -> bool:
    """True when `text` states a number of working days other than `days`."""
    match = _DAYS_IN_TEXT.search(text if isinstance(text, str) else "")
    return match is not None and int(match.group(1)) != days


def element_errors(
    element: Any, *, position: int, allowed_channels: Sequence[str] | None = None
) -> list[str]:
    """Problems with one element dict; `position` is 1-based, for the messages."""
    if not isinstance(element, Mapping):
        return [_("第%(position)d项要素不是对象。") % {"position": position}]
    errors: list[str] = []
    missing = [key for key in ELEMENT_KEYS if key not in element]
    if missing:
        errors.append(
            _("第%(position)d项要素缺少字段：%(keys)s。")
            % {"position": position, "keys": "、".join(missing)}
        )
    unknown = sorted(set(element) - set(ELEMENT_KEYS))
    if unknown:
        errors.append(
            _("第%(position)d项要素含有未知字段：%(keys)s。")
            % {"position": position, "keys": "、".join(unknown)}
        )
    name = element.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append(_("第%(position)d项要素缺少名称。") % {"position": position})
    for key in ("details", "time_limit_text", "audience", "mode", "level"):
        if key in element and not isinstance(element[key], str):
            errors.append(
                _("第%(position)d项要素的“%(key)s”必须是文字。")
                % {"position": position, "key": key}
            )
    days = element.get("time_limit_days")
    if "time_limit_days" in element and not _is_positive_int(days):
        errors.append(
            _("第%(position)d项要素的公开时限必须是正整数（工作日）。") % {"position": position}
        )
    elif _is_positive_int(days) and text_days_mismatch(str(element.get("time_limit_text")), days):
        errors.append(
            _("第%(position)d项要素的时限说明与时限天数（%(days)d个工作日）不一致。")
            % {"position": position, "days": days}
        )
    channels = element.get("channels")
    if "channels" in element:
        if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
            errors.append(
                _("第%(position)d项要素的公开渠道必须是文字列表。") % {"position": position}
            )
        elif allowed_channels is not None:
            unknown_channels = [c for c in channels if c not in allowed_channels]
            if unknown_channels:
                errors.append(
                    _("第%(position)d项要素含有不在清单中的公开渠道：%(channels)s。")
                    % {"position": position, "channels": "、".join(unknown_channels)}
                )
    mode = element.get("mode")
    if isinstance(mode, str) and mode and mode not in MODES:
        errors.append(
            _("第%(position)d项要素的公开方式只能是“主动”或“依申请”。") % {"position": position}
        )
    return errors


def elements_errors(elements: Any, *, allowed_channels: Sequence[str] | None = None) -> list[str]:
    """Problems with an item's list of elements (shape, limits, unique names); empty if valid."""
    if not isinstance(elements, list):
        return [_("公开内容（要素）必须是列表。")]
    errors: list[str] = []
    for position, element in enumerate(elements, start=1):
        errors.extend(element_errors(element, position=position, allowed_channels=allowed_channels))
    names = [e.get("name") for e in elements if isinstance(e, Mapping)]
    duplicates = sorted({n for n in names if isinstance(n, str) and names.count(n) > 1})
    if duplicates:
        errors.append(_("要素名称重复：%(names)s。") % {"names": "、".join(duplicates)})
    return errors


def _is_positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


# The categories every agency publishes under 条例第二十条 (机构职能, 法规文件, 规划计划 …) carry
# our own codes G01–G12 (data/standard_catalogue.json); the health-domain categories (01
# 行政许可, 02 行政处罚, P01 …) are the special catalogue that follows them.
BASIC_CATEGORY_PREFIX = "G"


def category_sort_key(code: str) -> tuple[int, str]:
    """Order categories as staff and the public read them: the basic ones first, then special."""
    return (0 if code.startswith(BASIC_CATEGORY_PREFIX) else 1, code)


# 公开层级: the levels a standard item applies to. The national format has the columns 县级 and
# 乡级 (spec/catalogue.md §2), 酉阳 2023 adds 市级 (S9); 医疗卫生机构 is ours, for the items
# institutions publish about themselves (《医疗卫生机构信息公开管理办法》). The codes are those of
# `agencies.models.Level`, so an agency's level says which items it derives.
CATALOGUE_LEVELS: dict[str, str] = {
    "city": "市级",
    "county": "县级",
    "township": "乡级",
    "institution": "医疗卫生机构",
}

# Which catalogue level an agency of each hierarchy level derives. The standard catalogue is a
# primary-level (基层) one: agencies above the city take the city-level items (our reading).
LEVEL_OF_AGENCY: dict[str, str] = {
    "national": "city",
    "province": "city",
    "city": "city",
    "county": "county",
    "township": "township",
    "institution": "institution",
}


def catalogue_level_for(agency_level: str) -> str:
    """The catalogue level whose items an agency of `agency_level` derives."""
    return LEVEL_OF_AGENCY.get(agency_level, "county")


def levels_text(levels: Iterable[str]) -> str:
    """The 公开层级 wording of a list of level codes: ["county", "township"] → "县级、乡级"."""
    return "、".join(CATALOGUE_LEVELS[code] for code in CATALOGUE_LEVELS if code in set(levels))


def levels_errors(levels: Any) -> list[str]:
    """Problems with an item's list of level codes (non-empty, known codes, no repeats)."""
    if not isinstance(levels, list) or not levels:
        return [_("公开层级levels必须是非空列表。")]
    unknown = [code for code in levels if code not in CATALOGUE_LEVELS]
    if unknown:
        return [_("公开层级只能取%(codes)s。") % {"codes": "、".join(CATALOGUE_LEVELS)}]
    if len(set(levels)) != len(levels):
        return [_("公开层级有重复。")]
    return []
