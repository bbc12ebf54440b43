"""重大建设项目 pages of the console (namespace `console`, included by console/urls.py)."""

from django.urls import path

from gongkai.console import project_views as views

urlpatterns = [
    path("projects/", views.project_list, name="project-list"),
    path("projects/new/", views.project_create, name="project-create"),
    path("projects/import/", views.project_import, name="project-import"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("projects/<int:pk>/status/", views.project_status, name="project-status"),
    path(
        "projects/<int:pk>/procurement/new/",
        views.procurement_create,
        name="project-procurement-create",
    ),
    path("projects/stages/<int:pk>/", views.stage_detail, name="project-stage"),
    path("projects/procurement/<int:pk>/", views.procurement_detail, name="project-procurement"),
    path(
        "projects/procurement/<int:pk>/publish/",
        views.procurement_publish,
        name="project-procurement-publish",
    ),
]
