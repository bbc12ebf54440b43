"""The filing transition table (pure)."""

import pytest

from gongkai.catalogue import workflow
from gongkai.catalogue.errors import TransitionNotAllowedError
from gongkai.catalogue.models import CatalogueStatus as S
from gongkai.catalogue.workflow import Action as A

ALLOWED = {
    (S.DRAFT, A.FILE): S.FILED,
    (S.RETURNED, A.FILE): S.FILED,
    (S.FILED, A.RETURN): S.RETURNED,
    (S.FILED, A.ACCEPT): S.ACCEPTED,
    (S.ACCEPTED, A.REOPEN): S.DRAFT,
}


@pytest.mark.parametrize(("status", "action"), list(ALLOWED))
def test_allowed_transitions(status, action):
    assert workflow.next_status(status, action) == ALLOWED[(status, action)]


@pytest.mark.parametrize(
    ("status", "action"),
    [(s, a) for s in S.values for a in A.values if (s, a) not in ALLOWED],
)
def test_every_other_transition_is_refused(status, action):
    assert not workflow.can_transition(status, action)
    with pytest.raises(TransitionNotAllowedError):
        workflow.next_status(status, action)


def test_only_a_filed_catalogue_is_locked():
    assert [s for s in S.values if not workflow.is_editable(s)] == [S.FILED]


def test_only_an_accepted_catalogue_reopens_on_edit():
    assert [s for s in S.values if workflow.reopens_on_edit(s)] == [S.ACCEPTED]


def test_allowed_actions():
    assert workflow.allowed_actions(S.FILED) == [A.RETURN, A.ACCEPT]
    assert workflow.allowed_actions(S.DRAFT) == [A.FILE]
