"""The public tree of an agency's catalogue: basic categories first, counts per node."""

from gongkai.catalogue.models import AgencyItem
from gongkai.catalogue.tree import build_tree, is_basic_category


def item(pk: int, category_code: str, name: str) -> AgencyItem:
    return AgencyItem(
        pk=pk,
        category_code=category_code,
        category_name=f"类{category_code}",
        code=f"X{pk}",
        name=name,
    )


def test_basic_categories_are_the_g_numbered_ones():
    assert is_basic_category("G01")
    assert is_basic_category("G12")
    assert not is_basic_category("01")
    assert not is_basic_category("P01")
    assert not is_basic_category("G-LOCAL")  # an agency's own category


def test_basic_first_then_the_standard_order_then_own_categories():
    items = [
        item(1, "01", "医疗机构执业登记"),
        item(2, "G-LOCAL", "县域医共体建设进展"),
        item(3, "G02", "行政规范性文件"),
        item(4, "P01", "预防接种"),
        item(5, "G01", "机关职能"),
        item(6, "G02", "其他政策文件"),
    ]
    order = {"01": 10, "P01": 30, "G01": 110, "G02": 120}

    tree = build_tree(items, {3: 2, 6: 1, 4: 5}, order)

    assert [node.code for node in tree] == ["G01", "G02", "01", "P01", "G-LOCAL"]
    assert [node.is_basic for node in tree] == [True, True, False, False, False]
    g02 = tree[1]
    assert [(n.item.name, n.count) for n in g02.items] == [
        ("行政规范性文件", 2),
        ("其他政策文件", 1),
    ]
    assert g02.count == 3
    assert tree[0].count == 0
    assert tree[0].items[0].is_empty
