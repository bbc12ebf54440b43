"""The applications list's counts (the state tabs, 未分配, the paused part and section, the
pager's total) read in one pass over the open applications (foi_list_views.state_counts),
checked against counting each the plain way, under each filter."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi.models import OPEN_STATUSES, Application, Status
from gongkai.reports.tests.factories import make_application

pytestmark = pytest.mark.django_db

LIST = reverse("console:foi-list")


@pytest.fixture
def county(db):
    return make_agency(name="计数县卫生健康局", level=Level.COUNTY)


@pytest.fixture
def clerks(county):
    first = make_user(username="first", agency=county, roles=(Role.FOI_HANDLER,))
    second = make_user(username="second", agency=county, roles=(Role.FOI_HANDLER,))
    return first, second


@pytest.fixture
def applications(county, clerks):
    first, second = clerks
    due = datetime.date(2026, 12, 1)
    # (state, handler, due day, channel, year received): paused ones have no due day.
    kinds = [
        (Status.REGISTERED, None, due, "online", 2026),
        (Status.REGISTERED, None, due, "in_person", 2025),
        (Status.IN_PROGRESS, first, due, "online", 2026),
        (Status.IN_PROGRESS, second, due, "in_person", 2026),
        (Status.IN_PROGRESS, None, None, "online", 2026),
        (Status.AWAITING_SUPPLEMENT, first, None, "online", 2026),
        (Status.AWAITING_SUPPLEMENT, None, None, "in_person", 2025),
        (Status.CONSULTING, second, None, "online", 2026),
        (Status.AWAITING_FEE, None, None, "online", 2026),
        (Status.REPLY_DRAFTED, first, due, "in_person", 2026),
    ]
    for copies, (status, handler, due_on, channel, year) in zip(
        [3, 1, 2, 1, 2, 3, 1, 2, 1, 1], kinds, strict=True
    ):
        for _ in range(copies):
            make_application(
                county,
                received=f"{year}-10-12",
                status=status,
                handler=handler,
                due_on=due_on,
                channel=channel,
            )
    for _n in range(4):
        make_application(county, received="2026-03-02", closed="2026-04-01", handler=first)
    return Application.objects.filter(agency=county)


def plainly(applications, filters: dict):
    """The applications under `filters`, counted the plain way."""
    status = filters.get("status")
    if status == "open":
        applications = applications.filter(status__in=OPEN_STATUSES)
    elif status:
        applications = applications.filter(status=status)
    handler = filters.get("handler")
    if handler == "none":
        applications = applications.filter(handler__isnull=True)
    elif handler:
        applications = applications.filter(handler_id=handler)
    if filters.get("channel"):
        applications = applications.filter(channel=filters["channel"])
    if filters.get("year"):
        applications = applications.filter(received_on__year=filters["year"])
    return applications


FILTERS = [
    {},
    {"status": "open"},
    {"status": Status.AWAITING_SUPPLEMENT},
    {"status": Status.IN_PROGRESS},
    {"status": Status.CLOSED},
    {"handler": "none"},
    {"handler": "first"},
    {"handler": "second", "status": "open"},
    {"channel": "online"},
    {"year": "2025"},
    {"handler": "none", "channel": "online", "status": "open"},
    {"handler": "none", "status": Status.AWAITING_SUPPLEMENT},
    {"handler": "none", "status": Status.CLOSED},
    {"handler": "first", "status": Status.CLOSED},
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(map(str, f.items())) or "none")
def test_every_count_of_the_list_is_the_plain_count(client, clerks, applications, filters):
    names = {clerk.username: str(clerk.pk) for clerk in clerks}
    filters = {k: names.get(v, v) if k == "handler" else v for k, v in filters.items()}
    client.force_login(clerks[0])

    response = client.get(LIST, filters)

    assert response.status_code == 200
    context = response.context
    shown = plainly(applications, filters)
    assert context["page"].paginator.count == shown.count()
    without_state = plainly(applications, {k: v for k, v in filters.items() if k != "status"})
    tabs = {value: n for value, _label, n, _more in context["status_counts"]}
    assert tabs == {value: without_state.filter(status=value).count() for value in Status.values}
    without_handler = plainly(applications, {k: v for k, v in filters.items() if k != "handler"})
    assert context["unassigned_count"] == (
        without_handler.filter(status__in=OPEN_STATUSES, handler__isnull=True).count()
    )
    # The paused ones come first on the list, in their own part.
    paused = shown.filter(status__in=OPEN_STATUSES, due_on__isnull=True)
    first_page = [a.pk for a in context["page"].object_list]
    assert set(first_page[: paused.count()]) == set(paused.values_list("pk", flat=True))


def test_the_worklist_paused_section_counts_every_paused_application(client, clerks, applications):
    client.force_login(clerks[0])

    sections = {s["name"]: s for s in client.get(LIST).context["sections"]}

    paused = applications.filter(status__in=OPEN_STATUSES, due_on__isnull=True)
    assert sections["paused"]["count"] == paused.count() == 9
    assert {a.pk for a in sections["paused"]["rows"]} == set(paused.values_list("pk", flat=True))
