"""URL patterns added to the namespace of the including module (see its urls.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.console import account_views

urlpatterns: list = [
    path("login/", account_views.login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", account_views.password_reset, name="password-reset"),
    path("password-reset/sent/", account_views.password_reset_done, name="password-reset-done"),
    path(
        "reset/<uidb64>/<token>/",
        account_views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("reset/done/", account_views.password_reset_complete, name="password-reset-complete"),
    path("two-factor/", account_views.two_factor_verify, name="two-factor-verify"),
    path("two-factor/enrol/", account_views.two_factor_enrol, name="two-factor-enrol"),
    path("account/", account_views.account_security, name="account-security"),
    path(
        "agencies/<int:pk>/two-factor/",
        account_views.agency_two_factor,
        name="agency-two-factor",
    ),
]
