"""Consultations through their services: third parties (条例第三十二条) and other agencies
(第三十四条), the party's receipt, silence, the daily refresh and reminders.

Received 2026-02-13 (online, confirmed that day): due 2026-03-19 without events; 03-02 is
working day 7 (test_consultation_clock has the counts).
"""

import datetime
import io
import zipfile
import zoneinfo
from io import StringIO

import docx
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.foi import consultation_services, letters, services
from gongkai.foi.consultations import ConsultationParty, ConsultationResult
from gongkai.foi.errors import FoiError
from gongkai.foi.letters import LetterKind
from gongkai.foi.models import Application, LogKind, Status
from gongkai.foi.tests.test_services import RESIDENT_ID, applicant

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
THIRD_PARTY = ConsultationParty.THIRD_PARTY
AGENCY = ConsultationParty.AGENCY


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def at(iso: str):
    return time_machine.travel(
        datetime.datetime.fromisoformat(iso).replace(hour=10, tzinfo=SHANGHAI), tick=False
    )


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,), email="handler@example.org")


@pytest.fixture
def application(agency):
    with at("2026-02-13"):
        return services.submit_online(agency=agency, values=applicant())


def start(application, handler, party_kind=THIRD_PARTY, party="某诊所", on="2026-03-02"):
    consultation_services.start_consultation(
        application=application, actor=handler, on=day(on), party=party, party_kind=party_kind
    )
    return application.events.filter(kind=LogKind.CONSULTATION_STARTED).last()


def test_a_third_party_and_another_agency_may_be_consulted_at_once(application, handler):
    with at("2026-03-05"):
        first = start(application, handler, THIRD_PARTY, "某诊所")
        second = start(application, handler, AGENCY, "某市疾病预防控制中心", on="2026-03-04")

        consultation_services.end_consultation(
            application=application, actor=handler, on=day("2026-03-05"), consultation_id=second.pk
        )
        assert application.status == Status.CONSULTING  # the third party's is still open
        assert application.due_on is None

        consultation_services.end_consultation(
            application=application, actor=handler, on=day("2026-03-05"), consultation_id=first.pk
        )

    assert application.status == Status.IN_PROGRESS
    assert first.details["party_kind"] == THIRD_PARTY
    assert second.details["party_kind"] == AGENCY
    # 03-03..05 paused (3 working days): 03-19 → 03-24.
    assert application.due_on == day("2026-03-24")


def test_with_two_open_the_clerk_must_say_which_ends(application, handler):
    with at("2026-03-05"):
        start(application, handler, THIRD_PARTY)
        start(application, handler, AGENCY, "某市卫生健康委员会")

        with pytest.raises(FoiError) as error:
            consultation_services.end_consultation(
                application=application, actor=handler, on=day("2026-03-05")
            )

    assert error.value.field == "consultation"
    assert "请选择" in str(error.value.message)


def test_the_partys_receipt_sets_its_deadline_and_cannot_precede_the_letter(application, handler):
    with at("2026-03-04"):
        started = start(application, handler)
        with pytest.raises(FoiError) as error:
            consultation_services.record_consultation_receipt(
                application=application, actor=handler, on=day("2026-03-01")
            )
        assert error.value.field == "on"
        consultation_services.record_consultation_receipt(
            application=application, actor=handler, on=day("2026-03-04")
        )

    ((start_event, reading),) = consultation_services.consultations_of(application)
    assert start_event == started
    # 03-05, 06, 03-09..13, 03-16..20, 03-23..25: 15 working days.
    assert reading.deadline == day("2026-03-25")
    delivered = application.events.get(kind=LogKind.CONSULTATION_DELIVERED)
    assert delivered.details == {"consultation": started.pk}
    assert AuditEvent.objects.filter(action="foi.consultation_receipt").count() == 1


def test_silence_needs_the_receipt_and_the_deadline_passed(application, handler):
    with at("2026-03-20"):
        start(application, handler, AGENCY, "某市卫生健康委员会")
        with pytest.raises(FoiError, match="请先登记对方收到征求意见书的日期"):
            consultation_services.end_consultation(
                application=application,
                actor=handler,
                on=day("2026-03-20"),
                result=ConsultationResult.NO_REPLY,
            )
        consultation_services.record_consultation_receipt(
            application=application, actor=handler, on=day("2026-03-04")
        )
        with pytest.raises(FoiError, match="2026-03-25 尚未届满"):
            consultation_services.end_consultation(
                application=application,
                actor=handler,
                on=day("2026-03-20"),
                result=ConsultationResult.NO_REPLY,
            )


