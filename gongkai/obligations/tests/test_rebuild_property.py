"""Property: whatever the apps did, rebuilding the ledger from them gives exactly the rows the
incremental updates wrote (issue #12: the row is derived data)."""

import datetime
import zoneinfo

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Role
from gongkai.documents import services as document_services
from gongkai.documents.tests.factories import draft_values, make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.models import Application, Status
from gongkai.foi.tests.test_services import applicant
from gongkai.obligations import services
from gongkai.obligations.models import Obligation
from gongkai.obligations.tests.test_ledger import snapshot
from gongkai.participation import mailbox_services, opinion_services
from gongkai.participation.models import MessageStatus, OpinionEvent, PublicMessage, Severity
from gongkai.participation.tests.mailbox_factories import make_message

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")

# Working days of 2026 and the turn of the year (provisional 2027 dates).
DAYS = [datetime.date(2026, 3, 2) + datetime.timedelta(days=7 * n) for n in range(8)] + [
    datetime.date(2026, 12, 14),
    datetime.date(2026, 12, 21),
]
ACTIONS = [
    "apply",
    "reply",
    "message",
    "answer",
    "reject",
    "opinion",
    "respond",
    "draft",
    "publish",
]


@pytest.fixture
def world():
    agency = make_agency(name="测试县卫生健康局", charges_foi_fees=True)
    return {
        "agency": agency,
        "handler": make_user(agency=agency, roles=(Role.FOI_HANDLER, Role.PUBLISHER)),
        "reviewer": make_user(agency=agency, roles=(Role.REVIEWER,)),
        "item": make_agency_item(agency),
    }


def act(world, action: str, day: datetime.date) -> None:
    agency, handler, reviewer = world["agency"], world["handler"], world["reviewer"]
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=SH)
    with time_machine.travel(moment, tick=False):
        if action == "apply":
            foi_services.submit_online(agency=agency, values=applicant())
        elif action == "reply":
            application = Application.objects.open().order_by("pk").first()
            if application and application.received_on <= day:
                foi_services.draft_reply(
                    application=application, actor=handler, outcome="granted", text="予以公开。"
                )
                foi_services.approve_reply(application=application, actor=reviewer, on=day)
        elif action == "message":
            make_message(agency)
        elif action in ("answer", "reject"):
            message = PublicMessage.objects.filter(
                status=MessageStatus.RECEIVED, received_at__lte=moment
            ).first()
            if message and action == "reject":
                mailbox_services.reject_message(
                    message=message, actor=handler, ground="petition", reason="请向信访部门反映。"
                )
            elif message:
                mailbox_services.accept_message(message=message, actor=handler)
                mailbox_services.draft_reply(message=message, actor=handler, text="已答复。")
                mailbox_services.approve_reply(message=message, actor=reviewer)
        elif action == "opinion":
            opinion_services.record_opinion_event(
                agency=agency,
                actor=handler,
                title="网传某医院拒收急诊病人",
                source="social_media",
                summary="微博视频称某医院急诊拒收病人。",
                first_seen_at=moment - datetime.timedelta(hours=30),
                severity=Severity.GENERAL,
                responsible_unit="县人民医院",
            )
        elif action == "respond":
            event = OpinionEvent.objects.filter(
                first_response_at__isnull=True, first_seen_at__lte=moment
            ).first()
            if event:
                opinion_services.record_response(
                    event=event,
                    actor=handler,
                    kind="statement",
                    responded_at=moment,
                    summary="已核实。",
                )
        elif action == "draft":
            document_services.create_draft(
                agency=agency,
                actor=handler,
                values=draft_values(world["item"], formed_on=day),
                issuers=[agency.name],
            )
        elif action == "publish":
            # Examples share the database: only what exists on `day` can be acted on.
            document = agency.documents.filter(status="draft", formed_on__lte=day).first()
            if document:
                document_services.submit_for_review(document=document, actor=handler)
                document_services.publish(document=document, actor=reviewer)


@settings(
    max_examples=10,
    derandomize=True,  # the same examples on every run: CI does not flake
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(DAYS)), max_size=12))
def test_rebuilding_gives_the_incremental_rows(world, steps):
    for action, day in sorted(steps, key=lambda step: step[1]):
        act(world, action, day)
    incremental = snapshot()

    Obligation.objects.all().delete()
    services.rebuild()

    assert snapshot() == incremental
    assert all(row[0] for row in incremental)
    assert (
        Application.objects.filter(status=Status.CLOSED).count()
        == Obligation.objects.filter(kind="foi.reply", done_on__isnull=False).count()
    )
