"""本机关不掌握 (row （四）1): the reply states exactly one answer — 该政府信息不存在
(条例第三十六条第（四）项), or 不属于本机关负责公开 with the responsible agency's name and
contact where it can be determined (第（五）项) — never both."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import letters, services
from gongkai.foi.errors import FoiError
from gongkai.foi.letters import LetterError, LetterKind
from gongkai.foi.outcomes import NotHeldReason, OutcomeError, check_not_held, reply_basis
from gongkai.foi.tests.test_services import applicant

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOT_EXIST = NotHeldReason.NOT_EXIST
NOT_OURS = NotHeldReason.NOT_OURS
RESPONSIBLE = "某市市场监督管理局"
CONTACT = "某市某路2号，电话 0551-00000000"


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def application(agency):
    return services.submit_online(agency=agency, values=applicant())


def check(outcome="unable.1", reason="", name="", contact="", unknown=False):
    check_not_held(
        outcome,
        reason=reason,
        responsible_agency=name,
        responsible_agency_contact=contact,
        responsible_agency_unknown=unknown,
    )


# (arguments, field named in the refusal, or None when allowed)
CASES = [
    ({}, "not_held_reason"),  # one of the two must be chosen
    ({"reason": NOT_EXIST}, None),
    ({"reason": NOT_EXIST, "name": RESPONSIBLE}, "responsible_agency"),  # 36(4) names nobody
    ({"reason": NOT_OURS}, "responsible_agency"),  # the name where it can be determined …
    ({"reason": NOT_OURS, "unknown": True}, None),  # … or the clerk says it cannot
    ({"reason": NOT_OURS, "name": RESPONSIBLE}, "responsible_agency_contact"),
    ({"reason": NOT_OURS, "name": RESPONSIBLE, "contact": CONTACT}, None),
    ({"reason": NOT_OURS, "name": RESPONSIBLE, "contact": CONTACT, "unknown": True},
     "responsible_agency"),
    ({"outcome": "granted", "reason": NOT_EXIST}, "not_held_reason"),
    ({"outcome": "granted"}, None),
]  # fmt: skip


@pytest.mark.parametrize(("arguments", "field"), CASES)
def test_one_answer_and_the_responsible_agency_where_determinable(arguments, field):
    if field is None:
        check(**arguments)
        return
    with pytest.raises(OutcomeError) as error:
        check(**arguments)
    assert error.value.field == field


def test_the_reply_cites_only_the_article_chosen():
    assert [str(a) for a in reply_basis("unable.1", not_held_reason=NOT_EXIST)] == [
        "《政府信息公开条例》第三十六条第（四）项"
    ]
    assert [str(a) for a in reply_basis("unable.1", not_held_reason=NOT_OURS)] == [
        "《政府信息公开条例》第三十六条第（五）项"
    ]


def reply_letter(application, handler, reviewer, **choice) -> str:
    services.draft_reply(
        application=application, actor=handler, outcome="unable.1", text="经检索档案。", **choice
    )
    services.approve_reply(application=application, actor=reviewer, on=datetime.date(2026, 3, 5))
    return "".join(letters.letter_text(application, LetterKind.REPLY).paragraphs)


def test_a_letter_that_the_information_does_not_exist(application, handler, reviewer):
    text = reply_letter(application, handler, reviewer, not_held_reason=NOT_EXIST)

    assert "该政府信息不存在" in text
    assert "第三十六条第（四）项" in text
    assert "不属于本机关负责公开" not in text
    assert "第（五）项" not in text


def test_a_letter_naming_the_responsible_agency(application, handler, reviewer):
    text = reply_letter(
        application,
        handler,
        reviewer,
        not_held_reason=NOT_OURS,
        responsible_agency=RESPONSIBLE,
        responsible_agency_contact=CONTACT,
    )

    assert "不属于本机关负责公开" in text
    assert "第三十六条第（五）项" in text
    assert f"负责公开该政府信息的行政机关是{RESPONSIBLE}，联系方式：{CONTACT}" in text
    assert "不存在" not in text
    assert "第（四）项" not in text


def test_a_letter_when_the_responsible_agency_cannot_be_determined(application, handler, reviewer):
    text = reply_letter(
        application, handler, reviewer, not_held_reason=NOT_OURS, responsible_agency_unknown=True
    )

    assert "本机关无法确定负责公开该政府信息的行政机关" in text
    assert "不存在" not in text
    assert application.events.get(kind="reply_drafted").details == {
        "responsible_agency_unknown": True
    }


def test_the_draft_names_the_field_that_is_missing(application, handler):
    with pytest.raises(FoiError) as error:
        services.draft_reply(
            application=application,
            actor=handler,
            outcome="unable.1",
            text="经检索档案。",
            not_held_reason=NOT_OURS,
        )

    assert error.value.field == "responsible_agency"
    assert "负责公开该信息的机关名称" in str(error.value.message)


def test_a_reply_drafted_before_the_choice_gets_no_letter_stating_both(application, handler):
    # A draft saved by the earlier release (the choice did not exist): written directly.
    application.outcome = "unable.1"
    application.reply_text = "经检索。"
    application.status = "reply_drafted"
    application.save()

    with pytest.raises(LetterError, match="请重新起草答复并选择"):
        letters.letter_text(application, LetterKind.REPLY)
