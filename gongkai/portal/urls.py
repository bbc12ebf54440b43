from django.urls import path

from gongkai.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("display-preference/", views.display_preference, name="display-preference"),
    path("search/", views.search, name="search"),
    path("policies/", views.policy_library, name="policy-library"),
    path("deadline/", views.deadline_calculator, name="deadline"),
    path("records/<int:pk>/", views.document_detail, name="document-detail"),
    path("agencies/<str:code>/", views.agency_home, name="agency-home"),
    path("agencies/<str:code>/guide/", views.agency_guide, name="agency-guide"),
    path("agencies/<str:code>/catalogue/", views.agency_catalogue, name="agency-catalogue"),
]