def test_an_agencys_silence_is_recorded_as_consent(application, handler):
    with at("2026-03-04"):
        start(application, handler, AGENCY, "某市卫生健康委员会")
        consultation_services.record_consultation_receipt(
            application=application, actor=handler, on=day("2026-03-04")
        )
    with at("2026-03-27"):
        consultation_services.end_consultation(
            application=application,
            actor=handler,
            on=day("2026-03-27"),
            result=ConsultationResult.NO_REPLY,
        )

    ended = application.events.get(kind=LogKind.CONSULTATION_ENDED)
    assert ended.note == "逾期未提出意见，视为同意公开（条例第三十四条）。"
    assert ended.details["result"] == ConsultationResult.NO_REPLY
    # The pause ends on the deadline (03-25), not on the day the clerk records it: 04-14.
    assert application.due_on == day("2026-04-14")


def test_a_third_partys_silence_needs_the_agencys_decision(application, handler):
    with at("2026-03-04"):
        start(application, handler, THIRD_PARTY)
        consultation_services.record_consultation_receipt(
            application=application, actor=handler, on=day("2026-03-04")
        )
    with at("2026-03-27"):
        with pytest.raises(FoiError) as error:
            consultation_services.end_consultation(
                application=application,
                actor=handler,
                on=day("2026-03-27"),
                result=ConsultationResult.NO_REPLY,
            )
        assert error.value.field == "decision"
        assert "不视为同意" in str(error.value.message)
        consultation_services.end_consultation(
            application=application,
            actor=handler,
            on=day("2026-03-27"),
            result=ConsultationResult.NO_REPLY,
            decision="涉及的检查结果不含商业秘密，决定予以公开。",
        )

    ended = application.events.get(kind=LogKind.CONSULTATION_ENDED)
    assert ended.note == (
        "第三方逾期未提出意见（条例第三十二条）。本机关决定：涉及的检查结果不含商业秘密，决定予以公开。"
    )
    assert ended.details["decision"] == "涉及的检查结果不含商业秘密，决定予以公开。"


def test_the_agency_letter_says_silence_is_consent_and_names_no_applicant(application, handler):
    with at("2026-03-02"):
        start(application, handler, AGENCY, "某市疾病预防控制中心")

    available = letters.available_letters(application)
    letter = letters.letter_text(application, LetterKind.AGENCY_CONSULTATION)
    data = letters.render_docx(letter)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)

    assert LetterKind.AGENCY_CONSULTATION in available
    assert LetterKind.CONSULTATION not in available  # no third party was consulted
    assert letter.addressee == "某市疾病预防控制中心"
    assert letter.number.endswith("-ZJ")
    assert "第三十四条" in text
    assert "逾期未提出意见的，视为同意公开" in text
    assert "自收到本函之日起15个工作日内" in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        everything = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )
    for secret in ("张三", RESIDENT_ID, "13800000000", application.query_code):
        assert secret not in everything


def test_the_daily_run_brings_a_paused_application_back_into_reminders(
    application, handler, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with at("2026-03-04"):
        start(application, handler, THIRD_PARTY)
        consultation_services.record_consultation_receipt(
            application=application, actor=handler, on=day("2026-03-04")
        )
    application.refresh_from_db()
    assert application.due_on is None  # paused: no due date, no reminder

    with at("2026-04-13"):
        call_command("reminders", "--date", "2026-04-13", stdout=StringIO())
        call_command("reminders", "--date", "2026-04-13", stdout=StringIO())  # idempotent

    application.refresh_from_db()
    # The pause ended with the third party's deadline (03-25): due 04-14, one day left.
    assert application.due_on == day("2026-04-14")
    assert application.status == Status.CONSULTING  # still waiting for the clerk to end it
    assert len(mail.outbox) == 1  # one digest for the handler, once
    digest = mail.outbox[0]
    assert "已逾期 1 项，即将到期 1 项" in digest.subject
    assert "征求意见期满处理" in digest.body  # the consultation to end, overdue since 03-25
    assert "2026-03-25" in digest.body
    assert "2026-04-14" in digest.body  # the reply, due tomorrow
    assert AuditEvent.objects.filter(action="foi.due_recomputed", actor=None).count() == 1


def test_the_old_end_call_still_works_for_a_single_consultation(application, handler):
    # The API's consultation_ended without a reference or result: the only open one, answered.
    with at("2026-03-09"):
        start(application, handler)
        consultation_services.end_consultation(
            application=application, actor=handler, on=day("2026-03-09"), note="同意公开"
        )

    assert Application.objects.get(pk=application.pk).status == Status.IN_PROGRESS
    assert application.events.get(kind=LogKind.CONSULTATION_ENDED).details["result"] == (
        ConsultationResult.ANSWERED
    )
