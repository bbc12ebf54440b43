"""Paging of the console's long lists: numbered pages near the start, then keyset paging.

A numbered page is an OFFSET: PostgreSQL reads and throws away every row before it, so page
2,000 of a province's million records reads 100,000 rows. The first NUMBERED_PAGES pages keep
their numbers (what a clerk uses); past them, and from any page, 下一页 and 上一页 carry an
opaque cursor naming the last (or first) row shown, its sort key and its id, and the next page
is the rows after it in the list's order: an index range scan, as fast on page 2,000 as on
page 1. Ties in the sort key are broken by the id, which is part of every order, so each row is
listed exactly once however many share a timestamp.

A short list whose order no cursor can follow (the open messages, most urgent first by the
ledger) is numbered throughout instead (`numbered_page`): an OFFSET into what is still open.
"""

from __future__ import annotations

import base64
import datetime
import json
import math
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet

NUMBERED_PAGES = 20  # OFFSET up to 1,000 rows at 50 a page: cheap
LAST = "last"  # ?page=last: the end of the list, read in the reverse order


@dataclass(frozen=True)
class SortKey:
    """One list order: a date or datetime field, then the id, in one direction. Rows without a
    value (a `nullable` field) come last in either direction."""

    field: str
    descending: bool
    nullable: bool = False

    def order_by(self, *, reverse: bool = False) -> tuple:
        """The ORDER BY of the list (of its reverse, to read the page before a cursor)."""
        descending = self.descending != reverse
        # Only a nullable field says where NULLs go: on a NOT NULL column the clause would keep
        # PostgreSQL from reading the order off a plain index.
        nulls = {}
        if self.nullable:
            nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        column = F(self.field)
        if descending:
            return (column.desc(**nulls), F("pk").desc())
        return (column.asc(**nulls), F("pk").asc())

    def after(self, value: Any, pk: int, *, reverse: bool = False) -> Q:
        """The rows that come after (value, pk) in this order (before it when `reverse`)."""
        descending = self.descending != reverse
        beyond = "lt" if descending else "gt"
        pk_beyond = Q(**{f"pk__{beyond}": pk})
        if value is None:
            # Among the rows without a value, which come last: only those further by id; going
            # back, every row with a value comes before them too.
            rest = Q(**{f"{self.field}__isnull": True}) & pk_beyond
            return rest | Q(**{f"{self.field}__isnull": False}) if reverse else rest
        further = Q(**{f"{self.field}__{beyond}": value}) | (Q(**{self.field: value}) & pk_beyond)
        if not self.nullable or reverse:
            # The redundant bound lets the database start an index range scan at the cursor.
            return Q(**{f"{self.field}__{beyond}e": value}) & further
        return further | Q(**{f"{self.field}__isnull": True})


