"""法定传染病疫情 and 医疗价格 pages (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import figures_views as views

urlpatterns = [
    path("agencies/<str:code>/diseases/", views.agency_diseases, name="agency-diseases"),
    path("agencies/<str:code>/diseases/<str:month>/", views.disease_month, name="disease-month"),
    path("agencies/<str:code>/prices/", views.agency_prices, name="agency-prices"),
    path(
        "agencies/<str:code>/prices/<str:institution>/<str:kind>/",
        views.price_list,
        name="price-list",
    ),
    path(
        "agencies/<str:code>/prices/<str:institution>/<str:kind>/items/<str:item_code>/",
        views.price_item,
        name="price-item",
    ),
]
