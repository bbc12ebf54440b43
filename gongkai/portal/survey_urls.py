"""Survey and hearing pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import hearing_views, survey_views

urlpatterns = [
    path("surveys/", survey_views.survey_list, name="surveys"),
    path("surveys/<int:pk>/", survey_views.survey_detail, name="survey-detail"),
    path(
        "consultations/<int:pk>/hearings/<int:hearing_pk>/",
        hearing_views.hearing_detail,
        name="hearing-detail",
    ),
    path(
        "consultations/<int:pk>/hearings/<int:hearing_pk>/draw.json",
        hearing_views.hearing_draw,
        name="hearing-draw",
    ),
]
