"""Within one request a user's readable and supervised agencies are walked once; outside a
request they are read afresh each time, so a change made a moment ago counts."""

import pytest
from django.conf import settings
from django.urls import reverse

from gongkai.agencies import access
from gongkai.agencies.models import Level, Membership, Role
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_supervisor():
    city = make_agency(level=Level.CITY)
    county = make_agency(parent=city)
    make_agency(parent=county, level=Level.TOWNSHIP)
    return make_user(agency=city, roles=(Role.SUPERVISOR,)), city, county


def test_within_a_request_the_hierarchy_is_walked_once(city_supervisor, django_assert_num_queries):
    user, city, county = city_supervisor
    with access.remembered_within():
        first = access.readable_agency_ids(user)
        assert {city.pk, county.pk} < first
        with django_assert_num_queries(0):
            assert access.readable_agency_ids(user) == first
            assert access.can_read_agency(user, county)
        supervised = access.supervised_agency_ids(user)
        with django_assert_num_queries(0):
            assert access.supervised_agency_ids(user) == supervised
        access.readable_agency_ids(user).add(-1)  # a caller changing its copy changes nothing
        assert -1 not in access.readable_agency_ids(user)


def test_outside_a_request_a_new_membership_counts_at_once(city_supervisor):
    user, _city, _county = city_supervisor
    other = make_agency()
    assert other.pk not in access.readable_agency_ids(user)
    Membership.objects.create(user=user, agency=other, role=Role.PUBLISHER)
    assert other.pk in access.readable_agency_ids(user)
    child = make_agency(parent=other)
    Membership.objects.create(user=user, agency=other, role=Role.SUPERVISOR)
    assert child.pk in access.supervised_agency_ids(user)


def test_each_user_has_their_own_and_the_memo_ends_with_the_block(city_supervisor):
    user, city, _county = city_supervisor
    clerk = make_user(agency=make_agency(), roles=(Role.PUBLISHER,))
    with access.remembered_within():
        assert city.pk in access.readable_agency_ids(user)
        assert city.pk not in access.readable_agency_ids(clerk)
    later = make_agency(parent=city)
    assert later.pk in access.readable_agency_ids(user)


def test_every_request_gets_a_fresh_memo(client, city_supervisor):
    assert "gongkai.agencies.middleware.AgencyAccessMemoMiddleware" in settings.MIDDLEWARE
    user, city, _county = city_supervisor
    client.force_login(user)
    assert client.get(reverse("console:document-list")).status_code == 200
    make_agency(parent=city, name="新设乡镇卫生院")
    response = client.get(reverse("console:document-list"))
    assert "新设乡镇卫生院" in response.content.decode()


def test_within_a_request_roles_and_readable_agencies_share_one_read_of_the_memberships(
    city_supervisor, django_assert_num_queries
):
    user, city, county = city_supervisor
    with access.remembered_within():
        with django_assert_num_queries(1):  # the memberships; the walk below is its own
            assert access.roles_in(user, city) == {Role.SUPERVISOR}
        with django_assert_num_queries(2):  # the walk only: the supervisions, the recursion
            assert county.pk in access.readable_agency_ids(user)
    fresh = make_user(agency=county, roles=(Role.PUBLISHER,))
    with access.remembered_within():
        assert access.readable_agency_ids(fresh) == {county.pk}
        with django_assert_num_queries(0):  # read once for both
            assert access.roles_in(fresh, county) == {Role.PUBLISHER}
    # Outside a request the readable agencies keep nothing on the user: a role added now counts.
    other = make_user(agency=county, roles=(Role.PUBLISHER,))
    assert access.readable_agency_ids(other) == {county.pk}
    Membership.objects.create(user=other, agency=city, role=Role.REVIEWER)
    assert access.roles_in(other, city) == {Role.REVIEWER}


def test_within_a_request_the_staff_checks_reuse_the_memberships_read_once(
    city_supervisor, django_assert_num_queries
):
    from gongkai.accounts.access import is_staff_account

    user, city, _county = city_supervisor
    with access.remembered_within(), django_assert_num_queries(1):
        assert access.is_staff_member(user)
        assert is_staff_account(user)
        assert access.holds_role_anywhere(user, Role.SUPERVISOR)
        assert not access.holds_role_anywhere(user, Role.ADMIN)
        assert access.roles_in(user, city) == {Role.SUPERVISOR}
    # Outside a request, afresh each time: a role given a moment ago counts.
    Membership.objects.create(user=user, agency=city, role=Role.ADMIN)
    with django_assert_num_queries(1):
        assert access.holds_role_anywhere(user, Role.ADMIN)
    newcomer = make_user()
    assert not access.is_staff_member(newcomer)
    Membership.objects.create(user=newcomer, agency=city, role=Role.PUBLISHER)
    assert access.is_staff_member(newcomer)
    assert is_staff_account(newcomer)
