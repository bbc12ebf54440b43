"""Comments that an earlier version hid on a report ("reported") become public again with
their report waiting in the staff's review queue, as if reported under the new rule."""

from django.db import migrations

LEGACY_VISITOR = "legacy"


def forwards(apps, schema_editor):
    Comment = apps.get_model("participation", "Comment")
    CommentReport = apps.get_model("participation", "CommentReport")
    for comment in Comment.objects.filter(report_count__gt=0).iterator():
        CommentReport.objects.get_or_create(
            comment=comment,
            visitor_hash=LEGACY_VISITOR,
            defaults={
                "reason": comment.last_report_reason or "-",
                "reported_at": comment.moderated_at or comment.submitted_at,
                # Reports already reviewed under the old rule stay closed.
                "outcome": "open" if comment.moderation_status == "reported" else "dismissed",
            },
        )
    Comment.objects.filter(moderation_status="reported").update(moderation_status="published")


def backwards(apps, schema_editor):
    Comment = apps.get_model("participation", "Comment")
    CommentReport = apps.get_model("participation", "CommentReport")
    for report in CommentReport.objects.filter(outcome="open").select_related("comment"):
        comment = report.comment
        if comment.moderation_status == "published":
            comment.moderation_status = "reported"
            comment.report_count = comment.reports.count()
            comment.last_report_reason = report.reason
            comment.save(update_fields=["moderation_status", "report_count", "last_report_reason"])


class Migration(migrations.Migration):

    dependencies = [
        ('participation', '0004_comment_reports'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
