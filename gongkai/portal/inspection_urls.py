"""Public URL patterns of 执法公示 and 双随机一公开 (added to the portal namespace by urls.py)."""

from django.urls import path

from gongkai.portal import enforcement_list_views as views

urlpatterns: list = [
    path("agencies/<str:code>/enforcement/", views.enforcement_home, name="enforcement"),
    path(
        "agencies/<str:code>/enforcement/lists/<int:pk>/",
        views.enforcement_list,
        name="enforcement-list",
    ),
    path("inspections/plans/<int:pk>/", views.inspection_plan, name="inspection-plan"),
    path("inspections/draws/<int:pk>/verify/", views.draw_verify, name="inspection-verify"),
    path("inspections/draws/<int:pk>.json", views.draw_json, name="inspection-draw-json"),
]
