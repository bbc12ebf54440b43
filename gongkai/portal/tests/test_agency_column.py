"""An agency's 政府信息公开 column: the same entries on each of its pages, the catalogue as a tree
with counts and the records of the chosen node, 制度, 依申请公开, 年报 and 机构信息 (issue #14)."""

import datetime
import zoneinfo

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.catalogue.models import ItemStatus
from gongkai.documents import services
from gongkai.documents.models import (
    Attribute,
    Document,
    DocumentType,
    Status,
    Topic,
    Validity,
    WithholdingBasis,
)
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.documents.tests.factories import make_published_document as publish_record
from gongkai.factories import make_agency, make_user
from gongkai.reports.models import AnnualReport
from gongkai.reports.models import Status as ReportStatus

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
COLUMN = [
    ("portal:agency-home", "政府信息公开"),
    ("portal:agency-guide", "政府信息公开指南"),
    ("portal:agency-rules", "政府信息公开制度"),
    ("portal:agency-catalogue", "法定主动公开内容"),
    ("portal:agency-on-request", "依申请公开"),
    ("portal:agency-reports", "政府信息公开年报"),
    ("portal:agency-about", "机构信息"),
    ("portal:agency-proposals", "建议提案办理结果"),
]


@pytest.fixture
def agency(db):
    return make_agency(code="HX-WJJ", name="和县卫生健康委员会", short_name="和县卫健委")


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def items(agency):
    """Two special items (行政许可) made first, then basic ones, one of them left empty."""
    licensing = make_agency_item(
        agency,
        category_code="01",
        category_name="行政许可类事项",
        code="0104",
        name="医疗机构执业登记",
    )
    normative = make_agency_item(
        agency, category_code="G02", category_name="法规文件", code="G0202", name="行政规范性文件"
    )
    other_policy = make_agency_item(
        agency, category_code="G02", category_name="法规文件", code="G0203", name="其他政策文件"
    )
    functions = make_agency_item(
        agency, category_code="G01", category_name="机构职能", code="G0101", name="机关职能"
    )
    return {
        "licensing": licensing,
        "normative": normative,
        "other_policy": other_policy,
        "functions": functions,
    }


def publish(item, reviewer, **overrides):
    return publish_record(catalogue_item=item, reviewer=reviewer, **overrides)


