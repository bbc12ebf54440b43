"""The public lists of records written in Python ({% record_list %}, {% record_table %}):
what each row shows, escaped; days in China's time zone; the empty list's text; English."""

import datetime
import zoneinfo

import lxml.html
import pytest
from django.template import Context, Template
from django.utils import translation

from gongkai.documents.models import Document, Validity
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def render(source: str, **context) -> lxml.html.HtmlElement:
    html = Template("{% load record_list_tags %}" + source).render(Context(context))
    return lxml.html.fragment_fromstring(html, create_parent="div")


@pytest.fixture
def records(db):
    agency = make_agency(code="HX-WJJ", name="和县卫生健康委员会", short_name="和县卫健委")
    item = make_agency_item(agency, name="行政规范性文件")
    odd = make_published_document(catalogue_item=item, title='<b>"规范"</b> & 通知')
    # Published at 01:00 in Beijing, which is still the day before in UTC.
    Document.objects.filter(pk=odd.pk).update(
        published_at=datetime.datetime(2026, 3, 2, 1, 0, tzinfo=SHANGHAI),
        formed_on=datetime.date(2026, 2, 27),
        document_number="",
        validity=Validity.REPEALED,
    )
    plain = make_published_document(
        catalogue_item=item, title="普通通知", document_number="和卫发〔2026〕3号"
    )
    return [Document.objects.get(pk=odd.pk), plain]


def test_a_list_links_each_title_with_its_day_and_agency(records):
    odd = records[0]

    tree = render("{% record_list records show_agency=True %}", records=records)

    (first, _second) = tree.xpath("//ul[@class='list']/li")
    link = first.xpath("./a")[0]
    assert link.text_content() == '<b>"规范"</b> & 通知'  # text, not markup
    assert link.get("href") == f"/records/{odd.pk}/"
    assert first.xpath(".//span[@lang='zh-Hans']/text()") == ["和县卫健委"]
    assert first.xpath(".//time/@datetime") == ["2026-03-02"]  # Beijing's day, not UTC's
    assert not render("{% record_list records %}", records=records).xpath("//span[@lang]")


def test_an_empty_list_says_so_in_the_visitors_language(db):
    assert render("{% record_list records %}", records=[]).text_content().strip() == "暂无信息。"
    with translation.override("en"):
        text = render("{% record_table records %}", records=[]).text_content().strip()
    assert text
    assert "暂无" not in text
    tree = render("{% record_table records empty_text='本栏目暂无公开信息。' %}", records=[])
    assert tree.xpath("//p[@class='muted']/text()") == ["本栏目暂无公开信息。"]


def test_a_table_row_has_its_index_number_title_number_and_days(records):
    odd = records[0]

    tree = render("{% record_table records %}", records=records)

    assert tree.xpath("//thead//th/text()") == ["索引号", "名称", "文号", "生成日期", "发布日期"]
    rows = tree.xpath("//tbody/tr")
    cells = [c.text_content().strip() for c in rows[0].xpath("./td")]
    assert cells == [
        odd.index_number,
        '<b>"规范"</b> & 通知 已废止',
        "—",
        "2026-02-27",
        "2026-03-02",
    ]
    assert rows[0].xpath(".//span[@class='badge bad']/text()") == ["已废止"]
    assert not rows[1].xpath(".//span[@class='badge bad']")  # valid: no badge
    assert [c.get("data-label") for c in rows[1].xpath("./td")] == [
        "索引号",
        None,
        "文号",
        "生成日期",
        "发布日期",
    ]
    assert rows[1].xpath("./td[3]/text()") == ["和卫发〔2026〕3号"]
    with translation.override("en"):
        english = render("{% record_table records %}", records=records)
    assert "索引号" not in english.xpath("//thead")[0].text_content()


def test_the_home_page_has_a_card_per_active_agency_with_its_count_and_links(client, records):
    from django.urls import reverse

    from gongkai.agencies.models import Agency

    make_agency(code="LX-WJJ", name='邻县<卫生>"健康"局')
    make_agency(code="OLD-WJJ", name="已撤销的机关", is_active=False)

    tree = lxml.html.fromstring(client.get(reverse("portal:home")).content.decode())

    cards = tree.xpath("//ul[@class='agency-list']/li[@class='card']")
    names = [card.xpath("./a[@class='agency-name']")[0].text_content() for card in cards]
    assert names == [a.name for a in Agency.objects.active().in_hierarchy_order()]
    assert "已撤销的机关" not in names
    hx = cards[names.index("和县卫生健康委员会")]
    assert hx.xpath("./span[@class='muted']/text()") == ["已公开 2 条"]
    assert hx.xpath(".//a/@href") == [
        reverse("portal:agency-home", args=["HX-WJJ"]),
        reverse("portal:agency-guide", args=["HX-WJJ"]),
        reverse("portal:agency-catalogue", args=["HX-WJJ"]),
    ]
    lx = cards[names.index('邻县<卫生>"健康"局')]  # escaped in the page, read back whole
    assert lx.xpath("./span[@class='muted']/text()") == ["已公开 0 条"]
    with translation.override("en"):
        english = lxml.html.fromstring(client.get("/en/").content.decode())
    counts = english.xpath("//ul[@class='agency-list']//span[@class='muted']/text()")
    assert "2 items disclosed" in counts
    assert "0 items disclosed" in counts


def test_the_policy_table_shows_kind_issuers_number_day_and_validity(records):
    from gongkai.documents.models import DocumentType, Issuer

    odd, plain = records
    Document.objects.filter(pk=plain.pk).update(document_type=DocumentType.NORMATIVE)
    Issuer.objects.filter(document=plain).delete()
    Issuer.objects.create(document=plain, name="和县卫生健康委员会", position=0)
    Issuer.objects.create(document=plain, name="和县<财政>局", position=1)
    listed = Document.objects.filter(pk__in=[odd.pk, plain.pk]).order_by("pk")
    listed = listed.prefetch_related("issuers")

    tree = render("{% policy_table records %}", records=listed)

    assert tree.xpath("//thead//th/text()") == ["标题", "发文机关", "文号", "发布日期", "有效性"]
    first, second = tree.xpath("//tbody/tr")
    assert [c.text_content().strip() for c in second.xpath("./td")] == [
        f"普通通知 {DocumentType.NORMATIVE.label}",
        "和县卫生健康委员会、和县<财政>局",
        "和卫发〔2026〕3号",
        _day_of(plain),
        "有效",
    ]
    assert not second.xpath(".//span[@class='badge bad']")  # valid: the label, no badge
    assert first.xpath(".//span[@class='badge bad']/text()") == ["已废止"]
    assert first.xpath("./td[3]/text()") == ["—"]
    assert first.xpath("./td[4]/text()") == ["2026-03-02"]
    empty = render("{% policy_table records %}", records=[])
    assert empty.xpath("//tbody/tr/td[@colspan='5']/text()") == ["没有符合条件的文件。"]


def _day_of(document) -> str:
    return document.published_at.astimezone(SHANGHAI).date().isoformat()
