"""The demo makes the league table meaningful at first sight, and loading it twice changes
nothing."""

import pytest
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.demo.loading import load_demo
from gongkai.documents.models import Document
from gongkai.supervision import league
from gongkai.supervision.models import RectificationTask
from gongkai.supervision.periods import Period

pytestmark = pytest.mark.django_db


def test_the_lagging_county_is_last_and_the_demo_is_idempotent(restore_demo):
    accounts = restore_demo()
    assert {"west_admin", "east_admin", "city_supervisor"} <= {a.username for a in accounts}
    counts = (Document.objects.count(), RectificationTask.objects.count())
    load_demo()
    assert (Document.objects.count(), RectificationTask.objects.count()) == counts

    city = Agency.objects.get(code="JC-WJW")
    now = timezone.now()
    table = league.league_table(
        city, Period.year(timezone.localdate().year), today=timezone.localdate(now), now=now
    )
    codes = [row.agency.code for row in table.rows]
    assert len(codes) == 5  # three counties, two hospitals
    assert codes[-1] == "DEMO-WEST"
    west = {c.indicator.finding: c.count for c in table.rows[-1].cells}
    for finding in (
        "late_records",
        "records_overdue",
        "applications_overdue",
        "messages_past_veto",
        "opinions_late",
        "policies_without_interpretation",
        "catalogue_not_filed",
    ):
        assert west[finding] > 0, finding
    assert table.scheme.is_ranking_public
