"""Public pages of information applications: apply, receipt, progress. Applicants' personal
data is never shown here; the progress page shows states and dates only."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.foi import services
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Application
from gongkai.foi.progress import public_steps, secret_matches
from gongkai.http.ratelimit import (
    count_progress_check,
    limit_submissions,
    too_many_requests,
)
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
    form = OnlineApplicationForm(request.POST or None, request.FILES or None, initial=initial)
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
    form = ProgressForm(request.POST or None)
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
            context.update(
                application=application,
                steps=public_steps(application),
                **_clock(application),
            )
    return render(request, "portal/foi_progress.html", context)


@never_cache
def my_applications(request: HttpRequest) -> HttpResponse:
    """Every application the signed-in citizen filed while signed in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url="portal:login")
    applications = Application.objects.filter(applicant_user=request.user).select_related("agency")
    return render(request, "portal/foi_mine.html", {"applications": applications})
