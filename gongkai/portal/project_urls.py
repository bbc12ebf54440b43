"""重大建设项目 pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import project_views as views

urlpatterns = [
    path("agencies/<str:code>/projects/", views.agency_projects, name="agency-projects"),
    path("agencies/<str:code>/projects/<int:pk>/", views.project_detail, name="project-detail"),
]
