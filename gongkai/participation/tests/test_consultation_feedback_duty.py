"""A published consultation owes its adoption feedback to the ledger (obligations): due a
configured number of working days after it closes, done when the feedback is published."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.obligations import services as ledger_services
from gongkai.obligations.models import Obligation
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.obligations import CONSULTATION_FEEDBACK
from gongkai.participation.tests.consultation_factories import make_consultation

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=SHANGHAI
    )


@pytest.fixture
def people(db):
    agency = make_agency(name="测试县卫生健康局", level=Level.COUNTY)
    return (
        agency,
        make_user(agency=agency, roles=(Role.PUBLISHER,)),
        make_user(agency=agency, roles=(Role.REVIEWER,)),
    )


def duty(consultation) -> Obligation | None:
    return Obligation.objects.filter(kind=CONSULTATION_FEEDBACK, object_id=consultation.pk).first()


def close_and_publish(consultation, publisher, reviewer, *, closing: str, publishing: str):
    made = comment_services.submit_comment(consultation=consultation, body="建议明确适用范围。")
    comment_services.moderate_comment(comment=made, actor=publisher, decision="publish")
    comment_services.dispose_comment(comment=made, actor=publisher, disposition="adopted")
    with time_machine.travel(at(closing), tick=False):
        services.close_consultation(consultation=consultation, actor=publisher)
    consultation.refresh_from_db()
    with time_machine.travel(at(publishing), tick=False):
        services.publish_feedback(consultation=consultation, actor=reviewer)


def test_a_draft_owes_nothing_and_a_published_one_owes_feedback_20_working_days_after(people):
    agency, publisher, reviewer = people
    with time_machine.travel(at("2026-11-02"), tick=False):
        draft = make_consultation(agency=agency, publisher=publisher)
        assert duty(draft) is None
        published = make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)
    row = duty(published)
    # Closes Tuesday 1 December 2026; the 20th working day after is Tuesday 29 December.
    assert row.due_on == datetime.date(2026, 12, 29)
    assert row.done_on is None
    assert row.agency_id == agency.pk


def test_published_feedback_is_the_duty_done_on_time_or_late(people):
    agency, publisher, reviewer = people
    with time_machine.travel(at("2026-11-10"), tick=False):
        on_time = make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)
        late = make_consultation(
            agency=agency, publisher=publisher, reviewer=reviewer, title="另一办法（征求意见稿）"
        )
    close_and_publish(on_time, publisher, reviewer, closing="2026-12-02", publishing="2026-12-03")
    close_and_publish(late, publisher, reviewer, closing="2026-12-02", publishing="2027-01-05")
    assert duty(on_time).done_on == datetime.date(2026, 12, 3)
    assert duty(on_time).is_late is False
    assert duty(late).is_late is True


def test_the_period_is_configurable_and_a_rebuild_agrees(people, settings):
    agency, publisher, reviewer = people
    settings.CONSULTATION_FEEDBACK_WORKING_DAYS = 5
    with time_machine.travel(at("2026-11-02"), tick=False):
        consultation = make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)
    assert duty(consultation).due_on == datetime.date(2026, 12, 8)
    before = list(Obligation.objects.values_list("kind", "object_id", "due_on", "done_on"))
    Obligation.objects.all().delete()
    ledger_services.rebuild()
    assert sorted(Obligation.objects.values_list("kind", "object_id", "due_on", "done_on")) == (
        sorted(before)
    )
