"""开放数据 pages of the portal (namespace `portal`, included by portal/urls.py)."""

from django.urls import path

from gongkai.portal import opendata_views as views

urlpatterns = [
    path("opendata/", views.opendata_home, name="opendata-home"),
    path("opendata/catalog.jsonld", views.catalog_jsonld, name="opendata-catalog-jsonld"),
    path("opendata/catalog.rdf", views.catalog_rdf, name="opendata-catalog-rdf"),
    path("opendata/datasets/<slug:name>/", views.dataset_detail, name="dataset-detail"),
    path("opendata/datasets/<slug:name>.jsonld", views.dataset_jsonld, name="dataset-jsonld"),
    path("opendata/datasets/<slug:name>.rdf", views.dataset_rdf, name="dataset-rdf"),
    path(
        "opendata/datasets/<slug:name>/resources/<int:pk>/download/",
        views.resource_download,
        name="dataset-resource-download",
    ),
    path("agencies/<str:code>/opendata/", views.agency_opendata, name="agency-opendata"),
    path(
        "agencies/<str:code>/opendata/resources/",
        views.agency_data_resources,
        name="agency-data-resources",
    ),
    path(
        "agencies/<str:code>/opendata/resources.<str:extension>",
        views.agency_data_resources_file,
        name="agency-data-resources-file",
    ),
]
