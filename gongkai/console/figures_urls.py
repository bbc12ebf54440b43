"""法定传染病疫情 and 医疗价格 pages of the console (namespace `console`)."""

from django.urls import path

from gongkai.console import figures_views as views

urlpatterns = [
    path("diseases/", views.disease_list, name="disease-list"),
    path("diseases/settings/", views.disease_setting, name="disease-setting"),
    path("diseases/import/", views.disease_import, name="disease-import"),
    path("diseases/import/template.xlsx", views.disease_template, name="disease-template"),
    path("diseases/<int:pk>/", views.disease_detail, name="disease-detail"),
    path("diseases/<int:pk>/action/", views.disease_action, name="disease-action"),
    path("prices/", views.price_lists, name="price-lists"),
    path("prices/template.xlsx", views.price_template, name="price-template"),
    path("prices/<int:pk>/", views.price_list_detail, name="price-list-detail"),
    path("prices/versions/<int:pk>/", views.price_version, name="price-version"),
    path("prices/versions/<int:pk>/action/", views.price_action, name="price-action"),
]
