"""URL patterns added to the namespace of the including module (see its urls.py)."""

from django.urls import path

from gongkai.console import mailbox_views

urlpatterns: list = [
    path("messages/", mailbox_views.message_list, name="messages"),
    path("messages/<int:pk>/", mailbox_views.message_detail, name="message-detail"),
    path("messages/<int:pk>/<str:action>/", mailbox_views.message_action, name="message-action"),
    path("messages/limits/<int:agency_pk>/", mailbox_views.reply_limits, name="reply-limits"),
]
