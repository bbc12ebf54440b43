"""The two request-wide account rules, each in one place:

- SecondFactorMiddleware: in the console and the admin, a signed-in person who must prove a
  second factor (accounts.access.needs_second_factor) reaches only the sign-in, sign-out,
  password-reset and second-factor pages until they have: they are sent to enter a code, or to
  enrol if their agency demands it and they have no device yet.
- StaffSessionMiddleware: a staff session ends after STAFF_SESSION_IDLE_MINUTES without a
  request (staff_sessions.py: at most once a minute, a request moves the end); public sessions
  keep SESSION_COOKIE_AGE.

Both come after django_otp's OTPMiddleware, which tells whether the session is verified.
"""

from django.contrib.auth import SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

from gongkai.accounts import access, staff_sessions

GUARDED_NAMESPACES = {"console", "admin"}
OPEN_VIEWS = {
    "login",
    "logout",
    "password-reset",
    "password-reset-done",
    "password-reset-confirm",
    "password-reset-complete",
    "two-factor-verify",
    "two-factor-enrol",
}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not (set(match.namespaces) & GUARDED_NAMESPACES):
            return None
        if match.url_name in OPEN_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not access.needs_second_factor(user):
            return None
        target = (
            "console:two-factor-verify" if user_has_device(user) else "console:two-factor-enrol"
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view, so that the request that signs a staff member in sets it too.
        # Only sessions that carry a sign-in: an API request's token user has none to extend.
        user = getattr(request, "user", None)
        signed_in = SESSION_KEY in getattr(request, "session", {})
        if signed_in and user.is_authenticated and access.is_staff_account(user):
            staff_sessions.move_end(request.session)
        return response
