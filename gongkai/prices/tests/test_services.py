import datetime
from decimal import Decimal

import pytest

from gongkai.agencies.models import Role
from gongkai.documents.importing import ImportFailed
from gongkai.documents.models import Status as DocumentStatus
from gongkai.documents.models import Validity
from gongkai.factories import make_agency, make_user
from gongkai.prices import importing, publication, services, tables
from gongkai.prices.errors import PriceError
from gongkai.prices.models import PriceItem, PriceVersion, VersionStatus
from gongkai.prices.tests.factories import item, make_list, publish

pytestmark = pytest.mark.django_db
HEADER = ("项目编码", "项目名称", "规格", "计价单位", "价格（元）", "执行日期", "备注")


def xlsx(*lines) -> bytes:
    from gongkai.diseases.tests.factories import xlsx as write

    return write(*lines)


def test_publication_through_review_and_a_new_version_supersedes():
    price_list = make_list()
    drafter = make_user(agency=price_list.agency, roles=(Role.PUBLISHER,))
    version = services.replace_items(
        price_list=price_list, actor=drafter, rows=[item("A", "10"), item("B", "20")]
    )
    services.submit_version(version=version, actor=drafter)
    with pytest.raises(PriceError, match="起草人不能审核"):
        publication.publish_version(version=version, actor=drafter)
    reviewer = make_user(agency=price_list.agency, roles=(Role.REVIEWER,))
    first = publication.publish_version(version=version, actor=reviewer)
    assert first.document.catalogue_item.code == "P0302"
    assert first.document.index_number.startswith(price_list.agency.code)
    second = publish(price_list, [item("A", "12", on=datetime.date(2026, 7, 1)), item("C", "5")])
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert first.document.validity == Validity.AMENDED
    assert second.number == 2
    assert "调价" in second.document.body
    assert "取消" in second.document.body
    kinds = {c.code: c.kind for c in services.changes_of(second)}
    assert kinds == {"A": "price", "B": "removed", "C": "added"}
    history = services.history_of(price_list, "A")
    assert [(e.version, e.change.kind, e.change.new_price) for e in history] == [
        (1, "added", Decimal("10.00")),
        (2, "price", Decimal("12.00")),
    ]


def test_withdraw_takes_the_list_down():
    version = publish(make_list(), [item("A", "1")])
    publication.withdraw_version(version=version, actor=version.reviewed_by, reason="价格有误")
    version.document.refresh_from_db()
    assert version.document.status == DocumentStatus.WITHDRAWN
    assert services.current_version(version.price_list) is None


def test_only_own_or_subordinate_institutions():
    agency = make_agency()
    stranger = make_agency()
    with pytest.raises(PriceError):
        services.create_list(agency=agency, institution=stranger, kind="drug", actor=None)


@pytest.mark.parametrize(
    ("line", "column", "text"),
    [
        (("A1", "阿莫西林胶囊", "0.25g*24粒", "盒", "12.5", "2026-01-01", ""), "项目编码", "重复"),
        (("B2", "阿莫西林胶囊", "0.25g*24粒", "盒", "-1", "2026-01-01", ""), "价格（元）", "金额"),
        (("B2", "阿莫西林胶囊", "", "盒", "1.234", "2026-01-01", ""), "价格（元）", "金额"),
        (("B2", "阿莫西林胶囊", "", "盒", "十元", "2026-01-01", ""), "价格（元）", "金额"),
        (("B2", "阿莫西林胶囊", "", "盒", "1", "2026-13-01", ""), "执行日期", "日期"),
        (("B2", "阿莫西林胶囊", "", "盒", "1", "下月", ""), "执行日期", "日期"),
        (("", "阿莫西林胶囊", "", "盒", "1", "2026-01-01", ""), "项目编码", "不能为空"),
        (("B2", "", "", "盒", "1", "2026-01-01", ""), "项目名称", "不能为空"),
    ],
)
def test_import_with_a_bad_row_names_it_and_imports_nothing(line, column, text):
    price_list = make_list(kind="drug")
    user = make_user(agency=price_list.agency, roles=(Role.PUBLISHER,))
    data = xlsx(
        HEADER, ("A1", "布洛芬缓释胶囊", "0.3g*20粒", "盒", "15.80", "2026-01-01", ""), line
    )
    with pytest.raises(ImportFailed) as failed:
        importing.import_list(price_list=price_list, actor=user, filename="p.xlsx", data=data)
    (error,) = failed.value.errors
    assert (error.row, error.column) == (3, column)
    assert text in error.message
    assert not PriceVersion.objects.exists()
    assert not PriceItem.objects.exists()


def test_import_makes_the_next_draft_version():
    price_list = make_list(kind="drug")
    publish(price_list, [item("A1", "10")])
    user = make_user(agency=price_list.agency, roles=(Role.PUBLISHER,))
    data = xlsx(HEADER, ("A1", "布洛芬缓释胶囊", "0.3g*20粒", "盒", 15.8, "2026/7/1", "集采"))
    version = importing.import_list(price_list=price_list, actor=user, filename="p.xlsx", data=data)
    assert version.number == 2
    assert version.status == VersionStatus.DRAFT
    row = version.items.get()
    assert row.price == Decimal("15.80")
    assert row.effective_on == datetime.date(2026, 7, 1)
    assert importing.template_xlsx().startswith(b"PK")


def test_search_by_name_or_code_in_the_current_version_only():
    price_list = make_list()
    publish(
        price_list, [item("110200001", "8", "普通门诊诊查费"), item("120100001", "30", "静脉输液")]
    )
    services.replace_items(price_list=price_list, actor=None, rows=[item("X", "1", "门诊草稿")])
    assert [i.code for i in tables.search_items(price_list, "门诊")] == ["110200001"]
    assert [i.code for i in tables.search_items(price_list, "1201")] == ["120100001"]
    assert tables.search_items(price_list).count() == 2
    source = tables.source_table(price_list.agency)
    assert [row[2] for row in source.rows] == ["110200001", "120100001"]
