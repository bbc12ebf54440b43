"""Keyset paging of the console's long lists (console/list_paging.py): every row exactly once
across pages, ties in the sort key included, both ways; a bad cursor starts over; and the
records list's number of queries does not grow with the page or with the rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.catalogue.services import derive_catalogue
from gongkai.console.list_paging import SortKey, decode_cursor, encode_cursor, page_of
from gongkai.documents.models import Document, Status
from gongkai.documents.tests.factories import draft_values
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

LIST = reverse("console:document-list")
NOW = datetime.datetime(2026, 11, 16, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def county(db):
    city = make_agency(name="测试市卫生健康委员会", level=Level.CITY)
    agency = make_agency(name="测试县卫生健康局", level=Level.COUNTY, parent=city)
    derive_catalogue(agency=agency, actor=None)
    return agency


@pytest.fixture
def clerk(county):
    return make_user(username="clerk", agency=county, roles=(Role.PUBLISHER,))


def fill(county, clerk, count: int, *, first: int = 0) -> None:
    """`count` records whose times repeat in threes (ties) and a fifth never published."""
    item = county.catalogue.items.get(code="G0101")
    rows = []
    for n in range(first, first + count):
        moment = NOW - datetime.timedelta(hours=n // 3)
        published = n % 5 != 0
        rows.append(
            Document(
                agency=county,
                drafted_by=clerk,
                updated_at=moment,
                created_at=moment,
                published_at=moment if published else None,
                **{
                    **draft_values(item, title=f"记录{n:03d}"),
                    "status": Status.PUBLISHED if published else Status.DRAFT,
                },
            )
        )
    Document.objects.bulk_create(rows)


KEYS = [
    SortKey("updated_at", descending=True),
    SortKey("updated_at", descending=False),
    SortKey("published_at", descending=True, nullable=True),
    SortKey("published_at", descending=False, nullable=True),
]


@pytest.mark.parametrize("key", KEYS, ids=lambda k: ("-" if k.descending else "") + k.field)
def test_keyset_pages_list_every_row_once_forward_and_back(county, clerk, key):
    fill(county, clerk, 47)
    queryset = Document.objects.filter(agency=county)
    expected = [d.pk for d in queryset.order_by(*key.order_by())]
    seen, after = [], None
    pages = []
    while True:
        page = page_of(queryset, key, count=47, size=5, page=None, after=after, before=None)
        pages.append(page)
        seen += [d.pk for d in page.rows]
        if not page.has_next:
            break
        after = page.next_cursor
    assert seen == expected  # each row once, in the list's order, ties broken by id
    # Back from the last page by 上一页: the same pages, in reverse.
    back, before = [], pages[-1].previous_cursor
    while before:
        page = page_of(queryset, key, count=47, size=5, page=None, after=None, before=before)
        back = [d.pk for d in page.rows] + back
        before = page.previous_cursor if page.has_previous else None
    assert back + [d.pk for d in pages[-1].rows] == expected


def test_numbered_pages_then_cursors_and_the_last_page(county, clerk):
    fill(county, clerk, 30)
    queryset = Document.objects.filter(agency=county)
    key = KEYS[0]
    expected = [d.pk for d in queryset.order_by(*key.order_by())]

    second = page_of(queryset, key, count=30, size=4, page="2", after=None, before=None)
    after = page_of(
        queryset, key, count=30, size=4, page=None, after=second.next_cursor, before=None
    )
    last = page_of(queryset, key, count=30, size=4, page="last", after=None, before=None)

    assert [d.pk for d in second.rows] == expected[4:8]
    assert second.number == 2
    assert second.has_previous
    assert [d.pk for d in after.rows] == expected[8:12]
    assert after.number is None
    assert after.has_previous
    assert after.has_next
    assert [d.pk for d in last.rows] == expected[-4:]
    assert not last.has_next
    assert last.has_previous


def test_a_cursor_that_does_not_parse_starts_over(county, clerk):
    fill(county, clerk, 8)
    queryset = Document.objects.filter(agency=county)
    page = page_of(queryset, KEYS[0], count=8, size=5, page=None, after="!!nonsense", before=None)
    assert page.number == 1
    assert decode_cursor("e30") is None  # valid base64, not a cursor
    assert decode_cursor(encode_cursor(None, 7)) == (None, 7)
    assert decode_cursor(encode_cursor(NOW, 7)) == (NOW, 7)


def _queries(client, parameters) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, parameters)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_records_list_makes_as_many_queries_on_any_page_and_at_any_size(client, county, clerk):
    client.force_login(clerk)
    client.get(LIST)  # the first request after a sign-in writes the session's idle end
    fill(county, clerk, 120)
    small = [_queries(client, {}), _queries(client, {"page": "2"})]
    deep = client.get(LIST, {"page": "2"}).context["page"].next_cursor
    small.append(_queries(client, {"after": deep}))
    fill(county, clerk, 400, first=120)
    large = [_queries(client, {}), _queries(client, {"page": "9"})]
    deep = client.get(LIST, {"page": "9"}).context["page"].next_cursor
    large.append(_queries(client, {"after": deep}))
    large.append(_queries(client, {"page": "last"}))
    assert len(set(small + large)) == 1, (small, large)


def test_numbered_pages_link_by_number_while_every_page_is_numbered(client, county, clerk):
    client.force_login(clerk)
    fill(county, clerk, 120)

    first = client.get(LIST, {"year": "2026"}).content.decode()

    assert re.search(r'href="\?year=2026&amp;page=2" rel="next"', first)
    assert 'href="?year=2026&amp;page=3">末页' in first


def test_the_pager_links_carry_the_cursor_and_keep_the_filters(client, county, clerk, monkeypatch):
    monkeypatch.setattr("gongkai.console.list_paging.NUMBERED_PAGES", 1)
    client.force_login(clerk)
    fill(county, clerk, 120)

    first = client.get(LIST, {"year": "2026"}).content.decode()
    following = re.search(r'href="\?([^"]*after=[^"]*)" rel="next"', first)
    assert following
    assert "year=2026" in following.group(1)
    second = client.get(f"{LIST}?{following.group(1).replace('&amp;', '&')}")

    assert second.status_code == 200
    in_order = Document.objects.order_by(*KEYS[0].order_by()).values_list("title", flat=True)
    assert [d.title for d in second.context["documents"]] == list(in_order[50:100])
    assert 'rel="prev"' in second.content.decode()


def test_past_the_cap_the_list_says_more_than_and_counts_the_chosen_status(
    client, county, clerk, monkeypatch
):
    monkeypatch.setattr("gongkai.console.record_list_views.COUNT_CAP", 10)
    client.force_login(clerk)
    fill(county, clerk, 30)  # 24 published, 6 drafts

    everything = client.get(LIST)
    drafts = client.get(LIST, {"status": "draft"})
    published = client.get(LIST, {"status": "published"})

    tabs = {value: count for value, _label, count in everything.context["tabs"]}
    assert tabs[""] == 10
    assert {tabs[s] for s in Status.values} == {None}  # partial counts are not shown
    assert "超过 10 条" in everything.content.decode()
    assert '<span class="count">10+</span>' in everything.content.decode()
    assert {v: c for v, _l, c in drafts.context["tabs"]}["draft"] == 6
    assert "共 6 条" in drafts.content.decode()
    assert '<span class="count">10+</span>' in drafts.content.decode()  # 全部 stays "more than"
    assert len(drafts.context["documents"]) == 6
    assert "超过 10 条" in published.content.decode()
