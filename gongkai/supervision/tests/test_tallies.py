"""The league table's monthly ledger counters are derived data: whatever the apps and the
ledger did, the counters kept incrementally equal those rebuilt from the ledger, and the
findings read from them equal the findings counted on the ledger itself."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Agency
from gongkai.factories import make_agency
from gongkai.obligations import services as ledger_services
from gongkai.obligations.models import Obligation
from gongkai.obligations.tests.test_rebuild_property import ACTIONS, DAYS, act
from gongkai.obligations.tests.test_rebuild_property import world as ledger_world  # noqa: F401
from gongkai.supervision import findings, tallies
from gongkai.supervision.models import LedgerTally
from gongkai.supervision.periods import Period
from gongkai.supervision.tests.world import make_world

pytestmark = pytest.mark.django_db
D = datetime.date
PROPERTY = settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def ledger_figures(kind: str, scope: findings.Scope) -> findings.Figures:
    """The figures as counted on the ledger rows themselves (the reading before the counters)."""
    done = findings._done_in(findings._ledger(kind, scope), scope.period)
    return findings.Figures(done.filter(is_late=True).count_by_agency(), done.count_by_agency())


@pytest.fixture
def world():
    return make_world()


def test_the_world_counters_equal_the_ledger(world):
    assert LedgerTally.objects.exists()
    assert tallies.differences() == {}


@pytest.mark.parametrize(
    "period", [Period.year(2026), Period.year(2025), Period.month(2026, 3), Period.month(2026, 11)]
)
@pytest.mark.parametrize("kind", ["late_records", "applications_late"])
def test_findings_from_the_counters_equal_the_ledger(world, period, kind):
    ids = frozenset(Agency.objects.values_list("pk", flat=True))
    scope = findings.Scope(ids, period, D(2026, 11, 16), timezone.now())
    code = findings.BY_CODE[kind]
    ledger_kind = findings.PUBLICATION if kind == "late_records" else findings.REPLY
    assert code.count(scope) == ledger_figures(ledger_kind, scope)


@pytest.mark.parametrize("period", [Period.year(2026), Period.month(2026, 11)])
def test_opinions_late_equal_the_ledger_rows(world, period):
    ids = frozenset(Agency.objects.values_list("pk", flat=True))
    scope = findings.Scope(ids, period, D(2026, 11, 16), timezone.now())
    expected = findings._opinion_rows(scope).count_by_agency()
    assert expected  # the world's county A has one unanswered event
    assert findings.opinions_late_count(scope).counts == expected


def test_a_period_of_days_is_counted_on_the_ledger(world):
    ids = frozenset(Agency.objects.values_list("pk", flat=True))
    period = Period(D(2026, 3, 5), D(2026, 11, 1), "days")
    scope = findings.Scope(ids, period, D(2026, 11, 16), timezone.now())
    assert findings.BY_CODE["late_records"].count(scope) == ledger_figures(
        findings.PUBLICATION, scope
    )


@PROPERTY
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(DAYS)), max_size=12))
def test_through_the_apps_the_counters_equal_a_rebuild(ledger_world, steps):  # noqa: F811
    for action, day in sorted(steps, key=lambda step: step[1]):
        act(ledger_world, action, day)
    incremental = tallies.stored()
    tallies.rebuild()
    assert tallies.stored() == incremental
    assert tallies.differences() == {}


KINDS = ["documents.publication", "foi.reply"]
MONTHS = [D(2026, 1, 31), D(2026, 2, 1), D(2026, 2, 28), D(2026, 11, 16), None]
ROW = st.fixed_dictionaries(
    {
        "agency": st.integers(0, 1),
        "kind": st.sampled_from(KINDS),
        "done_on": st.sampled_from(MONTHS),
        "is_late": st.sampled_from([True, False, None]),
    }
)
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["create", "change", "delete"]), st.integers(0, 5), ROW),
    max_size=20,
)


@PROPERTY
@given(operations=OPERATIONS)
def test_any_row_change_keeps_the_counters_equal_to_a_rebuild(operations):
    """Rows created, moved to another agency, kind or month, made late or open, deleted."""
    agencies = [make_agency(name=f"县{n}") for n in range(2)]
    content_type = ContentType.objects.get_for_model(Agency)
    next_object = iter(range(1, 10_000))
    for operation, index, values in operations:
        rows = list(Obligation.objects.order_by("pk"))
        fields = {
            "agency": agencies[values["agency"]],
            "kind": values["kind"],
            "done_on": values["done_on"],
            "is_late": values["is_late"] if values["done_on"] else None,
        }
        if operation == "create" or not rows:
            Obligation.objects.create(
                content_type=content_type,
                object_id=next(next_object),
                title="事项",
                due_on=D(2026, 1, 15),
                **fields,
            )
        elif operation == "change":
            row = rows[index % len(rows)]
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
        else:
            Obligation.objects.filter(pk=rows[index % len(rows)].pk).delete()
    assert tallies.differences() == {}
    assert not LedgerTally.objects.filter(done=0).exists()
    Obligation.objects.all().delete()
    LedgerTally.objects.all().delete()
    Agency.objects.filter(pk__in=[a.pk for a in agencies]).delete()


def test_a_save_of_other_fields_reads_nothing_more(world, django_assert_num_queries):
    row = Obligation.objects.filter(done_on__isnull=False).first()
    row.title = "改名"
    with django_assert_num_queries(1):
        row.save(update_fields=["title", "updated_at"])
    assert tallies.differences() == {}


def test_deleting_an_agency_takes_its_counters(world):
    agency = make_agency(name="撤销县卫生健康局")
    for object_id in (1, 2):
        Obligation.objects.create(
            agency=agency,
            kind="documents.publication",
            content_type=ContentType.objects.get_for_model(Agency),
            object_id=object_id,
            title="事项",
            due_on=D(2026, 3, 1),
            done_on=D(2026, 3, object_id + 1),
            is_late=True,
        )
    assert LedgerTally.objects.get(agency=agency).done_late == 2
    agency.delete()  # the cascade may reach the counters before the ledger rows
    assert not LedgerTally.objects.filter(agency_id=agency.pk).exists()
    assert tallies.differences() == {}


def test_a_bulk_ledger_rebuild_brings_the_counters_along(world):
    Obligation.objects.all().delete()
    assert not LedgerTally.objects.exists()
    ledger_services.rebuild()  # bulk_create: no row signals, but `ledger_rebuilt`
    assert LedgerTally.objects.exists()
    assert tallies.differences() == {}


def test_the_command_checks_and_rebuilds_the_counters(world):
    LedgerTally.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("supervision_tallies", "check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("supervision_tallies", "rebuild", stdout=out)
    assert "counters rebuilt" in out.getvalue()
    call_command("supervision_tallies", "check", stdout=out)
    assert tallies.differences() == {}


def test_after_migrate_empty_counters_are_built(world):
    LedgerTally.objects.all().delete()
    tallies.rebuild_if_empty()
    assert LedgerTally.objects.exists()
    assert tallies.differences() == {}


def test_messages_past_veto_count_the_messages_past_the_line_on_the_day(world):
    """Counted against the cut-off day's local midnight: a message of the day before at 23:30
    is past the line, one of the cut-off day at 00:30 is not (as `past_veto_line` says)."""
    from gongkai.participation.mailbox import veto_cutoff_on
    from gongkai.participation.mailbox_services import past_veto_line
    from gongkai.participation.models import PublicMessage
    from gongkai.participation.tests.mailbox_factories import make_message
    from gongkai.supervision.tests.world import SH

    today = D(2026, 11, 16)
    cutoff = veto_cutoff_on(today)
    agency = world["b"]
    for moment in (
        datetime.datetime.combine(cutoff - datetime.timedelta(days=1), datetime.time(23, 30)),
        datetime.datetime.combine(cutoff, datetime.time(0, 30)),
    ):
        message = make_message(agency)
        PublicMessage.objects.filter(pk=message.pk).update(received_at=moment.replace(tzinfo=SH))
    ids = frozenset(Agency.objects.values_list("pk", flat=True))
    scope = findings.Scope(ids, Period.year(2026), today, timezone.now())
    expected = past_veto_line(PublicMessage.objects.all(), today=today)
    assert findings.messages_past_veto_count(scope).counts == {
        pk: expected.filter(agency_id=pk).count()
        for pk in ids
        if expected.filter(agency_id=pk).exists()
    }
    assert findings.messages_past_veto_count(scope).counts[agency.pk] == 1
