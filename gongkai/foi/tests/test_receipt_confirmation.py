"""Confirming receipt on the day of arrival (条例第三十一条第（二）（三）项) through the services,
and the arrival dates of applications registered before the rule."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.errors import FoiError
from gongkai.foi.identity import IdType
from gongkai.foi.models import Application
from gongkai.foi.outcomes import ApplicantType
from gongkai.foi.receipt import Channel

RESIDENT_ID = "11010519491231002X"


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def applicant():
    return {
        "applicant_type": ApplicantType.NATURAL,
        "applicant_name": "钱七",
        "id_type": IdType.RESIDENT_ID,
        "id_number": RESIDENT_ID,
        "phone": "13500000000",
        "email": "",
        "address": "某市某路4号",
        "postcode": "",
        "description": "本县2026年预防接种单位名单",
        "document_numbers": "",
        "delivery_form": "paper",
        "contact_person": "",
    }


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,))


def register_letter(agency, handler, **dates):
    return services.register_application(
        agency=agency,
        actor=handler,
        values=applicant(),
        channel=Channel.ORDINARY_MAIL,
        submitted_on=day("2026-11-06"),
        **dates,
    )


@pytest.mark.django_db
def test_a_letter_confirmed_after_it_arrived_keeps_the_reason_and_is_flagged(agency, handler):
    application = register_letter(
        agency,
        handler,
        arrived_on=day("2026-11-09"),
        confirmed_on=day("2026-11-11"),
        confirmation_delay_reason="申请人留的电话两日无人接听",
    )

    assert application.received_on == day("2026-11-11")  # still the confirmation date
    assert application.arrived_on == day("2026-11-09")
    assert application.confirmation_delay_reason == "申请人留的电话两日无人接听"
    assert application.is_confirmation_late
    assert list(Application.objects.confirmed_late()) == [application]
    registered = AuditEvent.objects.get(action="foi.register")
    assert registered.after["arrived_on"] == "2026-11-09"
    assert registered.after["confirmation_delay_reason"] == "申请人留的电话两日无人接听"


@pytest.mark.django_db
def test_a_late_confirmation_without_a_reason_is_refused(agency, handler):
    with pytest.raises(FoiError) as refused:
        register_letter(
            agency, handler, arrived_on=day("2026-11-09"), confirmed_on=day("2026-11-11")
        )

    assert refused.value.field == "confirmation_delay_reason"
    assert "到达当日" in refused.value.message
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_letter_needs_its_arrival_date(agency, handler):
    with pytest.raises(FoiError) as refused:
        register_letter(agency, handler, confirmed_on=day("2026-11-09"))

    assert refused.value.field == "arrived_on"


@pytest.mark.django_db
def test_a_letter_confirmed_on_arrival_is_not_flagged_and_keeps_no_reason(agency, handler):
    application = register_letter(
        agency,
        handler,
        arrived_on=day("2026-11-09"),
        confirmed_on=day("2026-11-09"),
        confirmation_delay_reason="（误填）",
    )

    assert not application.is_confirmation_late
    assert application.confirmation_delay_reason == ""
    assert not Application.objects.confirmed_late().exists()


@pytest.mark.django_db
def test_an_online_application_arrives_when_submitted(agency):
    application = services.submit_online(agency=agency, values=applicant(), on=day("2026-11-13"))

    assert application.arrived_on == application.confirmed_on == day("2026-11-13")
    assert not application.is_confirmation_late


@pytest.mark.django_db
def test_in_person_needs_no_arrival_date(agency, handler):
    application = services.register_application(
        agency=agency,
        actor=handler,
        values=applicant(),
        channel=Channel.IN_PERSON,
        submitted_on=day("2026-11-09"),
        arrived_on=day("2026-11-02"),  # ignored: in person, submission is arrival
    )

    assert application.arrived_on is None
    assert not application.is_confirmation_late


# --- applications registered before the arrival date was recorded -----------------------

BEFORE = ("foi", "0006_add_arrival_and_confirmation_delay_reason")
AFTER = ("foi", "0007_fill_arrived_on")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_arrival_of_existing_online_and_fax_applications_is_their_submission_day():
    ContentType.objects.clear_cache()  # ids may have changed with an earlier flush
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    agency = make_agency()  # the agencies tables stay as they are now
    rows = {}
    for channel, submitted, confirmed in [
        ("online", "2025-03-03", "2025-03-03"),
        ("fax", "2025-03-03", "2025-03-05"),
        ("ordinary_mail", "2025-03-03", "2025-03-06"),
        ("in_person", "2025-03-03", None),
    ]:
        rows[channel] = (
            old_apps.get_model("foi", "Application")
            .objects.create(
                agency_id=agency.pk,
                query_code=f"OLD{channel[:6].upper()}",
                applicant_type="natural",
                applicant_name="旧申请人",
                id_type="resident_id",
                id_number=RESIDENT_ID,
                phone="1",
                description="旧申请",
                delivery_form="paper",
                channel=channel,
                submitted_on=day(submitted),
                confirmed_on=day(confirmed) if confirmed else None,
                received_on=day(confirmed or submitted),
            )
            .pk
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([AFTER])
    # Then on to the latest schema, which the models below (and every later test) expect.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    arrived = dict(Application.objects.values_list("channel", "arrived_on"))
    # Online and fax arrive the moment they are sent; a letter's 提交（送达）日期 may be its
    # postmark, so its arrival stays unknown rather than guessed.
    assert arrived == {
        "online": day("2025-03-03"),
        "fax": day("2025-03-03"),
        "ordinary_mail": None,
        "in_person": None,
    }
    assert [a.channel for a in Application.objects.confirmed_late()] == ["fax"]
    assert Application.objects.count() == len(rows)
