"""邮件订阅 pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import subscription_views as views

urlpatterns = [
    path("subscriptions/", views.subscription_counts, name="subscription-counts"),
]
