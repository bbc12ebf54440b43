"""Every "overdue" the console shows is the obligations ledger's word: move a row's due date in
the ledger and the page follows, whatever the object's own fields say (issue #12)."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.tests.test_services import applicant
from gongkai.obligations.models import Obligation
from gongkai.supervision import services as supervision_services
from gongkai.supervision import work_services
from gongkai.supervision.tests.world import make_world

pytestmark = pytest.mark.django_db
D = datetime.date
PAST = D(2026, 11, 2)  # the frozen clock says 16 November 2026


def move_due(kind: str, object_id: int, due_on: datetime.date) -> None:
    assert Obligation.objects.filter(kind=kind, object_id=object_id).update(due_on=due_on) == 1


def test_an_application_page_says_overdue_when_the_ledger_does(client):
    agency = make_agency()
    clerk = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    application = foi_services.submit_online(agency=agency, values=applicant(), on=D(2026, 11, 10))
    client.force_login(clerk)
    page = f"/console/applications/{application.pk}/"
    assert "已超期" not in client.get(page).content.decode()
    move_due("foi.reply", application.pk, PAST)
    assert "已超期" in client.get(page).content.decode()


def test_rectification_and_work_tasks_say_overdue_when_the_ledger_does(client):
    world = make_world()
    task = supervision_services.open_task(
        agency=world["a"],
        title="整改栏目更新不及时",
        requirement="按期更新。",
        due_on=D(2026, 12, 20),
        actor=world["supervisor"],
    )
    work = work_services.add_task(
        agency=world["a"],
        actor=world["a_admin"],
        year=2026,
        title="完善政府信息公开指南",
        owner="办公室",
        due_on=D(2026, 12, 20),
    )
    client.force_login(world["a_admin"])
    tasks = "/console/supervision/tasks/"
    ledger_page = f"/console/work-ledger/?agency={world['a'].pk}&year=2026"
    assert "已逾期" not in client.get(tasks).content.decode()
    assert "已逾期" not in client.get(ledger_page).content.decode()
    move_due("supervision.rectification", task.pk, PAST)
    move_due("supervision.work_task", work.pk, PAST)
    assert "已逾期" in client.get(tasks).content.decode()
    assert "已逾期" in client.get(ledger_page).content.decode()
