"""Console URL patterns of enforcement lists and double-random inspections (added to the
console namespace by urls.py)."""

from django.urls import path

from gongkai.console import enforcement_list_views, inspection_views

urlpatterns: list = [
    path("enforcement/lists/", enforcement_list_views.list_index, name="enforcement-lists"),
    path(
        "enforcement/lists/<int:pk>/",
        enforcement_list_views.list_detail,
        name="enforcement-list",
    ),
    path(
        "enforcement/lists/<int:pk>/<str:part>/<int:row_pk>/remove/",
        enforcement_list_views.list_remove_row,
        name="enforcement-list-remove",
    ),
    path(
        "enforcement/lists/<int:pk>/<str:action>/",
        enforcement_list_views.list_action,
        name="enforcement-list-action",
    ),
    path("inspections/", inspection_views.inspection_home, name="inspections"),
    path("inspections/plans/<int:pk>/", inspection_views.plan_detail, name="inspection-plan"),
    path(
        "inspections/plans/<int:pk>/<str:action>/",
        inspection_views.plan_action,
        name="inspection-plan-action",
    ),
]
