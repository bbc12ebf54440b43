"""The obligations ledger in the console: every duty with a deadline of the agencies one works
in or supervises, overdue and due soon first, filtered by kind, agency, state and person."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.console.obligation_links import attach_links
from gongkai.console.views import staff_required
from gongkai.obligations import ledger
from gongkai.obligations.access import obligations_for_staff
from gongkai.obligations.registry import registered_kinds

LIST_LIMIT = 200
STATES = [
    ("attention", _("已逾期和即将到期")),
    ("overdue", _("已逾期")),
    ("due_soon", _("即将到期")),
    ("open", _("全部未完成")),
    ("done_late", _("逾期完成")),
]


class LedgerFilter(forms.Form):
    state = forms.ChoiceField(label=_("状态"), choices=STATES, required=False)
    kind = forms.ChoiceField(label=_("类别"), required=False)
    agency = forms.TypedChoiceField(label=_("机关"), coerce=int, required=False, empty_value=None)
    mine = forms.BooleanField(label=_("只看由我承办的"), required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("全部类别"))] + [
            (k.code, k.label) for k in registered_kinds()
        ]
        self.fields["agency"].choices = [("", _("全部机关"))] + [
            (a.pk, a.display_name) for a in agencies
        ]


@staff_required
def obligation_list(request: HttpRequest) -> HttpResponse:
    """期限台账: the ledger rows the user may see, by state."""
    now, today = ledger.now_and_today()
    rows = obligations_for_staff(request.user)
    agencies = Agency.objects.filter(
        pk__in=agency_access.readable_agency_ids(request.user)
    ).order_by("code")
    form = LedgerFilter(request.GET or None, agencies=agencies)
    state = "attention"
    if form.is_valid():
        data = form.cleaned_data
        state = data["state"] or state
        if data["kind"]:
            rows = rows.of_kind(data["kind"])
        if data["agency"]:
            rows = rows.filter(agency_id=data["agency"])
        if data["mine"]:
            rows = rows.filter(assignee=request.user)
    counts = ledger.counts_by_agency(rows, today=today, now=now)
    sections = []
    if state in ("attention", "overdue"):
        sections.append((_("已逾期"), ledger.overdue(rows, today=today, now=now)))
    if state in ("attention", "due_soon"):
        sections.append((_("即将到期"), ledger.due_soon(rows, today=today, now=now)))
    if state == "open":
        sections.append((_("全部未完成"), rows.open()))
    if state == "done_late":
        sections.append((_("逾期完成"), rows.done_late().order_by("-done_on")))
    labels = {k.code: k.label for k in registered_kinds()}
    shown = []
    for title, queryset in sections:
        total = queryset.count()
        page = attach_links(queryset.select_related("agency", "assignee")[:LIST_LIMIT])
        for row in page:
            row.state = ledger.state_of(row, today=today, now=now)
            row.kind_label = labels.get(row.kind, row.kind)
        shown.append({"title": title, "rows": page, "total": total})
    by_agency = [
        {"agency": agency, "counts": counts[agency.pk]}
        for agency in agencies
        if agency.pk in counts
    ]
    return render(
        request,
        "console/obligation_list.html",
        {
            "form": form,
            "sections": shown,
            "by_agency": by_agency,
            "list_limit": LIST_LIMIT,
        },
    )
