"""The applications list read in two parts (console/foi_list_views.OpenThenClosed): the open
applications first, then the closed ones by their due day, each exactly once across pages
(ties included), in as many queries at 50 applications as at 110."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Level, Membership, Role
from gongkai.console import foi_list_views
from gongkai.factories import make_agency, make_user
from gongkai.foi.models import Application
from gongkai.reports.tests.factories import make_application

pytestmark = pytest.mark.django_db

LIST = reverse("console:foi-list")


@pytest.fixture
def county(db):
    city = make_agency(name="测试市卫生健康委员会", level=Level.CITY)
    return make_agency(name="测试县卫生健康局", level=Level.COUNTY, parent=city)


@pytest.fixture
def handler(county):
    return make_user(username="handler", agency=county, roles=(Role.FOI_HANDLER,))


def fill(county, *, open_: int, closed: int) -> None:
    for n in range(open_):
        make_application(county, received=f"2026-10-{1 + n % 20:02d}")
    for n in range(closed):
        # Due days repeat in threes: ties broken by the received day, then the id.
        due = datetime.date(2026, 1, 5) + datetime.timedelta(days=n // 3)
        make_application(county, received="2026-01-02", closed="2026-02-01", due_on=due)


def every_page(client) -> list[int]:
    found, number = [], 1
    while True:
        response = client.get(LIST, {"page": number})
        page = response.context["page"]
        found += [a.pk for a in page.object_list]
        if not page.has_next():
            return found
        number += 1


def test_open_then_closed_by_due_day_each_once_across_pages(client, county, handler):
    fill(county, open_=7, closed=50)
    client.force_login(handler)

    found = every_page(client)

    applications = Application.objects.filter(agency=county)
    opened = applications.exclude(status="closed").order_by("received_on", "pk")
    closed = applications.filter(status="closed").order_by("due_on", "received_on", "pk")
    assert found == [a.pk for a in opened] + [a.pk for a in closed]


def test_the_paused_come_first_then_the_open_by_due_day_then_the_closed(client, county, handler):
    """Three parts, each along its own index; pages cross from one part to the next."""
    for n in range(12):  # due days repeat in twos; every fourth has none (paused)
        due = None if n % 4 == 0 else datetime.date(2026, 11, 1) + datetime.timedelta(days=n // 2)
        make_application(county, received=f"2026-10-{20 - n:02d}", due_on=due)
    fill(county, open_=0, closed=30)
    client.force_login(handler)

    found = every_page(client)

    applications = Application.objects.filter(agency=county)
    paused = applications.exclude(status="closed").filter(due_on__isnull=True)
    dated = applications.exclude(status="closed").filter(due_on__isnull=False)
    closed = applications.filter(status="closed")
    assert found == [
        *(a.pk for a in paused.order_by("received_on", "pk")),
        *(a.pk for a in dated.order_by("due_on", "received_on", "pk")),
        *(a.pk for a in closed.order_by("due_on", "received_on", "pk")),
    ]
    assert len(found) == 42


def test_more_paused_than_a_page_continue_in_order_on_the_next(client, county, handler):
    """The paused part is read a window of keys at a time (KeysFirst): the second page
    starts where the first ended, received days tied in threes broken by id; the section
    shows the earliest SECTION_ROWS of them in the same order."""
    paused_n = foi_list_views.PAGE_SIZE + 7
    for n in range(paused_n):
        make_application(county, received=f"2026-10-{1 + n // 3:02d}", due_on=None)
    make_application(county, received="2026-09-01", due_on=datetime.date(2026, 11, 2))
    client.force_login(handler)

    found = every_page(client)

    paused = Application.objects.filter(agency=county, due_on__isnull=True).order_by(
        "received_on", "pk"
    )
    assert found[:paused_n] == [a.pk for a in paused]
    assert len(found) == paused_n + 1
    sections = {s["name"]: s for s in client.get(LIST).context["sections"]}
    assert sections["paused"]["count"] == paused_n
    assert [a.pk for a in sections["paused"]["rows"]] == [
        a.pk for a in paused[: foi_list_views.SECTION_ROWS]
    ]


def _queries(client, page: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, {"page": page}).status_code == 200
    return len(captured.captured_queries)


def test_the_list_makes_as_many_queries_at_any_size(client, county, handler):
    fill(county, open_=7, closed=43)  # two pages: open and closed on the first
    client.force_login(handler)
    client.get(LIST)  # the first request after a sign-in writes the session's idle end
    small = (_queries(client, 1), _queries(client, 2))
    fill(county, open_=0, closed=60)  # five pages
    large = (_queries(client, 1), _queries(client, 4))
    assert small == large


def test_past_the_cap_the_closed_count_says_more_and_the_list_ends_there(
    client, county, handler, monkeypatch
):
    monkeypatch.setattr(foi_list_views, "COUNT_CAP", 20)
    fill(county, open_=3, closed=26)
    client.force_login(handler)

    response = client.get(LIST)
    counts = {value: (n, more) for value, _label, n, more in response.context["status_counts"]}
    assert counts["closed"] == (20, True)
    assert sum(n for value, (n, _more) in counts.items() if value != "closed") == 3  # exact
    page = response.context["page"]
    assert page.paginator.count == 23  # the open ones and the first 20 closed
    html = response.content.decode()
    assert "办结的申请超过 20 件" in html
    assert "(23+)" in html
    found = every_page(client)
    closed = Application.objects.filter(agency=county, status="closed")
    first_closed = closed.order_by("due_on", "received_on", "pk")[:20]
    assert found[3:] == [a.pk for a in first_closed]

    # A filter that brings the closed ones under the cap counts them exactly again.
    response = client.get(LIST, {"status": "closed", "due_to": "2026-01-07"})
    counts = {value: (n, more) for value, _label, n, more in response.context["status_counts"]}
    assert counts["closed"] == (9, False)
    assert "办结的申请超过" not in response.content.decode()


def test_under_the_cap_every_state_is_counted_exactly(client, county, handler):
    fill(county, open_=4, closed=6)
    client.force_login(handler)
    counts = {
        value: (n, more) for value, _label, n, more in client.get(LIST).context["status_counts"]
    }
    assert counts["closed"] == (6, False)
    assert sum(n for n, _more in counts.values()) == 10


def test_the_handler_filter_names_each_handler_once(client, county, handler):
    """The choices come as plain values (not users): full name, or the username without one;
    a handler of two readable agencies once; other roles not at all."""
    other = make_agency(name="测试县二卫生健康局", level=Level.COUNTY, parent=county.parent)
    make_user(
        username="li", first_name="小红", last_name="李", agency=county, roles=(Role.FOI_HANDLER,)
    )
    twice = make_user(username="wang", first_name="", agency=county, roles=(Role.FOI_HANDLER,))
    Membership.objects.create(user=twice, agency=other, role=Role.FOI_HANDLER)
    make_user(username="zhao", agency=county, roles=(Role.PUBLISHER,))
    supervisor = make_user(agency=county.parent, roles=(Role.SUPERVISOR,))
    client.force_login(supervisor)

    choices = client.get(LIST).context["form"].fields["handler"].choices

    labels = [label for value, label in choices if value.isdigit()]
    assert sorted(labels) == sorted(["小红 李", "wang", handler.first_name])
