"""The demo county's price lists: two institutions, one list in two versions."""

import pytest

from gongkai.demo.loading import load_demo
from gongkai.prices.models import PriceList, PriceVersion

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_institutions_lists_with_a_history(client, restore_demo):
    restore_demo()
    lists = PriceList.objects.filter(agency__code="DEMO-COUNTY")
    assert lists.values("institution").distinct().count() == 2
    assert PriceVersion.objects.filter(price_list__in=lists, number=2).count() == 1
    page = client.get("/agencies/DEMO-COUNTY/prices/DEMO-COUNTY-HOSP/service/").content.decode()
    assert "普通门诊诊查费" in page
    history = client.get(
        "/agencies/DEMO-COUNTY/prices/DEMO-COUNTY-HOSP/service/items/210300001/"
    ).content.decode()
    assert "调价" in history
    assert "150.00" in history
    assert "130.00" in history
    load_demo()
    assert PriceList.objects.filter(agency__code="DEMO-COUNTY").count() == lists.count()
