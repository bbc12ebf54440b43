"""The proposals API: the published results and the yearly counts — the contract, and what it
never shows (unpublished results, letters, feedback)."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.proposals import services
from gongkai.proposals.tests.factories import make_proposal, make_replied, proposals_item

pytestmark = pytest.mark.django_db

# The API tests run on 2026-03-02 (api/tests/conftest.py).
EARLY = {"assigned_on": datetime.date(2026, 1, 5), "replied_on": datetime.date(2026, 2, 20)}


@pytest.fixture
def agency():
    return make_agency(code="TEST-COUNTY", name="测试县卫生健康局")


@pytest.fixture
def published(agency):
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    proposals_item(agency)
    proposal = make_replied(
        agency, actor=clerk, title="关于增设发热门诊的建议", members="赵某某", **EARLY
    )
    services.record_feedback(
        proposal=proposal,
        satisfaction="unsatisfied",
        feedback_on=proposal.replied_on,
        text="不满意的理由",
        actor=clerk,
    )
    proposal = services.prepare_publication(proposal=proposal, mode="summary", actor=clerk)
    return services.publish(proposal=proposal, actor=reviewer)


def test_the_list_shows_published_results_only(client, agency, published):
    make_replied(agency, title="未公开的答复", classification="B", kind="proposal", **EARLY)
    make_proposal(agency, title="尚在办理", assigned_on=EARLY["assigned_on"])
    response = client.get("/api/proposals")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [result] = body["results"]
    assert result["title"] == "关于增设发热门诊的建议"
    assert result["members"] == "赵某某"
    assert result["kind"] == {"value": "suggestion", "label": "人大代表建议"}
    assert result["classification"]["value"] == "A"
    assert result["publication_mode"]["value"] == "summary"
    assert result["record_id"] == published.record.pk
    assert result["index_number"] == published.record.index_number
    assert result["agency"] == {"code": "TEST-COUNTY", "name": "测试县卫生健康局"}
    assert result["record_url"].endswith(f"/api/records/{published.record.pk}")
    text = response.content.decode()
    for hidden in ("未公开的答复", "尚在办理", "不满意的理由", "reply_letter", "satisfaction"):
        assert hidden not in text


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("agency=TEST-COUNTY", 1),
        ("agency=OTHER", 0),
        ("year=2026", 1),
        ("year=2025", 0),
        ("kind=suggestion", 1),
        ("kind=proposal", 0),
        ("classification=A", 1),
        ("classification=B", 0),
    ],
)
def test_the_filters(client, published, query, count):
    assert client.get(f"/api/proposals?{query}").json()["count"] == count


@pytest.mark.parametrize("query", ["kind=petition", "classification=D", "page=0", "page_size=0"])
def test_bad_filters_are_400_in_chinese(client, query):
    response = client.get(f"/api/proposals?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_counts(client, agency, published):
    make_replied(agency, kind="proposal", classification="C", **EARLY)
    make_proposal(agency, kind="proposal", assigned_on=EARLY["assigned_on"])
    response = client.get(f"/api/proposals/counts/{agency.code}")
    assert response.status_code == 200
    assert [
        (r["year"], r["kind"]["value"], r["received"], r["replied"], r["a"], r["b"], r["c"])
        for r in response.json()
    ] == [(2026, "suggestion", 1, 1, 1, 0, 0), (2026, "proposal", 2, 1, 0, 0, 1)]
    assert client.get("/api/proposals/counts/NOPE").status_code == 404
