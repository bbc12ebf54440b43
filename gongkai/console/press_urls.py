"""新闻发布 pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import press_views as views

urlpatterns = [
    path("press/", views.press_home, name="press"),
    path("press/spokespeople/new/", views.spokesperson_create, name="press-spokesperson-create"),
    path("press/spokespeople/<int:pk>/", views.spokesperson_edit, name="press-spokesperson"),
    path("press/events/new/", views.event_create, name="press-event-create"),
    path("press/events/<int:pk>/", views.event_detail, name="press-event"),
    path("press/events/<int:pk>/edit/", views.event_edit, name="press-event-edit"),
    path("press/events/<int:pk>/announce/", views.event_announce, name="press-event-announce"),
    path(
        "press/events/<int:pk>/close-questions/",
        views.event_close_questions,
        name="press-event-close-questions",
    ),
    path("press/events/<int:pk>/hold/", views.event_hold, name="press-event-hold"),
    path("press/events/<int:pk>/cancel/", views.event_cancel, name="press-event-cancel"),
    path(
        "press/events/<int:pk>/transcript/", views.event_transcript, name="press-event-transcript"
    ),
    path("press/events/<int:pk>/publish/", views.event_publish, name="press-event-publish"),
    path(
        "press/questions/<int:pk>/moderate/",
        views.question_moderate,
        name="press-question-moderate",
    ),
    path("press/questions/<int:pk>/answer/", views.question_answer, name="press-question-answer"),
    path("press/leaders/", views.leader_interpretations, name="press-leaders"),
]
