"""征求意见反馈未公布: a consultation closed without its published feedback past the ledger's due
date is a finding of the agency, with the consultation behind the number."""

import datetime

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.factories import make_user
from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.supervision import findings
from gongkai.supervision.tests.test_findings import scope_of
from gongkai.supervision.tests.world import at, make_world

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_consultation_without_published_feedback_past_its_due_date_is_a_finding():
    world = make_world()
    publisher = make_user(agency=world["a"], roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=world["a"], roles=(Role.REVIEWER,))
    with time_machine.travel(at(D(2026, 9, 1)), tick=False):
        consultation = make_consultation(
            agency=world["a"],
            publisher=publisher,
            reviewer=reviewer,
            opens_on=D(2026, 9, 1),
            closes_on=D(2026, 10, 8),  # feedback due 20 working days later: 5 November
        )
    kind = findings.BY_CODE["consultation_feedback_missing"]
    scope = scope_of(world)
    assert kind.count(scope).counts == {world["a"].pk: 1}
    assert list(kind.objects(scope, world["a"].pk)) == [consultation]
