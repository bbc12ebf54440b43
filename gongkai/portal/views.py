from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

LARGE_TEXT_COOKIE_AGE = 365 * 24 * 3600


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {})


@require_POST
def display_preference(request: HttpRequest) -> HttpResponse:
    """Large-text (适老化) mode, remembered per visitor in a cookie; works without JavaScript."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    if request.POST.get("large_text") == "1":
        response.set_cookie("large_text", "1", max_age=LARGE_TEXT_COOKIE_AGE, samesite="Lax")
    else:
        response.delete_cookie("large_text")
    return response
