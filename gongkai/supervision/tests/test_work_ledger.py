"""The work ledger: work-point tasks on the obligations ledger, trainings and reviews held."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.obligations.models import Obligation
from gongkai.supervision import work_services as services
from gongkai.supervision.work_models import MeetingKind, WorkTask

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    agency = make_agency(name="示例县卫生健康局", code="COUNTY")
    return {
        "agency": agency,
        "admin": make_user(agency=agency, roles=(Role.ADMIN,)),
        "reviewer": make_user(agency=agency, roles=(Role.REVIEWER,)),
    }


def test_a_task_is_a_duty_until_done(world):
    task = services.add_task(
        agency=world["agency"],
        actor=world["admin"],
        year=2026,
        title="完善政府信息公开指南",
        owner="办公室",
        due_on=D(2026, 10, 31),
    )
    row = Obligation.objects.get(kind="supervision.work_task", object_id=task.pk)
    assert (row.due_on, row.done_on, row.title) == (
        D(2026, 10, 31),
        None,
        "2026年工作要点：完善政府信息公开指南",
    )

    services.record_task_progress(
        task=task, actor=world["admin"], progress="已修订并发布。", done_on=D(2026, 11, 3)
    )
    row.refresh_from_db()
    assert (row.done_on, row.is_late) == (D(2026, 11, 3), True)
    assert AuditEvent.objects.filter(action__startswith="supervision.work_task.").count() == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": ""}, "title"),
        ({"owner": " "}, "owner"),
        ({"due_on": D(2025, 12, 31)}, "due_on"),
        ({"title": "长" * 301}, "title"),
    ],
)
def test_a_task_needs_its_facts(world, values, field):
    base = {"year": 2026, "title": "任务", "owner": "办公室", "due_on": D(2026, 12, 31)}
    with pytest.raises(services.WorkLedgerError) as caught:
        services.add_task(agency=world["agency"], actor=world["admin"], **{**base, **values})
    assert caught.value.field == field
    assert not WorkTask.objects.exists()


def test_meetings_held_and_the_years_without_them(world):
    other = make_agency(name="邻县卫生健康局", code="OTHER")
    services.record_meeting(
        agency=world["agency"],
        actor=world["admin"],
        kind=MeetingKind.TRAINING,
        held_on=D(2026, 5, 20),
        topic="条例解读培训",
        attendees=35,
    )
    ids = {world["agency"].pk, other.pk}
    assert services.agencies_without(MeetingKind.TRAINING, ids, 2026) == {other.pk}
    assert services.agencies_without(MeetingKind.LEADERSHIP_REVIEW, ids, 2026) == ids
    with pytest.raises(services.WorkLedgerError, match="晚于今天"):
        services.record_meeting(
            agency=world["agency"],
            actor=world["admin"],
            kind=MeetingKind.TRAINING,
            held_on=D(2026, 12, 20),
            topic="未来的培训",
            attendees=1,
        )


def test_the_console_page(client, world):
    client.force_login(world["admin"])
    page = client.get("/console/work-ledger/", {"year": 2026}).content.decode()
    assert "2026年尚未登记政务公开培训" in page

    response = client.post(
        f"/console/work-ledger/?agency={world['agency'].pk}&year=2026",
        {
            "action": "task",
            "agency": world["agency"].pk,
            "title": "",
            "owner": "办公室",
            "due_on": "2026-12-31",
        },
    )
    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
    assert "办公室" in response.content.decode()  # what was typed is kept
    response = client.post(
        f"/console/work-ledger/?agency={world['agency'].pk}&year=2026",
        {
            "action": "meeting",
            "agency": world["agency"].pk,
            "kind": "training",
            "held_on": "2026-06-01",
            "topic": "培训",
            "attendees": 20,
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert "2026年尚未登记政务公开培训" not in client.get(response.url).content.decode()

    client.force_login(world["reviewer"])  # reads, does not keep
    assert client.get("/console/work-ledger/").status_code == 200
    assert (
        client.post(
            "/console/work-ledger/",
            {
                "action": "meeting",
                "agency": world["agency"].pk,
                "kind": "training",
                "held_on": "2026-06-01",
                "topic": "x",
                "attendees": 1,
            },
        ).status_code
        == 403
    )
