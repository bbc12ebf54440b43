"""预决算 pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import budget_views as views

urlpatterns = [
    path("budgets/", views.table_list, name="budget-table-list"),
    path("budgets/new/", views.table_create, name="budget-table-create"),
    path("budgets/import/", views.table_import, name="budget-table-import"),
    path(
        "budgets/import/template.xlsx",
        views.table_import_template,
        name="budget-table-import-template",
    ),
    path("budgets/<int:pk>/", views.table_detail, name="budget-table-detail"),
    path("budgets/<int:pk>/edit/", views.table_edit, name="budget-table-edit"),
    path("budgets/<int:pk>/action/", views.table_action, name="budget-table-action"),
]
