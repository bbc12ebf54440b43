"""Arrival dates for applications registered before they were recorded.

Online and fax applications arrive the moment they are sent, so their submission day is their
arrival day. An ordinary letter's 提交（送达）日期 may be its postmark: its arrival stays
unknown (NULL) rather than guessed, and it is not flagged as confirmed late.
"""

from django.db import migrations
from django.db.models import F

INSTANT_CHANNELS = ["online", "fax"]


def fill_arrived_on(apps, schema_editor):
    Application = apps.get_model("foi", "Application")
    Application.objects.filter(channel__in=INSTANT_CHANNELS, arrived_on__isnull=True).update(
        arrived_on=F("submitted_on")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("foi", "0006_add_arrival_and_confirmation_delay_reason"),
    ]

    operations = [
        # Reversing leaves the dates: the schema migration before this one drops the column.
        migrations.RunPython(fill_arrived_on, migrations.RunPython.noop),
    ]
