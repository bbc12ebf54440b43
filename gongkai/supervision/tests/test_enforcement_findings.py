"""双公示 for the supervisor: decisions published past their 7 working days, and decisions still
unpublished past them, counted per agency from the ledger (enforcement.publication)."""

import datetime

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.enforcement.tests.factories import make_decision, make_published
from gongkai.factories import make_user
from gongkai.supervision import findings
from gongkai.supervision.periods import Period
from gongkai.supervision.tests.test_findings import scope_of
from gongkai.supervision.tests.world import at, make_world

pytestmark = pytest.mark.django_db
D = datetime.date


def test_late_and_overdue_decisions_are_counted_for_the_supervisor():
    world = make_world()
    drafter = make_user(agency=world["a"], roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=world["a"], roles=(Role.REVIEWER,))
    # Decided Tuesday 1 September, due the 7th working day after: 10 September; published
    # on the 20th.
    with time_machine.travel(at(D(2026, 9, 20)), tick=False):
        late = make_published(
            agency=world["a"], drafter=drafter, reviewer=reviewer, decided_on=D(2026, 9, 1)
        )
    with time_machine.travel(at(D(2026, 11, 3)), tick=False):
        make_published(  # on time
            agency=world["a"],
            drafter=drafter,
            reviewer=reviewer,
            decided_on=D(2026, 11, 2),
            document_number="测卫许〔2026〕2号",
            party_credit_code="91110108551385082Q",
        )
        # Decided 2 November and never published: due 11 November, overdue on the 16th.
        overdue = make_decision(
            agency=world["a"],
            actor=drafter,
            decided_on=D(2026, 11, 2),
            document_number="测卫许〔2026〕3号",
            party_credit_code="91110000802100433B",
        )
    scope = scope_of(world, Period.year(2026))
    late_kind = findings.BY_CODE["decisions_late"]
    figures = late_kind.count(scope)
    assert figures.counts.get(world["a"].pk) == 1
    assert figures.bases.get(world["a"].pk) == 2
    assert list(late_kind.objects(scope, world["a"].pk)) == [late]
    overdue_kind = findings.BY_CODE["decisions_overdue"]
    assert overdue_kind.count(scope).counts == {world["a"].pk: 1}
    assert list(overdue_kind.objects(scope, world["a"].pk)) == [overdue]
