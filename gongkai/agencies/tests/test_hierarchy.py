"""The agencies below an agency (one recursive query), and who may read what from it: a
supervisor reads the agencies below, staff their own; a loop in the parents ends the walk."""

import pytest

from gongkai.agencies import access
from gongkai.agencies.models import Agency, Level, Role
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    """A province, two cities, counties under one of them, a township under a county."""
    province = make_agency(level=Level.PROVINCE, code="P")
    city_a = make_agency(level=Level.CITY, parent=province, code="CA")
    city_b = make_agency(level=Level.CITY, parent=province, code="CB")
    county_a1 = make_agency(parent=city_a, code="CA-1")
    county_a2 = make_agency(parent=city_a, code="CA-2")
    township = make_agency(level=Level.TOWNSHIP, parent=county_a1, code="CA-1-T")
    elsewhere = make_agency(level=Level.PROVINCE, code="Q")
    made = (province, city_a, city_b, county_a1, county_a2, township, elsewhere)
    return {agency.code: agency for agency in made}


@pytest.mark.parametrize(
    ("root", "below"),
    [
        ("P", {"CA", "CB", "CA-1", "CA-2", "CA-1-T"}),
        ("CA", {"CA-1", "CA-2", "CA-1-T"}),
        ("CA-1", {"CA-1-T"}),
        ("CB", set()),
        ("CA-1-T", set()),
        ("Q", set()),
    ],
)
def test_descendants_are_every_agency_below_in_one_query(
    province, root, below, django_assert_num_queries
):
    with django_assert_num_queries(1):
        ids = province[root].descendant_ids()
    assert ids == {province[code].pk for code in below}


def test_a_loop_in_the_parents_ends_the_walk(province):
    # Bad data an administrator could make: the city's parent set to its own county.
    Agency.objects.filter(pk=province["CA"].pk).update(parent=province["CA-1"])
    ids = province["CA"].descendant_ids()
    assert ids == {province[code].pk for code in ("CA-1", "CA-2", "CA-1-T", "CA")}


def test_a_supervisor_reads_below_and_staff_read_their_own(province):
    supervisor = make_user(agency=province["CA"], roles=(Role.SUPERVISOR,))
    clerk = make_user(agency=province["CA-1"], roles=(Role.PUBLISHER,))
    both = make_user(agency=province["CB"], roles=(Role.PUBLISHER,))
    both.memberships.create(agency=province["CA-1"], role=Role.SUPERVISOR)

    codes = {a.pk: a.code for a in province.values()}
    assert {codes[i] for i in access.readable_agency_ids(supervisor)} == {
        "CA", "CA-1", "CA-2", "CA-1-T"
    }  # fmt: skip
    assert {codes[i] for i in access.supervised_agency_ids(supervisor)} == {
        "CA-1", "CA-2", "CA-1-T"
    }  # fmt: skip
    assert {codes[i] for i in access.readable_agency_ids(clerk)} == {"CA-1"}
    assert access.supervised_agency_ids(clerk) == set()
    assert {codes[i] for i in access.readable_agency_ids(both)} == {"CB", "CA-1", "CA-1-T"}


def test_choices_come_in_the_hierarchy_order_the_database_gives(province):
    """Sorted in Python, the same order as `in_hierarchy_order` (level, sort order, code)."""
    Agency.objects.filter(level=Level.CITY).update(sort_order=5)
    Agency.objects.filter(code="CB").update(sort_order=1)  # before CA despite its code
    make_agency(level=Level.COUNTY, code="AA-1", name="某县<卫生健康局>")

    choices = Agency.objects.choices_in_hierarchy_order()

    assert choices == list(Agency.objects.in_hierarchy_order().values_list("code", "name"))
    assert [code for code, _name in choices][:5] == ["P", "Q", "CB", "CA", "AA-1"]
