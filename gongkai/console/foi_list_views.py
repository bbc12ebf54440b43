"""The console's list of information applications: the urgent ones by their ledger clock, then
every application the clerk may read, filtered (state, handler or 未分配, channel, the ledger's
due day, year, words) and paged, with the counts per state and an 未分配 tab."""

import datetime
from typing import NamedTuple
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Role
from gongkai.console.record_list_views import COUNT_CAP
from gongkai.console.templatetags.console_tags import person_name
from gongkai.console.views import staff_required
from gongkai.foi import access, obligations
from gongkai.foi.models import OPEN_STATUSES, Status
from gongkai.foi.receipt import Channel
from gongkai.obligations import ledger
from gongkai.workdays.calendar import calendar_held

LIST_LIMIT = 100  # the late-confirmation list
SECTION_ROWS = 20  # each urgent section shows its earliest; its heading says how many in all
PAGE_SIZE = 25
UNASSIGNED = "none"  # ?handler= of the applications nobody handles yet
OPEN = "open"  # ?status= of every open state
LATE_CONFIRMATION = "late_confirmation"  # ?flag= of the list: confirmed after arrival
FILTERS = ("status", "handler", "channel", "due_from", "due_to", "year", "q")


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("办理状态"), required=False)
    handler = forms.ChoiceField(label=gettext_lazy("承办人"), required=False)
    channel = forms.ChoiceField(label=gettext_lazy("提交方式"), required=False)
    due_from = forms.DateField(
        label=gettext_lazy("答复期限从"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("请按“年-月-日”填写日期，例如 2026-11-16。")},
    )
    due_to = forms.DateField(
        label=gettext_lazy("答复期限至"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("请按“年-月-日”填写日期，例如 2026-11-16。")},
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("收到年份"), required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(
        label=gettext_lazy("查询码、申请人或申请内容"),
        required=False,
        max_length=100,
        error_messages={"max_length": gettext_lazy("关键词最多100个字。")},
    )

    def __init__(self, *args, handlers, years, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", gettext_lazy("全部"))]
        self.fields["status"].choices = [
            *everything,
            (OPEN, gettext_lazy("全部在办")),
            *Status.choices,
        ]
        self.fields["handler"].choices = [
            *everything,
            (UNASSIGNED, gettext_lazy("未分配")),
            *[(str(pk), person_name(*names)) for pk, *names in handlers],
        ]
        self.fields["channel"].choices = everything + list(Channel.choices)
        self.fields["year"].choices = everything + [(str(y), str(y)) for y in years]

    def clean(self):
        data = super().clean()
        start, end = data.get("due_from"), data.get("due_to")
        if start and end and start > end:
            self.add_error("due_to", _("答复期限的结束日期不能早于开始日期。"))
        return data


def _handlers(agency_ids):
    """(id, first name, last name, username) of the handlers, for the filter's choices: plain
    values, not users (a province's 300 users took 4.3 ms to load, 1.9 as values)."""
    return (
        get_user_model()
        .objects.filter(memberships__agency_id__in=agency_ids, memberships__role=Role.FOI_HANDLER)
        .distinct()
        .order_by("last_name", "first_name", "username")
        .values_list("pk", "first_name", "last_name", "username")
    )


def _filtered(queryset, data: dict, *, except_: str = "", full_ids=frozenset()):
    """`queryset` narrowed by the valid filters in `data` (all but `except_`)."""
    status = data.get("status") if except_ != "status" else ""
    if status == OPEN:
        queryset = queryset.open()
    elif status:
        queryset = queryset.filter(status=status)
    handler = data.get("handler") if except_ != "handler" else ""
    if handler == UNASSIGNED:
        queryset = queryset.filter(handler__isnull=True)
    elif handler:
        queryset = queryset.filter(handler_id=int(handler))
    if data.get("channel"):
        queryset = queryset.filter(channel=data["channel"])
    if data.get("due_from"):
        queryset = queryset.filter(ledger_due_on__gte=data["due_from"])
    if data.get("due_to"):
        queryset = queryset.filter(ledger_due_on__lte=data["due_to"])
    if data.get("year"):
        queryset = queryset.filter(received_on__year=data["year"])
    words = (data.get("q") or "").strip()
    if words:
        match = Q(query_code__iexact=words) | Q(description__icontains=words)
        # The applicant's name only where the clerk may see it (foi/access.py): elsewhere a
        # match would tell who applied.
        match |= Q(applicant_name__icontains=words, agency_id__in=full_ids)
        if words.isascii() and words.isdigit() and len(words) <= 18:  # an id fits a bigint
            match |= Q(pk=int(words))
        queryset = queryset.filter(match)
    return queryset


class StateCounts(NamedTuple):
    """The counts of the list's tabs and parts, within the filters but the state's."""

    by_status: dict[str, int]  # the open states exact; the closed up to COUNT_CAP
    closed_capped: bool  # more closed ones than COUNT_CAP
    paused: dict[str, int]  # per open state: the paused ones (no due day: 补正, 征求意见, 缴费)
    unassigned: dict[str, int]  # per open state: those nobody handles yet


def open_sum(per_state: dict[str, int], statuses) -> int:
    """A per-state count (`StateCounts`) summed over the open states among `statuses`."""
    return sum(per_state.get(value, 0) for value in statuses if value in OPEN_STATUSES)


def state_counts(queryset) -> StateCounts:
    """The per-state counts of `queryset`, and per open state its paused and unassigned ones.

    The open states are counted exactly in one query along the open applications' covering
    index (about 1 % of a province's million), their paused and unassigned ones in the same
    pass: counted apart, PostgreSQL read those from the table, a page per row (it cannot know
    that the applications without a due day are all open), 4–20 ms each at the province. The
    closed ones are counted up to COUNT_CAP + 1 rows: an exact GROUP BY over the million read
    them all (0.6 s a page, bench/province.py), and the tab needs to say "many" ("10000+"),
    not how many."""
    by_status, paused, unassigned = {}, {}, {}
    rows = (
        queryset.open()
        .order_by()
        .values_list("status")
        .annotate(
            n=Count("pk"),
            paused=Count("pk", filter=Q(due_on__isnull=True)),
            unassigned=Count("pk", filter=Q(handler__isnull=True)),
        )
    )
    for status, n, paused_n, unassigned_n in rows:
        by_status[status], paused[status], unassigned[status] = n, paused_n, unassigned_n
    closed = queryset.filter(status=Status.CLOSED).order_by().values("pk")[: COUNT_CAP + 1]
    closed_count = closed.count()
    if closed_count:
        by_status[Status.CLOSED] = min(closed_count, COUNT_CAP)
    return StateCounts(by_status, closed_count > COUNT_CAP, paused, unassigned)


def shown_statuses(data: dict) -> set[str]:
    """The states the list shows under its state filter."""
    status = data.get("status")
    return set(OPEN_STATUSES) if status == OPEN else {status} if status else set(Status.values)


class KeysFirst:
    """A queryset in `order`, a window at a time: the window's keys first, read from an index
    alone, then those rows by key. Asked for whole rows, PostgreSQL read every candidate row
    from the table before it could order or count past them (bench/province.py): a province's
    2,644 paused applications, which it expects to be a few dozen (see `state_counts`; 3.5 ms
    a window, 0.05 along `application_paused` alone), and a deep page's 10,000 closed ones
    (14 ms, 1.3 along `application_closed_by_due` with the agency included; foi 0017)."""

    def __init__(self, queryset, *order):
        self.queryset, self.order = queryset, order

    def __getitem__(self, window: slice):
        keys = self.queryset.order_by(*self.order).values("pk")[window]
        rows = self.queryset.model._default_manager.filter(pk__in=keys)
        return rows.order_by(*self.order)


def _paused_in_order(queryset) -> KeysFirst:
    """The paused applications (open, no due day), earliest received first. Open is "not
    closed" here, which the index `application_paused`'s condition gives without reading the
    table (`.open()` lists the states, which only the table holds)."""
    paused = queryset.exclude(status=Status.CLOSED).filter(due_on__isnull=True)
    return KeysFirst(paused, "received_on", "pk")


class OpenThenClosed:
    """The list in its order — open applications first (the paused ones, which have no due
    day, then the others by due day), then the closed ones — read as three queries, each along
    an index. One ORDER BY over all made PostgreSQL sort a province's million applications by
    the open-or-closed test (10–35 s a page, bench/province.py), and one over the open ones with
    the paused first (NULLS FIRST, which no index of both databases gives) read all 10,900 of
    them for each page (50 ms). The parts sort by the application's own due day, the value its
    ledger row holds (foi/obligations.describe_reply): sorting by the ledger's copy evaluated a
    subquery for each open application (0.3–0.6 s). Past COUNT_CAP closed ones the list ends
    there (the filters narrow it): no deep OFFSET."""

    def __init__(self, filtered, counts: StateCounts, data: dict):
        shown = shown_statuses(data)
        self.total = sum(counts.by_status.get(value, 0) for value in shown)
        open_total = open_sum(counts.by_status, shown)
        paused_total = open_sum(counts.paused, shown)
        open_ = filtered.exclude(status=Status.CLOSED)
        # The paused and the closed parts are not joined to agencies and handlers: the view
        # fetches them for the page.
        self.parts = [
            (_paused_in_order(filtered), paused_total),
            (
                open_.filter(due_on__isnull=False).order_by("due_on", "received_on", "pk"),
                open_total - paused_total,
            ),
            (
                KeysFirst(
                    filtered.filter(status=Status.CLOSED),
                    F("due_on").asc(nulls_first=True),
                    "received_on",
                    "pk",
                ),
                self.total - open_total,
            ),
        ]

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        found, offset = [], 0
        for queryset, size in self.parts:
            if start < offset + size and stop > offset:
                found += list(queryset[max(start - offset, 0) : min(stop, offset + size) - offset])
            offset += size
        return found


def _unassigned_count(annotated, data: dict, counts: StateCounts, *, full_ids) -> int:
    """The open applications nobody handles, within the filters but the handler's (the 未分配
    tab): from the state counts unless the list is narrowed to one handler."""
    handler = data.get("handler")
    if not handler:
        return open_sum(counts.unassigned, shown_statuses(data))
    if handler == UNASSIGNED:  # the counts are of the unassigned ones already
        return open_sum(counts.by_status, shown_statuses(data))
    narrowed = _filtered(annotated, data, except_="handler", full_ids=full_ids)
    return narrowed.open().filter(handler__isnull=True).count()


def _urgent_sections(mine, agency_ids, *, paused_count: int, today, now) -> list[dict]:
    """The open applications that need acting on first, each section with its full count and
    its earliest SECTION_ROWS rows: overdue, due within 5 working days and consultations
    expired (the ledger's, obligations/ledger.py, read from its own rows), and paused (补正,
    征求意见, 缴费: no due date, so listed on their own lest they drop out of a long list ordered
    by due date). Where the full list has the same filter, `more` links to it."""
    soon_until = ledger.soon_until_for(obligations.REPLY, today)
    sources = [
        # (section, the ledger's kind and window, the full list's same filter)
        (
            "overdue",
            obligations.REPLY,
            ledger.OVERDUE,
            {"status": OPEN, "due_to": today - datetime.timedelta(days=1)},
        ),
        (
            "due_soon",
            obligations.REPLY,
            ledger.DUE_SOON,
            {"status": OPEN, "due_from": today, "due_to": soon_until},
        ),
        # 征求意见期满未答复: the clerk must end the consultation (条例第三十二条、第三十四条).
        ("consultation_expired", obligations.CONSULTATION_END, ledger.OVERDUE, None),
    ]
    urgent = {
        name: (
            ledger.urgent(
                kind, which, agency_ids=agency_ids, today=today, now=now, limit=SECTION_ROWS
            ),
            filters,
        )
        for name, kind, which, filters in sources
    }
    # Agencies and handlers fetched by id afterwards, for every section at once, not joined:
    # PostgreSQL expects a handful of rows and joined a province's 1,400 by nested loops
    # (bench/province.py).
    open_ = mine.open().select_related(None)
    wanted = [pk for found, _ in urgent.values() for pk in found.first_ids]
    by_pk = {a.pk: a for a in open_.filter(pk__in=wanted)} if wanted else {}
    sections = []
    for name, (found, filters) in urgent.items():
        rows = [by_pk[pk] for pk in found.first_ids if pk in by_pk]
        sections.append(_section(name, found.count, rows, filters))
    rows = list(_paused_in_order(mine)[:SECTION_ROWS]) if paused_count else []
    sections.append(_section("paused", paused_count, rows, None))
    return sections  # the rows' agencies, handlers and clocks: the caller's, with its page's


SECTION_TEXTS = {
    "overdue": (gettext_lazy("已超期"), gettext_lazy("没有超期的申请。"), ""),
    "due_soon": (gettext_lazy("5个工作日内到期"), gettext_lazy("没有即将到期的申请。"), ""),
    "consultation_expired": (
        gettext_lazy("征求意见期满未答复"),
        gettext_lazy("没有征求意见期满未答复的申请。"),
        gettext_lazy(
            "对方应在收到征求意见书之日起15个工作日内提出意见。期满后，第三方的沉默不视为同意，"
            "由本机关依法决定（条例第三十二条）；其他机关的沉默视为同意公开（条例第三十四条）。"
            "请结束征求意见。"
        ),
    ),
    "paused": (
        gettext_lazy("暂停计算（补正、征求意见、缴费）"),
        gettext_lazy("没有暂停计算的申请。"),
        "",
    ),
}


def _section(name, count, rows: list, filters) -> dict:
    title, empty, note = SECTION_TEXTS[name]
    return {
        "name": name,
        "title": title,
        "empty": empty,
        "note": note,
        "count": count,
        "rows": rows,  # their clocks attached by the caller, all sections' at once
        "more": urlencode({k: str(v) for k, v in filters.items()}) if filters else "",
    }


@staff_required
@calendar_held()  # every row's clock reads the calendar: read it once
def application_list(request: HttpRequest) -> HttpResponse:
    """Open applications by their clock (overdue, due within 5 working days, consultations
    expired, paused), then all of them filtered and paged. With ?flag=late_confirmation, this
    year's applications confirmed after the day they arrived (条例第三十一条), for reviewers and
    supervisors; ?agency=<id> narrows to one agency."""
    user = request.user
    today = timezone.localdate()
    mine = access.applications_for_staff(user).select_related("agency", "handler")
    agency_id = request.GET.get("agency", "")
    if agency_id.isdigit():
        mine = mine.filter(agency_id=int(agency_id))
    late = mine.confirmed_late().filter(received_on__year=today.year)
    flagged = request.GET.get("flag") == LATE_CONFIRMATION
    readable = agency_access.readable_agency_ids(user)
    # From the first year with an application to this one: one row read along the received_on
    # index (a DISTINCT over the years read a province's million rows, 0.7 s).
    first = mine.order_by("received_on").values_list("received_on", flat=True).first()
    years = list(range(today.year, first.year - 1, -1)) if first else []
    form = ApplicationFilterForm(request.GET or None, handlers=_handlers(readable), years=years)
    form.is_valid()  # the valid filters apply; the others are reported at the top
    data = getattr(form, "cleaned_data", {})
    filtering = any(request.GET.get(name) for name in FILTERS)
    members = list(agency_access.member_agencies(user))  # read once for both uses below
    full_ids = {
        a.pk for a in members if agency_access.roles_in(user, a) & access.PERSONAL_DATA_ROLES
    }
    annotated = ledger.with_due_on(mine, obligations.REPLY, selected=False)
    counts = state_counts(_filtered(annotated, data, except_="status", full_ids=full_ids))
    by_status = counts.by_status
    now = timezone.now()
    rows = OpenThenClosed(_filtered(annotated, data, full_ids=full_ids), counts, data)
    paginator = Paginator(rows, PAGE_SIZE)
    paginator.count = len(rows)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "today": today,
        "form": form,
        "filtering": filtering,
        "page": page,
        "status_counts": [
            (value, label, by_status.get(value, 0), counts.closed_capped and value == Status.CLOSED)
            for value, label in Status.choices
        ],
        # The closed ones stopped at the cap: the list ends after COUNT_CAP of them.
        "closed_capped": counts.closed_capped and data.get("status") in ("", None, Status.CLOSED),
        "count_cap": COUNT_CAP,
        "unassigned_count": _unassigned_count(annotated, data, counts, full_ids=full_ids),
        "unassigned_tab": data.get("handler") == UNASSIGNED,
        "agency_id": agency_id if agency_id.isdigit() else "",
        "late_count": late.count(),
        "flagged": flagged,
        "late": late.order_by("-received_on", "-id")[:LIST_LIMIT] if flagged else [],
        "can_register": any(access.can_register_in(user, agency) for agency in members),
    }
    if not filtering and not flagged:
        agency_ids = readable if not agency_id.isdigit() else readable & {int(agency_id)}
        # Unfiltered, the paused ones of every open state are the worklist's paused section.
        paused_count = open_sum(counts.paused, OPEN_STATUSES)
        context["sections"] = _urgent_sections(
            mine, agency_ids, paused_count=paused_count, today=today, now=now
        )
    # The rows of the page and of the sections (one application may be in several): their
    # agencies and handlers where not joined already, and their clocks, each in one query.
    shown = [*page.object_list, *(row for s in context.get("sections", ()) for row in s["rows"])]
    prefetch_related_objects(shown, "agency", "handler")
    ledger.attach_clocks(shown, obligations.REPLY, today=today, now=now)
    return render(request, "console/foi_list.html", context)
