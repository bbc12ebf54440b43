"""预决算公开 pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import budget_views as views

urlpatterns = [
    path("agencies/<str:code>/budgets/", views.agency_budgets, name="agency-budgets"),
    path(
        "agencies/<str:code>/budgets/<int:year>/<str:kind>/",
        views.budget_table,
        name="budget-table",
    ),
    path(
        "agencies/<str:code>/budgets/<int:year>/<str:kind>/sangong/",
        views.budget_sangong,
        name="budget-sangong",
    ),
]
