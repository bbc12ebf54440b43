"""URLs of the yearly review of withheld information and of frequent requests."""

from django.urls import path

from gongkai.console import yearly_review_views as views

urlpatterns = [
    path("yearly-review/", views.review_home, name="yearly-review-home"),
    path(
        "yearly-review/open/<int:agency_pk>/<int:year>/",
        views.review_open,
        name="yearly-review-open",
    ),
    path("yearly-review/<int:pk>/", views.review_detail, name="yearly-review-detail"),
    path("yearly-review/<int:pk>/due/", views.review_due, name="yearly-review-due"),
    path("yearly-review/<int:pk>/rebuild/", views.review_rebuild, name="yearly-review-rebuild"),
    path("yearly-review/items/<int:pk>/", views.item_decide, name="yearly-review-item"),
    path("frequent-requests/<int:agency_pk>/", views.frequent_requests, name="frequent-requests"),
    path(
        "frequent-requests/<int:agency_pk>/<int:year>/draft/",
        views.frequent_requests_draft,
        name="frequent-requests-draft",
    ),
]
