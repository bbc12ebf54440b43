"""Bulk entry of enforcement decisions (added to the console's urls: names console:…)."""

from django.urls import path

from gongkai.console import enforcement_import_views as views

urlpatterns = [
    path("enforcement/import/", views.import_decisions, name="enforcement-import"),
    path(
        "enforcement/import/<str:kind>-template.xlsx",
        views.import_template,
        name="enforcement-import-template",
    ),
    path("enforcement/export/", views.export_decisions, name="enforcement-export"),
]
