"""Consultation pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import consultation_views as views

urlpatterns = [
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/new/", views.consultation_create, name="consultation-create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation-edit"),
    path("consultations/<int:pk>/action/", views.consultation_action, name="consultation-action"),
]
