"""The 指南 tells how to apply, by when, at what cost and how to object; a search that finds
nothing helps the visitor on (issue #14)."""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db


def guide(client, agency) -> tuple[str, lxml.html.HtmlElement]:
    response = client.get(reverse("portal:agency-guide", args=[agency.code]))
    assert response.status_code == 200
    body = response.content.decode()
    return body, lxml.html.fromstring(body)


def test_guide_tells_how_to_apply_and_links_the_form(client):
    agency = make_agency(office_fax="0555-7654321")

    body, tree = guide(client, agency)

    for channel in ("在线申请", "信函申请", "当面申请", "传真申请：发送至 0555-7654321"):
        assert channel in body
    apply = reverse("portal:foi-apply")
    assert tree.xpath(f'//main//a[@href="{apply}?agency={agency.pk}"]')


def test_guide_gives_the_time_limits(client):
    body, _tree = guide(client, make_agency())

    assert "自收到申请之日起 20 个工作日内答复" in body
    assert "延长的期限最长不超过 20 个工作日" in body
    assert "7 个工作日内一次性告知需要补正的事项" in body


def test_guide_of_an_agency_that_charges_states_the_fee_bands(client):
    body, _tree = guide(client, make_agency(charges_foi_fees=True))

    assert "国办函〔2020〕109号" in body
    assert "第 11 件至第 30 件，每件 100 元" in body
    assert "30 页以下（含）不收费；第 31 至 100 页每页 10 元；" in body
    assert "第 201 页起每页 40 元。" in body
    assert "自收到收费通知次日起 20 个工作日内缴纳" in body


def test_guide_of_an_agency_that_does_not_charge_says_so(client):
    body, _tree = guide(client, make_agency(charges_foi_fees=False))

    assert "本机关目前不收取信息处理费。" in body
    assert "按件计收" not in body


def test_guide_names_the_review_body_and_the_court(client):
    named = make_agency(review_body="和县人民政府", court="和县人民法院")
    unnamed = make_agency(review_body="", court="")

    assert "行政复议：向和县人民政府申请。" in guide(client, named)[0]
    assert "行政诉讼：向和县人民法院提起。" in guide(client, named)[0]
    assert "向有管辖权的行政复议机关申请" in guide(client, unnamed)[0]
    assert "向有管辖权的人民法院提起" in guide(client, unnamed)[0]


def test_guide_shows_its_update_date(client):
    agency = make_agency()

    _body, tree = guide(client, agency)

    (time,) = tree.xpath("//main//time")
    assert time.get("datetime") == timezone.localtime(agency.updated_at).date().isoformat()
    assert "更新日期" in time.getparent().text_content()


@pytest.fixture
def indexed_record(django_capture_on_commit_callbacks):
    agency = make_agency(code="HX-WJJ", name="和县卫生健康委员会")
    item = make_agency_item(agency, name="行政规范性文件")
    with django_capture_on_commit_callbacks(execute=True):
        return make_published_document(catalogue_item=item, title="关于做好流感防控工作的通知")


def search(client, **params):
    response = client.get(reverse("portal:search"), params)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def test_a_search_that_finds_nothing_helps_on(client, indexed_record):
    tree = search(client, q="火星基地建设")

    (help_box,) = tree.xpath('//section[contains(@class, "no-results")]')
    text = help_box.text_content()
    assert "没有找到相关信息。" in text
    assert "换用更短、更常用的词" in text
    assert help_box.xpath(f'.//a[@href="{reverse("portal:policy-library")}"]')
    assert help_box.xpath(f'.//a[@href="{reverse("portal:home")}#agencies-h"]')
    (apply,) = help_box.xpath(f'.//a[@href="{reverse("portal:foi-apply")}"]')
    assert apply.text_content() == "没有找到？您可以申请政府信息公开"
    # The filters are open, not hidden behind a summary, when nothing was found.
    assert tree.xpath("//form[@role='search']//details[@open]")


def test_an_empty_search_with_a_filter_links_that_agencys_catalogue(client, indexed_record):
    tree = search(client, q="火星基地建设", agency="HX-WJJ")

    (help_box,) = tree.xpath('//section[contains(@class, "no-results")]')
    catalogue = reverse("portal:agency-catalogue", args=["HX-WJJ"])
    assert help_box.xpath(f'.//a[@href="{catalogue}"]')
    assert "减少或清除上面的筛选条件" in help_box.text_content()


def test_the_search_apps_spelling_suggestions_are_offered(client, indexed_record):
    tree = search(client, q="流感防控 火星")

    (help_box,) = tree.xpath('//section[contains(@class, "no-results")]')
    offered = [a.text_content() for a in help_box.xpath(".//ul/li/a")]
    assert "流感防控" in offered


def test_a_search_with_results_shows_no_help_box(client, indexed_record):
    tree = search(client, q="流感")

    assert not tree.xpath('//section[contains(@class, "no-results")]')
    assert "关于做好流感防控工作的通知" in tree.text_content()
