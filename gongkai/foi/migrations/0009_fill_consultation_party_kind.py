"""Existing consultations become third-party consultations (条例第三十二条), with references.

Before this release the log did not say whom an application's consultation went to, and the
only letter the platform produced was the third-party letter. Mapping them to the third party
also implies nothing: a third party's silence is not consent (an agency's would be, 第三十四条).
Each end and receipt gets the id of the consultation it belongs to, paired as the clock
paired them before (the oldest open consultation first). Rows that already carry the keys
are left alone, so running it again changes nothing.

Reverse: nothing to undo. The earlier code ignores these keys, and removing them would also
strip them from consultations recorded after this release (whose pairing cannot be rebuilt).
"""

from django.db import migrations

STARTED = "consultation_started"
ENDED = "consultation_ended"


def fill(apps, schema_editor):
    Event = apps.get_model("foi", "Event")
    rows = Event.objects.filter(kind__in=[STARTED, ENDED]).order_by(
        "application_id", "on", "created_at", "id"
    )
    open_by_application: dict[int, list] = {}
    for event in rows.iterator():
        details = dict(event.details or {})
        opened = open_by_application.setdefault(event.application_id, [])
        if event.kind == STARTED:
            opened.append(event.pk)
            if "party_kind" not in details:
                details["party_kind"] = "third_party"
                event.details = details
                event.save(update_fields=["details"])
        elif opened and "consultation" not in details:
            details["consultation"] = opened.pop(0)
            event.details = details
            event.save(update_fields=["details"])


class Migration(migrations.Migration):
    dependencies = [
        ("foi", "0008_clock_events_and_not_held_reason"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
