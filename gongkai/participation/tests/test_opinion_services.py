"""State changes of 舆情 events: clocks re-derived, validation in Chinese, audit rows, atomicity."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.demo.opinion_demo import load_opinion_events
from gongkai.factories import make_agency, make_user
from gongkai.participation import opinion_services as services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import (
    Escalation,
    OpinionEvent,
    OpinionResponse,
    OpinionStatus,
    ResponseKind,
    Severity,
)
from gongkai.participation.opinion import ClockResult

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 10, 3, 12, 0, tzinfo=SHANGHAI)  # National Day holiday


def at(day, hour=0, minute=0):
    return datetime.datetime(2026, 10, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def officer(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


def new_event(agency, officer, **overrides):
    values = {
        "agency": agency,
        "actor": officer,
        "title": "网传某医院拒收急诊病人",
        "source": "social_media",
        "summary": "微博视频称某医院急诊拒收病人，转发量较大。",
        "first_seen_at": at(1, 23, 30),
        "severity": Severity.GENERAL,
        "responsible_unit": "县人民医院（县卫健局医政股督办）",
    }
    values.update(overrides)
    return services.record_opinion_event(**values)


def instant(text):
    return datetime.datetime.fromisoformat(text)


def audit_actions(event):
    return list(AuditEvent.objects.for_object(event).values_list("action", flat=True))


def test_recording_an_event_starts_its_clock_and_is_audited(agency, officer):
    event = new_event(agency, officer)

    event.refresh_from_db()
    assert event.respond_by == at(3, 23, 30)  # 48 hours, holiday or not
    assert event.first_response_at is None
    assert event.created_by == officer
    row = AuditEvent.objects.for_object(event).get()
    assert row.action == "participation.opinion.record"
    assert row.actor == officer
    assert row.agency == agency
    assert instant(row.after["respond_by"]) == at(3, 23, 30)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_seen_at": at(3, 12, 1)}, "first_seen_at", "时间不能晚于现在。"),
        ({"title": "  "}, "title", "请填写此项。"),
        ({"responsible_unit": ""}, "responsible_unit", "请填写此项。"),
        ({"severity": "huge"}, "severity", "请选择舆情级别。"),
        ({"source": "rumour"}, "source", "请选择舆情来源。"),
    ],
)
def test_an_event_with_a_problem_is_refused(agency, officer, overrides, field, message):
    with pytest.raises(ParticipationError) as problem:
        new_event(agency, officer, **overrides)

    assert problem.value.field == field
    assert str(problem.value.message) == message
    assert not OpinionEvent.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_major_event_is_answered_by_a_press_conference(agency, officer):
    event = new_event(agency, officer, severity=Severity.MAJOR, first_seen_at=at(2, 8))
    assert event.respond_by == at(3, 8)

    services.record_response(
        event=event,
        actor=officer,
        kind=ResponseKind.STATEMENT,
        responded_at=at(2, 10),
        summary="发布情况通报。",
    )
    assert event.first_response_at is None  # a statement does not stop the major clock
    assert services.clock_result(event) == ClockResult.OVERDUE  # now is 3 Oct 12:00

    services.record_response(
        event=event,
        actor=officer,
        kind=ResponseKind.PRESS_CONFERENCE,
        responded_at=at(2, 20),
        summary="召开新闻发布会。",
    )
    event.refresh_from_db()
    assert event.first_response_at == at(2, 20)
    assert services.clock_result(event) == ClockResult.ON_TIME
    assert audit_actions(event).count("participation.opinion.respond") == 2


def test_the_earliest_response_counts_whatever_order_it_is_recorded_in(agency, officer):
    event = new_event(agency, officer)
    for hour in (20, 9):
        services.record_response(
            event=event,
            actor=officer,
            kind=ResponseKind.PRESS_RELEASE,
            responded_at=at(2, hour),
            summary="通稿",
        )

    assert event.first_response_at == at(2, 9)


@pytest.mark.parametrize(
    ("responded_at", "message"),
    [
        (at(1, 23, 29), "回应时间不能早于首次发现时间。"),
        (at(3, 12, 1), "时间不能晚于现在。"),
    ],
)
def test_a_response_outside_the_event_is_refused(agency, officer, responded_at, message):
    event = new_event(agency, officer)

    with pytest.raises(ParticipationError) as problem:
        services.record_response(
            event=event,
            actor=officer,
            kind=ResponseKind.STATEMENT,
            responded_at=responded_at,
            summary="通报",
        )

    assert problem.value.field == "responded_at"
    assert str(problem.value.message) == message
    assert not OpinionResponse.objects.exists()


def test_escalation_moves_the_deadline_and_is_audited_with_before_and_after(agency, officer):
    event = new_event(agency, officer, first_seen_at=at(2, 8))  # general: 4 Oct 08:00
    services.record_response(
        event=event, actor=officer, kind=ResponseKind.STATEMENT, responded_at=at(2, 9), summary="s"
    )
    assert event.first_response_at == at(2, 9)

    services.escalate(
        event=event,
        actor=officer,
        to_severity=Severity.MAJOR,
        changed_at=at(2, 12),
        reason="涉事人数增加，属重大突发事件。",
    )

    event.refresh_from_db()
    assert event.severity == Severity.MAJOR
    assert event.respond_by == at(3, 12)
    assert event.first_response_at is None  # now a press conference is needed
    row = AuditEvent.objects.for_object(event).get(action="participation.opinion.escalate")
    assert row.before["severity"] == "general"
    assert instant(row.before["respond_by"]) == at(4, 8)
    assert instant(row.before["first_response_at"]) == at(2, 9)
    assert row.after["severity"] == "major"
    assert instant(row.after["respond_by"]) == at(3, 12)
    assert row.after["first_response_at"] is None
    assert row.note == "涉事人数增加，属重大突发事件。"


def test_de_escalation_after_the_deadline_does_not_extend_it(agency, officer):
    event = new_event(agency, officer, severity=Severity.MAJOR, first_seen_at=at(1, 9))

    services.escalate(
        event=event,
        actor=officer,
        to_severity=Severity.GENERAL,
        changed_at=at(2, 10),
        reason="经核实属一般舆情。",
    )

    assert event.respond_by == at(2, 9)
    assert Escalation.objects.get().from_severity == Severity.MAJOR


@pytest.mark.parametrize(
    ("to_severity", "changed_at", "field"),
    [
        (Severity.GENERAL, at(2, 12), "to_severity"),  # unchanged
        (Severity.MAJOR, at(1, 23), "changed_at"),  # before first seen
        (Severity.MAJOR, at(3, 13), "changed_at"),  # in the future
    ],
)
def test_a_wrong_escalation_is_refused(agency, officer, to_severity, changed_at, field):
    event = new_event(agency, officer)

    with pytest.raises(ParticipationError) as problem:
        services.escalate(
            event=event, actor=officer, to_severity=to_severity, changed_at=changed_at, reason="r"
        )

    assert problem.value.field == field
    assert not Escalation.objects.exists()


def test_a_failed_audit_rolls_the_escalation_back(agency, officer, monkeypatch):
    event = new_event(agency, officer)

    def broken(**kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(services, "record_event", broken)
    with pytest.raises(RuntimeError):
        services.escalate(
            event=event,
            actor=officer,
            to_severity=Severity.MAJOR,
            changed_at=at(2, 12),
            reason="r",
        )

    event.refresh_from_db()
    assert event.severity == Severity.GENERAL
    assert event.respond_by == at(3, 23, 30)
    assert not Escalation.objects.exists()


def test_verification_requests_have_their_own_24_hour_clock(agency, officer):
    event = new_event(agency, officer)
    request = services.record_verification_request(
        event=event,
        actor=officer,
        requester="市融媒体中心",
        question="请核实病人是否被拒收。",
        requested_at=at(2, 23, 15),
    )
    assert request.answer_by == at(3, 23, 15)

    with pytest.raises(ParticipationError) as problem:
        services.answer_verification_request(
            request=request, actor=officer, answer="a", answered_at=at(2, 23)
        )
    assert problem.value.field == "answered_at"

    services.answer_verification_request(
        request=request, actor=officer, answer="经核实，病人已接诊。", answered_at=at(3, 9)
    )
    request.refresh_from_db()
    assert request.answered_at == at(3, 9)
    with pytest.raises(ParticipationError, match="已答复"):
        services.answer_verification_request(
            request=request, actor=officer, answer="again", answered_at=at(3, 10)
        )
    assert audit_actions(event).count("participation.opinion.verification_answer") == 1


def test_closing_needs_a_response_or_a_reason(agency, officer):
    event = new_event(agency, officer)

    with pytest.raises(ParticipationError) as problem:
        services.close_event(event=event, actor=officer, closing_note="")
    assert problem.value.field == "closing_note"
    assert str(problem.value.message) == "尚未登记任何回应，办结时须说明无需回应的理由。"

    services.close_event(event=event, actor=officer, closing_note="经研判为个人纠纷，无需回应。")
    event.refresh_from_db()
    assert event.status == OpinionStatus.CLOSED
    assert event.closed_at == NOW
    assert services.clock_result(event) == ClockResult.EXEMPT  # closed before 3 Oct 23:30


def test_closing_waits_for_open_verification_requests(agency, officer):
    event = new_event(agency, officer)
    services.record_verification_request(
        event=event, actor=officer, requester="记者", question="q", requested_at=at(2, 9)
    )

    with pytest.raises(ParticipationError, match="核实请求"):
        services.close_event(event=event, actor=officer, closing_note="无需回应")


def test_a_closed_event_takes_no_more_entries(agency, officer):
    event = new_event(agency, officer)
    services.close_event(event=event, actor=officer, closing_note="无需回应")

    with pytest.raises(ParticipationError, match="已办结"):
        services.record_response(
            event=event, actor=officer, kind=ResponseKind.STATEMENT, responded_at=at(2), summary="s"
        )


def test_assessment_updates_are_audited(agency, officer):
    event = new_event(agency, officer)

    services.update_assessment(
        event=event, actor=officer, assessment="热度上升，需统一口径。", responsible_unit="县医院"
    )

    row = AuditEvent.objects.for_object(event).get(action="participation.opinion.assess")
    assert row.before == {"assessment": "", "responsible_unit": "县人民医院（县卫健局医政股督办）"}
    assert row.after == {"assessment": "热度上升，需统一口径。", "responsible_unit": "县医院"}


def test_the_demo_events_show_each_clock_once(agency, officer):
    load_opinion_events(agency, officer)
    load_opinion_events(agency, officer)  # idempotent

    results = {
        event.title: services.clock_result(event)
        for event in OpinionEvent.objects.filter(agency=agency)
    }
    assert sorted(results.values()) == sorted(
        [ClockResult.ON_TIME, ClockResult.OVERDUE, ClockResult.PENDING]
    )
    major = OpinionEvent.objects.get(severity=Severity.MAJOR)
    assert major.status == OpinionStatus.CLOSED
    assert major.responses.get(kind=ResponseKind.PRESS_CONFERENCE).responded_at == (
        major.first_response_at
    )


def test_the_clocks_shown_read_the_deadline_from_the_obligations_ledger(agency, officer):
    from gongkai.obligations.models import Obligation
    from gongkai.participation.models import OpinionEvent
    from gongkai.participation.obligations import OPINION_RESPONSE

    event = new_event(agency, officer)  # first seen 1 October 23:30: due 3 October 23:30
    row = Obligation.objects.of_kind(OPINION_RESPONSE).get(object_id=event.pk)
    assert row.due_at == event.respond_by
    [listed] = services.event_clocks(OpinionEvent.objects.filter(pk=event.pk))
    assert (listed.time_left.hours, listed.time_left.is_overdue) == (11, False)
    # Whatever the ledger holds is what every page shows (one rule, one place).
    Obligation.objects.filter(pk=row.pk).update(due_at=NOW - datetime.timedelta(hours=2))
    [listed] = services.event_clocks(OpinionEvent.objects.filter(pk=event.pk))
    assert (listed.time_left.hours, listed.time_left.is_overdue) == (2, True)
    assert services.read_event(event).time_left.is_overdue is True