def page(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, url
    return lxml.html.fromstring(response.content.decode())


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def catalogue_url(agency, item_code: str = "") -> str:
    if item_code:
        return reverse("portal:agency-catalogue-item", args=[agency.code, item_code])
    return reverse("portal:agency-catalogue", args=[agency.code])


def table_titles(tree) -> list[str]:
    return texts(tree, '//table[@class="record-table"]//td[2]/a')


# --- the column ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "label"), COLUMN)
def test_every_column_page_carries_the_column_with_itself_marked(client, agency, name, label):
    tree = page(client, reverse(name, args=[agency.code]))

    nav = tree.xpath('//nav[@aria-label="政府信息公开栏目"]')[0]
    entries = texts(nav, ".//a")
    assert entries[: len(COLUMN)] == [entry for _, entry in COLUMN]
    assert {"执法公示", "行政许可公示", "行政处罚公示"} <= set(entries)
    assert texts(nav, './/a[@aria-current="page"]') == [label]
    hrefs = nav.xpath(".//a/@href")
    for other, _ in COLUMN:
        assert reverse(other, args=[agency.code]) in hrefs


@pytest.mark.parametrize(
    ("url_name", "args", "label"),
    [
        ("portal:enforcement", [], "执法公示"),
        ("portal:agency-decisions", ["licensing"], "行政许可公示"),
        ("portal:agency-decisions", ["penalties"], "行政处罚公示"),
    ],
)
def test_the_enforcement_pages_carry_the_column_too(client, agency, url_name, args, label):
    tree = page(client, reverse(url_name, args=[agency.code, *args]))

    nav = tree.xpath('//nav[@aria-label="政府信息公开栏目"]')[0]
    assert texts(nav, ".//a")[: len(COLUMN)] == [entry for _, entry in COLUMN]
    assert texts(nav, './/a[@aria-current="page"]') == [label]


def test_column_pages_of_inactive_or_unknown_agencies_are_404(client, agency):
    agency.is_active = False
    agency.save(update_fields=["is_active"])

    for name, _label in COLUMN:
        assert client.get(reverse(name, args=[agency.code])).status_code == 404, name
        assert client.get(reverse(name, args=["NO-SUCH"])).status_code == 404, name


def test_the_front_page_keeps_the_latest_records(client, agency, items, reviewer):
    publish(items["normative"], reviewer, title="关于加强院感防控的通知")

    tree = page(client, reverse("portal:agency-home", args=[agency.code]))

    assert "关于加强院感防控的通知" in texts(tree, '//ul[@class="list"]//a')


# --- the catalogue tree ----------------------------------------------------------------------


def test_the_tree_puts_basic_categories_first_and_counts_public_records(
    client, agency, items, reviewer
):
    publish(items["normative"], reviewer, title="规范性文件一")
    publish(items["normative"], reviewer, title="规范性文件二")
    publish(items["other_policy"], reviewer, title="其他政策文件一")
    publish(
        items["licensing"], reviewer, title="执业登记结果", document_type=DocumentType.LICENSING
    )
    make_document(catalogue_item=items["normative"], title="草稿")
    publish(
        items["normative"],
        reviewer,
        title="依申请公开的文件",
        attribute=Attribute.ON_REQUEST,
        withholding_basis=WithholdingBasis.PROCESS_INFORMATION,
        withholding_reason="过程性信息。",
    )
    withdrawn = publish(items["normative"], reviewer, title="撤回的文件")
    services.withdraw(document=withdrawn, actor=reviewer, reason="发布有误。")
    hidden = make_agency_item(
        agency, category_code="G03", category_name="规划计划", name="不适用的事项"
    )
    hidden.status = ItemStatus.NOT_APPLICABLE
    hidden.save(update_fields=["status"])

    tree = page(client, catalogue_url(agency))
    nav = tree.xpath('//nav[@class="catalogue-tree"]')[0]

    assert texts(nav, ".//summary/span[1]") == ["机构职能", "法规文件", "行政许可类事项"]
    assert texts(nav, './/li[@class="tree-group"]') == ["基础公开事项", "卫生健康领域公开事项"]
    assert texts(nav, ".//summary") == ["机构职能 0 条", "法规文件 3 条", "行政许可类事项 1 条"]
    rows = texts(nav, ".//details//li[a]")
    assert "行政规范性文件 2 条" in rows
    assert "其他政策文件 1 条" in rows
    assert texts(nav, './/li[@class="empty"]') == ["机关职能 0 条"]  # present, de-emphasised
    assert texts(nav, './/li[@class="tree-all"]') == ["全部信息 4 条"]
    assert "不适用的事项" not in nav.text_content()
    # Internal codes stay out of the tree.
    for code in ("G0202", "G02", "0104"):
        assert code not in nav.text_content()


def test_another_agencys_records_never_appear_or_count(client, agency, items, reviewer):
    other = make_agency(code="QT-WJJ", name="其他县卫生健康局")
    other_item = make_agency_item(
        other, category_code="G02", category_name="法规文件", code="G0202", name="行政规范性文件"
    )
    publish(other_item, None, title="其他县的规范性文件")
    make_document(catalogue_item=other_item, title="其他县的草稿")

    for url in (catalogue_url(agency), catalogue_url(agency, "G0202")):
        tree = page(client, url)
        assert "其他县" not in tree.xpath('//section[@id="records"]')[0].text_content()
        assert texts(tree, '//li[@class="tree-all"]') == ["全部信息 0 条"]


def test_counts_take_the_same_queries_however_many_items(client, agency, reviewer):
    def queries_for_catalogue() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(catalogue_url(agency))
        return len(captured)

    first = make_agency_item(agency, category_code="G02", category_name="法规文件")
    publish(first, reviewer)
    few = queries_for_catalogue()
    for n in range(6):
        item = make_agency_item(agency, category_code=f"G{n + 3:02d}", category_name=f"类{n}")
        publish(item, reviewer)

    assert queries_for_catalogue() == few


def test_choosing_an_item_shows_the_table_of_its_records(client, agency, items, reviewer):
    record = publish(
        items["normative"],
        reviewer,
        title="和县家庭医生签约服务管理办法",
        document_number="和卫发〔2026〕3号",
        document_type=DocumentType.NORMATIVE,
        formed_on=datetime.date(2026, 11, 10),
    )
    publish(items["other_policy"], reviewer, title="其他政策文件一")

    tree = page(client, catalogue_url(agency, "G0202"))

    assert texts(tree, '//section[@id="records"]/h2') == ["行政规范性文件"]
    assert table_titles(tree) == ["和县家庭医生签约服务管理办法"]
    row = texts(tree, '//table[@class="record-table"]//tbody/tr')[0]
    for value in (record.index_number, "和卫发〔2026〕3号", "2026-11-10", "2026-11-16"):
        assert value in row
    assert texts(tree, '//table[@class="record-table"]//th') == [
        "索引号",
        "名称",
        "文号",
        "生成日期",
        "发布日期",
    ]
    # The chosen node is marked and its category open; the others stay closed.
    assert texts(tree, '//nav[@class="catalogue-tree"]//a[@aria-current="page"]') == [
        "行政规范性文件"
    ]
    assert tree.xpath("//details[@open]/summary/span[1]/text()") == ["法规文件"]
    assert tree.xpath("//title")[0].text_content().startswith("行政规范性文件 · ")
    feed = reverse("portal:feed-catalogue-item", args=[agency.code, "G0202"])
    assert tree.xpath(f'//a[@href="{feed}"]')


def test_choosing_a_category_lists_the_records_of_all_its_items(client, agency, items, reviewer):
    publish(items["normative"], reviewer, title="规范性文件一")
    publish(items["other_policy"], reviewer, title="其他政策文件一")
    publish(
        items["licensing"], reviewer, title="执业登记结果", document_type=DocumentType.LICENSING
    )

    tree = page(client, catalogue_url(agency) + "?category=G02")

    assert sorted(table_titles(tree)) == ["其他政策文件一", "规范性文件一"]
    assert texts(tree, '//section[@id="records"]/h2') == ["法规文件"]
    # Filtering keeps the category.
    assert tree.xpath('//form[@role="search"]//input[@name="category"]/@value') == ["G02"]


def test_the_tree_marks_the_chosen_category_and_escapes_names_and_codes(client, agency, items):
    odd = make_agency_item(
        agency, category_code="G02", category_name="法规文件", code="G02 甲", name='<"规章">&'
    )

    tree = page(client, catalogue_url(agency) + "?category=G02")

    nav = tree.xpath('//nav[@class="catalogue-tree"]')[0]
    (chosen,) = nav.xpath('.//a[@aria-current="page"]')
    assert chosen.text_content() == "本类全部"
    assert chosen.get("href") == catalogue_url(agency) + "?category=G02"
    assert nav.xpath("//details[@open]/summary/span[1]/text()") == ["法规文件"]
    (link,) = nav.xpath(".//a[text()='<\"规章\">&']")  # escaped in the page, read back whole
    assert link.get("href") == reverse("portal:agency-catalogue-item", args=[agency.code, odd.code])
    assert link.get("href") == "/agencies/HX-WJJ/catalogue/G02%20%E7%94%B2/"
    assert [a.get("href") for a in nav.xpath('.//a[text()="行政规范性文件"]')] == [
        catalogue_url(agency, "G0202")
    ]


def test_the_whole_catalogue_lists_every_public_record(client, agency, items, reviewer):
    publish(items["normative"], reviewer, title="规范性文件一")
    publish(
        items["licensing"], reviewer, title="执业登记结果", document_type=DocumentType.LICENSING
    )

    tree = page(client, catalogue_url(agency))

    assert sorted(table_titles(tree)) == ["执业登记结果", "规范性文件一"]


def test_unknown_nodes_are_404(client, agency, items):
    page(client, catalogue_url(agency, "NOPE"), status=404)
    page(client, catalogue_url(agency) + "?category=NOPE", status=404)


def test_a_withdrawn_record_is_not_listed_under_its_node(client, agency, items, reviewer):
    record = publish(items["normative"], reviewer, title="后来撤回的文件")
    services.withdraw(document=record, actor=reviewer, reason="发布有误。")

    tree = page(client, catalogue_url(agency, "G0202"))

    assert table_titles(tree) == []
    assert "本栏目暂无公开信息。" in tree.xpath('//section[@id="records"]')[0].text_content()


def test_filters_keyword_year_and_validity_within_the_node(client, agency, items, reviewer):
    old = publish(items["normative"], reviewer, title="乡村医生管理暂行规定")
    Document.objects.filter(pk=old.pk).update(
        published_at=datetime.datetime(2019, 5, 6, 9, tzinfo=SHANGHAI),
        validity=Validity.REPEALED,
    )
    publish(
        items["normative"],
        reviewer,
        title="家庭医生签约服务管理办法",
        document_number="和卫发〔2026〕3号",
    )
    publish(items["other_policy"], reviewer, title="家庭医生宣传通知")  # another node
    url = catalogue_url(agency, "G0202")

    assert table_titles(page(client, url + "?q=家庭医生")) == ["家庭医生签约服务管理办法"]
    assert table_titles(page(client, url + "?q=和卫发〔2026〕3号")) == ["家庭医生签约服务管理办法"]
    assert table_titles(page(client, url + "?year=2019")) == ["乡村医生管理暂行规定"]
    assert table_titles(page(client, url + "?validity=repealed")) == ["乡村医生管理暂行规定"]
    nothing = page(client, url + "?q=不存在的词")
    assert table_titles(nothing) == []
    assert "没有符合条件的信息" in nothing.xpath('//section[@id="records"]')[0].text_content()


def test_a_bad_filter_says_so_in_chinese_and_lists_everything(client, agency, items, reviewer):
    publish(items["normative"], reviewer, title="规范性文件一")

    tree = page(client, catalogue_url(agency, "G0202") + "?year=abc&validity=nonsense")

    summary = texts(tree, '//div[contains(@class, "error-summary")]//li')
    assert summary == ["发布年份：请输入四位数的年份，例如2026。", "有效性：请从列表中选择有效性。"]
    assert table_titles(tree) == ["规范性文件一"]


def test_records_are_paged_and_the_filters_kept(client, agency, items, reviewer):
    for n in range(23):
        publish(items["normative"], reviewer, title=f"规范性文件第{n:02d}号")
    url = catalogue_url(agency, "G0202")

    first = page(client, url + "?q=规范性文件")
    second = page(client, url + "?q=规范性文件&page=2")

    assert len(table_titles(first)) == 20
    assert len(table_titles(second)) == 3
    assert not set(table_titles(first)) & set(table_titles(second))
    assert first.xpath('//nav[@class="pager"]//a[@rel="next"]/@href')[0].startswith("?q=%E8%A7%84")


# --- 制度, 依申请公开, 年报, 机构信息 -----------------------------------------------------------


def test_rules_lists_the_agencys_policies_on_disclosure_work(client, agency, items, reviewer):
    publish(
        items["other_policy"],
        reviewer,
        title="和县卫健委政府信息公开保密审查制度",
        document_type=DocumentType.POLICY,
        topic=Topic.OPENNESS,
    )
    publish(
        items["other_policy"], reviewer, title="医疗废物管理办法", document_type=DocumentType.POLICY
    )
    publish(
        items["other_policy"], reviewer, title="政务公开工作动态", topic=Topic.OPENNESS
    )  # notice
    other_item = make_agency_item(make_agency(), name="其他政策文件")
    publish(
        other_item,
        None,
        title="其他县政府信息公开制度",
        document_type=DocumentType.POLICY,
        topic=Topic.OPENNESS,
    )

    tree = page(client, reverse("portal:agency-rules", args=[agency.code]))

    assert table_titles(tree) == ["和县卫健委政府信息公开保密审查制度"]


def test_on_request_links_the_form_with_the_agency_chosen_and_the_progress_page(client, agency):
    tree = page(client, reverse("portal:agency-on-request", args=[agency.code]))

    apply_url = f"{reverse('portal:foi-apply')}?agency={agency.pk}"
    assert tree.xpath(f'//main//a[@href="{apply_url}"]')
    assert tree.xpath(f'//main//a[@href="{reverse("portal:foi-progress")}"]')
    body = tree.xpath("//main")[0].text_content()
    assert "20 个工作日内答复" in body
    assert "测试路1号" in body  # where to send a letter


def test_reports_lists_the_published_annual_reports_newest_first(client, agency, items, reviewer):
    def report(year: int, status=ReportStatus.PUBLISHED, withdraw=False, owner=agency):
        document = publish(
            make_agency_item(owner),
            None,
            title=f"{owner.name}{year}年政府信息公开工作年度报告",
            document_type=DocumentType.ANNUAL_REPORT,
        )
        if withdraw:
            services.withdraw(document=document, actor=reviewer, reason="数据有误，重新发布。")
        return AnnualReport.objects.create(
            agency=owner, year=year, status=status, published_document=document
        )

    report(2024)
    report(2025)
    report(2023, withdraw=True)
    AnnualReport.objects.create(agency=agency, year=2026, status=ReportStatus.DRAFT)
    report(2022, owner=make_agency(name="其他县卫生健康局"))

    tree = page(client, reverse("portal:agency-reports", args=[agency.code]))

    assert texts(tree, '//ul[contains(@class, "report-list")]/li/a') == [
        "和县卫生健康委员会2025年政府信息公开工作年度报告",
        "和县卫生健康委员会2024年政府信息公开工作年度报告",
    ]
    assert "2025年度" in tree.xpath('//ul[contains(@class, "report-list")]')[0].text_content()


def test_about_shows_the_agencys_details_superior_and_functions(client, agency, items, reviewer):
    city = make_agency(name="某市卫生健康委员会", level=Level.CITY)
    agency.parent = city
    agency.region = "某市和县"
    agency.save(update_fields=["parent", "region"])
    publish(items["functions"], reviewer, title="和县卫健委主要职责")
    publish(items["normative"], reviewer, title="规范性文件一")

    tree = page(client, reverse("portal:agency-about", args=[agency.code]))

    facts = texts(tree, '//table[@class="meta-table"]//tr')
    for value in (
        "和县卫生健康委员会",
        "测试路1号",
        "工作日 9:00-17:00",
        "010-00000000",
        "某市和县",
    ):
        assert any(value in fact for fact in facts), value
    assert tree.xpath(f'//a[@href="{reverse("portal:agency-home", args=[city.code])}"]')
    assert table_titles(tree) == ["和县卫健委主要职责"]
    city_page = page(client, reverse("portal:agency-about", args=[city.code]))
    assert "和县卫生健康委员会" in texts(city_page, "//main//ul[@class='list']//a")


# --- the home page ---------------------------------------------------------------------------


def test_home_lists_agencies_by_level_then_sort_order_then_code(client):
    make_agency(code="C-B", name="乙县卫生健康局", level=Level.COUNTY)
    make_agency(code="C-A", name="甲县卫生健康局", level=Level.COUNTY, sort_order=5)
    make_agency(code="C-C", name="丙县卫生健康局", level=Level.COUNTY, sort_order=1)
    make_agency(code="P-1", name="某省卫生健康委员会", level=Level.PROVINCE)
    make_agency(code="S-1", name="某市卫生健康委员会", level=Level.CITY)

    tree = page(client, reverse("portal:home"))

    assert texts(tree, '//ul[@class="agency-list"]//a[@class="agency-name"]') == [
        "某省卫生健康委员会",
        "某市卫生健康委员会",
        "乙县卫生健康局",
        "丙县卫生健康局",
        "甲县卫生健康局",
    ]


def test_home_notices_are_the_records_of_type_notice(client, agency, items, reviewer):
    publish(items["other_policy"], reviewer, title="关于开展爱国卫生月活动的通知")
    publish(
        items["normative"],
        reviewer,
        title="和县家庭医生签约服务管理办法",
        document_type=DocumentType.NORMATIVE,
    )
    draft = make_document(catalogue_item=items["other_policy"], title="草稿通知")
    assert draft.status == Status.DRAFT

    tree = page(client, reverse("portal:home"))
    notices = tree.xpath('//h2[@id="notices"]/following-sibling::ul[1]')[0]

    assert texts(notices, ".//a") == ["关于开展爱国卫生月活动的通知"]


def test_a_node_is_counted_from_the_tally_and_a_filtered_one_up_to_its_last_page(
    client, agency, items, monkeypatch
):
    from gongkai.portal import agency_views

    monkeypatch.setattr(agency_views, "PAGE_SIZE", 2)
    monkeypatch.setattr(agency_views, "MAX_PAGES", 2)  # at most 4 records can be shown
    for n in range(6):
        make_document(
            catalogue_item=items["normative"],
            title=f"家庭医生文件{n}",
            document_type=DocumentType.NORMATIVE,
            status=Status.PUBLISHED,
        )
    make_document(
        catalogue_item=items["other_policy"],
        title="其他政策文件一",
        document_type=DocumentType.POLICY,
        status=Status.PUBLISHED,
    )

    def status_line(url: str) -> list[str]:
        return texts(page(client, url), '//p[@role="status"]')

    # The whole node: exact, whatever its size (the tree and the table agree).
    assert status_line(catalogue_url(agency, "G0202")) == ["共 6 条"]
    assert status_line(catalogue_url(agency) + "?category=G02") == ["共 7 条"]
    # Filtered: counted as far as the last page that may be shown.
    assert status_line(catalogue_url(agency, "G0202") + "?q=家庭医生") == ["超过 4 条"]
    assert status_line(catalogue_url(agency) + "?q=其他政策") == ["共 1 条"]


def test_item_links_are_right_whatever_the_agencys_code(client):
    # The tree builds item links from one reversed URL; an agency code that reads like the
    # placeholder it uses must not be mistaken for it.
    odd = make_agency(code="ITEM-CODE-PLACEHOLDER", name="代码奇特的机关")
    item = make_agency_item(odd, category_code="G02", category_name="法规文件", code="G0202")

    tree = page(client, catalogue_url(odd))

    hrefs = tree.xpath('//nav[@class="catalogue-tree"]//a[@lang="zh-Hans"]/@href')
    assert hrefs == [reverse("portal:agency-catalogue-item", args=[odd.code, item.code])]
