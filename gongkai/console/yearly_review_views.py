"""Console pages of the yearly review (gongkai.yearly_review): each agency's review of what it
withheld in a year, the decision on each item, and the frequently requested information with a
one-click draft for proactive publication (条例第十八条、第四十四条)."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai import limits
from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.console.views import staff_required
from gongkai.foi.access import MASKED_PERSONAL_DATA_ROLES, PERSONAL_DATA_ROLES
from gongkai.foi.outcomes import ApplicantType
from gongkai.foi.personal_data import hidden_applicant_name
from gongkai.yearly_review import access, services
from gongkai.yearly_review.errors import ReviewError
from gongkai.yearly_review.frequent import MIN_APPLICANTS
from gongkai.yearly_review.models import (
    Decision,
    ReviewItem,
    SourceKind,
    YearlyReview,
)
from gongkai.yearly_review.obligations import review_row
from gongkai.yearly_review.rules import decision_problems

# The years offered: this one and the few before it.
YEARS_SHOWN = 5
UNDECIDED = "undecided"


class DueForm(forms.Form):
    due_on = forms.DateField(
        label=gettext_lazy("完成期限"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("由本机关确定，到期未完成的列入期限台账的逾期事项。"),
        error_messages={"required": gettext_lazy("请填写完成期限。")},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("自查结论"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择自查结论。")},
    )
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        required=False,
        max_length=limits.STAFF_TEXT,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "继续不予公开的，写明原依据仍然成立的理由；部分公开的，写明仍需删减的内容及理由。"
        ),
    )

    def clean(self):
        data = super().clean()
        if "decision" in data:
            for field, message in decision_problems(
                decision=data["decision"], reason=data.get("reason", "")
            ).items():
                self.add_error(field, message)
        return data


class GroupDraftForm(forms.Form):
    applications = forms.CharField(widget=forms.HiddenInput)
    catalogue_item = forms.ModelChoiceField(
        label=gettext_lazy("公开目录事项"),
        queryset=AgencyItem.objects.none(),
        empty_label=None,
        error_messages={"required": gettext_lazy("请选择公开目录事项。")},
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue_item"].queryset = AgencyItem.objects.filter(
            catalogue__agency=agency
        ).applicable()

    def clean_applications(self) -> list[int]:
        try:
            return [int(value) for value in self.cleaned_data["applications"].split(",")]
        except ValueError as error:
            raise forms.ValidationError(_("申请编号有误。")) from error


# --- helpers -----------------------------------------------------------------------------


def _agency(request: HttpRequest, agency_pk: int) -> Agency:
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not access.can_view_review(request.user, agency):
        raise Http404  # another agency's review: not even its existence is shown
    return agency


def _review(request: HttpRequest, pk: int) -> YearlyReview:
    review = get_object_or_404(YearlyReview.objects.select_related("agency"), pk=pk)
    if not access.can_view_review(request.user, review.agency):
        raise Http404
    return review


def _year(value: str | None, today: datetime.date) -> int:
    try:
        year = int(value or today.year - 1)
    except ValueError:
        year = today.year - 1
    return year if today.year - YEARS_SHOWN < year <= today.year else today.year - 1


# --- pages -------------------------------------------------------------------------------


@staff_required
def review_home(request: HttpRequest) -> HttpResponse:
    """The reviews of the agencies the user reads, for one year."""
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today)
    agencies = Agency.objects.filter(
        pk__in=agency_access.readable_agency_ids(request.user)
    ).order_by("code")
    reviews = {r.agency_id: r for r in YearlyReview.objects.filter(agency__in=agencies, year=year)}
    rows = []
    for agency in agencies:
        review = reviews.get(agency.pk)
        rows.append(
            {
                "agency": agency,
                "review": review,
                "summary": services.review_summary([agency.pk], year) if review else None,
                "can_open": review is None and access.can_open_review(request.user, agency),
            }
        )
    return render(
        request,
        "console/yearly_review_home.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - YEARS_SHOWN, -1)),
            "rows": rows,
            "form": DueForm(),
        },
    )


@staff_required
@require_POST
def review_open(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    if not access.can_open_review(request.user, agency):
        raise PermissionDenied
    form = DueForm(request.POST)
    if form.is_valid():
        try:
            review = services.open_review(
                agency=agency, year=year, due_on=form.cleaned_data["due_on"], actor=request.user
            )
        except ReviewError as error:
            form.add_error("due_on" if error.field == "due_on" else None, error.message)
        else:
            messages.success(
                request, _("已发起自查，共列出%(count)d项。") % {"count": review.items.count()}
            )
            return redirect("console:yearly-review-detail", review.pk)
    today = timezone.localdate()
    return render(
        request,
        "console/yearly_review_open.html",
        {"agency": agency, "year": year, "form": form, "today": today},
        status=400,
    )


@staff_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review list with its filters, the summary, and the due date."""
    review = _review(request, pk)
    items = review.items.select_related("document", "application", "decided_by", "release_draft")
    kind = request.GET.get("kind", "")
    if kind in SourceKind.values:
        items = items.filter(source_kind=kind)
    else:
        kind = ""
    state = request.GET.get("decision", "")
    if state == UNDECIDED:
        items = items.filter(decision="")
    elif state in Decision.values:
        items = items.filter(decision=state)
    else:
        state = ""
    user = request.user
    return render(
        request,
        "console/yearly_review_detail.html",
        {
            "review": review,
            "items": items,
            "kinds": SourceKind.choices,
            "decisions": [(UNDECIDED, _("未作结论")), *Decision.choices],
            "kind": kind,
            "state": state,
            "summary": services.review_summary([review.agency_id], review.year),
            "row": review_row(review),
            "today": timezone.localdate(),
            "can_decide": access.can_decide(user, review.agency),
            "can_manage": access.can_open_review(user, review.agency),
            "due_form": DueForm(initial={"due_on": review.due_on}),
        },
    )


