"""Remedies in reply letters (行政复议法（2023年修订）第二十条、第二十三条；行政诉讼法第四十五条、
第四十六条): which replies go to administrative review first, and the review body and court
each agency names."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import letters, services
from gongkai.foi.letters import LetterKind
from gongkai.foi.outcomes import Outcome, RemedyRoute, remedy_route
from gongkai.foi.tests.test_services import applicant

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

ROUTES = [
    *[(o, RemedyRoute.REVIEW_FIRST) for o in Outcome.values if o.startswith("withheld.")],
    ("partial", RemedyRoute.REVIEW_FIRST_FOR_WITHHELD_PART),
    ("granted", RemedyRoute.REVIEW_OR_SUIT),
    *[(o, RemedyRoute.REVIEW_OR_SUIT) for o in Outcome.values if o.startswith("unable.")],
    *[(o, RemedyRoute.REVIEW_OR_SUIT) for o in Outcome.values if o.startswith("not_handled.")],
    *[(o, RemedyRoute.REVIEW_OR_SUIT) for o in Outcome.values if o.startswith("other.")],
]


def test_every_outcome_has_a_route():
    assert sorted(o for o, _r in ROUTES) == sorted(Outcome.values)


@pytest.mark.parametrize(("outcome", "route"), ROUTES)
def test_only_a_refusal_goes_to_review_first(outcome, route):
    assert remedy_route(outcome) == route


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


def reply_text(agency, outcome: str) -> str:
    handler = make_user(agency=agency, roles=(Role.FOI_HANDLER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    application = services.submit_online(agency=agency, values=applicant())
    choice = {"not_held_reason": "not_exist"} if outcome == "unable.1" else {}
    services.draft_reply(
        application=application, actor=handler, outcome=outcome, text="说明。", **choice
    )
    services.approve_reply(application=application, actor=reviewer, on=datetime.date(2026, 3, 5))
    return "".join(letters.letter_text(application, LetterKind.REPLY).paragraphs)


@pytest.mark.parametrize("outcome", [o for o in Outcome.values if o not in ("other.1", "other.2")])
def test_each_reply_letter_states_the_remedies_of_its_route(outcome):
    agency = make_agency(review_body="某县人民政府", court="某县人民法院")

    text = reply_text(agency, outcome)

    route = remedy_route(outcome)
    review_first = "应当先自收到本告知书之日起六十日内向某县人民政府申请行政复议"
    then_sue = "自收到行政复议决定书之日起十五日内，依照《中华人民共和国行政诉讼法》向某县人民法院"
    choice = (
        "六十日内，依照《中华人民共和国行政复议法》向某县人民政府申请行政复议；也可以"
        "自收到本告知书之日起六个月内，依照《中华人民共和国行政诉讼法》向某县人民法院提起行政诉讼"
    )
    if route == RemedyRoute.REVIEW_FIRST:
        assert review_first in text
        assert then_sue in text
        assert "第二十三条第一款第（四）项" in text
        assert "六个月" not in text
    elif route == RemedyRoute.REVIEW_FIRST_FOR_WITHHELD_PART:
        assert review_first in text
        assert then_sue in text
        assert choice in text  # for the part that is disclosed
    else:
        assert choice in text
        assert "应当先" not in text


def test_without_its_own_the_letter_names_the_competent_bodies():
    text = reply_text(make_agency(), "granted")

    assert "向有管辖权的行政复议机关申请行政复议" in text
    assert "向有管辖权的人民法院提起行政诉讼" in text
