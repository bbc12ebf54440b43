"""The demo county has a year of decisions: licences, penalties, one withdrawn with its
notice, one credit-repaired, all published on time; loading twice changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.demo.loading import load_demo
from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db


def test_a_year_of_decisions(client, restore_demo):
    restore_demo()
    county = Decision.objects.filter(agency__code="DEMO-COUNTY")
    assert county.filter(kind=DecisionKind.LICENSING).count() == 40
    assert county.filter(kind=DecisionKind.PENALTY).count() == 10
    withdrawn = county.get(status=DecisionStatus.WITHDRAWN)
    assert withdrawn.withdrawal_explanation
    assert county.filter(credit_repaired_on__isnull=False).count() == 1
    today = timezone.localdate()
    assert county.earliest("decided_on").decided_on >= today.replace(year=today.year - 1)
    late = Obligation.objects.filter(kind="enforcement.publication", is_late=True)
    assert not late.exists()

    count = Decision.objects.count()
    load_demo()
    assert Decision.objects.count() == count

    assert client.get(reverse("portal:decision-detail", args=[withdrawn.pk])).status_code == 410
    page = client.get(reverse("portal:agency-decisions", args=["DEMO-COUNTY", "penalties"]))
    assert page.status_code == 200
    assert "王某" in page.content.decode()