def encode_cursor(value: Any, pk: int) -> str:
    """An opaque token for a row's place: its sort value and id (not a secret, only compact)."""
    if isinstance(value, datetime.datetime):
        raw = ["t", value.isoformat()]
    elif isinstance(value, datetime.date):
        raw = ["d", value.isoformat()]
    else:
        raw = ["n", None]
    text = json.dumps([*raw, pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[Any, int] | None:
    """The (value, id) of a cursor, or None when it does not parse (then the list starts over)."""
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        kind, raw, pk = json.loads(text)
        if not isinstance(pk, int) or pk < 1:
            return None
        if kind == "t":
            return datetime.datetime.fromisoformat(raw), pk
        if kind == "d":
            return datetime.date.fromisoformat(raw), pk
        if kind == "n" and raw is None:
            return None, pk
    except (ValueError, TypeError):
        return None
    return None


@dataclass
class ListPage:
    """What a list template shows: the rows, numbered pages near the start, and the cursors."""

    rows: list
    count: int
    number: int | None  # None on a keyset page
    page_numbers: list
    next_cursor: str | None
    previous_cursor: str | None
    has_previous_page: bool
    has_next_page: bool
    start_index: int | None  # on numbered pages only
    size: int
    numbered_through: int  # the last page reached by number (NUMBERED_PAGES, or all)
    ellipsis = Paginator.ELLIPSIS

    @property
    def pages(self) -> int:
        return max(math.ceil(self.count / self.size), 1)

    @property
    def next_number(self) -> int | None:
        """下一页 by number while the next page is a numbered one (else by cursor)."""
        if self.number and self.number < min(self.pages, self.numbered_through):
            return self.number + 1
        return None

    @property
    def last_number(self) -> int | None:
        """末页 by number when every page is numbered (else ?page=last)."""
        return self.pages if self.pages <= self.numbered_through else None

    @property
    def has_next(self) -> bool:
        return self.has_next_page

    @property
    def has_previous(self) -> bool:
        return self.has_previous_page


def page_of(
    queryset: QuerySet,
    key: SortKey,
    *,
    count: int,
    size: int,
    page: str | None,
    after: str | None,
    before: str | None,
) -> ListPage:
    """One page of `queryset` (unordered: `key` orders it): `after` or `before` a cursor, or
    numbered `page` (clamped to the numbered ones and to the last page)."""
    cursor = decode_cursor(after or before or "") if (after or before) else None
    if cursor is not None or page == LAST:
        reverse = page == LAST or (bool(before) and not after)
        if cursor is not None:
            queryset = queryset.filter(key.after(*cursor, reverse=reverse))
        chunk = list(queryset.order_by(*key.order_by(reverse=reverse))[: size + 1])
        more = len(chunk) > size
        rows = chunk[:size]
        if reverse:
            rows.reverse()
            has_next, has_previous = page != LAST, more
        else:
            has_next, has_previous = more, True
        return _page(rows, key, count=count, size=size, number=None, numbers=[],
                     has_next=has_next, has_previous=has_previous, start=None)  # fmt: skip
    paginator = Paginator(queryset.order_by(*key.order_by()), size)
    paginator.count = count
    last_numbered = min(paginator.num_pages, NUMBERED_PAGES)
    try:
        number = min(max(int(page or 1), 1), last_numbered)
    except ValueError:
        number = 1
    # One row more than the page tells whether there is a next page without counting.
    offset = (number - 1) * size
    chunk = list(paginator.object_list[offset : offset + size + 1])
    rows = chunk[:size]
    numbers = list(
        Paginator(range(min(count, last_numbered * size)), size).get_elided_page_range(
            number, on_each_side=2, on_ends=1
        )
    )
    return _page(rows, key, count=count, size=size, number=number, numbers=numbers,
                 has_next=len(chunk) > size, has_previous=number > 1, start=offset + 1)  # fmt: skip


def numbered_page(rows_of, *, count: int, size: int, page: str | None) -> ListPage:
    """Page `page` of a short list whose order no cursor can follow (the messages still open,
    ordered by the ledger's urgency): every page by number, an OFFSET each, clamped to the
    last. `rows_of(offset, limit)` reads the rows."""
    pages = max(math.ceil(count / size), 1)
    try:
        number = min(max(int(page or 1), 1), pages)
    except ValueError:
        number = 1
    offset = (number - 1) * size
    numbers = list(
        Paginator(range(count), size).get_elided_page_range(number, on_each_side=2, on_ends=1)
    )
    return ListPage(
        rows=list(rows_of(offset, size)),
        count=count,
        number=number,
        page_numbers=numbers if pages > 1 else [],
        next_cursor=None,
        previous_cursor=None,
        has_previous_page=number > 1,
        has_next_page=number < pages,
        start_index=offset + 1,
        size=size,
        numbered_through=pages,
    )


def _page(rows, key, *, count, size, number, numbers, has_next, has_previous, start) -> ListPage:
    def cursor_of(row) -> str:
        return encode_cursor(getattr(row, key.field), row.pk)

    return ListPage(
        rows=rows,
        count=count,
        number=number,
        page_numbers=numbers,
        next_cursor=cursor_of(rows[-1]) if rows and has_next else None,
        previous_cursor=cursor_of(rows[0]) if rows and has_previous else None,
        has_previous_page=has_previous,
        has_next_page=bool(rows) and has_next,
        start_index=start,
        size=size,
        numbered_through=NUMBERED_PAGES,
    )
