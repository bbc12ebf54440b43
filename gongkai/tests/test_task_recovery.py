"""A task worker killed mid-task (issue #11). django-tasks-db leaves the task RUNNING for ever;
`reclaim_tasks` puts it back in the queue and the next worker does it, once."""

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.agencies.models import Role
from gongkai.documents import services
from gongkai.documents.models import Attachment, ExtractionStatus
from gongkai.documents.tasks import extract_attachment_text
from gongkai.documents.tests.factories import make_agency_item, make_document, pdf_bytes
from gongkai.factories import make_agency, make_user
from gongkai.search.index import apply_outbox
from gongkai.search.models import OutboxEntry
from gongkai.search.query import search
from gongkai.task_recovery import reclaim_tasks

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    """Tasks go to the database queue, as in production, instead of running at once."""
    settings.TASKS = DATABASE_TASKS


def claimed(worker_id: str, started_minutes_ago: int = 0) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=extract_attachment_text.enqueue(0).id)
    result.claim(worker_id)
    started = timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=started)
    return result


# (criteria, task's last worker, minutes running, put back in the queue?)
CASES = [
    ({"worker_id": "web-1"}, "web-1", 0, True),
    ({"worker_id": "web-1"}, "web-2", 90, False),
    ({"older_than": datetime.timedelta(minutes=60)}, "web-2", 90, True),
    ({"older_than": datetime.timedelta(minutes=60)}, "web-2", 5, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("criteria", "worker", "minutes", "reclaimed"), CASES)
def test_reclaim_puts_back_only_tasks_of_a_dead_worker(queue, criteria, worker, minutes, reclaimed):
    task = claimed(worker, started_minutes_ago=minutes)

    count = reclaim_tasks(**criteria)

    task.refresh_from_db()
    assert count == int(reclaimed)
    assert task.status == (TaskResultStatus.READY if reclaimed else TaskResultStatus.RUNNING)


@pytest.mark.django_db
def test_reclaim_leaves_finished_tasks_and_needs_a_criterion(queue):
    task = claimed("web-1")
    task.set_successful("done")

    assert reclaim_tasks(worker_id="web-1") == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    with pytest.raises(ValueError, match="orphaned"):
        reclaim_tasks()


@pytest.mark.django_db
def test_the_command_reports_what_it_put_back(queue, capsys):
    claimed("web-1")

    call_command("reclaim_tasks", "--worker", "web-1")

    assert capsys.readouterr().out.strip() == "1 task(s) back in the queue"


# --- the real thing: db_worker in a subprocess, killed with SIGKILL mid-task -----------------

STUCK_WORKER = """
import sys, time, pathlib, django
django.setup()
from django.core.management import call_command
from gongkai.documents import tasks

def stuck(kind, data):
    pathlib.Path(sys.argv[1]).write_text("extracting")
    time.sleep(600)  # until killed

tasks.extract_text = stuck
call_command("db_worker", "--worker-id", "doomed", "--interval", "0.1", "--no-startup-delay",
             "--no-reload")
"""
START_TIMEOUT = 60.0  # seconds for the subprocess worker to pick the task up


def worker_environment(settings) -> dict[str, str]:
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SEARCH_INDEX_DIR": str(settings.SEARCH_INDEX_DIR),
        "DEBUG": "true",
    }


@pytest.mark.postgres_only("the worker subprocess must share the test database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_task_loses_and_repeats_nothing(queue, settings, tmp_path):
    agency = make_agency(code="KILL-WJJ")
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    record = make_document(catalogue_item=make_agency_item(agency), title="关于演练的通知")
    attachment = services.add_attachment(
        document=record, actor=clerk, name="附件.pdf", data=pdf_bytes("Quarantine drill")
    )
    record.status = "in_review"
    record.save(update_fields=["status"])
    services.publish(document=record, actor=reviewer, interpretation_waiver="演练。")
    env = worker_environment(settings)
    started = tmp_path / "started"

    doomed = subprocess.Popen(  # noqa: S603 - this interpreter
        [sys.executable, "-c", STUCK_WORKER, str(started)], env=env, cwd=tmp_path
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not started.exists() and doomed.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert started.exists(), "the worker never started the extraction"
    finally:
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)

    extraction = DBTaskResult.objects.get(task_path__endswith="extract_attachment_text")
    assert extraction.status == TaskResultStatus.RUNNING  # for ever, without a reclaim
    assert Attachment.objects.get(pk=attachment.pk).extraction_status == ExtractionStatus.PENDING

    assert reclaim_tasks(worker_id="doomed") == 1
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gongkai",
            "db_worker",
            "--batch",
            "--worker-id",
            "next",
            "--no-startup-delay",
            "--no-reload",
        ],
        env=env,
        cwd=tmp_path,
        check=True,
        timeout=120,
        capture_output=True,
    )

    extraction.refresh_from_db()
    assert extraction.status == TaskResultStatus.SUCCESSFUL
    assert extraction.worker_ids == ["doomed", "next"]
    assert DBTaskResult.objects.filter(task_path__endswith="extract_attachment_text").count() == 1
    done = Attachment.objects.get(pk=attachment.pk)
    assert done.extraction_status == ExtractionStatus.DONE
    assert "Quarantine drill" in done.extracted_text
    # Published once, re-indexed once with the text: two upserts, nothing more.
    upserts = OutboxEntry.objects.filter(kind="document", object_id=str(record.pk))
    assert upserts.count() == 2
    assert "Quarantine drill" in " ".join(upserts.last().payload["attachments"])
    apply_outbox()
    assert [hit.title for hit in search("Quarantine").hits] == ["关于演练的通知"]
