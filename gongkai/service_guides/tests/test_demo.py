"""The demo county's service items: complete published guides, licensing ones linked to the
demo decisions."""

import pytest

from gongkai.demo.loading import load_demo
from gongkai.enforcement.models import Decision
from gongkai.service_guides.completeness import completeness
from gongkai.service_guides.models import ItemType, ServiceItem

pytestmark = pytest.mark.django_db


def test_the_demo_county_has_complete_guides_and_linked_decisions(client, restore_demo):
    restore_demo()
    items = ServiceItem.objects.filter(agency__code="DEMO-COUNTY")
    assert items.count() == 5
    assert {item.item_type for item in items} == {ItemType.LICENSING, ItemType.PUBLIC_SERVICE}
    assert all(row.is_complete for row in completeness(items))
    linked = Decision.objects.filter(service_item__isnull=False)
    assert linked.count() > 0
    assert all(d.service_item.item_type == ItemType.LICENSING for d in linked)
    response = client.get("/agencies/DEMO-COUNTY/services/DEMO-XK-0104/")
    assert response.status_code == 200
    load_demo()  # idempotent
    assert ServiceItem.objects.filter(agency__code="DEMO-COUNTY").count() == 5
