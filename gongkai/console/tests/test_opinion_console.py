"""Console pages of 舆情 events: every role's access, the list by time left, form errors."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.participation import opinion_services as services
from gongkai.participation.models import (
    OpinionEvent,
    OpinionResponse,
    OpinionStatus,
    ResponseKind,
    Severity,
)

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 10, 2, 12, 0, tzinfo=SHANGHAI)


def at(day, hour=0, minute=0):
    return datetime.datetime(2026, 10, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def county():
    return make_agency(parent=make_agency(level=Level.CITY, name="示例市卫生健康委员会"))


@pytest.fixture
def officer(county):
    return make_user(agency=county, roles=(Role.PUBLISHER,))


@pytest.fixture
def supervisor(county):
    """督查员 of the parent city: reads the county's events, changes nothing."""
    return make_user(agency=county.parent, roles=(Role.SUPERVISOR,))


@pytest.fixture
def outsider():
    """A clerk with every role in an unrelated agency."""
    return make_user(
        agency=make_agency(name="无关县卫生健康局"),
        roles=(Role.PUBLISHER, Role.REVIEWER, Role.ADMIN),
    )


@pytest.fixture
def citizen():
    return make_user(username="citizen")


def record(county, officer, title="网传某卫生院违规收费", **overrides):
    values = {
        "agency": county,
        "actor": officer,
        "title": title,
        "source": "online_media",
        "summary": "本地论坛帖文称某卫生院违规收费。",
        "first_seen_at": at(1, 9),
        "severity": Severity.GENERAL,
        "responsible_unit": "县卫健局财务股",
    }
    values.update(overrides)
    return services.record_opinion_event(**values)


@pytest.fixture
def event(county, officer):
    return record(county, officer)


def url(name, *args):
    return reverse(f"console:{name}", args=args)


RESPONSE = {
    "kind": ResponseKind.STATEMENT,
    "responded_at": "2026-10-02T10:30",
    "summary": "发布情况通报。",
    "link": "",
}


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["opinion-list", "opinion-new", "opinion-stats"])
def test_anonymous_visitors_are_sent_to_the_login(client, name):
    response = client.get(url(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("console:login"))


def test_anonymous_visitors_cannot_see_or_answer_an_event(client, event):
    assert client.get(url("opinion-detail", event.pk)).status_code == 302
    assert client.post(url("opinion-action", event.pk, "respond"), RESPONSE).status_code == 302
    assert not OpinionResponse.objects.exists()


def test_a_citizen_account_gets_no_console(client, citizen, event):
    client.force_login(citizen)

    assert client.get(url("opinion-list")).status_code == 403
    assert client.get(url("opinion-detail", event.pk)).status_code == 403


def test_the_officer_sees_and_answers(client, officer, event):
    client.force_login(officer)

    page = client.get(url("opinion-detail", event.pk))
    assert page.status_code == 200
    assert "登记回应" in page.content.decode()

    response = client.post(url("opinion-action", event.pk, "respond"), RESPONSE)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.first_response_at == at(2, 10, 30)  # datetime-local read in Beijing time
    assert OpinionResponse.objects.get().recorded_by == officer
    assert (
        AuditEvent.objects.for_object(event)
        .filter(action="participation.opinion.respond", actor=officer)
        .exists()
    )


def test_a_clerk_of_another_agency_cannot_answer(client, outsider, event):
    client.force_login(outsider)

    # 404, as for an event that does not exist: a 403 would say that it does.
    assert client.get(url("opinion-detail", event.pk)).status_code == 404
    assert client.get(url("opinion-detail", event.pk + 1000)).status_code == 404
    for action, data in [
        ("respond", RESPONSE),
        ("close", {"closing_note": "无需回应"}),
        ("escalate", {"to_severity": "major", "changed_at": "2026-10-02T08:00", "reason": "r"}),
    ]:
        assert client.post(url("opinion-action", event.pk, action), data).status_code == 404

    event.refresh_from_db()
    assert (event.status, event.severity, event.first_response_at) == (
        OpinionStatus.OPEN,
        Severity.GENERAL,
        None,
    )
    assert not OpinionResponse.objects.exists()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "participation.opinion.record"
    ]
    assert "网传某卫生院违规收费" not in client.get(url("opinion-list")).content.decode()


def test_the_supervisor_reads_but_cannot_act(client, supervisor, event):
    client.force_login(supervisor)

    page = client.get(url("opinion-detail", event.pk))
    assert page.status_code == 200
    assert "登记回应" not in page.content.decode()  # no forms
    assert "网传某卫生院违规收费" in client.get(url("opinion-list")).content.decode()
    assert client.get(url("opinion-stats")).status_code == 200
    assert client.get(url("opinion-new")).status_code == 403
    assert client.post(url("opinion-action", event.pk, "respond"), RESPONSE).status_code == 403
    assert not OpinionResponse.objects.exists()


def test_an_unknown_action_is_not_found(client, officer, event):
    client.force_login(officer)

    assert client.post(url("opinion-action", event.pk, "delete"), {}).status_code == 404


# --- recording ---------------------------------------------------------------------------


def test_the_officer_records_an_event_first_seen_before_midnight(client, officer, county):
    client.force_login(officer)

    response = client.post(
        url("opinion-new"),
        {
            "agency": county.pk,
            "title": "网传疫苗接种点排长队",
            "source": "social_media",
            "source_detail": "微博",
            "link": "https://example.org/post/1",
            "summary": "网民反映接种点排队两小时。",
            "first_seen_at": "2026-10-01T23:30",
            "severity": "major",
            "responsible_unit": "县疾控中心",
            "assessment": "",
        },
    )

    event = OpinionEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("opinion-detail", event.pk)
    assert event.first_seen_at == at(1, 23, 30)
    assert event.respond_by == at(2, 23, 30)
    assert event.created_by == officer


