"""The demo county's projects: one through all its stages with its procurement, one in progress
with a stage waiting for the reviewer (its clock in the ledger)."""

import pytest

from gongkai.demo.loading import load_demo
from gongkai.demo.projects_demo import FINISHED, IN_PROGRESS
from gongkai.obligations.models import Obligation
from gongkai.projects.models import Project, ProjectStatus, StageState
from gongkai.projects.obligations import STAGE_PUBLICATION

pytestmark = pytest.mark.django_db


def test_the_demo_county_has_a_finished_and_a_running_project(client, restore_demo):
    restore_demo()
    finished = Project.objects.get(agency__code="DEMO-COUNTY", code=FINISHED)
    assert finished.name.startswith("【演示】")
    assert finished.status == ProjectStatus.COMPLETED
    states = {s.kind: s.state for s in finished.stages.all()}
    assert set(states.values()) == {StageState.PUBLISHED, StageState.NOT_APPLICABLE}
    assert finished.procurements.filter(state="published").count() == 3
    assert all(s.document.index_number for s in finished.stages.filter(state="published"))

    running = Project.objects.get(agency__code="DEMO-COUNTY", code=IN_PROGRESS)
    waiting = running.stages.get(state=StageState.RECORDED)
    row = Obligation.objects.get(kind=STAGE_PUBLICATION, object_id=waiting.pk)
    assert row.done_on is None

    response = client.get(f"/agencies/DEMO-COUNTY/projects/{finished.pk}/")
    assert response.status_code == 200
    assert "竣工有关信息" in response.content.decode()
    load_demo()  # idempotent
    assert Project.objects.filter(agency__code="DEMO-COUNTY").count() == 2
