"""The demo's open datasets: published, marked, with their resources and the right encodings."""

import pytest
from django.urls import reverse

from gongkai.opendata.models import Dataset


@pytest.mark.django_db
def test_the_demo_county_has_its_open_datasets(client, restore_demo):
    restore_demo()
    datasets = {d.name: d for d in Dataset.objects.published().filter(agency__code="DEMO-COUNTY")}
    assert len(datasets) == 7
    assert all(d.title.startswith("【演示】") for d in datasets.values())
    institutions = datasets["demo-county-medical-institutions"].resources.get()
    assert institutions.latest_version().source_encoding == "GB18030/GBK"
    assert datasets["demo-county-public-health-services"].resources.get().format == "XLSX"
    # A dataset per table of figures, generated from what is published (sources.py), with rows.
    generated = {
        resource.source_key: resource.latest_version()
        for name in (
            "demo-county-notifiable-diseases",
            "demo-county-budgets",
            "demo-county-medical-prices",
            "demo-county-construction-projects",
        )
        for resource in datasets[name].resources.all()
    }
    assert set(generated) == {
        "diseases.monthly",
        "budgets.lines",
        "budgets.sangong",
        "prices.current",
        "projects.list",
        "projects.stages",
    }
    assert all(version is not None and version.row_count > 0 for version in generated.values())
    page = client.get(reverse("portal:dataset-detail", args=["demo-county-public-health-services"]))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    listing = client.get(reverse("portal:agency-data-resources", args=["DEMO-COUNTY"]))
    assert "有条件开放" in listing.content.decode()
