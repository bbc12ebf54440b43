"""URL patterns added to the namespace of the including module (see its urls.py)."""

from django.urls import path

from gongkai.console import opinion_views

urlpatterns: list = [
    path("opinion/", opinion_views.opinion_list, name="opinion-list"),
    path("opinion/new/", opinion_views.opinion_new, name="opinion-new"),
    path("opinion/figures/", opinion_views.opinion_stats, name="opinion-stats"),
    path("opinion/<int:pk>/", opinion_views.opinion_detail, name="opinion-detail"),
    path("opinion/<int:pk>/<str:action>/", opinion_views.opinion_action, name="opinion-action"),
]
