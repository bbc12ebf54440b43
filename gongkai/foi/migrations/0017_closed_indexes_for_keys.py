from django.db import migrations

# The console's applications list reads a page of closed applications as its keys first
# (console/foi_list_views.KeysFirst), from an index alone: across a province's agencies the
# province-wide order now carries the agency (a deep page's OFFSET walked 10,000 table rows
# to test their agency: 14 ms → 1.3 ms), and one agency's closed ones have their own index in
# the list's order (a county's last page sorted its 4,600 closed rows: 12 ms → 0.7 ms). As in
# 0012, PostgreSQL only (SQLite cannot index NULLS FIRST), outside the model state.
OLD_CLOSED_BY_DUE = (
    "CREATE INDEX IF NOT EXISTS application_closed_by_due ON foi_application "
    "(due_on NULLS FIRST, received_on, id) WHERE status = 'closed'"
)
CLOSED_BY_DUE = (
    "CREATE INDEX IF NOT EXISTS application_closed_by_due ON foi_application "
    "(due_on NULLS FIRST, received_on, id) INCLUDE (agency_id) WHERE status = 'closed'"
)
CLOSED_BY_AGENCY = (
    "CREATE INDEX IF NOT EXISTS application_closed_by_agency ON foi_application "
    "(agency_id, due_on NULLS FIRST, received_on, id) WHERE status = 'closed'"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS application_closed_by_due")
        schema_editor.execute(CLOSED_BY_DUE)
        schema_editor.execute(CLOSED_BY_AGENCY)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS application_closed_by_agency")
        schema_editor.execute("DROP INDEX IF EXISTS application_closed_by_due")
        schema_editor.execute(OLD_CLOSED_BY_DUE)


class Migration(migrations.Migration):
    dependencies = [
        ("foi", "0016_index_paused"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
