from django.urls import path

from gongkai.portal import views
from gongkai.portal.feeds import AgencyRecordsFeed, CatalogueItemFeed, RecordsFeed

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("display-preference/", views.display_preference, name="display-preference"),
    path("feeds/records/", RecordsFeed(), name="feed-records"),
    path("feeds/agencies/<str:code>/", AgencyRecordsFeed(), name="feed-agency"),
    path(
        "feeds/agencies/<str:code>/catalogue/<str:item_code>/",
        CatalogueItemFeed(),
        name="feed-catalogue-item",
    ),
    path("search/", views.search, name="search"),
    path("policies/", views.policy_library, name="policy-library"),
    path("deadline/", views.deadline_calculator, name="deadline"),
    path("records/<int:pk>/", views.document_detail, name="document-detail"),
    path("agencies/", views.agency_switch, name="agency-switch"),
    path("agencies/<str:code>/", views.agency_home, name="agency-home"),
    path("agencies/<str:code>/guide/", views.agency_guide, name="agency-guide"),
    path("agencies/<str:code>/catalogue/", views.agency_catalogue, name="agency-catalogue"),
]
