"""On a 360 px phone, in Chinese and English: the header search works without JavaScript, the
breadcrumbs and the footer fit, and axe finds no serious or critical problem (issue #14)."""

import pytest

from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency
from gongkai.portal.tests.test_accessibility import assert_no_axe_problems, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(settings):
    settings.SITE_SPONSOR = "和县卫生健康委员会"
    settings.SITE_CONTACT_ADDRESS = "和县历阳镇人民路 1 号"
    settings.SITE_CONTACT_PHONE = "0555-1234567"
    settings.SITE_CONTACT_EMAIL = "gongkai@hx.example.gov.cn"
    settings.SITE_IDENTIFIER = "3405230001"
    settings.SITE_ICP = "皖ICP备12345678号-1"
    settings.SITE_PSB = "皖公网安备34052302000001号"
    agency = make_agency(code="HX-WJJ", name="和县卫生健康委员会", review_body="和县人民政府")
    item = make_agency_item(agency, name="行政规范性文件")
    record = make_published_document(catalogue_item=item, title="关于做好流感防控工作的通知")
    return {"agency": agency, "record": record}


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a 360 px phone"


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_header_search_breadcrumbs_and_footer_on_a_phone(page, live_server, site, prefix):
    page.set_viewport_size(PHONE)
    base = f"{live_server.url}{prefix}"
    problems = []
    paths = [
        "/",
        "/agencies/HX-WJJ/",
        "/agencies/HX-WJJ/guide/",
        f"/records/{site['record'].pk}/",
        "/search/?q=火星基地建设",
        "/no-such-page/",
    ]
    for path in paths:
        response = page.goto(base + path)
        assert response.status == (404 if path.startswith("/no-") else 200), path
        fits(page)
        search_box = page.locator("header form[role=search] input[name=q]")
        assert search_box.is_visible()
        footer = page.locator("footer")
        assert footer.locator("a[href*='beian.miit.gov.cn']").is_visible()
        assert footer.locator("a[href*='beian.mps.gov.cn']").is_visible()
        if path not in ("/", "/no-such-page/"):
            crumbs = page.locator("nav.breadcrumbs")
            assert crumbs.is_visible(), path
            assert crumbs.locator("[aria-current=page]").count() == 1
        problems += axe_problems(page)
    assert_no_axe_problems(problems)

    # The header search is a plain form: typing and Enter finds the record, JavaScript or not.
    page.goto(base + "/agencies/HX-WJJ/")
    page.locator("header input[name=q]").fill("流感")
    page.locator("header input[name=q]").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("link", name="关于做好流感防控工作的通知").is_visible()


def test_header_search_works_without_javascript(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.locator("header input[name=q]").fill("流感")
        page.locator("header button[type=submit]").click()
        page.wait_for_url("**/search/?q=*")
        assert page.get_by_role("link", name="关于做好流感防控工作的通知").is_visible()
    finally:
        context.close()
