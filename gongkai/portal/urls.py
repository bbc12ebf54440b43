from django.urls import path

from gongkai.portal import (
    account_urls,
    agency_views,
    consultation_urls,
    enforcement_urls,
    foi_views,
    inspection_urls,
    mailbox_urls,
    ranking_views,
    report_views,
    views,
)
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
    path("apply/", foi_views.apply, name="foi-apply"),
    path("apply/receipt/", foi_views.receipt, name="foi-receipt"),
    path("apply/progress/", foi_views.progress, name="foi-progress"),
    path("apply/progress/letter/<str:token>/", foi_views.letter_download, name="foi-letter"),
    path("apply/mine/", foi_views.my_applications, name="foi-mine"),
    path("deadline/", views.deadline_calculator, name="deadline"),
    path("records/<int:pk>/", views.document_detail, name="document-detail"),
    path(
        "annual-reports/<int:pk>/figures/",
        report_views.annual_report_figures,
        name="annual-report-figures",
    ),
    path("agencies/", views.agency_switch, name="agency-switch"),
    path("agencies/<str:code>/", views.agency_home, name="agency-home"),
    path("agencies/<str:code>/guide/", views.agency_guide, name="agency-guide"),
    path("agencies/<str:code>/ranking/<int:year>/", ranking_views.ranking, name="ranking"),
    # The agency's 政府信息公开 column (the front page and the 指南 above).
    path("agencies/<str:code>/rules/", agency_views.agency_rules, name="agency-rules"),
    path("agencies/<str:code>/catalogue/", agency_views.agency_catalogue, name="agency-catalogue"),
    path(
        "agencies/<str:code>/catalogue/<str:item_code>/",
        agency_views.agency_catalogue,
        name="agency-catalogue-item",
    ),
    path(
        "agencies/<str:code>/on-request/",
        agency_views.agency_on_request,
        name="agency-on-request",
    ),
    path("agencies/<str:code>/reports/", agency_views.agency_reports, name="agency-reports"),
    path("agencies/<str:code>/about/", agency_views.agency_about, name="agency-about"),
]

# Public participation (the pages live in their own modules to keep this file short).
urlpatterns += consultation_urls.urlpatterns + mailbox_urls.urlpatterns + account_urls.urlpatterns
urlpatterns += enforcement_urls.urlpatterns
# 执法公示 and 双随机一公开 (gongkai/portal/inspection_urls.py).
urlpatterns += inspection_urls.urlpatterns
