"""The daily sweep takes penalties whose publicity ended out of the search index, once."""

import datetime

import pytest

from gongkai.enforcement import services
from gongkai.enforcement.models import DecisionKind
from gongkai.enforcement.tests.factories import make_published
from gongkai.obligations.registry import daily_sweeps
from gongkai.search.models import OutboxEntry

pytestmark = pytest.mark.django_db


def test_the_sweep_is_registered():
    assert "enforcement.publicity" in dict(daily_sweeps())


def test_an_expired_penalty_leaves_the_index(agency, publisher, reviewer):
    decision = make_published(
        agency=agency,
        drafter=publisher,
        reviewer=reviewer,
        kind=DecisionKind.PENALTY,
        decided_on=datetime.date(2025, 11, 14),
    )
    assert decision.publicity_ends_on == datetime.date(2026, 11, 13)
    OutboxEntry.objects.all().delete()
    assert services.end_expired_publicity(today=datetime.date(2026, 11, 16)) == 1
    entry = OutboxEntry.objects.get()
    assert (entry.object_id, entry.operation) == (str(decision.pk), "delete")
    # A week later it is no longer looked at.
    assert services.end_expired_publicity(today=datetime.date(2026, 11, 22)) == 0


def test_a_penalty_still_shown_is_not_touched(agency, publisher, reviewer):
    make_published(agency=agency, drafter=publisher, reviewer=reviewer, kind=DecisionKind.PENALTY)
    OutboxEntry.objects.all().delete()
    assert services.end_expired_publicity(today=datetime.date(2026, 11, 16)) == 0
    assert not OutboxEntry.objects.exists()
