"""开放数据 pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import opendata_views as views

urlpatterns = [
    path("opendata/", views.dataset_list, name="dataset-list"),
    path("opendata/new/", views.dataset_create, name="dataset-create"),
    path("opendata/<int:pk>/", views.dataset_detail, name="dataset-detail"),
    path("opendata/<int:pk>/edit/", views.dataset_edit, name="dataset-edit"),
    path("opendata/<int:pk>/action/", views.dataset_action, name="dataset-action"),
    path("opendata/<int:pk>/resources/upload/", views.resource_upload, name="dataset-upload"),
    path(
        "opendata/<int:pk>/resources/generated/",
        views.resource_generated,
        name="dataset-generated",
    ),
    path(
        "opendata/<int:pk>/resources/<int:resource_pk>/replace/",
        views.resource_replace,
        name="dataset-replace",
    ),
]
