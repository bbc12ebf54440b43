"""The records list (信息管理) at a county's volume: paged, filtered, sorted, counted per status.

A year of a county commission is tens of thousands of records; the list reads one page of
them with the columns its rows show, and counts by status in one grouped query.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.forms import catalogue_choices, make_catalogue_filterable
from gongkai.console.views import staff_required
from gongkai.documents import access
from gongkai.documents.models import Status
from gongkai.documents.obligations import PUBLICATION
from gongkai.obligations import ledger

PAGE_SIZE = 50
YEARS_OFFERED = 10
ROW_FIELDS = (
    "pk",
    "title",
    "status",
    "attribute",
    "index_number",
    "due_on",
    "due_problem",
    "due_is_provisional",
    "is_late",
    "updated_at",
    "published_at",
    "agency__name",
    "agency__short_name",
    "catalogue_item__code",
    "catalogue_item__name",
)


class Sort:
    """The orders the list offers; each is backed by an (agency, date) index."""

    CHOICES = (
        ("-updated", gettext_lazy("最近修改在前")),
        ("updated", gettext_lazy("最早修改在前")),
        ("-published", gettext_lazy("最近发布在前")),
        ("published", gettext_lazy("最早发布在前")),
    )
    ORDER = {
        "-updated": (F("updated_at").desc(), F("pk").desc()),
        "updated": (F("updated_at").asc(), F("pk").asc()),
        "-published": (F("published_at").desc(nulls_last=True), F("pk").desc()),
        "published": (F("published_at").asc(nulls_last=True), F("pk").asc()),
    }


class RecordFilterForm(forms.Form):
    """The list's GET parameters. A value that does not parse is ignored, never a 500."""

    q = forms.CharField(label=gettext_lazy("标题、索引号或文号"), required=False, max_length=200)
    agency = forms.TypedChoiceField(label=gettext_lazy("机关"), required=False, coerce=int)
    item = forms.TypedChoiceField(label=gettext_lazy("目录事项"), required=False, coerce=int)
    drafter = forms.TypedChoiceField(label=gettext_lazy("起草人"), required=False, coerce=int)
    year = forms.TypedChoiceField(label=gettext_lazy("成文年度"), required=False, coerce=int)
    sort = forms.ChoiceField(label=gettext_lazy("排序"), required=False, choices=Sort.CHOICES)

    def __init__(self, data, *, agencies: list[Agency], user, today: datetime.date):
        super().__init__(data)
        self.fields["agency"].choices = [("", _all()), *((a.pk, a.name) for a in agencies)]
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
            memberships__agency__in=[chosen] if chosen else agencies
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
    def _chosen_agency(data, agencies: list[Agency]) -> Agency | None:
        if len(agencies) == 1:
            return agencies[0]
        by_id = {str(a.pk): a for a in agencies}
        return by_id.get(data.get("agency", ""))

    def value(self, name: str):
        """The parsed value of one parameter, or None when it is absent or does not parse."""
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


def _all() -> str:
    return gettext("全部")


def _draft_agencies(user, agencies: list[Agency]) -> list[Agency]:
    return [a for a in agencies if access.can_draft_in(user, a)]


@staff_required
def document_list(request: HttpRequest) -> HttpResponse:
    """All records the user may read: filters, status tabs with counts, pages of 50."""
    user = request.user
    today = timezone.localdate()
    agencies = list(
        Agency.objects.filter(pk__in=agency_access.readable_agency_ids(user))
        .only("pk", "name", "code")
        .order_by("code")
    )
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
    counts = {
        row["status"]: row["n"]
        for row in queryset.order_by().values("status").annotate(n=Count("pk"))
    }
    status = request.GET.get("status", "")
    if status in Status.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    sort = form.value("sort") or "-updated"
    queryset = (
        queryset.select_related("agency", "catalogue_item")
        .only(*ROW_FIELDS)
        .order_by(*Sort.ORDER[sort])
    )
    paginator = Paginator(queryset, PAGE_SIZE)
    paginator.count = counts.get(status, 0) if status else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    tabs = [("", _all(), sum(counts.values()))]
    tabs += [(value, label, counts.get(value, 0)) for value, label in Status.choices]
    return render(
        request,
        "console/document_list.html",
        {
            "form": form,
            "page": page,
            "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            # Each row's due cell reads its publication duty in the ledger (one query a page).
            "documents": ledger.attach_clocks(
                list(page.object_list), PUBLICATION, today=timezone.localdate(), now=timezone.now()
            ),
            "tabs": tabs,
            "status": status,
            "sort": sort,
            "draft_agencies": _draft_agencies(user, agencies),
        },
    )
