"""The agency's 建议提案办理结果 page: the published replies with their record links, nothing
unpublished or withdrawn, and the yearly counts per class."""

import re

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents import services as documents
from gongkai.factories import make_agency, make_user
from gongkai.proposals import services
from gongkai.proposals.tests.factories import make_proposal, make_replied, proposals_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    return make_agency(name="测试县卫生健康局", code="TEST-COUNTY")


def published(county, clerk, reviewer, **overrides):
    proposals_item(county)
    proposal = make_replied(county, actor=clerk, **overrides)
    proposal = services.prepare_publication(proposal=proposal, mode="summary", actor=clerk)
    return services.publish(proposal=proposal, actor=reviewer)


def test_the_page_lists_published_replies_and_counts_every_class(client, county):
    clerk = make_user(agency=county, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=county, roles=(Role.REVIEWER,))
    shown = published(county, clerk, reviewer, title="关于增设发热门诊的建议", members="赵某某")
    withdrawn = published(county, clerk, reviewer, title="已撤回的答复", classification="B")
    documents.withdraw(document=withdrawn.record, actor=reviewer, reason="内容有误，重新发布。")
    make_replied(county, actor=clerk, title="未公开的答复", kind="proposal", classification="C")
    make_proposal(county, actor=clerk, title="尚在办理的建议")
    make_replied(make_agency(), title="别的机关的答复")

    response = client.get(reverse("portal:agency-proposals", args=[county.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "关于增设发热门诊的建议" in page
    assert "赵某某" in page
    assert reverse("portal:document-detail", args=[shown.record.pk]) in page
    assert "A类：已解决或采纳" in page
    for hidden in ("已撤回的答复", "未公开的答复", "尚在办理的建议", "别的机关的答复"):
        assert hidden not in page
    # The counts: 2026 suggestions 3 assigned, 2 replied (A, B); proposals 1 replied (C).
    cells = re.sub(r' data-label="[^"]*"', "", page)  # each cell's label on a phone
    assert "2026 · 人大代表建议</th><td>3</td><td>2</td><td>1</td><td>1</td><td>0</td>" in cells
    assert "2026 · 政协委员提案</th><td>1</td><td>1</td><td>0</td><td>0</td><td>1</td>" in cells
    assert "<svg" in page  # the chart of the classes per year


def test_the_column_links_to_the_page(client, county):
    page = client.get(reverse("portal:agency-home", args=[county.code])).content.decode()
    assert reverse("portal:agency-proposals", args=[county.code]) in page


def test_an_empty_page_and_an_unknown_agency(client, county):
    page = client.get(reverse("portal:agency-proposals", args=[county.code])).content.decode()
    assert "本机关尚未在本网站公开建议提案办理结果。" in page
    assert client.get(reverse("portal:agency-proposals", args=["NOPE"])).status_code == 404
