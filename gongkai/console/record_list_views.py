"""The records list (信息管理) at a county's volume: paged, filtered, sorted, counted per status.

A year of a county commission is tens of thousands of records; the list reads one page of
them with the columns its rows show, and counts by status up to a cap (status_counts).
"""

import datetime
from typing import NamedTuple

from django import forms
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.forms import catalogue_choices, make_catalogue_filterable
from gongkai.console.list_paging import SortKey, page_of
from gongkai.console.templatetags.console_rows import DOCUMENT_ROW_FIELDS
from gongkai.console.views import staff_required
from gongkai.documents import access
from gongkai.documents.models import Status
from gongkai.documents.obligations import PUBLICATION
from gongkai.obligations import ledger
from gongkai.workdays.calendar import calendar_held

PAGE_SIZE = 50
COUNT_CAP = 10_000  # per status tab: past it the tab says "10000+"
YEARS_OFFERED = 10


class AgencyChoice(NamedTuple):
    """An agency as the list's filter and its 新建 menu need it."""

    pk: int
    name: str


class Sort:
    """The orders the list offers; each is backed by an (agency, date) index."""

    CHOICES = (
        ("-updated", gettext_lazy("最近修改在前")),
        ("updated", gettext_lazy("最早修改在前")),
        ("-published", gettext_lazy("最近发布在前")),
        ("published", gettext_lazy("最早发布在前")),
    )
    KEYS = {
        "-updated": SortKey("updated_at", descending=True),
        "updated": SortKey("updated_at", descending=False),
        "-published": SortKey("published_at", descending=True, nullable=True),
        "published": SortKey("published_at", descending=False, nullable=True),
    }


class RecordFilterForm(forms.Form):
    """The list's GET parameters. A value that does not parse is ignored, never a 500."""

    q = forms.CharField(label=gettext_lazy("标题、索引号或文号"), required=False, max_length=200)
    agency = forms.TypedChoiceField(label=gettext_lazy("机关"), required=False, coerce=int)
    item = forms.TypedChoiceField(label=gettext_lazy("目录事项"), required=False, coerce=int)
    drafter = forms.TypedChoiceField(label=gettext_lazy("起草人"), required=False, coerce=int)
    year = forms.TypedChoiceField(label=gettext_lazy("成文年度"), required=False, coerce=int)
    sort = forms.ChoiceField(label=gettext_lazy("排序"), required=False, choices=Sort.CHOICES)

    def __init__(self, data, *, agencies: list[AgencyChoice], user, today: datetime.date):
        super().__init__(data)
        self.fields["agency"].choices = [("", _all()), *agencies]
        self.fields["year"].choices = [
            ("", _all()),
            *((y, str(y)) for y in range(today.year, today.year - YEARS_OFFERED, -1)),
        ]
        chosen = self._chosen_agency(data, agencies)
        self.agency_in_scope = chosen
        # The catalogue and the drafters belong to one agency: offered once one is in scope.
        items = catalogue_choices(chosen, elements=False) if chosen else []
        self.fields["item"].choices = [("", _all()), *items]
        make_catalogue_filterable(self.fields["item"])
        drafters = get_user_model().objects.filter(
            memberships__agency_id__in=[chosen] if chosen else [a.pk for a in agencies]
        )
        if not chosen and len(agencies) > 1:
            drafters = drafters.filter(pk=user.pk)  # a supervisor's hundred agencies: only "me"
        self.fields["drafter"].choices = [
            ("", _all()),
            *(
                (u.pk, u.get_full_name() or u.username)
                for u in drafters.distinct()
                .order_by("username")
                .only("pk", "username", "first_name", "last_name")
            ),
        ]

    @staticmethod
    def _chosen_agency(data, agencies: list[AgencyChoice]) -> int | None:
        """The id of the agency in scope: the only one, or the one chosen among them."""
        if len(agencies) == 1:
            return agencies[0].pk
        by_id = {str(a.pk): a.pk for a in agencies}
        return by_id.get(data.get("agency", ""))

    def value(self, name: str):
        """The parsed value of one parameter, or None when it is absent or does not parse."""
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


