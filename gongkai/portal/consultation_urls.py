"""Consultation pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import consultation_views as views
from gongkai.portal.consultation_feeds import ConsultationsFeed

urlpatterns = [
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path(
        "consultations/<int:pk>/comments/<int:comment_pk>/report/",
        views.comment_report,
        name="consultation-comment-report",
    ),
    path("feeds/consultations/", ConsultationsFeed(), name="feed-consultations"),
]
