"""新闻发布 pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import press_views as views

urlpatterns = [
    path("agencies/<str:code>/press/", views.agency_press, name="agency-press"),
    path("agencies/<str:code>/press/spokespeople/", views.spokespeople, name="press-spokespeople"),
    path("agencies/<str:code>/press/<int:pk>/", views.event_detail, name="press-event"),
]
