"""Long lists of ids sent to PostgreSQL as one array: `column = ANY(%s)` instead of `column IN
(%s, %s, …)`.

A supervisor at a province reads 300 agencies, so most console queries carry
`agency_id IN (…300 ids…)`. Django prepares each of the 300 values and writes a placeholder
for it, and psycopg parses and quotes the long statement, which is too long for its statement
cache, every time: 2.2 ms a query against 0.4 ms with one agency (bench/province.py's data,
`exists()` on a query that finds nothing). As one array parameter: 0.9 ms. PostgreSQL plans
`IN (list)` as `= ANY(array)` anyway, so the plans are the same.

Only where nothing can differ: PostgreSQL, more than `LONG` values, all of them plain ints,
compared with an integer column (or a foreign key to one). Everything else — SQLite, short
lists, strings, dates, None, subqueries — goes through Django's own `__in` unchanged.
"""

from django.db import models
from django.db.models.fields.related_lookups import RelatedIn

LONG = 50


def _compared_field(field):
    while field.is_relation:  # a foreign key compares as the key it points to
        field = field.target_field
    return field


class _AsArray:
    def _plain_ints(self) -> bool:
        values = self.rhs
        return (
            isinstance(values, list | tuple | set | frozenset)
            and len(values) > LONG
            and all(type(value) is int for value in values)
            and isinstance(_compared_field(self.lhs.output_field), models.IntegerField)
        )

    def get_prep_lookup(self):
        if self._plain_ints():  # int(value) of an int: nothing to prepare
            return list(self.rhs)
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        if connection.vendor == "postgresql" and self.rhs_is_direct_value() and self._plain_ints():
            # Typed as the column: psycopg would send small ints as smallint[], and PostgreSQL
            # estimates a comparison across types differently (it chose parallel plans,
            # whose start alone costs more than these queries).
            # Written as the array's text ('{1,2,3}'): psycopg's list dumper searched each
            # element with a regular expression (0.6 ms a request of a province's 14 lists).
            column_type = _compared_field(self.lhs.output_field).db_type(connection)
            self._as_array = True
            text = "{" + ",".join(map(str, sorted(set(self.rhs)))) + "}"
            return f"%s::{column_type}[]", [text]
        return super().process_rhs(compiler, connection)

    def get_rhs_op(self, connection, rhs):
        if getattr(self, "_as_array", False):
            return f"= ANY({rhs})"
        return super().get_rhs_op(connection, rhs)


class ArrayIn(_AsArray, models.lookups.In):
    pass


class ArrayRelatedIn(_AsArray, RelatedIn):
    pass


def register() -> None:
    """Make `__in` use the array for long id lists (gongkai/apps.py, at start-up)."""
    models.Field.register_lookup(ArrayIn, lookup_name="in")
    models.ForeignObject.register_lookup(ArrayRelatedIn, lookup_name="in")
