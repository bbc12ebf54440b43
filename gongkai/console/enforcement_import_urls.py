"""Bulk entry of enforcement decisions (added to the console's urls: names console:…)."""

from django.urls import path

from gongkai.console import enforcement_import_views as views

urlpatterns = [
    path("decisions/import/", views.import_decisions, name="enforcement-import"),
    path(
        "decisions/import/<str:kind>-template.xlsx",
        views.import_template,
        name="enforcement-import-template",
    ),
    path("decisions/export/", views.export_decisions, name="enforcement-export"),
]
