"""Agencies, people and catalogues for the catalogue tests."""

import pytest

from gongkai.agencies.models import Level, Role
from gongkai.catalogue import loading, services
from gongkai.catalogue.models import StandardCategory, StandardItem
from gongkai.factories import make_agency, make_user


@pytest.fixture
def standard_catalogue(db):
    """The shipped standard catalogue (loaded by migration 0002; reloaded if a flush removed it)."""
    if not StandardItem.objects.exists():
        loading.upsert_standard_catalogue(
            loading.read_catalogue_file(),
            category_model=StandardCategory,
            item_model=StandardItem,
        )


@pytest.fixture
def province(db):
    return make_agency(level=Level.PROVINCE, name="测试省卫生健康委员会")


@pytest.fixture
def city(province):
    return make_agency(level=Level.CITY, name="测试市卫生健康委员会", parent=province)


@pytest.fixture
def county(city):
    return make_agency(level=Level.COUNTY, parent=city)


@pytest.fixture
def county_admin(county):
    return make_user(agency=county, roles=(Role.ADMIN,))


@pytest.fixture
def city_supervisor(city):
    return make_user(agency=city, roles=(Role.SUPERVISOR,))


@pytest.fixture
def catalogue(standard_catalogue, county, county_admin):
    """The county's catalogue, derived from the standard one (status draft)."""
    return services.derive_catalogue(agency=county, actor=county_admin)


@pytest.fixture
def item(catalogue):
    """The county's copy of 0104 医疗机构执业登记."""
    return catalogue.items.get(code="0104")
