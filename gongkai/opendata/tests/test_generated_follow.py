"""A dataset generated from a table of figures follows the table's publication and withdrawal
(the owning app calls opendata.services.refresh_datasets in its own transaction)."""

import csv
import io

import pytest

from gongkai.agencies.models import Role
from gongkai.budgets import publication as budget_publication
from gongkai.budgets.tests.factories import make_published_table
from gongkai.factories import make_agency, make_user
from gongkai.opendata import services
from gongkai.opendata.tests.factories import make_dataset

pytestmark = pytest.mark.django_db


def _codes(resource) -> list[str]:
    version = resource.latest_version()
    with version.file.open("rb") as stored:
        text = stored.read().decode("utf-8-sig")
    return [row["code"] for row in csv.DictReader(io.StringIO(text))]


def test_a_generated_resource_follows_publication_and_withdrawal():
    agency = make_agency()
    dataset = make_dataset(agency, csv=None)
    resource = services.add_generated_resource(
        dataset=dataset,
        actor=dataset.drafted_by,
        title="支出功能分类科目",
        source_key="budgets.lines",
        format="CSV",
    )
    assert _codes(resource) == []  # nothing published yet

    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    table = make_published_table(agency, reviewer=reviewer)
    resource.refresh_from_db()
    assert sorted(_codes(resource)) == ["210", "21001", "2100101", "2100199", "21004"]
    published_versions = resource.versions.count()

    budget_publication.withdraw_table(table=table, actor=reviewer, reason="数据有误，正在更正。")
    resource.refresh_from_db()
    assert _codes(resource) == []
    assert resource.versions.count() == published_versions + 1  # the old one stays downloadable


def test_a_generated_preview_shows_the_titles_and_charts_no_year():
    from gongkai.opendata.display import chart_for

    agency = make_agency()
    make_published_table(agency)
    dataset = make_dataset(agency, csv=None)
    resource = services.add_generated_resource(
        dataset=dataset,
        actor=dataset.drafted_by,
        title="支出功能分类科目",
        source_key="budgets.lines",
        format="CSV",
    )
    version = resource.latest_version()
    assert version.columns[0]["name"] == "year"  # the file's header
    titles = [column["title"] for column in version.columns]
    assert titles[0] == "年度" or "年" in titles[0]
    assert any("万元" in title for title in titles)
    chart = chart_for(version, resource.title)
    assert chart is not None
    assert [series.label for series in chart.series] == [
        title for title in titles if "万元" in title
    ]  # the year is a category of the table, not a quantity drawn beside the amounts
