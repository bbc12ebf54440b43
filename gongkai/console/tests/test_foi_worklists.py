"""The FOI handler's dashboard (their applications by the ledger's urgency, the agency's
unassigned ones) and the applications list's filters, tabs, state counts and paging."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import obligations, services
from gongkai.foi.models import Status
from gongkai.foi.receipt import Channel
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 3, 2)  # a Monday
VALUES = {
    "applicant_type": "natural",
    "applicant_name": "王五",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13700000000",
    "email": "",
    "address": "",
    "postcode": "",
    "description": "本县2025年卫生监督抽查结果",
    "document_numbers": "",
    "delivery_form": "onsite",
}


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


def apply(agency, description, **values):
    return services.submit_online(
        agency=agency, values={**VALUES, "description": description, **values}
    )


def register(agency, actor, description, channel):
    return services.register_application(
        agency=agency,
        actor=actor,
        values={**VALUES, "description": description},
        channel=channel,
        submitted_on=TODAY,
        signed_on=TODAY if channel == Channel.SIGNED_MAIL else None,
    )


def move_due(application, due_on):
    """Move the ledger row's due day (the list and dashboard read only the ledger)."""
    Obligation.objects.filter(kind=obligations.REPLY, object_id=application.pk).update(
        due_on=due_on
    )


@pytest.fixture
def world():
    city = make_agency(level=Level.CITY)
    county = make_agency(parent=city)
    other = make_agency()
    handler = make_user(agency=county, roles=(Role.FOI_HANDLER,), first_name="李承办")
    colleague = make_user(agency=county, roles=(Role.FOI_HANDLER,), first_name="赵同事")
    mine = apply(county, "我承办的申请")
    services.assign_handler(application=mine, handler=handler, actor=handler)
    theirs = apply(county, "同事承办的申请")
    services.assign_handler(application=theirs, handler=colleague, actor=colleague)
    return {
        "county": county,
        "handler": handler,
        "colleague": colleague,
        "admin": make_user(agency=county, roles=(Role.ADMIN,)),
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "mine": mine,
        "theirs": theirs,
        "unassigned": apply(county, "尚未分配的申请"),
        "elsewhere": apply(other, "邻县的申请"),
        "other_handler": make_user(agency=other, roles=(Role.FOI_HANDLER,)),
    }


def worklist(client, user, agency):
    client.force_login(user)
    page = client.get(reverse("console:dashboard"))
    assert page.status_code == 200
    (panel,) = [p for p in page.context["panels"] if p["agency"] == agency]
    return page, panel["foi_worklist"]


def pks(group):
    return [a.pk for a in group.applications]


def test_the_handler_sees_their_applications_grouped_by_the_ledger(client, world):
    mine = world["mine"]

    page, w = worklist(client, world["handler"], world["county"])
    assert (pks(w.overdue), pks(w.due_soon), pks(w.others)) == ([], [], [mine.pk])

    move_due(mine, TODAY + datetime.timedelta(days=2))  # inside the 5-working-day window
    page, w = worklist(client, world["handler"], world["county"])
    assert (pks(w.overdue), pks(w.due_soon), pks(w.others)) == ([], [mine.pk], [])

    move_due(mine, TODAY - datetime.timedelta(days=1))
    page, w = worklist(client, world["handler"], world["county"])
    assert (pks(w.overdue), pks(w.due_soon), pks(w.others)) == ([mine.pk], [], [])
    content = page.content.decode()
    assert "我承办的申请（在办 1 件）" in content
    assert "已超期 (1)" in content
    assert '<span class="badge bad">逾期</span>' in content  # the row's ledger clock
    assert reverse("console:foi-detail", args=[mine.pk]) in content


def test_the_dashboard_shows_the_agency_unassigned_ones_and_never_another_agency(client, world):
    page, w = worklist(client, world["handler"], world["county"])

    assert pks(w.unassigned) == [world["unassigned"].pk]
    assert world["theirs"].pk not in pks(w.others) + pks(w.unassigned)  # a colleague's
    content = page.content.decode()
    assert world["unassigned"].query_code in content
    assert world["elsewhere"].query_code not in content
    assert f"?handler=none&amp;status=open&amp;agency={world['county'].pk}" in content


def test_waiting_for_a_supplement_is_its_own_group(client, world):
    mine = world["mine"]
    services.request_supplement(
        application=mine, actor=world["handler"], on=TODAY, items="请写明文件名称", deadline_days=15
    )

    page, w = worklist(client, world["handler"], world["county"])

    assert pks(w.waiting) == [mine.pk]
    assert pks(w.overdue) + pks(w.due_soon) + pks(w.others) == []
    assert "等待申请人补正、第三方意见或缴费 (1)" in page.content.decode()


