"""Public pages of consultations on drafts: the list, one consultation with its clauses, the
comment form, the published comments and, once published, the feedback on how they were
used. Commenters' contact details never appear here."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import validate_email
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.charts.svg import Series, bar_chart, proportion_chart
from gongkai.documents.models import Attribute, Status
from gongkai.http.client_ip import client_ip
from gongkai.http.params import parse_id
from gongkai.http.ratelimit import limit_submissions
from gongkai.participation import comment_report_services as report_services
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation import consultations as rules
from gongkai.participation.errors import AlreadyReported, ParticipationError
from gongkai.participation.models import (
    Comment,
    Consultation,
    ConsultationStatus,
    ContactRule,
    Disposition,
    Moderation,
    ModerationStatus,
)
from gongkai.portal.one_time_forms import OneTimeForm
from gongkai.portal.plain_forms import PlainErrors, normalise_phone
from gongkai.ratelimits.form_tokens import submit_once

PAGE_SIZE = 20


class CommentForm(PlainErrors, OneTimeForm):
    clause = forms.TypedChoiceField(
        label=gettext_lazy("针对条款"), coerce=int, empty_value=None, required=False
    )
    body = forms.CharField(
        label=gettext_lazy("您的意见"),
        max_length=comment_services.MAX_COMMENT_CHARS,
        error_messages=limits.TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    commenter_name = forms.CharField(
        label=gettext_lazy("姓名或单位"), max_length=100, required=False
    )
    contact = forms.CharField(
        label=gettext_lazy("联系方式（电话或电子邮箱，不公开）"), max_length=200, required=False
    )

    def __init__(self, *args, consultation: Consultation, clauses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [
            ("", _("对征求意见稿整体")),
            *[(c.pk, c.heading or _("第%(n)d部分") % {"n": c.number}) for c in clauses],
        ]
        if consultation.name_rule == ContactRule.REQUIRED:
            self.fields["commenter_name"].required = True
        if consultation.contact_rule == ContactRule.REQUIRED:
            self.fields["contact"].required = True

    def clean_contact(self) -> str:
        """A phone number (normalised) or an e-mail address, so staff can reach the writer."""
        contact = self.cleaned_data["contact"]
        if not contact:
            return contact
        if "@" in contact:
            try:
                validate_email(contact)
            except ValidationError:
                raise ValidationError(
                    _("电子邮箱格式不正确，应如 name@example.com。"), code="invalid"
                ) from None
            return contact
        return normalise_phone(contact)


class ReportForm(PlainErrors, forms.Form):
    reason = forms.CharField(label=gettext_lazy("举报理由"), max_length=300)


def _public_consultations():
    return (
        Consultation.objects.published()
        .filter(draft__status=Status.PUBLISHED, draft__attribute=Attribute.PROACTIVE)
        .select_related("agency", "draft", "feedback_document")
    )


def _feedback_is_public(consultation: Consultation) -> bool:
    record = consultation.feedback_document
    return (
        record is not None
        and record.status == Status.PUBLISHED
        and record.attribute == Attribute.PROACTIVE
    )


def consultation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    consultations = _public_consultations().annotate(
        public_comments=Count("comments", filter=Q(comments__moderation_status="published"))
    )
    agency = None
    code = request.GET.get("agency", "")
    if code:
        agency = Agency.objects.active().filter(code=code).first()
        if agency is not None:
            consultations = consultations.filter(agency=agency)
    state = request.GET.get("state", "")
    if state == "open":
        consultations = consultations.open_on(today)
    elif state == "feedback":
        consultations = consultations.with_public_feedback()
    page = Paginator(consultations.order_by("-opens_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    with_feedback = _public_consultations().with_public_feedback()
    if agency is not None:
        with_feedback = with_feedback.filter(agency=agency)
    by_year = services.adoption_by_year(with_feedback)
    adoption_chart = bar_chart(
        _("各年度公开意见的采纳情况"),
        [str(year) for year in by_year],
        [
            Series(str(label), [counts[value] for counts in by_year.values()])
            for value, label in Disposition.choices
        ],
        stacked=True,
        unit=_("条"),
    )
    return render(
        request,
        "portal/consultation_list.html",
        {
            "page": page,
            "today": today,
            "state": state,
            "agency": agency,
            "adoption_chart": adoption_chart,
        },
    )


@never_cache
@limit_submissions("comment")
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(_public_consultations(), pk=pk)
    clauses = list(consultation.clauses.all())
    today = timezone.localdate()
    accepts = consultation.status == ConsultationStatus.OPEN and rules.accepts_comments_on(
        today, opens_on=consultation.opens_on, closes_on=consultation.closes_on
    )
    initial = {}
    if (clause := parse_id(request.GET.get("clause"))) is not None:
        initial["clause"] = clause
    form = CommentForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        consultation=consultation,
        clauses=clauses,
    )
    if request.method == "POST":
        if not accepts:
            form.add_error(None, _("该征求意见不在征求期内，不能提交意见。"))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                # The same form sent twice files one comment (and thanks once more).
                submit_once(
                    data["once"],
                    "comment",
                    lambda: str(
                        comment_services.submit_comment(
                            consultation=consultation,
                            body=data["body"],
                            clause=next((c for c in clauses if c.pk == data["clause"]), None),
                            commenter_name=data["commenter_name"],
                            contact=data["contact"],
                        ).pk
                    ),
                )
            except ParticipationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    {
                        Moderation.BEFORE: _("您的意见已提交，经审核后公开。感谢您的参与！"),
                        Moderation.AFTER: _("您的意见已提交并公开。感谢您的参与！"),
                        Moderation.NEVER: _(
                            "您的意见已提交，本次征求意见不公开意见内容。感谢您的参与！"
                        ),
                    }[consultation.moderation],
                )
                return redirect("portal:consultation-detail", pk=pk)
    public_comments = list(
        Comment.objects.shown_publicly()
        .filter(consultation=consultation)
        .select_related("clause")
        .order_by("submitted_at", "id")
    )
    by_clause: dict[int | None, list[Comment]] = {}
    for comment in public_comments:
        by_clause.setdefault(comment.clause_id, []).append(comment)
    feedback, adoption_chart = None, None
    if _feedback_is_public(consultation):
        feedback = services.get_feedback(consultation)
        adoption_chart = proportion_chart(
            _("意见采纳情况"),
            [(str(label), feedback.counts.get(value, 0)) for value, label in Disposition.choices],
        )
    return render(
        request,
        "portal/consultation_detail.html",
        {
            "consultation": consultation,
            "clauses": [(c, by_clause.get(c.pk, [])) for c in clauses],
            "general_comments": by_clause.get(None, []),
            "comment_count": sum(1 for c in public_comments if not c.is_hidden),
            "accepts": accepts,
            "not_yet_open": today < consultation.opens_on,
            "form": form,
            "report_form": ReportForm(),
            "feedback": feedback,
            "adoption_chart": adoption_chart,
            "period_days": rules.period_days(consultation.opens_on, consultation.closes_on),
            "short_period": rules.is_short_period(
                consultation.opens_on,
                consultation.closes_on,
                consultation.agency.consultation_minimum_days,
            ),
            "final_document": consultation.final_document
            if consultation.final_document_id
            and consultation.final_document.status == Status.PUBLISHED
            and consultation.final_document.attribute == Attribute.PROACTIVE
            else None,
        },
    )


def _visitor_session_key(request: HttpRequest) -> str:
    # An anonymous visitor may have no session yet: the report needs one to tell visitors
    # apart (together with the address).
    if request.session.session_key is None:
        request.session.save()
    return request.session.session_key or ""


@require_POST
@limit_submissions("comment-report")
def comment_report(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """Anyone may report a published comment once; it stays public until staff review it."""
    consultation = get_object_or_404(_public_consultations(), pk=pk)
    comment = Comment.objects.filter(
        pk=comment_pk, consultation=consultation, moderation_status=ModerationStatus.PUBLISHED
    ).first()
    if comment is None:
        raise Http404
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请说明举报理由。"))
    else:
        try:
            report_services.report_comment(
                comment=comment,
                reason=form.cleaned_data["reason"],
                ip=client_ip(request),
                session_key=_visitor_session_key(request),
            )
        except AlreadyReported as exc:
            messages.info(request, exc.message)
        except ParticipationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("感谢举报。工作人员将复核这条意见；复核前它仍会显示。"))
    return redirect(reverse("portal:consultation-detail", args=[pk]) + f"#c{comment.pk}")
