"""The demo county's budgets and final accounts for the two years before the demo's year:
published as records, the 三公 change explained, every check sum holding."""

import pytest

from gongkai.budgets import rules, services
from gongkai.budgets.models import BudgetTable, Kind
from gongkai.demo.loading import DEMO_MARK, load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_county_publishes_two_years_of_tables(client, restore_demo):
    restore_demo()
    tables = BudgetTable.objects.published().filter(agency__code="DEMO-COUNTY")
    assert sorted((t.year, t.kind) for t in tables) == [
        (2024, Kind.BUDGET),
        (2024, Kind.FINAL),
        (2025, Kind.BUDGET),
        (2025, Kind.FINAL),
    ]
    for table in tables:
        assert table.title.startswith(DEMO_MARK)
        assert table.document.index_number
        assert table.drafted_by != table.reviewed_by
        assert services.table_problems(table) == []
    final = tables.get(year=2025, kind=Kind.FINAL)
    assert rules.explanation_required(services.sangong(final))
    assert "增加16.42万元" in final.explanation
    response = client.get("/agencies/DEMO-COUNTY/budgets/2025/final/sangong/")
    assert response.status_code == 200
    assert "+16.42" in response.content.decode()
    load_demo()  # idempotent
    assert BudgetTable.objects.filter(agency__code="DEMO-COUNTY").count() == 4
