from django.db import migrations

# The console's applications list reads the closed ones by due day, received day and id
# (console/foi_list_views.OpenThenClosed): across a province's hundreds of agencies PostgreSQL
# walks this partial index and stops after a page instead of sorting a million rows. SQLite
# cannot index NULLS FIRST (nor needs it at a county's size), so the index is PostgreSQL's
# only and stays out of the model state.
CLOSED_BY_DUE = (
    "CREATE INDEX IF NOT EXISTS application_closed_by_due ON foi_application "
    "(due_on NULLS FIRST, received_on, id) WHERE status = 'closed'"
)


def create_closed_by_due(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CLOSED_BY_DUE)


def drop_closed_by_due(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS application_closed_by_due")


class Migration(migrations.Migration):
    dependencies = [
        ("foi", "0011_remove_reminder"),
    ]

    operations = [
        migrations.RunPython(create_closed_by_due, drop_closed_by_due, elidable=False),
    ]
