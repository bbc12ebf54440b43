"""挂牌督办: a rectification task still unanswered a set number of working days after its
deadline (read from the obligations ledger) is escalated once, audited, and both sides told."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.supervision import services
from gongkai.supervision.escalation import escalate_overdue_tasks, escalates_on
from gongkai.supervision.tests.world import at, make_world
from gongkai.workdays.calendar import get_calendar

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


DUE = D(2026, 11, 26)  # a Thursday


def open_task(world, due_on=DUE):
    return services.open_task(
        agency=world["a"],
        title="整改留言超期未答复",
        requirement="逐条答复超过3个月的留言。",
        due_on=due_on,
        actor=world["supervisor"],
    )


@pytest.mark.parametrize(
    ("due_on", "after", "expected"),
    [
        (D(2026, 11, 26), 5, D(2026, 12, 3)),  # Thursday + 5 working days, over a weekend
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # over National Day 2026 (1–7 October off)
        (D(2026, 11, 26), 0, D(2026, 11, 27)),  # 0: the day after the deadline
    ],
)
def test_the_escalation_day(due_on, after, expected):
    assert escalates_on(due_on, after, get_calendar()) == expected


def test_an_unanswered_task_is_escalated_once_with_audit_and_mail(
    world, django_capture_on_commit_callbacks
):
    for name in ("a_admin", "b_admin", "supervisor", "city_admin"):
        world[name].email = f"{name}@example.org"
        world[name].save()
    task = open_task(world)
    assert escalate_overdue_tasks(today=D(2026, 12, 2)) == 0
    with (
        time_machine.travel(at(D(2026, 12, 3)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert escalate_overdue_tasks(today=D(2026, 12, 3)) == 1
        assert escalate_overdue_tasks(today=D(2026, 12, 3)) == 0  # idempotent
    task.refresh_from_db()
    assert task.escalated_on == D(2026, 12, 3)
    event = AuditEvent.objects.get(action="supervision.task.escalate")
    assert event.actor is None
    assert event.agency_id == world["a"].pk
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert "挂牌督办" in sent.subject
    assert sent.to == ["a_admin@example.org", "city_admin@example.org", "supervisor@example.org"]


def test_an_answered_task_waits_for_the_supervisor_and_is_not_escalated(world, tmp_path):
    task = open_task(world)
    services.answer_task(task=task, response="已逐条答复。", actor=world["a_admin"])
    with time_machine.travel(at(D(2026, 12, 10)), tick=False):
        assert escalate_overdue_tasks(today=D(2026, 12, 10)) == 0


def test_the_task_pages_show_the_escalation(client, world):
    task = open_task(world)
    with time_machine.travel(at(D(2026, 12, 3)), tick=False):
        escalate_overdue_tasks(today=D(2026, 12, 3))
        client.force_login(world["a_admin"])
        listing = client.get(reverse("console:supervision-tasks")).content.decode()
        detail = client.get(reverse("console:supervision-task", args=[task.pk])).content.decode()
    assert "已逾期" in listing
    assert "挂牌督办" in listing
    assert "2026-12-03起挂牌督办" in detail
