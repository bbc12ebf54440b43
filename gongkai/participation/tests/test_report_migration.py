"""The data migration 0005: comments an earlier version hid on a report are public again,
their report waiting in the review queue; reports already reviewed stay closed."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_services
from gongkai.participation.models import Comment, CommentReport, ModerationStatus, ReportOutcome
from gongkai.participation.tests.consultation_factories import make_consultation

BEFORE = ("participation", "0004_comment_reports")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def migrate(target=None):
    ContentType.objects.clear_cache()  # ids may have changed after a flush (PostgreSQL)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(target).apps if target else None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_comments_hidden_on_a_report_become_public_with_the_report_queued():
    agency = make_agency()
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    with time_machine.travel(datetime.datetime(2026, 11, 10, 10, tzinfo=SHANGHAI), tick=False):
        consultation = make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)
        made = [
            comment_services.moderate_comment(
                comment=comment_services.submit_comment(consultation=consultation, body=body),
                actor=publisher,
                decision="publish",
            )
            for body in ("被举报待复核", "举报已复核", "无人举报")
        ]
    hidden, reviewed, untouched = (c.pk for c in made)

    old = migrate(BEFORE).get_model("participation", "Comment")
    old.objects.filter(pk=hidden).update(
        moderation_status="reported", report_count=2, last_report_reason="广告"
    )
    old.objects.filter(pk=reviewed).update(report_count=1, last_report_reason="旧举报")
    migrate()

    assert set(Comment.objects.values_list("moderation_status", flat=True)) == {
        ModerationStatus.PUBLISHED
    }
    assert list(Comment.objects.reported().values_list("pk", flat=True)) == [hidden]
    open_report = CommentReport.objects.get(comment_id=hidden)
    assert (open_report.reason, open_report.outcome) == ("广告", ReportOutcome.OPEN)
    assert CommentReport.objects.get(comment_id=reviewed).outcome == ReportOutcome.DISMISSED
    assert not CommentReport.objects.filter(comment_id=untouched).exists()

    old = migrate(BEFORE).get_model("participation", "Comment")  # reversible
    assert old.objects.get(pk=hidden).moderation_status == "reported"
    assert old.objects.get(pk=reviewed).moderation_status == "published"
    migrate()