@staff_required
@require_POST
def review_due(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not access.can_open_review(request.user, review.agency):
        raise PermissionDenied
    form = DueForm(request.POST)
    if form.is_valid():
        try:
            services.change_due_on(
                review=review, due_on=form.cleaned_data["due_on"], actor=request.user
            )
        except ReviewError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("完成期限已修改。"))
    else:
        messages.error(request, _("请填写完成期限。"))
    return redirect("console:yearly-review-detail", review.pk)


@staff_required
@require_POST
def review_rebuild(request: HttpRequest, pk: int) -> HttpResponse:
    """List what the year gained since the review was opened (decisions stay)."""
    review = _review(request, pk)
    if not access.can_decide(request.user, review.agency):
        raise PermissionDenied
    added = services.build_items(review=review, actor=request.user)
    messages.success(request, _("已更新清单，新增%(count)d项。") % {"count": added})
    return redirect("console:yearly-review-detail", review.pk)


@staff_required
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: what was withheld and why, and the decision form."""
    item = get_object_or_404(
        ReviewItem.objects.select_related(
            "review__agency", "document", "application", "release_draft", "decided_by"
        ),
        pk=pk,
    )
    review = item.review
    if not access.can_view_review(request.user, review.agency):
        raise Http404
    can_decide = access.can_decide(request.user, review.agency)
    status = 200
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.decide_item(
                    item=item,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except ReviewError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if item.release_draft_id:
                    messages.success(
                        request, _("结论已保存，已生成公开草稿，请完善后提交审核发布。")
                    )
                else:
                    messages.success(request, _("结论已保存。"))
                return redirect("console:yearly-review-detail", review.pk)
        status = 400
    else:
        form = DecisionForm(
            initial={"decision": item.decision, "reason": item.reason} if item.decision else None
        )
    return render(
        request,
        "console/yearly_review_item.html",
        {"item": item, "review": review, "form": form, "can_decide": can_decide},
        status=status,
    )


@staff_required
def frequent_requests(request: HttpRequest, agency_pk: int) -> HttpResponse:
    """The year's applications grouped by what they asked for (条例第四十四条)."""
    agency = _agency(request, agency_pk)
    today = timezone.localdate()
    year = _year(request.GET.get("year") or str(today.year), today)
    groups = services.frequent_groups(agency, year)
    # Who may see applicants at all (foi.access): the agency's own staff, never masked less.
    roles = agency_access.roles_in(request.user, agency)
    shows_applicants = bool(roles & (PERSONAL_DATA_ROLES | MASKED_PERSONAL_DATA_ROLES))
    for entry in groups:
        entry.rows = [
            (application, _applicant_label(application, shown=shows_applicants))
            for application in entry.applications
        ]
        entry.form = GroupDraftForm(
            agency=agency,
            initial={"applications": ",".join(str(i) for i in entry.group.ids)},
        )
    return render(
        request,
        "console/frequent_requests.html",
        {
            "agency": agency,
            "year": year,
            "years": list(range(today.year, today.year - YEARS_SHOWN, -1)),
            "groups": groups,
            "min_applicants": MIN_APPLICANTS,
            "can_draft": access.can_draft_from_requests(request.user, agency),
        },
    )


@staff_required
@require_POST
def frequent_requests_draft(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    if not access.can_draft_from_requests(request.user, agency):
        raise PermissionDenied
    form = GroupDraftForm(request.POST, agency=agency)
    back = redirect(f"{_frequent_url(agency)}?year={year}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back
    try:
        draft = services.draft_from_group(
            agency=agency,
            year=year,
            application_ids=form.cleaned_data["applications"],
            catalogue_item=form.cleaned_data["catalogue_item"],
            actor=request.user,
        )
    except ReviewError as error:
        messages.error(request, error.message)
        return back
    messages.success(request, _("已生成主动公开草稿，请完善后提交审核发布。"))
    return redirect("console:document-detail", draft.document_id)


def _applicant_label(application, *, shown: bool) -> str:
    """The applicant, masked: a person's surname and 某, an organisation's name; nothing for
    those who may not see the applicant (foi.access: supervisors see the type only)."""
    if not shown:
        return hidden_applicant_name()
    if application.applicant_type != ApplicantType.NATURAL:
        return application.applicant_name
    return application.applicant_name.strip()[:1] + _("某")


def _frequent_url(agency: Agency) -> str:
    from django.urls import reverse

    return reverse("console:frequent-requests", args=[agency.pk])
