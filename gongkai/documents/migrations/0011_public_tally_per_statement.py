"""On PostgreSQL the public-record tallies (migration 0010) are kept by one trigger call per
statement instead of one per row.

Why: a row trigger adds 1 to a tally row for every record a statement writes. Within one
transaction each of those updates leaves a version of the tally row that nothing may remove
until the transaction ends, and the next update of the same row walks past all of them (the
unique index keeps an entry per version once the page is full). A file import or a COPY of
many records under the same agency and item therefore slowed down with every record: the
province bench's COPY of 1,000,000 records went from 12,500 records/s for its first 100,000 to
under 2,500/s. A statement trigger sees the statement's rows as a transition table and writes
each tally row once, by the sum of its changes.

PostgreSQL allows transition tables only on triggers of one event and without a column list,
so there are three triggers; the UPDATE one fires on every update of a record and writes only
where the counted values changed (status, attribute, agency, item, type). SQLite keeps its
row triggers: it has no statement triggers, and its updates in place do not pile up versions.
The SQL is frozen here, as a migration's must be.
"""

import importlib

from django.db import migrations

PUBLIC = "status = 'published' AND attribute = 'proactive'"
# table: (its key columns, the record's values for them, in the same order)
TALLIES = {
    "documents_publictallybyitem": (
        ("agency_id", "catalogue_item_key"),
        ("agency_id", "COALESCE(catalogue_item_id, 0)"),
    ),
    "documents_publictallybytype": (
        ("agency_id", "document_type"),
        ("agency_id", "document_type"),
    ),
}


def _apply(table: str, columns: tuple[str, ...], values: tuple[str, ...], sides) -> str:
    """Add to `table` the public records of each side (transition table, sign) by key, once per
    key whose sum is not zero, in key order (two statements lock tally rows in the same order)."""
    keys = ", ".join(columns)
    changes = " UNION ALL ".join(
        f"SELECT {', '.join(f'{v} AS {c}' for v, c in zip(values, columns, strict=True))}, "
        f"{sign}COUNT(*) AS n FROM {rows} WHERE {PUBLIC} GROUP BY {', '.join(values)}"
        for rows, sign in sides
    )
    return (
        f"INSERT INTO {table} ({keys}, records) "
        f"SELECT {keys}, SUM(n) FROM ({changes}) AS changes "
        f"GROUP BY {keys} HAVING SUM(n) <> 0 ORDER BY {keys} "
        f"ON CONFLICT ({keys}) DO UPDATE SET records = {table}.records + EXCLUDED.records"
    )


def _function(name: str, sides) -> str:
    body = " ".join(f"{_apply(table, *spec, sides)};" for table, spec in TALLIES.items())
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{body} RETURN NULL; END $$"
    )


CREATE = [
    _function("documents_tally_inserted", [("new_rows", "")]),
    _function("documents_tally_deleted", [("old_rows", "-")]),
    _function("documents_tally_updated", [("old_rows", "-"), ("new_rows", "")]),
    "CREATE TRIGGER documents_tally_insert AFTER INSERT ON documents_document "
    "REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION documents_tally_inserted()",
    "CREATE TRIGGER documents_tally_delete AFTER DELETE ON documents_document "
    "REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION documents_tally_deleted()",
    "CREATE TRIGGER documents_tally_update AFTER UPDATE ON documents_document "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION documents_tally_updated()",
]
DROP = [
    "DROP TRIGGER IF EXISTS documents_tally_insert ON documents_document",
    "DROP TRIGGER IF EXISTS documents_tally_delete ON documents_document",
    "DROP TRIGGER IF EXISTS documents_tally_update ON documents_document",
    "DROP FUNCTION IF EXISTS documents_tally_inserted()",
    "DROP FUNCTION IF EXISTS documents_tally_deleted()",
    "DROP FUNCTION IF EXISTS documents_tally_updated()",
]


def _row_triggers():
    return importlib.import_module("gongkai.documents.migrations.0010_public_tally")


def per_statement(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    row_triggers = _row_triggers()
    # 0010's row triggers, but not its TRUNCATE trigger, which stays.
    for statement in row_triggers.POSTGRESQL_DROP:
        if "truncate" not in statement:
            schema_editor.execute(statement)
    for statement in CREATE:
        schema_editor.execute(statement)
    # Counted afresh into new files: a bulk load under the row triggers left the tallies'
    # tables mostly dead rows (6,917 pages for 4,194 rows after the province's million), which
    # every read of them still scans (10 ms a policy-library page). The records table is
    # locked against writers meanwhile (the count takes ~5 s at a million records).
    schema_editor.execute("LOCK TABLE documents_document IN SHARE MODE")
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for none
    schema_editor.execute(f"TRUNCATE {', '.join(TALLIES)}")
    schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
    for table, spec in row_triggers.TALLIES.items():
        schema_editor.execute(row_triggers._fill(table, *spec))


def per_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)
    for statement in _row_triggers().POSTGRESQL_TRIGGERS:
        if "truncate" not in statement:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("documents", "0010_public_tally")]

    operations = [migrations.RunPython(per_statement, per_row, elidable=False)]
