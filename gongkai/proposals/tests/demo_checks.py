"""What the demo county's suggestions and proposals must show: three suggestions and two
proposals answered and published, one still being handled, the public page listing them.
Called from demo/tests/test_year.py, which loads the demo once for all its checks."""

from django.urls import reverse

from gongkai.documents.models import Status
from gongkai.obligations.models import Obligation
from gongkai.proposals.models import Kind, Proposal, State
from gongkai.proposals.obligations import PROPOSAL_REPLY


def check_demo_proposals(client) -> None:
    published = Proposal.objects.filter(agency__code="DEMO-COUNTY", state=State.PUBLISHED)
    assert sorted(published.values_list("kind", flat=True)) == sorted(
        [Kind.PROPOSAL] * 2 + [Kind.SUGGESTION] * 3
    )
    assert {p.record.status for p in published} == {Status.PUBLISHED}
    assert {p.classification for p in published} == {"A", "B", "C"}
    assert all(p.satisfaction for p in published)
    pending = Proposal.objects.get(agency__code="DEMO-COUNTY", state=State.RECEIVED)
    row = Obligation.objects.of_kind(PROPOSAL_REPLY).get(object_id=pending.pk)
    assert row.done_on is None
    done = Obligation.objects.of_kind(PROPOSAL_REPLY).exclude(object_id=pending.pk)
    assert {r.is_late for r in done} == {False}
    page = client.get(reverse("portal:agency-proposals", args=["DEMO-COUNTY"]))
    for proposal in published:
        assert proposal.title in page.content.decode()
