"""Remember, on every agency item copied from the standard catalogue, the standard's values as
they are before version 2 is loaded (migration 0006). Re-deriving compares the agency's item with
this snapshot to tell the standard's changes from the agency's own edits."""

import copy

from django.db import migrations

# services.COPIED_FIELDS when this migration was written.
COPIED_FIELDS = (
    "code",
    "name",
    "order",
    "elements",
    "basis",
    "time_limit_days",
    "time_limit_text",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
)


def fill_standard_snapshot(apps, schema_editor):
    AgencyItem = apps.get_model("catalogue", "AgencyItem")
    items = AgencyItem.objects.exclude(standard_item=None).filter(standard_snapshot={})
    for item in items.select_related("standard_item").iterator():
        item.standard_snapshot = {
            name: copy.deepcopy(getattr(item.standard_item, name)) for name in COPIED_FIELDS
        }
        item.save(update_fields=["standard_snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_item_levels_and_standard_snapshot"),
    ]

    operations = [
        migrations.RunPython(fill_standard_snapshot, migrations.RunPython.noop),
    ]
