"""政务新媒体 pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import newmedia_views as views

urlpatterns = [
    path("newmedia/", views.account_list, name="newmedia-list"),
    path("newmedia/new/", views.account_create, name="newmedia-create"),
    path("newmedia/consistency/", views.consistency_list, name="newmedia-consistency"),
    path("newmedia/<int:pk>/", views.account_detail, name="newmedia-account"),
    path(
        "newmedia/<int:pk>/<str:action>/",
        views.account_action,
        name="newmedia-account-action",
    ),
    path("newmedia/records/<int:pk>/", views.document_releases, name="newmedia-document"),
    path(
        "newmedia/releases/<int:pk>/takedown/",
        views.release_takedown,
        name="newmedia-takedown",
    ),
]
