"""政务新媒体 pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import newmedia_views as views

urlpatterns = [
    path("agencies/<str:code>/newmedia/", views.agency_newmedia, name="agency-newmedia"),
]
