from django.urls import path

from gongkai.portal import (
    account_urls,
    agency_views,
    budget_urls,
    consultation_urls,
    enforcement_urls,
    figures_urls,
    foi_views,
    inspection_urls,
    mailbox_urls,
    opendata_urls,
    project_urls,
    proposal_views,
    ranking_views,
    report_views,
    service_urls,
    subscription_urls,
    survey_urls,
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
# 建议提案办理结果 in the agency's column (gongkai/portal/proposal_views.py).
urlpatterns += [
    path(
        "agencies/<str:code>/proposals/",
        proposal_views.agency_proposals,
        name="agency-proposals",
    )
]
# 办事服务: service items and their guides (gongkai/portal/service_urls.py).
urlpatterns += service_urls.urlpatterns
# 重大建设项目: projects, their stages and procurement (gongkai/portal/project_urls.py).
urlpatterns += project_urls.urlpatterns
# 预决算公开: budgets and final accounts with the 三公 expenses (gongkai/portal/budget_urls.py).
urlpatterns += budget_urls.urlpatterns
# 法定传染病疫情 and 医疗价格: figures as tables with charts (gongkai/portal/figures_urls.py).
urlpatterns += figures_urls.urlpatterns
# 开放数据: datasets, open catalogues, DCAT (gongkai/portal/opendata_urls.py).
urlpatterns += opendata_urls.urlpatterns
# 政务新媒体矩阵 (gongkai/portal/newmedia_urls.py).
from gongkai.portal import newmedia_urls  # noqa: E402

urlpatterns += newmedia_urls.urlpatterns
# 邮件订阅: subscribe, confirm, manage, unsubscribe (gongkai/portal/subscription_urls.py).
urlpatterns += subscription_urls.urlpatterns
# 民意调查 and hearings/forums on consultations (gongkai/portal/survey_urls.py).
urlpatterns += survey_urls.urlpatterns
# 新闻发布: spokespeople, press conferences, online interviews (gongkai/portal/press_urls.py).
from gongkai.portal import press_urls  # noqa: E402

urlpatterns += press_urls.urlpatterns
