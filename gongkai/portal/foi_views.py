"""Public pages of information applications: apply, receipt, progress. Applicants' personal
data is never shown here; the progress page shows states and dates only."""

from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.foi import obligations, services
from gongkai.foi.errors import FoiError
from gongkai.foi.letters import LetterError, letter_text, pdf_available, render_docx, render_pdf
from gongkai.foi.models import Application
from gongkai.foi.progress import (
    applicant_letters,
    applicant_steps,
    next_step,
    public_steps,
    secret_matches,
)
from gongkai.http.ratelimit import (
    count_progress_check,
    limit_submissions,
    too_many_requests,
)
from gongkai.obligations import ledger
from gongkai.portal.foi_forms import OnlineApplicationForm, ProgressForm
from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.ratelimits.form_tokens import submit_once
from gongkai.workdays.errors import WorkdaysError


@never_cache
@limit_submissions("foi-apply")
def apply(request: HttpRequest) -> HttpResponse:
    """The online application form (no account needed); the same form sent twice files one
    application and shows its receipt."""
    initial = {}
    if request.GET.get("agency"):
        initial["agency"] = request.GET["agency"]
    form = OnlineApplicationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("id_copy")
        try:
            query_code, _first = submit_once(
                data["once"],
                "foi-apply",
                lambda: (
                    services.submit_online(
                        agency=data["agency"],
                        values=data,
                        id_copy=(upload.name, upload.read()) if upload else None,
                        account=request.user,
                    ).query_code
                ),
            )
        except FoiError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            request.session["foi_receipt"] = query_code
            return redirect("portal:foi-receipt")
    return render(request, "portal/foi_apply.html", {"form": form})


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt with the query code, shown once to the person who just applied."""
    code = request.session.get("foi_receipt")
    if not code:
        raise Http404
    application = get_object_or_404(Application, query_code=code)
    return render(
        request, "portal/foi_receipt.html", {"application": application, **_clock(application)}
    )


def _clock(application: Application) -> dict:
    try:
        return {"reading": services.read_clock(application)}
    except WorkdaysError as exc:
        return {"clock_problem": exc.message}


@never_cache
def progress(request: HttpRequest) -> HttpResponse:
    """Progress of an application for whoever has its query code and phone or ID number.

    Only by POST, so the phone or ID number never appears in a URL; every check counts
    against the client's and the code's limits (gongkai.http.ratelimit)."""
    if request.method == "POST":
        try:
            count_progress_check(request, request.POST.get("query_code", ""))
        except RateLimitExceeded as exc:
            return too_many_requests(request, exc)
    form = ProgressForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        application = (
            Application.objects.filter(query_code=form.cleaned_data["query_code"].strip().upper())
            .select_related("agency")
            .first()
        )
        if application is None or not secret_matches(application, form.cleaned_data["secret"]):
            form.add_error(None, _("查询码与联系电话或证件号码不匹配。"))
        else:
            _remember_checked(request, application)
            # The due date is the obligations ledger's, as on the console and in supervision.
            duty = ledger.duty_of(obligations.REPLY, application)
            due_on = duty.due_on if duty and application.is_open else None
            context.update(
                application=application,
                history=public_steps(application),
                steps=applicant_steps(application),
                due_on=due_on,
                due_is_provisional=bool(duty and duty.is_provisional),
                next_step=next_step(application, due_on=due_on),
                letters=_letter_links(application),
                **_clock(application),
            )
    return render(request, "portal/foi_progress.html", context)


# Letters are downloaded through links that name no application: a signed, short-lived token,
# honoured only in the session that passed the query code and phone or ID check.
LETTER_SALT = "portal.foi-letter"
LETTER_LINK_SECONDS = 30 * 60
CHECKED_SESSION_KEY = "foi_progress_checked"
CHECKED_KEPT = 20
LETTER_CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _remember_checked(request: HttpRequest, application: Application) -> None:
    checked = [pk for pk in request.session.get(CHECKED_SESSION_KEY, []) if pk != application.pk]
    request.session[CHECKED_SESSION_KEY] = [*checked, application.pk][-CHECKED_KEPT:]


def _letter_links(application: Application) -> list[dict]:
    formats = ["docx", "pdf"] if pdf_available() else ["docx"]
    return [
        {
            "kind": kind,
            "links": [
                (
                    fmt,
                    reverse(
                        "portal:foi-letter",
                        args=[
                            signing.dumps(
                                {"a": application.pk, "k": str(kind), "f": fmt}, salt=LETTER_SALT
                            )
                        ],
                    ),
                )
                for fmt in formats
            ],
        }
        for kind in applicant_letters(application)
    ]


@never_cache
def letter_download(request: HttpRequest, token: str) -> HttpResponse:
    """A letter issued to the applicant, for the session that passed the progress check."""
    try:
        signed = signing.loads(token, salt=LETTER_SALT, max_age=LETTER_LINK_SECONDS)
    except signing.BadSignature:
        raise Http404 from None
    if signed["a"] not in request.session.get(CHECKED_SESSION_KEY, []):
        raise Http404
    application = get_object_or_404(Application.objects.select_related("agency"), pk=signed["a"])
    if signed["k"] not in applicant_letters(application):
        raise Http404
    try:
        letter = letter_text(application, signed["k"])
    except LetterError:
        raise Http404 from None
    data = render_pdf(letter) if signed["f"] == "pdf" else render_docx(letter)
    if data is None:
        raise Http404  # no PDF on this server
    response = HttpResponse(data, content_type=LETTER_CONTENT_TYPES[signed["f"]])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{letter.number}-{letter.title}.{signed['f']}"
    )
    return response


@never_cache
def my_applications(request: HttpRequest) -> HttpResponse:
    """Every application the signed-in citizen filed while signed in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url="portal:login")
    applications = Application.objects.filter(applicant_user=request.user).select_related("agency")
    return render(request, "portal/foi_mine.html", {"applications": applications})
