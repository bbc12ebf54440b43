"""The public shape of an agency's catalogue: categories (一级事项) holding items (二级事项),
basic items first, each with the number of records the public can read under it.

Pure: takes the items and the counts, reads no database, so that a page builds the whole tree
from one query for the items and one aggregate for the counts.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gongkai.catalogue.models import AgencyItem

# The 基础公开事项 every agency keeps (条例第二十条: 机构职能, 法规文件, 预算决算 …) carry the
# codes G01…G12 in data/standard_catalogue.json; the 卫生健康 domain items (行政许可 01,
# 行政处罚 02, 公共服务 P01…) and an agency's own categories come after them.
BASIC_CATEGORY_CODE = re.compile(r"G\d+")
# 机构职能 (机关职能, 机构设置, 办公地址, 负责人姓名 …): what an agency's 机构信息 page lists.
ORGANISATION_CATEGORY_CODE = "G01"


@dataclass
class ItemNode:
    item: AgencyItem
    count: int

    @property
    def is_empty(self) -> bool:
        return self.count == 0


@dataclass
class CategoryNode:
    code: str
    name: str
    is_basic: bool
    items: list[ItemNode] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(node.count for node in self.items)


def is_basic_category(code: str) -> bool:
    return BASIC_CATEGORY_CODE.fullmatch(code) is not None


def build_tree(
    items: Iterable[AgencyItem],
    counts: Mapping[int, int],
    category_order: Mapping[str, int] | None = None,
) -> list[CategoryNode]:
    """Categories with their items and record counts (`counts`: item id → records).

    Basic categories come before special ones; within each group the standard catalogue's
    order (`category_order`: code → order), then the code. Items keep the order given.
    """
    category_order = category_order or {}
    categories: dict[str, CategoryNode] = {}
    for item in items:
        node = categories.get(item.category_code)
        if node is None:
            node = categories[item.category_code] = CategoryNode(
                code=item.category_code,
                name=item.category_name,
                is_basic=is_basic_category(item.category_code),
            )
        node.items.append(ItemNode(item=item, count=counts.get(item.pk, 0)))
    unlisted = max(category_order.values(), default=0) + 1
    return sorted(
        categories.values(),
        key=lambda node: (
            not node.is_basic,
            category_order.get(node.code, unlisted),
            node.code,
        ),
    )
