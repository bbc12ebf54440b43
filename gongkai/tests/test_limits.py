"""Every text people send has a limit, enforced by the domain services whatever the door."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.apps import apps
from django.db import models

from gongkai import limits
from gongkai.agencies.models import Role
from gongkai.documents.errors import DocumentError
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.foi.errors import FoiError
from gongkai.foi.identity import IdType
from gongkai.foi.models import Application
from gongkai.foi.outcomes import ApplicantType
from gongkai.participation import comment_services, mailbox_services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.tests.mailbox_factories import make_mailbox_world, make_message

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _on_a_working_day():
    with time_machine.travel(datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency()


def applicant(**overrides):
    return {
        "applicant_type": ApplicantType.NATURAL,
        "applicant_name": "张三",
        "id_type": IdType.RESIDENT_ID,
        "id_number": "11010519491231002X",
        "phone": "13800000000",
        "email": "",
        "address": "某市某路1号",
        "postcode": "",
        "description": "2025年本县公共场所卫生监督抽查结果",
        "document_numbers": "",
        "delivery_form": "email",
        "contact_person": "",
        **overrides,
    }


def test_every_limit_names_a_real_text_field():
    for key in [*limits.TEXT_LIMITS, *limits.UNCHECKED_FIELDS]:
        app_label, model_name, field_name = key.split(".")
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        assert isinstance(field, models.CharField | models.TextField), key


def test_every_text_field_of_every_model_has_a_limit():
    for model in apps.get_models():
        if not model.__module__.startswith("gongkai."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                assert 0 < limits.text_limit(field) <= limits.RECORD_BODY, field


def test_the_message_names_the_field_the_limit_and_the_length():
    assert (
        limits.too_long_message("内容描述", 5000, 5003)
        == "内容描述不能超过 5000 字（当前 5003 字）。"
    )


def test_an_application_description_over_the_limit_is_refused(agency):
    too_long = "申" * (limits.APPLICATION_DESCRIPTION + 1)

    with pytest.raises(FoiError) as refused:
        foi_services.submit_online(agency=agency, values=applicant(description=too_long))

    assert refused.value.field == "description"
    assert f"不能超过 {limits.APPLICATION_DESCRIPTION} 字（当前 {len(too_long)} 字）" in str(
        refused.value.message
    )
    assert not Application.objects.exists()


def test_an_application_description_at_the_limit_is_accepted(agency):
    description = "申" * limits.APPLICATION_DESCRIPTION

    application = foi_services.submit_online(
        agency=agency, values=applicant(description=description)
    )

    assert len(application.description) == limits.APPLICATION_DESCRIPTION


def test_a_reply_over_the_limit_is_refused_but_an_old_long_description_does_not_block(agency):
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    application = foi_services.submit_online(agency=agency, values=applicant())
    # An application kept from before the limits, with a description far over today's.
    Application.objects.filter(pk=application.pk).update(description="旧" * 300_000)
    application.refresh_from_db()
    foi_services.assign_handler(application=application, handler=handler, actor=handler)

    with pytest.raises(FoiError) as refused:
        foi_services.draft_reply(
            application=application,
            actor=handler,
            outcome="granted",
            text="答" * (limits.REPLY + 1),
        )

    assert refused.value.field == "reply_text"


def test_a_message_body_over_the_limit_is_refused(agency):
    with pytest.raises(ParticipationError) as refused:
        make_message(agency, body="留" * (limits.MESSAGE_BODY + 1))

    assert refused.value.field == "body"
    assert f"不能超过 {limits.MESSAGE_BODY} 字" in str(refused.value.message)


def test_a_message_reply_over_the_limit_is_refused():
    world = make_mailbox_world()
    handler = world["handler"]
    message = make_message(world["county"])
    mailbox_services.accept_message(message=message, actor=handler)

    with pytest.raises(ParticipationError, match=f"不能超过 {limits.REPLY} 字"):
        mailbox_services.draft_reply(message=message, actor=handler, text="答" * (limits.REPLY + 1))


def test_a_comment_over_the_limit_is_refused():
    with pytest.raises(ParticipationError) as refused:
        comment_services._check_comment_text("意" * (limits.COMMENT_BODY + 1))

    assert refused.value.field == "body"
    assert "意见内容不能超过" in str(refused.value.message)


def test_a_record_body_over_the_limit_is_refused(agency):
    from gongkai.documents import services as document_services

    drafter = make_user(agency=agency, roles=(Role.PUBLISHER,))

    with pytest.raises(DocumentError) as refused:
        document_services.create_draft(
            agency=agency,
            actor=drafter,
            values={"title": "关于印发方案的通知", "body": "文" * (limits.RECORD_BODY + 1)},
            issuers=[agency.name],
        )

    assert refused.value.field == "body"
