"""The records list at volume: pages, filters kept in links, status tabs, the 新建记录 button,
the grouped catalogue options and a bounded number of queries; the record form's sections
and error summary."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.console.forms import DocumentForm
from gongkai.documents.models import Document, Status
from gongkai.documents.tests.factories import make_document
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

LIST = reverse("console:document-list")


@pytest.fixture
def county(db):
    city = make_agency(name="测试市卫生健康委员会", level=Level.CITY)
    agency = make_agency(name="测试县卫生健康局", level=Level.COUNTY, parent=city)
    derive_catalogue(agency=agency, actor=None)
    return agency


@pytest.fixture
def item(county):
    return county.catalogue.items.get(code="G0101")


@pytest.fixture
def other_item(county):
    return county.catalogue.items.get(code="0104")


@pytest.fixture
def clerk(county):
    return make_user(username="clerk", agency=county, roles=(Role.PUBLISHER,))


def fill(county, item, clerk, count, **values):
    for n in range(count):
        make_document(
            agency=county,
            catalogue_item=item,
            drafted_by=clerk,
            title=values.pop("title", f"记录{n:03d}"),
            **values,
        )


def titles(response) -> list[str]:
    return [d.title for d in response.context["documents"]]


def test_the_list_pages_by_fifty_and_its_links_keep_the_filters(client, county, item, clerk):
    fill(county, item, clerk, 120, formed_on=datetime.date(2026, 3, 1))
    client.force_login(clerk)

    first = client.get(LIST, {"q": "记录", "year": "2026", "sort": "updated"})
    third = client.get(LIST, {"q": "记录", "year": "2026", "sort": "updated", "page": "3"})

    assert len(first.context["documents"]) == 50
    assert len(third.context["documents"]) == 20
    assert titles(first)[0] == "记录000"  # oldest change first, as asked
    assert titles(third)[-1] == "记录119"
    page = first.content.decode()
    assert "共 120 条" in page
    links = re.findall(r'href="(\?[^"]*page=[^"]*)"', page)
    assert links
    assert all("q=%E8%AE%B0%E5%BD%95" in link and "year=2026" in link for link in links)
    assert "sort=updated" in links[0]
    # A page number past the end shows the last page, a word for a number the first.
    assert titles(client.get(LIST, {"page": "99"})) == titles(client.get(LIST, {"page": "3"}))
    assert client.get(LIST, {"page": "abc"}).context["page"].number == 1


def test_status_tabs_count_within_the_other_filters(client, county, item, other_item, clerk):
    fill(county, item, clerk, 3)
    fill(county, item, clerk, 2, status=Status.IN_REVIEW)
    fill(county, other_item, clerk, 4)
    client.force_login(clerk)

    response = client.get(LIST, {"item": item.pk, "status": Status.IN_REVIEW})

    tabs = {value: count for value, _label, count in response.context["tabs"]}
    assert tabs == {"": 5, "draft": 3, "in_review": 2, "published": 0, "withdrawn": 0}
    assert len(response.context["documents"]) == 2
    page = response.content.decode()
    assert re.search(r'href="\?item=\d+&amp;status=draft"', page)  # a tab keeps the item


def test_filters_by_drafter_year_text_and_sort_by_publication(client, county, item, clerk):
    colleague = make_user(username="colleague", agency=county, roles=(Role.PUBLISHER,))
    make_document(
        agency=county,
        catalogue_item=item,
        drafted_by=clerk,
        title="甲 2025",
        formed_on=datetime.date(2025, 6, 1),
    )
    make_document(
        agency=county,
        catalogue_item=item,
        drafted_by=colleague,
        title="乙 2026",
        formed_on=datetime.date(2026, 6, 1),
        document_number="测卫发〔2026〕9号",
    )
    make_document(
        agency=county,
        catalogue_item=item,
        drafted_by=clerk,
        title="丙 早发布",
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )
    make_document(
        agency=county,
        catalogue_item=item,
        drafted_by=clerk,
        title="丁 晚发布",
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2026, 9, 5, tzinfo=datetime.UTC),
    )
    client.force_login(clerk)

    assert titles(client.get(LIST, {"drafter": colleague.pk})) == ["乙 2026"]
    assert "甲 2025" in titles(client.get(LIST, {"year": "2025"}))
    assert "乙 2026" not in titles(client.get(LIST, {"year": "2025"}))
    assert titles(client.get(LIST, {"q": "测卫发〔2026〕9号"})) == ["乙 2026"]
    newest_published = titles(client.get(LIST, {"sort": "-published"}))
    assert newest_published[:2] == ["丁 晚发布", "丙 早发布"]  # unpublished last
    assert titles(client.get(LIST, {"sort": "published"}))[:2] == ["丙 早发布", "丁 晚发布"]
    # Nonsense in any parameter is ignored, never an error.
    response = client.get(LIST, {"drafter": "x", "year": "1800", "item": "-1", "sort": "?"})
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_the_new_record_button_goes_to_the_form_of_the_clerks_agency(client, county, clerk):
    client.force_login(clerk)
    page = client.get(LIST).content.decode()
    assert f'href="/console/documents/new/?agency={county.pk}">新建记录</a>' in page


def test_a_clerk_of_two_agencies_chooses_where_to_create(client, county, clerk):
    second = make_agency(name="测试县疾病预防控制中心")
    clerk.memberships.create(agency=second, role=Role.PUBLISHER)
    client.force_login(clerk)
    page = client.get(LIST).content.decode()
    assert '<label for="new-agency">在以下机关新建</label>' in page
    assert page.count('<option value="', page.index("new-agency")) >= 2


def test_a_reviewer_without_drafting_role_gets_no_new_button(client, county):
    reviewer = make_user(agency=county, roles=(Role.REVIEWER,))
    client.force_login(reviewer)
    assert "新建记录" not in client.get(LIST).content.decode()


def test_a_supervisor_chooses_a_county_for_its_catalogue_and_drafters(client, county, clerk):
    """The filter's agencies come as (id, name) values: the chosen one scopes the catalogue
    items and the drafters; the 新建 button is for where the supervisor drafts, not below."""
    city = county.parent
    supervisor = make_user(agency=city, roles=(Role.SUPERVISOR, Role.PUBLISHER))
    client.force_login(supervisor)

    unscoped = client.get(LIST).context["form"]
    scoped = client.get(LIST, {"agency": county.pk})

    form = scoped.context["form"]
    assert [v for v, _label in unscoped.fields["agency"].choices if v] == [city.pk, county.pk]
    assert [v for v, _label in unscoped.fields["item"].choices if v] == []
    assert form.agency_in_scope == county.pk
    items = {v for _group, options in form.fields["item"].choices[1:] for v, _label in options}
    assert str(county.catalogue.items.get(code="G0101").pk) in items
    assert [label for v, label in form.fields["drafter"].choices if v] == [clerk.first_name]
    page = scoped.content.decode()
    assert f'href="/console/documents/new/?agency={city.pk}">新建记录</a>' in page


def test_another_agencys_records_stay_out_of_list_counts_and_filters(client, county, item, clerk):
    foreign = make_agency(name="外县卫生健康局")
    derive_catalogue(agency=foreign, actor=None)
    make_document(
        agency=foreign, catalogue_item=foreign.catalogue.items.get(code="G0101"), title="外县的草稿"
    )
    client.force_login(clerk)
    response = client.get(LIST, {"agency": foreign.pk, "q": "外县"})
    assert "外县的草稿" not in response.content.decode()
    assert sum(count for _v, _l, count in response.context["tabs"][:1]) == 0


def test_the_list_reads_records_in_two_queries_however_many(
    client, county, item, clerk, django_assert_max_num_queries
):
    fill(county, item, clerk, 60)
    client.force_login(clerk)
    parameters = {"agency": county.pk, "item": item.pk, "page": "2"}
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, parameters)
    record_queries = [q["sql"] for q in few.captured_queries if "documents_document" in q["sql"]]
    # the counts per status (which also give the page count) and one page of rows
    assert len(record_queries) == 2
    assert "GROUP BY" in record_queries[0]
    assert "OFFSET 50" in record_queries[1]

    fill(county, item, clerk, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST, parameters)
    assert len(response.context["documents"]) == 50


def test_catalogue_options_are_grouped_by_category_name_basic_first(county):
    form = DocumentForm(agency=county)
    groups = [label for label, options in form.fields["catalogue_entry"].choices[1:]]
    assert groups[0] == "机构职能"
    assert groups.index("法规文件") < groups.index("行政许可类事项")
    assert groups.index("政府信息公开指南和目录") < groups.index("公共卫生服务事项")
    options = dict(form.fields["catalogue_entry"].choices)["机构职能"]
    assert options[0][1].startswith("机关职能（G0101）")  # the name first, then the code
    html = str(form["catalogue_entry"])
    assert '<optgroup label="机构职能">' in html
    assert "data-option-filter" in html


def test_form_sections_cover_every_field_once(county):
    form = DocumentForm(agency=county)
    names = [field.name for _legend, fields in form.fieldsets() for field in fields]
    assert sorted(names) == sorted(form.fields)
    assert [str(legend) for legend, _f in form.fieldsets()] == [
        "基本信息",
        "公开属性",
        "有效性",
        "正文和附件",
        "解读",
    ]


def test_form_errors_are_summarised_at_the_top_with_links(client, county, clerk):
    client.force_login(clerk)
    response = client.post(reverse("console:document-create"), {"agency": county.pk})
    page = response.content.decode()
    summary = page.index('class="banner bad error-summary"')
    assert summary < page.index("<fieldset")
    assert 'tabindex="-1" autofocus' in page[summary - 200 : summary + 200]
    for field in ("title", "catalogue_entry", "summary", "formed_on"):
        assert f'<a href="#id_{field}">' in page[summary : page.index("<fieldset")]
    assert not Document.objects.exists()
