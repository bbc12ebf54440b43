"""Catalogue test factories: `make_<thing>(**overrides)`, defaults computed per call."""

import itertools
from typing import Any

from gongkai.catalogue.models import AgencyCatalogue, StandardCategory, StandardItem
from gongkai.factories import make_agency

_sequence = itertools.count(1)


def make_element(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "法律法规和政策文件",
        "details": "",
        "time_limit_days": 20,
        "time_limit_text": "自信息形成或者变更之日起20个工作日内予以公开",
        "channels": ["政府网站"],
        "audience": "全社会",
        "mode": "主动",
        "level": "县级",
    }
    values.update(overrides)
    return values


def make_standard_category(**overrides: Any) -> StandardCategory:
    n = next(_sequence)
    values: dict[str, Any] = {"code": f"T{n:03d}", "name": f"测试一级事项{n}", "order": 900 + n}
    values.update(overrides)
    return StandardCategory.objects.create(**values)


def make_standard_item(**overrides: Any) -> StandardItem:
    n = next(_sequence)
    if "category" not in overrides:
        overrides["category"] = make_standard_category()
    values: dict[str, Any] = {
        "code": f"T{n:03d}01",
        "name": f"测试二级事项{n}",
        "order": 10,
        "elements": [
            make_element(),
            make_element(
                name="结果信息",
                time_limit_days=7,
                time_limit_text="自信息形成或者变更之日起7个工作日内予以公开",
            ),
        ],
        "basis": "【法律】《测试法》",
        "subject": "县（市、区）卫生健康行政部门",
        "channels": ["政府网站"],
        "audience": "全社会",
        "mode": "主动",
        "level": "县级",
        "levels": ["county"],
    }
    values.update(overrides)
    return StandardItem.objects.create(**values)


def make_empty_catalogue(**overrides: Any) -> AgencyCatalogue:
    """A catalogue with no items (not derived), for tests of items an agency adds."""
    if "agency" not in overrides:
        overrides["agency"] = make_agency(parent=make_agency())
    return AgencyCatalogue.objects.create(**overrides)
