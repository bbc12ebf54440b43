"""The annual report's section 六 says how many suggestions and proposals the year brought and
how their replies fell into the classes."""

import pytest

from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency
from gongkai.proposals.tests.factories import make_proposal, make_replied
from gongkai.reports import drafting
from gongkai.reports.computation import ReportData, compute_report

pytestmark = pytest.mark.django_db


def test_the_sentence_counts_the_years_proposals_per_class():
    agency = make_agency()
    make_agency_item(agency)
    for classification in ("A", "A", "B"):
        make_replied(agency, classification=classification)
    make_replied(agency, kind="proposal", classification="C")
    make_proposal(agency, kind="proposal")  # not yet replied
    make_replied(agency, year=2025, classification="A")  # another year
    data = compute_report([agency.pk], 2026)
    other = drafting.draft_other(data)
    assert (
        "本年度承办人大代表建议3件、政协委员提案2件，已答复4件，其中所提问题已解决或采纳的"
        "（A类）2件，正在解决或列入计划的（B类）1件，留作参考的（C类）1件。"
    ) in other
    # A snapshot keeps the counts; one taken before them reads none.
    assert ReportData.from_json(data.to_json()).proposals == data.proposals
    before = data.to_json()
    del before["proposals"]
    assert ReportData.from_json(before).proposals == {}


def test_no_proposals_no_sentence():
    agency = make_agency()
    make_agency_item(agency)
    assert "建议" not in drafting.draft_other(compute_report([agency.pk], 2026))
