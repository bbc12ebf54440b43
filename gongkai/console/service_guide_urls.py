"""办事服务 pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import service_guide_import_views as import_views
from gongkai.console import service_guide_views as views

urlpatterns = [
    path("services/", views.item_list, name="service-item-list"),
    path("services/new/", views.item_create, name="service-item-create"),
    path("services/import/", import_views.guide_import, name="service-guide-import"),
    path(
        "services/import/template.xlsx",
        import_views.guide_import_template,
        name="service-guide-import-template",
    ),
    path("services/<int:pk>/", views.item_detail, name="service-item-detail"),
    path("services/<int:pk>/new-version/", views.item_new_version, name="service-item-new-version"),
    path("services/guides/<int:pk>/edit/", views.guide_edit, name="service-guide-edit"),
    path("services/guides/<int:pk>/action/", views.guide_action, name="service-guide-action"),
    path(
        "services/decisions/<int:pk>/",
        views.decision_service_item,
        name="decision-service-item",
    ),
]
