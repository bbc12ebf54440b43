"""Paging of the public record lists without counting a million records.

A list shows at most MAX_PAGES pages (views.py). Its total comes from the tally of public
records (documents/tally.py) when the list is a whole catalogue node, an agency's or the
policy library unfiltered; a filtered list (a year, a word in the title) is counted only as
far as the last page it can show, and says "more than" past that.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class RecordPaginator(Paginator):
    """A paginator whose count is either known (`known_count`) or counted up to `cap` rows:
    past the cap, `capped` is true and the count is cap + 1 (so the last page that may be
    shown still has a next one, and the pager says the results go on)."""

    def __init__(self, object_list, per_page, *, cap: int, known_count: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        # A sliced queryset counts in a subquery that stops after cap + 1 rows.
        return self.object_list[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.known_count is None and self.count > self.cap
