"""The demo county's disease figures: a published year and the year before, in the ledger."""

import pytest

from gongkai.demo.loading import load_demo
from gongkai.diseases.models import MonthlyReport, ReportStatus
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db


def test_the_demo_county_publishes_two_years_of_months(client, restore_demo):
    restore_demo()
    reports = MonthlyReport.objects.filter(agency__code="DEMO-COUNTY")
    assert reports.count() >= 12
    assert set(reports.values_list("status", flat=True)) == {ReportStatus.PUBLISHED}
    assert all("【演示】" in r.note for r in reports)
    latest = reports.order_by("-month").first()
    page = client.get(f"/agencies/DEMO-COUNTY/diseases/{latest.month:%Y-%m}/").content.decode()
    assert "去年同期发病数" in page
    assert "去年同期无数据" not in page
    assert client.get("/agencies/DEMO-COUNTY/diseases/").status_code == 200
    assert Obligation.objects.filter(kind="diseases.monthly", done_on__isnull=False).exists()
    load_demo()  # idempotent
    assert MonthlyReport.objects.filter(agency__code="DEMO-COUNTY").count() == reports.count()
