"""Each finding kind counts the right things per agency, and lists them for drill-down."""

import datetime

import pytest
from django.utils import timezone

from gongkai.supervision import findings
from gongkai.supervision.periods import Period
from gongkai.supervision.tests.world import make_world

pytestmark = pytest.mark.django_db

# kind: ((county A count, base), (county B count, base)); base None where the kind has no rate.
EXPECTED = {
    "late_records": ((1, 2), (0, 1)),
    "records_overdue": ((0, None), (1, None)),
    "decisions_late": ((0, 0), (0, 0)),  # test_enforcement_findings.py
    "decisions_overdue": ((0, None), (0, None)),
    "expected_missing": ((1, None), (0, None)),
    "applications_overdue": ((1, None), (0, None)),
    "applications_late": ((0, 0), (1, 1)),
    "messages_past_veto": ((1, None), (0, None)),
    "opinions_late": ((1, None), (0, None)),
    "policies_without_interpretation": ((1, 1), (0, 0)),
    "annual_report_late": ((1, None), (0, None)),
    "consultation_feedback_missing": ((0, None), (0, None)),  # test_feedback_finding.py
    "catalogue_not_filed": ((1, None), (0, None)),
    "stale_columns": ((1, 3), (0, 1)),
    "blank_columns": ((1, 3), (0, 1)),
    "incomplete_service_guides": ((0, 0), (0, 0)),  # service_guides/tests/test_findings.py
    "project_information_overdue": ((0, None), (0, None)),  # projects/tests/test_services.py
    "newmedia_silent": ((0, None), (0, None)),  # newmedia/tests/test_findings.py
    "newmedia_inconsistent": ((0, None), (0, None)),  # newmedia/tests/test_findings.py
    "leader_interpretation_missing": ((0, None), (0, None)),  # press/tests/test_leadership.py
}


@pytest.fixture
def world():
    return make_world()


def scope_of(world, period=None):
    now = timezone.now()
    return findings.Scope(
        frozenset({world["a"].pk, world["b"].pk}),
        period or Period.year(2026),
        timezone.localdate(now),
        now,
    )


def test_every_kind_has_an_expectation():
    from gongkai.supervision.findings_ledgers import LEDGER_KINDS

    # The kinds from the supervisors' own ledgers are tested in test_ledger_findings.py.
    assert set(EXPECTED) == set(findings.BY_CODE) - {kind.code for kind in LEDGER_KINDS}


@pytest.mark.parametrize("code", list(EXPECTED))
def test_finding_counts_and_drill_down(world, code):
    kind = findings.BY_CODE[code]
    scope = scope_of(world)
    figures = kind.count(scope)
    for key, (count, base) in zip(("a", "b"), EXPECTED[code], strict=True):
        agency_id = world[key].pk
        assert figures.counts.get(agency_id, 0) == count, (code, key)
        if base is None:
            assert figures.bases is None
        else:
            assert figures.bases.get(agency_id, 0) == base, (code, key)
        assert len(list(kind.objects(scope, agency_id))) == count, (code, key)


def test_drill_down_names_the_objects(world):
    scope = scope_of(world)
    a = world["a"].pk
    assert list(findings.BY_CODE["messages_past_veto"].objects(scope, a)) == [world["message"]]
    assert list(findings.BY_CODE["opinions_late"].objects(scope, a)) == [world["event"]]
    assert list(findings.BY_CODE["policies_without_interpretation"].objects(scope, a)) == [
        world["policy"]
    ]


def test_a_recorded_waiver_settles_the_missing_interpretation(world):
    world["policy"].interpretation_waiver = "转发上级文件，不作解读。"
    world["policy"].save()
    figures = findings.BY_CODE["policies_without_interpretation"].count(scope_of(world))
    assert figures.counts == {}


def test_period_findings_follow_the_period(world):
    october = findings.BY_CODE["late_records"].count(scope_of(world, Period.month(2026, 10)))
    september = findings.BY_CODE["late_records"].count(scope_of(world, Period.month(2026, 9)))
    assert october.counts == {world["a"].pk: 1}
    assert september.counts == {}
    assert september.bases == {world["a"].pk: 1}


def test_annual_report_is_not_late_before_february(world):
    scope = scope_of(world)
    january = findings.Scope(
        scope.agency_ids, Period.year(2026), scope.today.replace(month=1, day=31), scope.now
    )
    assert findings.BY_CODE["annual_report_late"].count(january).counts == {}


def test_monthly_trend(world):
    kind = findings.BY_CODE["late_records"]
    months = [Period.month(2026, m) for m in (9, 10, 11)]
    assert findings.monthly_trend(kind, scope_of(world), months) == [0, 1, 0]


def test_stale_months_are_configurable(world):
    scope = scope_of(world)
    twelve = findings.Scope(scope.agency_ids, scope.period, scope.today, scope.now, 12)
    assert findings.BY_CODE["stale_columns"].count(twelve).counts == {}


def test_policies_of_the_period_by_local_day_without_a_cast_per_row(world):
    """Published at 00:30 on 1 January in China (16:30 UTC the day before) is in 2026; the
    filter is an instant range on `published_at`, not a date cast of every row."""
    policy = world["policy"]
    scope = scope_of(world)
    policies = findings.BY_CODE["policies_without_interpretation"]
    sql = str(findings._policies(scope).query)
    assert "django_datetime_cast_date" not in sql
    assert "AT TIME ZONE" not in sql
    policy.published_at = datetime.datetime(
        2026, 1, 1, 0, 30, tzinfo=timezone.get_current_timezone()
    )
    policy.save()
    assert policies.count(scope).counts == {world["a"].pk: 1}
    policy.published_at = datetime.datetime(
        2025, 12, 31, 23, 59, tzinfo=timezone.get_current_timezone()
    )
    policy.save()
    assert policies.count(scope).counts == {}


def test_stale_columns_cut_off_without_a_cast_per_row(world):
    scope = scope_of(world)
    sql = str(findings._items(scope).query)
    assert "django_datetime_cast_date" not in sql
    assert "AT TIME ZONE" not in sql
    twelve = findings.Scope(scope.agency_ids, scope.period, scope.today, scope.now, 12)
    assert findings.BY_CODE["stale_columns"].count(twelve).counts == {}