def test_a_time_in_the_future_comes_back_as_a_chinese_form_error(client, officer, county):
    client.force_login(officer)

    page = client.post(
        url("opinion-new"),
        {
            "agency": county.pk,
            "title": "t",
            "source": "press",
            "summary": "s",
            "first_seen_at": "2026-10-02T13:00",
            "severity": "general",
            "responsible_unit": "u",
        },
    )

    assert page.status_code == 200
    assert "时间不能晚于现在。" in page.content.decode()
    assert not OpinionEvent.objects.exists()


def test_a_refused_response_keeps_the_form_open_with_its_error(client, officer, event):
    client.force_login(officer)

    page = client.post(
        url("opinion-action", event.pk, "respond"),
        {**RESPONSE, "responded_at": "2026-10-01T08:59"},
    )

    content = page.content.decode()
    assert page.status_code == 200
    assert "回应时间不能早于首次发现时间。" in content
    assert "发布情况通报。" in content  # what the clerk typed is kept
    assert not OpinionResponse.objects.exists()


def test_closing_without_response_needs_a_reason(client, officer, event):
    client.force_login(officer)

    page = client.post(url("opinion-action", event.pk, "close"), {"closing_note": ""})

    assert "尚未登记任何回应，办结时须说明无需回应的理由。" in page.content.decode()
    event.refresh_from_db()
    assert event.status == OpinionStatus.OPEN


def test_a_major_event_answered_only_by_a_statement_says_so(client, officer, county):
    event = record(county, officer, severity=Severity.MAJOR, first_seen_at=at(2, 8))
    client.force_login(officer)
    client.post(url("opinion-action", event.pk, "respond"), RESPONSE)

    content = client.get(url("opinion-detail", event.pk)).content.decode()

    assert "已发布权威信息，但尚未举行新闻发布会。" in content
    assert "不计入时限" in content
    assert "剩余 20 小时 0 分" in content  # deadline 3 Oct 08:00, now 2 Oct 12:00


def test_verification_requests_are_recorded_and_answered(client, officer, event):
    client.force_login(officer)
    client.post(
        url("opinion-action", event.pk, "verification"),
        {"requester": "市融媒体中心", "question": "是否属实？", "requested_at": "2026-10-02T09:00"},
    )
    request = event.verification_requests.get()
    assert request.answer_by == at(3, 9)

    client.post(
        url("opinion-action", event.pk, "answer"),
        {"verification": request.pk, "answered_at": "2026-10-02T11:00", "answer": "不属实。"},
    )

    request.refresh_from_db()
    assert request.answered_at == at(2, 11)


# --- the list and the figures -------------------------------------------------------------


def test_the_list_puts_overdue_first_then_least_time_left(client, officer, county):
    record(county, officer, "一般舆情，还剩47小时", first_seen_at=at(2, 11))
    record(
        county, officer, "重大舆情，已超期2小时", severity=Severity.MAJOR, first_seen_at=at(1, 10)
    )
    record(county, officer, "重大舆情，还剩20小时", severity=Severity.MAJOR, first_seen_at=at(2, 8))
    answered = record(county, officer, "已回应的舆情", first_seen_at=at(1, 7))
    services.record_response(
        event=answered, actor=officer, kind="statement", responded_at=at(1, 8), summary="s"
    )
    client.force_login(officer)

    content = client.get(url("opinion-list")).content.decode()

    order = [
        content.index(title)
        for title in (
            "重大舆情，已超期2小时",
            "重大舆情，还剩20小时",
            "一般舆情，还剩47小时",
            "已回应的舆情",
        )
    ]
    assert order == sorted(order)
    assert "已超期 2 小时 0 分" in content
    assert "剩余 20 小时 0 分" in content
    assert "剩余 47 小时 0 分" in content
    assert "提前 47 小时 0 分" in content


def test_supervisors_filter_the_list_by_agency(client, supervisor, county, officer):
    sibling = make_agency(parent=county.parent, name="示例区卫生健康局")
    record(county, officer, "县里的舆情")
    record(sibling, make_user(agency=sibling, roles=(Role.PUBLISHER,)), "区里的舆情")
    client.force_login(supervisor)

    content = client.get(url("opinion-list"), {"agency": sibling.pk}).content.decode()

    assert "区里的舆情" in content
    assert "县里的舆情" not in content


def test_monthly_figures_per_agency(client, supervisor, county, officer):
    on_time = record(county, officer, "按时", first_seen_at=at(1, 8))
    services.record_response(
        event=on_time, actor=officer, kind="statement", responded_at=at(1, 10), summary="s"
    )
    record(county, officer, "未到期", first_seen_at=at(2, 8))
    client.force_login(supervisor)

    page = client.get(url("opinion-stats"), {"year": "2026"})

    content = page.content.decode()
    assert page.status_code == 200
    assert county.display_name in content
    assert "2026-10" in content
    assert "100%" in content
    assert "2.0" in content  # median hours
    # The on-time rate drawn: one response in time in October, none late.
    chart = page.context["figures"][0][2]
    october = chart.categories.index("2026-10")
    assert [s.values[october] for s in chart.series] == [1, 0]
    assert 'role="img"' in content
    assert f"{county.display_name}每月按时和超时回应的舆情" in content
