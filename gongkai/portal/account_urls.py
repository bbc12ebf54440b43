"""URL patterns added to the namespace of the including module (see its urls.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.portal import account_views

urlpatterns: list = [
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/signup/sent/", account_views.signup_sent, name="signup-sent"),
    path(
        "accounts/signup/confirm/<str:token>/",
        account_views.signup_confirm,
        name="signup-confirm",
    ),
    path("accounts/login/", account_views.login_view, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="portal:home"), name="logout"),
    path("accounts/password-reset/", account_views.password_reset, name="password-reset"),
    path(
        "accounts/password-reset/sent/",
        account_views.password_reset_done,
        name="password-reset-done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account_views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "accounts/reset/done/",
        account_views.password_reset_complete,
        name="password-reset-complete",
    ),
]