def status_counts(queryset) -> tuple[dict[str, int], bool]:
    """{status: records} within the filters, in one query that reads at most COUNT_CAP + 1 of
    them, and whether there were more (the counts are then partial: the tabs say "10000+").
    Exact counts over a province's million records read them all (0.56 s at a million); a
    clerk needs to know there are many, not how many."""
    limited = queryset.order_by().values("status")[: COUNT_CAP + 1]
    sql, params = limited.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, COUNT(*) FROM ({sql}) AS limited GROUP BY status",  # noqa: S608 (the ORM's SQL, values as parameters)
            params,
        )
        counts = dict(cursor.fetchall())
    return counts, sum(counts.values()) > COUNT_CAP


def _capped_count(queryset) -> int:
    """The records of one status when the total is past the cap: exact up to the cap."""
    return min(queryset.order_by().values("pk")[: COUNT_CAP + 1].count(), COUNT_CAP)


def _all() -> str:
    return gettext("全部")


def _draft_agencies(user, agencies: list[AgencyChoice]) -> list[AgencyChoice]:
    drafting = access.drafting_agency_ids(user)
    return [a for a in agencies if a.pk in drafting]


@staff_required
@calendar_held()  # every row's clock reads the calendar: read it once
def document_list(request: HttpRequest) -> HttpResponse:
    """All records the user may read: filters, status tabs with counts, pages of 50."""
    user = request.user
    today = timezone.localdate()
    # (pk, name) rows, not models: a province's 300 agencies loaded as models took 3.1 ms,
    # only to be written into the filter's options (0.7 ms as values).
    agencies = [
        AgencyChoice(*row)
        for row in Agency.objects.filter(pk__in=agency_access.readable_agency_ids(user))
        .order_by("code")
        .values_list("pk", "name")
    ]
    form = RecordFilterForm(request.GET, agencies=agencies, user=user, today=today)
    form.is_valid()  # errors only drop the parameter they concern
    queryset = access.documents_for_staff(user)
    if agency_id := form.value("agency"):
        queryset = queryset.filter(agency_id=agency_id)
    if item_id := form.value("item"):
        queryset = queryset.filter(catalogue_item_id=item_id)
    if drafter_id := form.value("drafter"):
        queryset = queryset.filter(drafted_by_id=drafter_id)
    if year := form.value("year"):
        queryset = queryset.filter(
            formed_on__gte=datetime.date(year, 1, 1), formed_on__lte=datetime.date(year, 12, 31)
        )
    if query := (form.value("q") or "").strip():
        queryset = (
            queryset.filter(title__icontains=query)
            | queryset.filter(index_number=query)
            | queryset.filter(document_number=query)
        )
    counts, capped = status_counts(queryset)
    status = request.GET.get("status", "")
    if status in Status.values:
        queryset = queryset.filter(status=status)
        if capped:  # the partial count says nothing of this status: count it, capped
            counts = {**counts, status: _capped_count(queryset)}
    else:
        status = ""
    sort = form.value("sort") or "-updated"
    queryset = queryset.select_related("agency", "catalogue_item").only(*DOCUMENT_ROW_FIELDS)
    # Numbered pages near the start, then 下一页/上一页 by cursor: no deep OFFSET (list_paging).
    page = page_of(
        queryset,
        Sort.KEYS[sort],
        count=counts.get(status, 0) if status else min(sum(counts.values()), COUNT_CAP),
        size=PAGE_SIZE,
        page=request.GET.get("page"),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    # Past the cap the tabs show no count (only the chosen one, capped): the partial counts
    # would mislead.
    tabs = [("", _all(), min(sum(counts.values()), COUNT_CAP))]
    tabs += [
        (value, label, counts.get(value, 0) if not capped or value == status else None)
        for value, label in Status.choices
    ]
    return render(
        request,
        "console/document_list.html",
        {
            "form": form,
            "page": page,
            # Each row's due cell reads its publication duty in the ledger (one query a page).
            "documents": ledger.attach_clocks(
                page.rows, PUBLICATION, today=timezone.localdate(), now=timezone.now()
            ),
            "tabs": tabs,
            # The tabs whose count stopped at the cap: "10000+".
            "more_than_cap": {
                value
                for value in ("", status)
                if capped and (not value or counts.get(value, 0) >= COUNT_CAP)
            },
            "status": status,
            "sort": sort,
            "draft_agencies": _draft_agencies(user, agencies),
        },
    )
