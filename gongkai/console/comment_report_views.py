"""Console review queue of reported comments (被举报的意见): for all the staff's consultations
and for one. Staff of the consultation's agency keep a comment public or hide it with a
reason shown publicly; the review also works after the consultation has closed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.console import consultation_forms as forms
from gongkai.console.consultation_views import _consultation_for
from gongkai.console.views import staff_required
from gongkai.participation import access
from gongkai.participation import comment_report_services as services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import Comment, CommentReport, Consultation

QUEUE_SIZE = 200


def _queue(comments):
    return list(
        comments.select_related(
            "clause",
            "consultation__agency",
            "consultation__draft",
            "consultation__feedback_document",
        )
        .prefetch_related(
            Prefetch("reports", queryset=CommentReport.objects.open(), to_attr="open_reports")
        )
        .order_by("consultation_id", "submitted_at", "id")[:QUEUE_SIZE]
    )


def _render(request: HttpRequest, comments: list[Comment], consultation: Consultation | None):
    reviewable = {
        c.consultation_id
        for c in comments
        if access.can_review_reports(request.user, c.consultation)
    }
    return render(
        request,
        "console/comment_report_list.html",
        {
            "consultation": consultation,
            "comments": comments,
            "reviewable": reviewable,
            "review_form": forms.ReviewReportForm(),
        },
    )


@staff_required
def reported_comments(request: HttpRequest) -> HttpResponse:
    """Every reported comment the user may read, open and closed consultations alike."""
    return _render(request, _queue(access.reported_comments_for_staff(request.user)), None)


@staff_required
def consultation_reports(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation_for(request, pk)
    comments = _queue(Comment.objects.reported().filter(consultation=consultation))
    return _render(request, comments, consultation)


@staff_required
@require_POST
def review_report(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    consultation = _consultation_for(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, consultation=consultation)
    if not access.can_review_reports(request.user, consultation):
        raise PermissionDenied
    form = forms.ReviewReportForm(request.POST)
    try:
        if not form.is_valid():
            raise ParticipationError(_("请选择复核结果。"))
        services.review_reported_comment(
            comment=comment,
            actor=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except ParticipationError as exc:
        messages.error(request, exc.message)
    else:
        if form.cleaned_data["decision"] == "keep":
            messages.success(request, _("已复核：该意见继续公开。"))
        else:
            messages.success(request, _("已复核：该意见已隐藏，公开页面显示隐藏理由。"))
    if request.POST.get("back") == "all":
        return redirect("console:reported-comments")
    return redirect(reverse("console:consultation-reports", args=[pk]))