def test_other_roles_keep_their_dashboard_and_the_admin_sees_the_summary(client, world):
    client.force_login(world["publisher"])
    (panel,) = client.get(reverse("console:dashboard")).context["panels"]
    assert panel["foi_worklist"] is None
    assert panel["foi_by_status"] is None

    client.force_login(world["admin"])
    page = client.get(reverse("console:dashboard"))
    (panel,) = page.context["panels"]
    assert panel["foi_worklist"] is None
    counts = {value: n for value, _label, n in panel["foi_by_status"]}
    assert counts[Status.IN_PROGRESS] == 2
    assert counts[Status.REGISTERED] == 1
    assert "本机关依申请公开情况" in page.content.decode()


# --- the list ------------------------------------------------------------------------------


def listed(client, user, **params):
    client.force_login(user)
    page = client.get(reverse("console:foi-list"), params)
    assert page.status_code == 200
    return page, [a.pk for a in page.context["page"].object_list]


def test_the_list_filters_by_state(client, world):
    page, found = listed(client, world["handler"], status=Status.REGISTERED)

    assert found == [world["unassigned"].pk]
    counts = {value: n for value, _label, n, _more in page.context["status_counts"]}
    assert (counts[Status.REGISTERED], counts[Status.IN_PROGRESS]) == (1, 2)


def test_the_list_filters_by_handler_and_unassigned(client, world):
    _page, mine = listed(client, world["handler"], handler=world["handler"].pk)
    page, unassigned = listed(client, world["handler"], handler="none")

    assert mine == [world["mine"].pk]
    assert unassigned == [world["unassigned"].pk]
    assert page.context["unassigned_count"] == 1
    assert 'aria-current="page">未分配（在办 1 件）' in page.content.decode()


def test_the_list_filters_by_channel(client, world):
    letter = register(world["county"], world["handler"], "挂号信寄来的申请", Channel.SIGNED_MAIL)

    _page, by_letter = listed(client, world["handler"], channel=Channel.SIGNED_MAIL)
    _page, online = listed(client, world["handler"], channel=Channel.ONLINE)

    assert by_letter == [letter.pk]
    assert letter.pk not in online
    assert world["mine"].pk in online


def test_the_list_filters_by_the_ledger_due_day(client, world):
    move_due(world["mine"], datetime.date(2026, 3, 10))
    move_due(world["theirs"], datetime.date(2026, 3, 20))

    _page, found = listed(client, world["handler"], due_from="2026-03-09", due_to="2026-03-12")

    assert found == [world["mine"].pk]  # the ledger's day, not the application's own column


def test_the_list_reports_bad_filters_at_the_top_and_keeps_the_good_ones(client, world):
    page, found = listed(
        client,
        world["handler"],
        due_from="2026-03-20",
        due_to="2026-03-01",
        handler="none",
    )

    content = page.content.decode()
    assert "error-summary" in content
    assert "答复期限的结束日期不能早于开始日期。" in content
    assert found == [world["unassigned"].pk]


def test_the_list_searches_number_and_text_but_names_only_where_seen(client, world):
    _page, by_code = listed(client, world["handler"], q=world["mine"].query_code)
    _page, by_text = listed(client, world["handler"], q="尚未分配")
    _page, by_name = listed(client, world["handler"], q="王五")
    supervisor = make_user(agency=world["county"].parent, roles=(Role.SUPERVISOR,))
    _page, supervisor_by_name = listed(client, supervisor, q="王五")

    assert by_code == [world["mine"].pk]
    assert by_text == [world["unassigned"].pk]
    assert len(by_name) == 3
    assert supervisor_by_name == []  # the supervisor never sees who applied


def test_the_list_never_shows_another_agency(client, world):
    _page, found = listed(client, world["other_handler"])
    _page, searched = listed(client, world["other_handler"], q=world["mine"].query_code)

    assert found == [world["elsewhere"].pk]
    assert searched == []


def test_the_list_pages_and_keeps_the_filters_in_its_links(client, world):
    for n in range(30):
        apply(world["county"], f"批量申请{n}")

    page, first = listed(client, world["handler"], handler="none", channel=Channel.ONLINE)
    _page, second = listed(client, world["handler"], handler="none", channel=Channel.ONLINE, page=2)

    assert page.context["page"].paginator.count == 31
    assert (len(first), len(second)) == (25, 6)
    assert not set(first) & set(second)
    assert "?handler=none&amp;channel=online&amp;page=2" in page.content.decode()


@pytest.mark.parametrize("words", ["9" * 40, "²", "'; DROP TABLE", "%_"])
def test_the_search_takes_any_words_without_error(client, world, words):
    _page, found = listed(client, world["handler"], q=words)

    assert found == []
