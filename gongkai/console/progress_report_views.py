"""Console pages of the half-yearly progress reports: the agency writes and submits its own;
the agency above sees who has reported and accepts or returns each report."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import limits
from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Role
from gongkai.console.views import staff_required
from gongkai.limits import REASON
from gongkai.supervision import progress_services as services
from gongkai.supervision.progress_models import ProgressReport, ReportStatus


class ReportForm(forms.ModelForm):
    class Meta:
        # Text fields get their maxima from gongkai/limits.py, like every form's.
        formfield_callback = limits.model_form_field
        model = ProgressReport
        fields = list(services.EDITABLE_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 6}) for name in ("work_done", "problems", "plans")
        }
        help_texts = {
            "work_done": gettext_lazy(
                "本期主动公开、依申请公开、政策解读、互动回应、平台建设等工作的开展情况和数据。"
            ),
            "contact_name": gettext_lazy("本机关政务公开工作联系人（联系信息表），每期更新。"),
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审核结论"),
        choices=[("accept", gettext_lazy("通过")), ("return", gettext_lazy("退回修改"))],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=gettext_lazy("审核意见"),
        required=False,
        max_length=REASON,
        help_text=gettext_lazy("退回时必填。"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _report(request: HttpRequest, pk: int) -> ProgressReport:
    report = get_object_or_404(ProgressReport.objects.select_related("agency"), pk=pk)
    if not agency_access.can_read_agency(request.user, report.agency):
        raise Http404
    return report


@staff_required
def progress_report_list(request: HttpRequest) -> HttpResponse:
    """My agencies' reports, and the subordinates' reports of the last periods."""
    user = request.user
    writable = [
        a.pk
        for a in agency_access.member_agencies(user)
        if agency_access.has_role(user, a, Role.ADMIN, Role.PUBLISHER)
    ]
    mine = ProgressReport.objects.filter(agency_id__in=writable).select_related("agency")[:20]
    supervised_ids = agency_access.supervised_agency_ids(user)
    periods = list(
        ProgressReport.objects.filter(agency_id__in=supervised_ids)
        .order_by("-year", "-half")
        .values_list("year", "half")
        .distinct()[:2]
    )
    overview = [
        {
            "period": ProgressReport(year=year, half=half).period,
            "reports": ProgressReport.objects.filter(
                agency_id__in=supervised_ids, year=year, half=half
            )
            .select_related("agency")
            .order_by("status", "agency__code"),
        }
        for year, half in periods
    ]
    return render(
        request,
        "console/progress_report_list.html",
        {"mine": mine, "overview": overview, "Status": ReportStatus},
    )


@staff_required
def progress_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Write, submit, and review one report (each action audited)."""
    report = _report(request, pk)
    can_write = services.can_write(request.user, report)
    can_review = services.can_review(request.user, report)
    editable = can_write and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    form = ReportForm(instance=report)
    review_form = ReviewForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("save", "submit"):
                if not editable:
                    raise PermissionDenied
                form = ReportForm(request.POST, instance=ProgressReport.objects.get(pk=report.pk))
                if form.is_valid():
                    services.save_report(
                        report=report, actor=request.user, values=form.cleaned_data
                    )
                    if action == "submit":
                        services.submit_report(report=report, actor=request.user)
                        messages.success(request, _("报告已报送上级机关。"))
                    else:
                        messages.success(request, _("已保存。"))
                    return redirect("console:progress-report-detail", pk=report.pk)
            elif action == "review":
                if not can_review:
                    raise PermissionDenied
                review_form = ReviewForm(request.POST)
                if review_form.is_valid():
                    services.review_report(
                        report=report,
                        actor=request.user,
                        accept=review_form.cleaned_data["decision"] == "accept",
                        comments=review_form.cleaned_data["comments"],
                    )
                    messages.success(request, _("审核结果已保存。"))
                    return redirect("console:progress-report-detail", pk=report.pk)
            else:
                raise PermissionDenied
        except services.ProgressReportError as exc:
            target = review_form if action == "review" else form
            field = exc.field if exc.field in target.fields else None
            target.add_error(field, exc.message)
    return render(
        request,
        "console/progress_report_detail.html",
        {
            "report": report,
            "form": form,
            "review_form": review_form,
            "editable": editable,
            "can_review": can_review and report.status == ReportStatus.SUBMITTED,
        },
    )
