"""URLs of suggestion and proposal handling (建议提案办理)."""

from django.urls import path

from gongkai.console import proposal_views as views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal-list"),
    path("proposals/new/", views.proposal_register, name="proposal-register"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/deadline/", views.proposal_deadline, name="proposal-deadline"),
    path("proposals/<int:pk>/reply/", views.proposal_reply, name="proposal-reply"),
    path("proposals/<int:pk>/feedback/", views.proposal_feedback, name="proposal-feedback"),
    path(
        "proposals/<int:pk>/publication/",
        views.proposal_publication,
        name="proposal-publication",
    ),
    path("proposals/<int:pk>/publish/", views.proposal_publish, name="proposal-publish"),
    path("proposals/<int:pk>/letter/", views.proposal_letter, name="proposal-letter"),
]
