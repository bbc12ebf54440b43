"""The supervisor's finding: active items without a complete published guide."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.service_guides.tests.factories import make_guide, make_item, make_published_guide
from gongkai.supervision import findings
from gongkai.supervision.periods import Period

pytestmark = pytest.mark.django_db


def test_incomplete_items_per_agency_with_their_drill_down(client):
    city = make_agency(code="CITY", level=Level.CITY)
    county = make_agency(code="HC-COUNTY", parent=city)
    other = make_agency(code="HC-OTHER", parent=city)
    reviewer = make_user(agency=county, roles=(Role.REVIEWER,))
    complete = make_item(county, name="医疗机构执业登记")
    make_published_guide(complete, reviewer=reviewer)
    drafted = make_item(county, name="公共场所卫生许可")
    make_guide(drafted, values={"name": "公共场所卫生许可"})
    bare = make_item(county, name="乡村医生执业注册")
    make_item(other, name="母婴保健技术服务机构执业许可")

    kind = findings.BY_CODE["incomplete_service_guides"]
    now = timezone.now()
    scope = findings.Scope(
        frozenset({county.pk, other.pk}), Period.year(2026), timezone.localdate(now), now
    )
    figures = kind.count(scope)
    assert figures.counts == {county.pk: 2, other.pk: 1}
    assert figures.bases == {county.pk: 3, other.pk: 1}
    assert {item.pk for item in kind.objects(scope, county.pk)} == {drafted.pk, bare.pk}

    supervisor = make_user(agency=city, roles=(Role.SUPERVISOR,))
    client.force_login(supervisor)
    page = client.get(
        reverse("console:supervision-finding", args=[county.pk, "incomplete_service_guides"])
    ).content.decode()
    assert reverse("console:service-item-detail", args=[bare.pk]) in page
