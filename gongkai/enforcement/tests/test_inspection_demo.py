"""The demo county's enforcement list, pool, plan, draw and results load, verify, and load
only once."""

import pytest

from gongkai.agencies.models import Agency
from gongkai.demo.loading import load_demo
from gongkai.enforcement import inspection_services as services
from gongkai.enforcement.draw import drawn_pairs
from gongkai.enforcement.models import Conflict, EnforcementList, InspectionPlan, ListInspector

pytestmark = pytest.mark.django_db


def test_the_demo_county_has_a_verified_2026_draw_with_results(restore_demo):
    restore_demo()
    load_demo()
    county = Agency.objects.get(code="DEMO-COUNTY")
    assert EnforcementList.objects.published().filter(agency=county).count() == 1
    assert ListInspector.objects.filter(enforcement_list__agency=county).count() == 6
    conflict = Conflict.objects.get(target__agency=county)
    plan = InspectionPlan.objects.get(agency=county, year=2026)
    draw = plan.draws.get()
    assert services.verify_draw(draw).matches
    assert (conflict.inspector_certificate, conflict.target.credit_code) not in set(
        drawn_pairs(draw.result)
    )
    summary = services.plan_summary(plan, public=True)
    assert summary.drawn == len(services.drawn_target_ids(draw)) > 0
    assert summary.inspected == summary.drawn
    assert draw.results.published().count() == summary.drawn
