"""URL patterns added to the namespace of the including module (see its urls.py)."""

from django.urls import path

from gongkai.console import enforcement_views as views

urlpatterns: list = [
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/new/", views.decision_create, name="decision-create"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision-edit"),
    path("decisions/<int:pk>/publish/", views.decision_publish, name="decision-publish"),
    path("decisions/<int:pk>/change/", views.decision_change, name="decision-change"),
    path("decisions/<int:pk>/withdraw/", views.decision_withdraw, name="decision-withdraw"),
    path("decisions/<int:pk>/repair/", views.decision_repair, name="decision-repair"),
]
