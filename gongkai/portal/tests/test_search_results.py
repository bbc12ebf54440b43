"""The search page's lists written in Python ({% record_hits %}, {% decision_hits %},
{% dataset_hits %}): what each row shows, escaped; Beijing's day; a natural person's name
masked; the page's queries do not grow with its hits (each row's fields are loaded at once)."""

import datetime
import zoneinfo

import lxml.html
import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gongkai.documents.models import Document, Validity
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.enforcement.models import DecisionKind
from gongkai.enforcement.searching import DecisionHit, search_public_decisions
from gongkai.enforcement.tests.factories import make_published, person_values
from gongkai.factories import make_agency
from gongkai.opendata.tests.factories import make_published_dataset
from gongkai.search import index

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def render(source: str, **context) -> lxml.html.HtmlElement:
    html = Template("{% load search_result_tags %}" + source).render(Context(context))
    return lxml.html.fragment_fromstring(html, create_parent="div")


@pytest.fixture
def agency(db):
    return make_agency(code="HX-WJJ", name="和县卫生健康委员会")


def test_a_record_hit_shows_title_agency_day_number_badge_and_snippet(agency):
    item = make_agency_item(agency, name="行政规范性文件")
    odd = make_published_document(catalogue_item=item, title='<b>"规范"</b> & 通知')
    # Published at 01:00 in Beijing, which is still the day before in UTC.
    Document.objects.filter(pk=odd.pk).update(
        published_at=datetime.datetime(2026, 3, 2, 1, 0, tzinfo=SHANGHAI),
        document_number="",
        validity=Validity.REPEALED,
    )
    plain = make_published_document(
        catalogue_item=item, title="普通通知", document_number="和卫发〔2026〕3号"
    )
    records = [(Document.objects.get(pk=odd.pk), "含<mark>规范</mark>的段落"), (plain, "")]

    tree = render("{% record_hits records %}", records=records)

    first, second = tree.xpath("//ol[@class='results']/li")
    link = first.xpath("./h2[@class='result-title']/a")[0]
    assert link.text_content() == '<b>"规范"</b> & 通知'  # text, not markup
    assert link.get("href") == f"/records/{odd.pk}/"
    assert first.xpath("./p[@class='muted']")[0].text_content() == (
        "和县卫生健康委员会 · 2026-03-02 · 已废止"  # Beijing's day; no 文号, so none shown
    )
    assert first.xpath(".//p[@class='snippet']/mark/text()") == ["规范"]  # the index's HTML
    assert second.xpath("./p[@class='muted']")[0].text_content().endswith(" · 和卫发〔2026〕3号")
    assert not second.xpath(".//p[@class='snippet']")  # no snippet, no empty paragraph
    assert not second.xpath(".//span[contains(@class, 'badge')]")
    assert render("{% record_hits records %}", records=[]).xpath("//ol/li") == []


def test_a_decision_hit_links_its_kind_and_masked_party():
    hit = DecisionHit(
        pk=7,
        kind_label="行政处罚",
        party_name="张*丰",
        document_number="和卫罚〔2026〕<1>号",
        decided_on=datetime.date(2026, 5, 4),
        snippet="",
    )

    (row,) = render("{% decision_hits hits %}", hits=[hit]).xpath("//ul[@class='results']/li")

    link = row.xpath("./a")[0]
    assert link.get("href") == reverse("portal:decision-detail", args=[7])
    assert link.text_content() == "行政处罚：张*丰"
    muted = row.xpath("./span[@class='muted']")[0].text_content()
    assert muted == "和卫罚〔2026〕<1>号 · 2026-05-04"


def test_a_dataset_hit_is_labelled_in_the_visitors_language(agency):
    dataset = make_published_dataset(agency, name="vaccines", title="预防接种门诊名录")

    with translation.override("en"):
        tree = render("{% dataset_hits datasets %}", datasets=[(dataset, "<mark>预防</mark>")])
        url = reverse("portal:dataset-detail", args=["vaccines"])

    (row,) = tree.xpath("//ul[@class='results']/li")
    assert row.xpath("./a/@href") == [url]
    muted = row.xpath("./span[@class='muted']")[0].text_content()
    assert muted.startswith("和县卫生健康委员会 · ")
    assert "数据集" not in muted
    assert row.xpath("./p[@class='snippet']/mark/text()") == ["预防"]


def test_a_natural_persons_decision_is_found_with_the_name_masked(agency):

    make_published(agency=agency, **person_values())
    index.apply_outbox()

    (hit,) = search_public_decisions("擅自执业")

    assert hit.kind_label == DecisionKind.PENALTY.label
    assert hit.party_name != "张三丰"
    assert hit.party_name.startswith("张")


def test_the_search_pages_queries_do_not_grow_with_its_hits(client, agency):
    """Every field a row shows is loaded with its list: no query per hit (a deferred field
    read by a row would cost one)."""
    item = make_agency_item(agency, name="工作动态")

    def add_one_of_each(n: int) -> None:
        make_published_document(catalogue_item=item, title=f"擅自执业专项整治通知{n}")
        make_published(agency=agency, **person_values(document_number=f"和卫罚〔2026〕{n}号"))
        make_published_dataset(agency, name=f"clinics-{n}", title=f"擅自执业查处名录{n}")
        index.apply_outbox()

    def queries_of_the_page(hits: int) -> int:
        # What is done once a process is done by another search (this one's page is cached).
        client.get(reverse("portal:search"), {"q": "执业"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("portal:search"), {"q": "擅自执业"})
        assert response.status_code == 200
        assert len(response.context["found"].records) == hits
        assert len(response.context["decisions"]) == len(response.context["datasets"]) == hits
        return len(queries.captured_queries)

    add_one_of_each(1)
    with_one = queries_of_the_page(1)
    for n in range(2, 5):
        add_one_of_each(n)
    assert queries_of_the_page(4) == with_one
