"""Long id lists go to PostgreSQL as one array (gongkai/id_lists.py); every other `__in` is
Django's own, and both give the same rows on both databases."""

import pytest
from django.db import connection
from django.db.models import Q

from gongkai import id_lists
from gongkai.agencies.models import Agency
from gongkai.factories import make_agency
from gongkai.foi.models import Application
from gongkai.reports.tests.factories import make_application

pytestmark = pytest.mark.django_db
POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def agencies():
    return [make_agency(name=f"测试第{n}县卫生健康局") for n in range(3)]


def sql_of(queryset) -> str:
    sql, _params = queryset.query.get_compiler(using="default").as_sql()
    return sql


def long_list(*ids: int) -> list[int]:
    """`ids` padded past the threshold with ids that match nothing."""
    return [*ids, *range(10**9, 10**9 + id_lists.LONG + 1)]


def test_a_long_list_of_ids_finds_the_same_rows_as_a_short_one(agencies):
    first, second, third = agencies
    for agency in agencies:
        make_application(agency, received="2026-03-02")

    wanted = long_list(first.pk, third.pk)
    by_array = Application.objects.filter(agency_id__in=wanted)
    by_foreign_key = Application.objects.filter(agency__in=wanted)
    by_pk = Agency.objects.filter(pk__in=wanted)

    expected = {first.pk, third.pk}
    assert {a.agency_id for a in by_array} == expected
    assert {a.agency_id for a in by_foreign_key} == expected
    assert set(by_pk.values_list("pk", flat=True)) == expected
    assert {a.agency_id for a in Application.objects.exclude(agency_id__in=wanted)} == {second.pk}
    assert Application.objects.filter(Q(agency_id__in=wanted) | Q(pk=-1)).count() == 2
    for queryset in (by_array, by_foreign_key, by_pk):
        assert ("= ANY(" in sql_of(queryset)) is POSTGRESQL
        assert (" IN (" in sql_of(queryset)) is not POSTGRESQL


@pytest.mark.parametrize(
    ("name", "lookup", "values"),
    [
        ("short list", "agency_id__in", list(range(1, id_lists.LONG + 1))),
        ("with None", "agency_id__in", [None, *range(1, id_lists.LONG + 2)]),
        ("strings", "query_code__in", [f"Q{n}" for n in range(id_lists.LONG + 2)]),
        ("ints against text", "query_code__in", list(range(id_lists.LONG + 2))),
    ],
)
def test_everything_else_is_djangos_own_in(agencies, name, lookup, values):
    make_application(agencies[0], received="2026-03-02", query_code="Q1")
    queryset = Application.objects.filter(**{lookup: values})
    assert "= ANY(" not in sql_of(queryset)
    list(queryset)  # and the database accepts it


def test_an_empty_list_still_matches_nothing(agencies):
    make_application(agencies[0], received="2026-03-02")
    assert not Application.objects.filter(agency_id__in=[]).exists()
