"""办事服务 pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import service_views as views

urlpatterns = [
    path("agencies/<str:code>/services/", views.agency_services, name="agency-services"),
    path(
        "agencies/<str:code>/services/<str:item_code>/",
        views.service_guide,
        name="service-guide",
    ),
    path(
        "agencies/<str:code>/services/<str:item_code>/materials/<int:material_pk>/<str:which>/",
        views.material_file,
        name="service-material-file",
    ),
]
