"""A rectification task: opened, answered with evidence, returned, answered again, accepted;
its obligation row is overdue in the ledger while open past its date and done when accepted."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.documents.tests.factories import pdf_bytes
from gongkai.obligations import ledger
from gongkai.obligations.models import Obligation
from gongkai.supervision import access, services
from gongkai.supervision.errors import SupervisionError, TransitionNotAllowed
from gongkai.supervision.obligations import RECTIFICATION
from gongkai.supervision.tests.world import make_world
from gongkai.supervision.workflow import TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def open_task(world, **overrides):
    values = {
        "agency": world["a"],
        "title": "整改留言超期未答复",
        "requirement": "逐条答复超过3个月的留言。",
        "due_on": timezone.localdate() + datetime.timedelta(days=10),
        "finding": "messages_past_veto",
        "period": "2026",
        "actor": world["supervisor"],
    }
    values.update(overrides)
    return services.open_task(**values)


def row_of(task):
    return Obligation.objects.get(
        kind=RECTIFICATION,
        content_type=ContentType.objects.get_for_model(task),
        object_id=task.pk,
    )


def test_the_task_is_an_obligation_overdue_then_done(world):
    task = open_task(world)
    row = row_of(task)
    assert (row.agency_id, row.due_on, row.done_on) == (world["a"].pk, task.due_on, None)

    later = timezone.now() + datetime.timedelta(days=12)
    with time_machine.travel(later):
        now, today = ledger.now_and_today()
        assert list(ledger.overdue_ids(RECTIFICATION, today=today, now=now)) == [
            {"object_id": task.pk}
        ]
        services.answer_task(
            task=task,
            response="已全部答复。",
            evidence=pdf_bytes(),
            evidence_name="答复清单.pdf",
            actor=world["a_admin"],
        )
        services.accept_task(task=task, actor=world["supervisor"])
        row = row_of(task)
        assert row.done_on == today
        assert row.is_late is True
        assert not ledger.overdue_ids(RECTIFICATION, today=today, now=now).exists()


def test_return_reopens_and_every_change_is_audited(world):
    task = open_task(world)
    services.answer_task(task=task, response="已整改。", actor=world["a_admin"])
    with pytest.raises(SupervisionError):
        services.return_task(task=task, comments=" ", actor=world["supervisor"])
    task = services.return_task(task=task, comments="佐证不足。", actor=world["supervisor"])
    assert task.status == TaskStatus.OPEN
    assert row_of(task).done_on is None
    with pytest.raises(TransitionNotAllowed):
        services.accept_task(task=task, actor=world["supervisor"])
    services.answer_task(task=task, response="补充了答复记录。", actor=world["a_admin"])
    task = services.accept_task(task=task, actor=world["supervisor"])
    assert task.status == TaskStatus.ACCEPTED
    actions = list(
        AuditEvent.objects.filter(object_id=str(task.pk), action__startswith="supervision.task")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "supervision.task.open",
        "supervision.task.answer",
        "supervision.task.return",
        "supervision.task.answer",
        "supervision.task.accept",
    ]


def test_evidence_is_checked_by_content(world):
    task = open_task(world)
    with pytest.raises(SupervisionError) as caught:
        services.answer_task(
            task=task,
            response="见附件。",
            evidence=b"MZ\x90\x00 not a document",
            evidence_name="证明.pdf",
            actor=world["a_admin"],
        )
    assert caught.value.field == "evidence"
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_evidence_is_stored_under_its_real_type(world):
    task = services.answer_task(
        task=open_task(world),
        response="见附件。",
        evidence=pdf_bytes(),
        evidence_name="整改报告.docx",
        actor=world["a_admin"],
    )
    assert task.evidence_name == "整改报告.pdf"
    with task.evidence.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_a_due_date_in_the_past_is_refused(world):
    with pytest.raises(SupervisionError):
        open_task(world, due_on=timezone.localdate() - datetime.timedelta(days=1))


def test_who_may_do_what(world):
    task = open_task(world)
    a_admin, b_admin, supervisor = world["a_admin"], world["b_admin"], world["supervisor"]
    assert access.can_answer_task(a_admin, task)
    assert not access.can_answer_task(b_admin, task)
    assert not access.can_view_task(b_admin, task)
    assert access.can_review_task(supervisor, task)
    assert not access.can_review_task(a_admin, task)
    assert access.can_open_task(supervisor, world["a"])
    assert not access.can_open_task(a_admin, world["b"])
    assert list(access.tasks_for(a_admin)) == [task]
    assert list(access.tasks_for(b_admin)) == []
    assert list(access.tasks_for(supervisor)) == [task]
    # The navigation's question agrees: one task answered by a, reviewed by the city.
    assert access.has_tasks(a_admin)
    assert access.has_tasks(supervisor)
    assert not access.has_tasks(b_admin)


def test_texts_over_their_limits_are_refused(world):
    from gongkai import limits

    with pytest.raises(SupervisionError) as caught:
        open_task(world, requirement="改" * (limits.STAFF_TEXT + 1))
    assert caught.value.field == "requirement"
    task = open_task(world)
    with pytest.raises(SupervisionError):
        services.answer_task(
            task=task, response="答" * (limits.STAFF_TEXT + 1), actor=world["a_admin"]
        )
    services.answer_task(task=task, response="已整改。", actor=world["a_admin"])
    with pytest.raises(SupervisionError):
        services.return_task(
            task=task, comments="意" * (limits.STAFF_TEXT + 1), actor=world["supervisor"]
        )
