"""Consultation pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import comment_report_views as report_views
from gongkai.console import consultation_views as views

urlpatterns = [
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/new/", views.consultation_create, name="consultation-create"),
    path("consultations/reports/", report_views.reported_comments, name="reported-comments"),
    path(
        "consultations/<int:pk>/reports/",
        report_views.consultation_reports,
        name="consultation-reports",
    ),
    path(
        "consultations/<int:pk>/reports/<int:comment_pk>/review/",
        report_views.review_report,
        name="consultation-report-review",
    ),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation-edit"),
    path("consultations/<int:pk>/action/", views.consultation_action, name="consultation-action"),
]
