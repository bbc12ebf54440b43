"""The report count and last reason move to CommentReport rows; "reported" is no longer a
moderation status (a report queues a comment for review and leaves it public)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('participation', '0005_fill_comment_reports'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='comment',
            name='last_report_reason',
        ),
        migrations.RemoveField(
            model_name='comment',
            name='report_count',
        ),
        migrations.AlterField(
            model_name='comment',
            name='moderation_status',
            field=models.CharField(choices=[('pending', '待审核'), ('published', '已公开'), ('not_published', '不公开'), ('rejected', '已拒绝')], db_index=True, default='pending', max_length=16, verbose_name='审核状态'),
        ),
    ]
