"""Public URLs of e-mail subscriptions (gongkai/subscriptions)."""

from django.urls import path

from gongkai.portal import subscription_views as views

urlpatterns = [
    path("subscriptions/new/", views.subscribe, name="subscription-new"),
    path("subscriptions/sent/", views.sent, name="subscription-sent"),
    path("subscriptions/case/", views.case_notice, name="subscription-case"),
    path("subscriptions/confirm/<str:value>/", views.confirm, name="subscription-confirm"),
    path("subscriptions/manage/<str:value>/", views.manage, name="subscription-manage"),
    path(
        "subscriptions/unsubscribe/<str:value>/",
        views.unsubscribe,
        name="subscription-unsubscribe",
    ),
]
