"""Staff accounts: sign in, reset a forgotten password, the second factor (enter a code, enrol
an authenticator, see what is set up), and an agency administrator's two-factor rule."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from gongkai.accounts import access, second_factor
from gongkai.accounts.errors import SecondFactorError
from gongkai.accounts.forms import StaffPasswordResetForm, StaffSignInForm
from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Agency
from gongkai.agencies.services import set_two_factor_requirement
from gongkai.console.account_forms import CodeForm, TwoFactorRequirementForm
from gongkai.http.ratelimit import limit_submissions


def _staff_only(request: HttpRequest) -> None:
    if not access.is_staff_account(request.user):
        raise PermissionDenied


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("console:dashboard")


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator, or a recovery code."""
    _staff_only(request)
    if request.user.is_verified() or not user_has_device(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify_code(request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error("code", _("验证码不正确或已用过，请稍后重试。"))
        else:
            otp_login(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = second_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    _("您使用了一个恢复码，还剩 %(left)s 个。请尽快在“账号安全”中重新绑定验证器。")
                    % {"left": left},
                )
            return redirect(_next_url(request))
    return render(
        request, "console/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Bind an authenticator app: scan the code, confirm one code, keep the recovery codes."""
    _staff_only(request)
    if user_has_device(request.user) and not request.user.is_verified():
        # Replacing a device needs the old one: the password alone must not be enough.
        return redirect(f"{reverse('console:two-factor-verify')}?next={request.path}")
    device = second_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.confirm_enrolment(
                device, form.cleaned_data["code"], actor=request.user
            )
        except SecondFactorError as exc:
            form.add_error("code", exc.message)
        else:
            otp_login(request, device)
            return render(
                request,
                "console/two_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
    context = {
        "form": form,
        "secret": second_factor.secret_of(device),
        "qr_code": second_factor.qr_code_data_uri(device.config_url),
        "required": access.agency_requires_second_factor(request.user),
        "next": _next_url(request),
    }
    return render(request, "console/two_factor_enrol.html", context)


@never_cache
@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    """What protects my account, and the two-factor rule of the agencies I administer."""
    _staff_only(request)
    managed = [
        (
            agency,
            TwoFactorRequirementForm(
                prefix=f"agency-{agency.pk}",
                initial={"requires_two_factor": agency.requires_two_factor},
            ),
        )
        for agency in agency_access.member_agencies(request.user)
        if agency_access.can_manage_agency(request.user, agency)
    ]
    context = {
        "enrolled": user_has_device(request.user),
        "required": access.agency_requires_second_factor(request.user),
        "recovery_codes_left": second_factor.recovery_codes_left(request.user),
        "managed": managed,
    }
    return render(request, "console/account_security.html", context)


@require_POST
@login_required
def agency_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    """An agency administrator turns the second factor on or off for the agency's staff."""
    agency = get_object_or_404(Agency, pk=pk)
    if not agency_access.can_manage_agency(request.user, agency):
        raise PermissionDenied
    form = TwoFactorRequirementForm(request.POST, prefix=f"agency-{agency.pk}")
    if form.is_valid():
        required = form.cleaned_data["requires_two_factor"]
        set_two_factor_requirement(agency=agency, required=required, actor=request.user)
        if required:
            messages.success(request, _("已要求本机关工作人员登录时两步验证。"))
        else:
            messages.success(request, _("已取消本机关工作人员的两步验证要求。"))
    return redirect("console:account-security")


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in through the console's page, so its throttling and second factor
    apply there too."""
    return redirect_to_login(_next_url(request), login_url=reverse("console:login"))


login_view = auth_views.LoginView.as_view(
    template_name="console/login.html", authentication_form=StaffSignInForm
)
password_reset = limit_submissions("password-reset")(
    auth_views.PasswordResetView.as_view(
        form_class=StaffPasswordResetForm,
        template_name="console/password_reset_form.html",
        email_template_name="console/password_reset_email.txt",
        subject_template_name="console/password_reset_subject.txt",
        success_url=reverse_lazy("console:password-reset-done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="console/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="console/password_reset_confirm.html",
    success_url=reverse_lazy("console:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="console/password_reset_complete.html"
)
