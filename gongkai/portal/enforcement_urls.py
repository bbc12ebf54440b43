"""URL patterns added to the namespace of the including module (see its urls.py)."""

from django.urls import path

from gongkai.portal import enforcement_views
from gongkai.portal.enforcement_feeds import DecisionsFeed

urlpatterns: list = [
    path(
        "enforcement/decisions/<int:pk>/",
        enforcement_views.decision_detail,
        name="decision-detail",
    ),
    path("enforcement/<slug:section>/", enforcement_views.decision_list, name="decisions"),
    path(
        "agencies/<str:code>/enforcement/<slug:section>/",
        enforcement_views.decision_list,
        name="agency-decisions",
    ),
    path("feeds/enforcement/<slug:section>/", DecisionsFeed(), name="feed-decisions"),
]
