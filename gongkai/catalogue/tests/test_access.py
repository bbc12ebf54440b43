"""Who may edit, file and review a catalogue."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.models import Role
from gongkai.catalogue import access
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


def test_the_agency_admin_edits_but_does_not_review(catalogue, county_admin):
    assert access.can_edit_catalogue(county_admin, catalogue)
    assert access.can_derive_catalogue(county_admin, catalogue.agency)
    assert access.can_view_catalogue(county_admin, catalogue)
    assert not access.can_review_catalogue(county_admin, catalogue)


def test_other_roles_in_the_agency_do_not_edit(catalogue, county):
    publisher = make_user(agency=county, roles=(Role.PUBLISHER, Role.REVIEWER))
    assert not access.can_edit_catalogue(publisher, catalogue)
    assert access.can_view_catalogue(publisher, catalogue)


def test_a_supervisor_of_the_parent_reviews_but_does_not_edit(catalogue, city_supervisor):
    assert access.can_review_catalogue(city_supervisor, catalogue)
    assert access.can_view_catalogue(city_supervisor, catalogue)
    assert not access.can_edit_catalogue(city_supervisor, catalogue)


def test_a_supervisor_further_up_reviews(catalogue, province):
    provincial = make_user(agency=province, roles=(Role.SUPERVISOR,))
    assert access.can_review_catalogue(provincial, catalogue)


def test_the_parent_s_admin_is_not_a_reviewer(catalogue, city):
    city_admin = make_user(agency=city, roles=(Role.ADMIN,))
    assert not access.can_review_catalogue(city_admin, catalogue)
    assert not access.can_edit_catalogue(city_admin, catalogue)


def test_a_supervisor_does_not_review_their_own_agency(catalogue, county):
    own = make_user(agency=county, roles=(Role.SUPERVISOR, Role.ADMIN))
    assert not access.can_review_catalogue(own, catalogue)
    assert access.can_edit_catalogue(own, catalogue)


def test_staff_of_an_unrelated_agency_have_no_access(catalogue):
    other = make_agency()
    outsider = make_user(agency=other, roles=(Role.ADMIN, Role.SUPERVISOR))
    assert not access.can_edit_catalogue(outsider, catalogue)
    assert not access.can_review_catalogue(outsider, catalogue)
    assert not access.can_view_catalogue(outsider, catalogue)
    assert not access.can_derive_catalogue(outsider, catalogue.agency)


def test_anonymous_users_have_no_access(catalogue):
    anonymous = AnonymousUser()
    assert not access.can_edit_catalogue(anonymous, catalogue)
    assert not access.can_review_catalogue(anonymous, catalogue)
    assert not access.can_view_catalogue(anonymous, catalogue)
    assert not access.can_maintain_standard_catalogue(anonymous)


def test_superusers_maintain_the_standard_catalogue_but_act_on_agencies_only_by_role(catalogue):
    root = make_user(is_superuser=True, is_staff=True)
    assert access.can_maintain_standard_catalogue(root)
    assert access.can_view_catalogue(root, catalogue)
    assert not access.can_edit_catalogue(root, catalogue)
    assert not access.can_review_catalogue(root, catalogue)
    assert not access.can_maintain_standard_catalogue(make_user())
