"""Public accounts: sign up by e-mail, sign in, reset a forgotten password. The rules are in
gongkai.accounts; these views parse, call one function and render."""

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from gongkai.accounts.errors import SignupLinkInvalid
from gongkai.accounts.signup import create_public_account, email_from_token, request_public_account
from gongkai.http.ratelimit import limit_submissions
from gongkai.portal.account_forms import (
    ChoosePasswordForm,
    PortalPasswordResetForm,
    PortalSetPasswordForm,
    PortalSignInForm,
    SignupForm,
)

BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
@limit_submissions("signup")
def signup(request: HttpRequest) -> HttpResponse:
    """An optional public account, only to see one's own applications together."""
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        # The same answer for every address: whether it has an account is only in the mail.
        request_public_account(email, site=request.build_absolute_uri("/").rstrip("/"))
        request.session["signup_email"] = email
        return redirect("portal:signup-sent")
    return render(request, "portal/signup.html", {"form": form})


@never_cache
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/signup_sent.html", {"email": request.session.get("signup_email")}
    )


@never_cache
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the sign-up mail: choose a password, and the account exists."""
    try:
        email = email_from_token(token)
    except SignupLinkInvalid as exc:
        return render(request, "portal/signup_confirm.html", {"problem": exc.message}, status=400)
    form = ChoosePasswordForm(request.POST if request.method == "POST" else None, email=email)
    if request.method == "POST" and form.is_valid():
        try:
            user = create_public_account(token, password=form.cleaned_data["password1"])
        except SignupLinkInvalid as exc:
            return render(request, "portal/signup_confirm.html", {"problem": exc.message})
        login(request, user, backend=BACKEND)
        return redirect("portal:foi-mine")
    return render(request, "portal/signup_confirm.html", {"form": form, "email": email})


login_view = auth_views.LoginView.as_view(
    template_name="portal/login.html", authentication_form=PortalSignInForm
)
password_reset = limit_submissions("password-reset")(
    auth_views.PasswordResetView.as_view(
        form_class=PortalPasswordResetForm,
        template_name="portal/password_reset_form.html",
        email_template_name="portal/password_reset_email.txt",
        subject_template_name="portal/password_reset_subject.txt",
        success_url=reverse_lazy("portal:password-reset-done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="portal/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="portal/password_reset_confirm.html",
    form_class=PortalSetPasswordForm,
    success_url=reverse_lazy("portal:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="portal/password_reset_complete.html"
)
