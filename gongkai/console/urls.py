from django.urls import path, re_path
from django.views.i18n import JavaScriptCatalog

from gongkai.console import (
    account_urls,
    budget_urls,
    calendar_views,
    catalogue_views,
    consultation_urls,
    enforcement_urls,
    figures_urls,
    foi_letter_views,
    foi_list_views,
    foi_views,
    import_views,
    inspection_urls,
    mailbox_urls,
    obligation_views,
    opendata_urls,
    opinion_urls,
    progress_report_views,
    project_urls,
    proposal_urls,
    record_list_views,
    report_views,
    service_guide_urls,
    subscription_urls,
    supervision_task_views,
    supervision_views,
    survey_urls,
    views,
    work_ledger_views,
    yearly_review_urls,
)
from gongkai.console.enforcement_import_urls import urlpatterns as enforcement_import_urlpatterns

app_name = "console"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("documents/", record_list_views.document_list, name="document-list"),
    path("documents/new/", views.document_create, name="document-create"),
    # The record editor's strings in the page's language (djangojs.po; scripts/editor_msgids.py):
    # django-prose-editor translates through the window.gettext this defines.
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_prose_editor"]),
        name="jsi18n",
    ),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document-edit"),
    path("documents/<int:pk>/submit/", views.document_submit, name="document-submit"),
    path("documents/<int:pk>/return/", views.document_return, name="document-return"),
    path("documents/<int:pk>/publish/", views.document_publish, name="document-publish"),
    path("documents/<int:pk>/withdraw/", views.document_withdraw, name="document-withdraw"),
    path("documents/<int:pk>/validity/", views.document_validity, name="document-validity"),
    path("documents/<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path(
        "documents/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment-remove",
    ),
    path("documents/<int:pk>/links/", views.link_add, name="link-add"),
    path("documents/<int:pk>/links/<int:link_pk>/remove/", views.link_remove, name="link-remove"),
    path(
        "audit/<str:app_label>/<str:model>/<str:object_id>/", views.audit_trail, name="audit-trail"
    ),
    path("agencies/<int:pk>/guide/", views.agency_guide, name="agency-guide"),
    path("obligations/", obligation_views.obligation_list, name="obligations"),
    path("supervision/", supervision_views.league_table, name="supervision"),
    path("supervision/trends/", supervision_views.trends, name="supervision-trends"),
    path(
        "supervision/<int:agency_pk>/findings/<str:code>/",
        supervision_views.finding_detail,
        name="supervision-finding",
    ),
    path(
        "supervision/<int:agency_pk>/scheme/<int:year>/",
        supervision_views.scheme_edit,
        name="supervision-scheme",
    ),
    path("supervision/circular/", supervision_views.circular_draft, name="supervision-circular"),
    path(
        "supervision/circular.docx",
        supervision_views.circular_docx,
        name="supervision-circular-docx",
    ),
    path(
        "supervision/circular/record/",
        supervision_views.circular_record,
        name="supervision-circular-record",
    ),
    path("supervision/tasks/", supervision_task_views.task_list, name="supervision-tasks"),
    path("supervision/tasks/new/", supervision_task_views.task_new, name="supervision-task-new"),
    path(
        "supervision/tasks/<int:pk>/", supervision_task_views.task_detail, name="supervision-task"
    ),
    path(
        "supervision/tasks/<int:pk>/answer/",
        supervision_task_views.task_answer,
        name="supervision-task-answer",
    ),
    path(
        "supervision/tasks/<int:pk>/evidence/",
        supervision_task_views.task_evidence,
        name="supervision-task-evidence",
    ),
    path(
        "supervision/tasks/<int:pk>/<str:action>/",
        supervision_task_views.task_review,
        name="supervision-task-review",
    ),
    path("progress-reports/", progress_report_views.progress_report_list, name="progress-reports"),
    path("work-ledger/", work_ledger_views.work_ledger, name="work-ledger"),
    path("work-ledger/tasks/<int:pk>/", work_ledger_views.work_task, name="work-task"),
    path(
        "progress-reports/<int:pk>/",
        progress_report_views.progress_report_detail,
        name="progress-report-detail",
    ),
    path("calendar/", calendar_views.calendar_home, name="calendar"),
    path("calendar/changes/", calendar_views.calendar_changes, name="calendar-changes"),
    path("applications/", foi_list_views.application_list, name="foi-list"),
    path("applications/new/", foi_views.application_register, name="foi-register"),
    path("applications/<int:pk>/", foi_views.application_detail, name="foi-detail"),
    path(
        "applications/<int:pk>/remedies/<int:case_pk>/",
        foi_views.remedy_result,
        name="foi-remedy-result",
    ),
    # Before foi-action, whose <str:action>/ would take "letters/".
    path("applications/<int:pk>/letters/", foi_letter_views.letter_list, name="foi-letters"),
    re_path(
        r"^applications/(?P<pk>[0-9]+)/letters/(?P<kind>[a-z_]+)\.(?P<fmt>docx|pdf)$",
        foi_letter_views.letter_download,
        name="foi-letter",
    ),
    path("applications/<int:pk>/<str:action>/", foi_views.application_action, name="foi-action"),
    path("import/", import_views.import_documents, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import-template"),
    path("catalogue/", catalogue_views.catalogue_home, name="catalogue-home"),
    path("catalogue/<int:agency_pk>/", catalogue_views.catalogue_detail, name="catalogue-detail"),
    path("catalogue/<int:agency_pk>/add/", catalogue_views.item_add, name="catalogue-item-add"),
    path("catalogue/items/<int:item_pk>/", catalogue_views.item_edit, name="catalogue-item-edit"),
    path(
        "catalogue/items/<int:item_pk>/not-applicable/",
        catalogue_views.item_not_applicable,
        name="catalogue-item-na",
    ),
    path(
        "catalogue/items/<int:item_pk>/restore/",
        catalogue_views.item_restore,
        name="catalogue-item-restore",
    ),
    path(
        "catalogue/<int:agency_pk>/derive/",
        catalogue_views.catalogue_derive,
        name="catalogue-derive",
    ),
    path(
        "catalogue/<int:agency_pk>/changes/",
        catalogue_views.catalogue_changes,
        name="catalogue-changes",
    ),
    path(
        "catalogue/<int:agency_pk>/rederive/",
        catalogue_views.catalogue_rederive,
        name="catalogue-rederive",
    ),
    path("catalogue/<int:agency_pk>/file/", catalogue_views.catalogue_file, name="catalogue-file"),
    path(
        "catalogue/<int:agency_pk>/review/",
        catalogue_views.catalogue_review,
        name="catalogue-review",
    ),
    # 政府信息公开工作年度报告 (gongkai.reports)
    path("reports/", report_views.report_home, name="report-home"),
    path("reports/<int:agency_pk>/<int:year>/", report_views.report_detail, name="report-detail"),
    path(
        "reports/<int:agency_pk>/<int:year>/rollup/",
        report_views.report_rollup,
        name="report-rollup",
    ),
    path(
        "reports/<int:agency_pk>/<int:year>/refresh/",
        report_views.report_refresh,
        name="report-refresh",
    ),
    path(
        "reports/<int:agency_pk>/<int:year>/texts/",
        report_views.report_texts,
        name="report-texts",
    ),
    path(
        "reports/<int:agency_pk>/<int:year>/figures/",
        report_views.report_figure,
        name="report-figure",
    ),
    path(
        "reports/<int:agency_pk>/<int:year>/figures/<int:figure_pk>/remove/",
        report_views.report_figure_remove,
        name="report-figure-remove",
    ),
    path(
        "reports/<int:agency_pk>/<int:year>/publish/",
        report_views.report_publish,
        name="report-publish",
    ),
    path(
        "reports/<int:agency_pk>/<int:year>/export.<str:fmt>",
        report_views.report_export,
        name="report-export",
    ),
    path(
        "reports/<int:agency_pk>/<int:year>/cell/<str:table>/<str:row>/<str:col>/",
        report_views.report_cell,
        name="report-cell",
    ),
]

