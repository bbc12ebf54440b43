"""民意调查 and hearing pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import hearing_views, survey_views

urlpatterns = [
    path("surveys/", survey_views.survey_list, name="survey-list"),
    path("surveys/new/", survey_views.survey_create, name="survey-create"),
    path("surveys/<int:pk>/", survey_views.survey_detail, name="survey-detail"),
    path("surveys/<int:pk>/edit/", survey_views.survey_edit, name="survey-edit"),
    path("surveys/<int:pk>/questions/", survey_views.survey_questions, name="survey-questions"),
    path("surveys/<int:pk>/state/", survey_views.survey_state, name="survey-state"),
    path("surveys/<int:pk>/codes/", survey_views.survey_codes, name="survey-codes"),
    path("surveys/<int:pk>/review/", survey_views.survey_review, name="survey-review"),
    path("surveys/<int:pk>/publish/", survey_views.survey_publish, name="survey-publish"),
    path("surveys/<int:pk>/export.csv", survey_views.survey_export, name="survey-export"),
    path(
        "consultations/<int:pk>/hearings/new/",
        hearing_views.hearing_create,
        name="hearing-create",
    ),
    path("hearings/<int:pk>/", hearing_views.hearing_detail, name="hearing-detail"),
    path("hearings/<int:pk>/action/", hearing_views.hearing_action, name="hearing-action"),
]
