"""Leaders' interpretations per agency and year, and the supervisor's finding after the year."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from gongkai.agencies.models import Level
from gongkai.documents import services as documents
from gongkai.documents.models import InterpreterRole
from gongkai.documents.tests.factories import make_document, standard_item
from gongkai.factories import make_agency
from gongkai.press import leadership
from gongkai.press.tests.factories import at, make_interpretation
from gongkai.supervision.findings import BY_CODE, Scope
from gongkai.supervision.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    city = make_agency(code="CITY", level=Level.CITY)
    return {
        "a": make_agency(code="A", parent=city),
        "b": make_agency(code="B", parent=city),
        "hospital": make_agency(code="H", parent=city, level=Level.INSTITUTION),
    }


def scope(agencies, today: datetime.date) -> Scope:
    ids = frozenset(a.pk for a in agencies.values())
    return Scope(ids, Period.year(2026), today, at(today))


def test_counts_only_leaders(agencies):
    make_interpretation(agencies["a"], role=InterpreterRole.PRINCIPAL, name="张主任")
    make_interpretation(agencies["a"], role=InterpreterRole.LEADER, name="李副主任")
    make_interpretation(agencies["b"], role=InterpreterRole.EXPERT, name="刘教授")
    make_interpretation(agencies["b"], role=InterpreterRole.DRAFTING_OFFICE, name="医政股")
    ids = [a.pk for a in agencies.values()]
    assert leadership.counts_by_agency(ids, 2026) == {agencies["a"].pk: 2}
    assert leadership.counts_by_agency(ids, 2025) == {}


def test_finding_only_once_the_year_is_over(agencies):
    make_interpretation(agencies["a"], role=InterpreterRole.PRINCIPAL, name="张主任")
    kind = BY_CODE["leader_interpretation_missing"]
    assert kind.count(scope(agencies, datetime.date(2026, 12, 31))).counts == {}
    after = scope(agencies, datetime.date(2027, 1, 4))
    # B has none; the hospital owes none; A has one.
    assert kind.count(after).counts == {agencies["b"].pk: 1}
    assert list(kind.objects(after, agencies["b"].pk)) == [agencies["b"]]
    assert not kind.objects(after, agencies["a"].pk).exists()


def test_interpreter_is_kept_by_the_record_editor_service(agencies):
    agency = agencies["a"]
    record = make_document(agency=agency, catalogue_item=standard_item(agency, "G0204"))
    documents.update_draft(
        document=record,
        actor=None,
        values={
            "interpreter_role": InterpreterRole.EXPERT,
            "interpreter_name": "刘教授",
            "interpreter_post": "市疾控中心主任医师",
        },
    )
    record.refresh_from_db()
    assert record.interpreter_role == InterpreterRole.EXPERT
    assert record.interpreter_name == "刘教授"


def test_interpretation_published_on_new_years_eve_counts_for_that_year(agencies):
    moment = timezone.make_aware(datetime.datetime(2026, 12, 31, 23, 30))  # noqa: DTZ001
    with time_machine.travel(moment, tick=False):
        make_interpretation(agencies["a"], role=InterpreterRole.PRINCIPAL, name="张主任")
    assert leadership.counts_by_agency([agencies["a"].pk], 2026) == {agencies["a"].pk: 1}
    assert leadership.counts_by_agency([agencies["a"].pk], 2027) == {}