# Public participation (the pages live in their own modules to keep this file short).
urlpatterns += consultation_urls.urlpatterns + mailbox_urls.urlpatterns + opinion_urls.urlpatterns
# Signing in, password reset, second factor (gongkai/console/account_urls.py).
urlpatterns += account_urls.urlpatterns
# Enforcement decisions (双公示).
urlpatterns += enforcement_urls.urlpatterns
# Bulk entry of enforcement decisions (gongkai/console/enforcement_import_urls.py).
urlpatterns += enforcement_import_urlpatterns
# Enforcement lists and double-random inspections (gongkai/console/inspection_urls.py).
urlpatterns += inspection_urls.urlpatterns
# The yearly review of withheld information and frequent requests (yearly_review_urls.py).
urlpatterns += yearly_review_urls.urlpatterns
# Deputies' suggestions and CPPCC proposals (proposal_urls.py).
urlpatterns += proposal_urls.urlpatterns
# 办事服务: service items and guides (gongkai/console/service_guide_urls.py).
urlpatterns += service_guide_urls.urlpatterns
# 重大建设项目: projects, stages, procurement (gongkai/console/project_urls.py).
urlpatterns += project_urls.urlpatterns
# 预决算: budget tables (gongkai/console/budget_urls.py).
urlpatterns += budget_urls.urlpatterns
# 法定传染病疫情 and 医疗价格 (gongkai/console/figures_urls.py).
urlpatterns += figures_urls.urlpatterns
# 开放数据: datasets and their resources (gongkai/console/opendata_urls.py).
urlpatterns += opendata_urls.urlpatterns
# 政务新媒体: accounts, procedures, releases, consistency (gongkai/console/newmedia_urls.py).
from gongkai.console import newmedia_urls  # noqa: E402

urlpatterns += newmedia_urls.urlpatterns
# 邮件订阅: counts per agency and topic, bounces (gongkai/console/subscription_urls.py).
urlpatterns += subscription_urls.urlpatterns
# 民意调查 and hearings/forums on consultations (gongkai/console/survey_urls.py).
urlpatterns += survey_urls.urlpatterns
# 新闻发布: spokespeople, press events, online interviews (gongkai/console/press_urls.py).
from gongkai.console import press_urls  # noqa: E402

urlpatterns += press_urls.urlpatterns
