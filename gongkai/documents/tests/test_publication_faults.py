"""Faults during publication (issue #11): the database gone for a moment in the middle of
`publish`, and the process dying between the commit and the index update. Nothing is left
half-published (no 索引号 consumed, no audit event without the state, no outbox entry without
the record), a retry succeeds, and the outbox brings the index up to date after a crash."""

import io

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents import services
from gongkai.documents.models import Document, IndexCounter, Status
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.factories import make_agency, make_user
from gongkai.search.index import index_lag
from gongkai.search.models import OutboxEntry
from gongkai.search.query import search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_march_2026")]

TITLE = "关于故障注入演练的公开通知"


class Outage:
    """An execute wrapper: the first statement of `verb` on `table` fails as if the database
    had gone away; the statement never reaches the database."""

    def __init__(self, verb: str, table: str):
        self.verb, self.table, self.hit = verb, table, False

    def __call__(self, execute, sql, params, many, context):
        if not self.hit and sql.lstrip().upper().startswith(self.verb) and self.table in sql:
            self.hit = True
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


@pytest.fixture
def reviewer():
    return make_user(agency=make_agency(code="FAULT-WJJ"), roles=(Role.REVIEWER,))


@pytest.fixture
def document(reviewer):
    item = make_agency_item(reviewer.memberships.get().agency)
    return make_document(catalogue_item=item, title=TITLE, status=Status.IN_REVIEW)


def publish(document: Document, reviewer) -> None:
    fresh = Document.objects.get(pk=document.pk)
    waiver = "演练：不作解读。" if fresh.needs_interpretation else ""
    services.publish(document=fresh, actor=reviewer, interpretation_waiver=waiver)


def publications(document: Document):
    return AuditEvent.objects.for_object(document).filter(action="document.publish")


def outbox(document: Document):
    return OutboxEntry.objects.filter(kind="document", object_id=str(document.pk))


# Every write of a publication, in the order publish makes them.
WRITES = {
    "索引号 counter": ("UPDATE", '"documents_indexcounter"'),
    "record": ("UPDATE", '"documents_document"'),
    "audit event": ("INSERT", '"audit_auditevent"'),
    "index outbox": ("INSERT", '"search_outboxentry"'),
}


@pytest.mark.parametrize(("verb", "table"), WRITES.values(), ids=WRITES.keys())
def test_a_database_outage_mid_publication_leaves_nothing_and_a_retry_succeeds(
    document, reviewer, verb, table, django_capture_on_commit_callbacks
):
    outage = Outage(verb, table)

    with (
        django_capture_on_commit_callbacks() as callbacks,
        connection.execute_wrapper(outage),
        pytest.raises(OperationalError),
    ):
        publish(document, reviewer)

    assert outage.hit
    stored = Document.objects.get(pk=document.pk)
    assert stored.status == Status.IN_REVIEW
    assert stored.published_at is None
    assert stored.index_number is None
    assert not IndexCounter.objects.filter(agency=stored.agency, last_serial__gt=0).exists()
    assert not publications(stored).exists()
    assert not outbox(stored).exists()
    assert callbacks == []  # no index update scheduled for a publication that did not happen

    with django_capture_on_commit_callbacks(execute=True):
        publish(document, reviewer)

    stored.refresh_from_db()
    assert stored.status == Status.PUBLISHED
    assert stored.index_serial == 1  # the failed attempt consumed no 索引号
    assert publications(stored).count() == 1
    assert list(outbox(stored).values_list("operation", flat=True)) == ["upsert"]


def test_a_crash_between_commit_and_index_update_is_caught_up_by_apply(
    document, reviewer, django_capture_on_commit_callbacks
):
    # The process dies right after the commit: the on-commit apply never runs.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(document, reviewer)

    assert len(callbacks) == 1
    assert Document.objects.get(pk=document.pk).status == Status.PUBLISHED
    assert index_lag()["pending"] == outbox(document).count() == 1
    assert search("故障注入").total == 0

    call_command("search_index", "apply", stdout=io.StringIO())

    assert index_lag()["pending"] == 0
    assert [hit.title for hit in search("故障注入").hits] == [TITLE]


def test_an_on_commit_hook_that_fails_loses_nothing(
    document, reviewer, django_capture_on_commit_callbacks, monkeypatch
):
    from gongkai.search import services as search_services

    def task_queue_down():
        raise OperationalError("the task queue is unavailable")

    # The hook that enqueues the apply task after commit fails (robust: logged, not raised).
    monkeypatch.setattr(search_services, "_enqueue_apply", task_queue_down)

    with django_capture_on_commit_callbacks(execute=True):
        publish(document, reviewer)  # the publication itself does not fail

    assert Document.objects.get(pk=document.pk).status == Status.PUBLISHED
    assert index_lag()["pending"] == 1

    call_command("search_index", "apply", stdout=io.StringIO())

    assert index_lag()["pending"] == 0
    assert search("故障注入").total == 1
