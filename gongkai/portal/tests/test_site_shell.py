"""What every portal page carries (issue #14): the header search, breadcrumbs and the footer a
government site shows; the English site name; the site's own 404 page in development."""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    return make_agency(code="HX-WJJ", name="和县卫生健康委员会")


@pytest.fixture
def record(agency):
    item = make_agency_item(agency, name="行政规范性文件")
    return make_published_document(catalogue_item=item, title="关于做好流感防控工作的通知")


def page(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, url
    return lxml.html.fromstring(response.content.decode())


def breadcrumb(tree) -> tuple[list[tuple[str, str]], str]:
    """The trail's links (text, href) and the current page's text."""
    (nav,) = tree.xpath('//nav[@aria-label="面包屑"]')
    items = nav.xpath("./ol/li")
    links = [(li.text_content().strip(), li.xpath("./a/@href")[0]) for li in items[:-1]]
    (current,) = nav.xpath('./ol/li[@aria-current="page"]')
    assert current is items[-1]
    assert not current.xpath(".//a")
    return links, current.text_content().strip()


def test_every_portal_page_has_the_header_search(client, agency, record):
    for url in (
        reverse("portal:home"),
        reverse("portal:agency-home", args=[agency.code]),
        reverse("portal:document-detail", args=[record.pk]),
        reverse("portal:messages"),
        "/no-such-page/",
    ):
        tree = page(client, url, status=404 if url.startswith("/no-") else 200)
        (form,) = tree.xpath('//header//form[@role="search"]')
        assert form.get("action") == reverse("portal:search")
        assert form.get("method") == "get"
        (field,) = form.xpath('.//input[@name="q"]')
        # Labelled: a <label for> names the field for screen readers.
        assert form.xpath(f'.//label[@for="{field.get("id")}"]')[0].text_content().strip()


def test_home_has_a_prominent_search_box(client):
    tree = page(client, reverse("portal:home"))

    (form,) = tree.xpath('//main//form[@role="search"]')
    assert form.get("action") == reverse("portal:search")
    assert tree.xpath('//main//label[@for="home-q"]')[0].text_content() == "搜索政府信息"


def test_breadcrumbs_lead_from_home_to_the_record(client, agency, record):
    links, current = breadcrumb(page(client, reverse("portal:document-detail", args=[record.pk])))

    assert links == [
        ("首页", reverse("portal:home")),
        ("和县卫生健康委员会", reverse("portal:agency-home", args=[agency.code])),
        ("法定主动公开内容", reverse("portal:agency-catalogue", args=[agency.code])),
        (
            record.catalogue_item.name,
            reverse("portal:agency-catalogue-item", args=[agency.code, record.catalogue_item.code]),
        ),
    ]
    assert current == "关于做好流感防控工作的通知"


@pytest.mark.parametrize(
    ("name", "args", "parents", "current"),
    [
        ("portal:agency-home", ["HX-WJJ"], [], "和县卫生健康委员会"),
        ("portal:agency-guide", ["HX-WJJ"], ["和县卫生健康委员会"], "政府信息公开指南"),
        ("portal:agency-catalogue", ["HX-WJJ"], ["和县卫生健康委员会"], "法定主动公开内容"),
        ("portal:enforcement", ["HX-WJJ"], ["和县卫生健康委员会"], "执法公示"),
        ("portal:policy-library", [], [], "政策文件库"),
        ("portal:search", [], [], "搜索"),
        ("portal:foi-apply", [], [], "申请政府信息公开"),
        ("portal:consultations", [], [], "征求意见"),
        ("portal:messages", [], [], "留言答复"),
        ("portal:message-new", [], ["留言答复"], "我要留言"),
        ("portal:message-stats", [], ["留言答复"], "留言答复情况统计"),
        ("portal:decisions", ["licensing"], [], "行政许可公示"),
    ],
)
def test_breadcrumbs_on_the_portal_pages(client, agency, name, args, parents, current):
    links, here = breadcrumb(page(client, reverse(name, args=args)))

    assert [text for text, _href in links] == ["首页", *parents]
    assert here == current


def test_the_footer_shows_what_a_government_site_must(client, settings):
    settings.SITE_SPONSOR = "和县卫生健康委员会"
    settings.SITE_CONTACT_ADDRESS = "和县人民路 1 号"
    settings.SITE_CONTACT_PHONE = "0555-1234567（总机）"
    settings.SITE_CONTACT_EMAIL = "gk@hx.example.gov.cn"
    settings.SITE_IDENTIFIER = "3405230001"
    settings.SITE_ICP = "皖ICP备12345678号-1"
    settings.SITE_PSB = "皖公网安备34052302000001号"

    (footer,) = page(client, reverse("portal:home")).xpath("//footer")
    text = footer.text_content()

    for value in ("主办单位", "和县卫生健康委员会", "联系我们", "和县人民路 1 号", "0555-1234567"):
        assert value in text
    assert footer.xpath('.//a[@href="mailto:gk@hx.example.gov.cn"]')
    assert footer.xpath('.//a[@href="tel:0555-1234567"]')
    assert "网站标识码" in text
    assert "3405230001" in text
    (icp,) = footer.xpath('.//a[contains(@href, "beian.miit.gov.cn")]')
    assert icp.text_content() == "皖ICP备12345678号-1"
    (psb,) = footer.xpath('.//a[contains(@href, "beian.mps.gov.cn")]')
    assert psb.text_content() == "皖公网安备34052302000001号"


def test_a_footer_line_is_left_out_while_its_setting_is_empty(client, settings):
    settings.SITE_SPONSOR = "和县卫生健康委员会"
    for name in (
        "SITE_CONTACT_ADDRESS",
        "SITE_CONTACT_PHONE",
        "SITE_CONTACT_EMAIL",
        "SITE_IDENTIFIER",
        "SITE_ICP",
        "SITE_PSB",
    ):
        setattr(settings, name, "")

    text = page(client, reverse("portal:home")).xpath("//footer")[0].text_content()

    assert "主办单位" in text
    for absent in ("联系我们", "网站标识码", "ICP备案号", "公安机关备案号", "beian"):
        assert absent not in text


def test_the_english_site_shows_the_english_site_name(client, settings):
    settings.SITE_NAME = "卫生健康政务公开平台"
    settings.SITE_NAME_EN = "Health Commission Government Information Portal"
    with translation.override("en"):
        url = reverse("portal:home")
    tree = page(client, url)

    assert tree.xpath('//a[@class="site-name"]')[0].text_content() == (
        "Health Commission Government Information Portal"
    )
    assert "卫生健康政务公开平台" not in tree.xpath("//title")[0].text_content()
    with translation.override("zh-hans"):
        chinese = page(client, reverse("portal:home"))
    assert chinese.xpath('//a[@class="site-name"]')[0].text_content() == "卫生健康政务公开平台"


def test_in_development_a_missing_page_shows_the_sites_404(client, settings, agency):
    settings.DEBUG = True

    for url in ("/no-such-page/", reverse("portal:agency-home", args=["NO-SUCH"])):
        response = client.get(url)
        assert response.status_code == 404
        body = response.content.decode()
        assert "找不到该页面" in body, url
        assert "URLconf" not in body


def test_the_debug_404_page_comes_back_when_asked_for(client, settings):
    settings.DEBUG = True
    settings.SITE_404_IN_DEBUG = False

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "找不到该页面" not in response.content.decode()


def test_the_agency_switcher_lists_active_agencies_in_hierarchy_order_escaped(client, agency):
    from gongkai.agencies.models import Agency, Level

    make_agency(code="ZZ-CITY", name="某市卫生健康委员会", level=Level.CITY)
    make_agency(code="AA-TOWN", name='某镇<卫生院> & "分院"', level=Level.TOWNSHIP)
    make_agency(code="BB-OLD", name="已撤销的机关", is_active=False)
    make_agency(code="XX-COUNTY", name="排在前面的县", level=Level.COUNTY, sort_order=0)

    tree = page(client, reverse("portal:agency-home", args=[agency.code]))

    (select,) = tree.xpath('//select[@id="agency-switch"]')
    options = [
        (o.get("value"), o.text_content(), o.get("selected")) for o in select.xpath("./option")
    ]
    expected = [
        (a.code, a.name, "selected" if a.code == agency.code else None)
        for a in Agency.objects.active().in_hierarchy_order()
    ]
    assert options == expected
    assert options[0][0] == "ZZ-CITY"  # the city before the counties
    assert "BB-OLD" not in [code for code, _name, _sel in options]
    html = client.get(reverse("portal:home")).content.decode()
    assert "某镇&lt;卫生院&gt; &amp; &quot;分院&quot;" in html
    assert "请选择…" in html  # no agency of the page: nothing chosen
