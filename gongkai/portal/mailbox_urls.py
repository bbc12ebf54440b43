"""URL patterns added to the namespace of the including module (see its urls.py)."""

from django.urls import path

from gongkai.portal import mailbox_views
from gongkai.portal.mailbox_feeds import MessagesFeed

urlpatterns: list = [
    path("messages/", mailbox_views.message_list, name="messages"),
    path("messages/new/", mailbox_views.message_new, name="message-new"),
    path("messages/receipt/", mailbox_views.message_receipt, name="message-receipt"),
    path("messages/lookup/", mailbox_views.message_lookup, name="message-lookup"),
    path("messages/statistics/", mailbox_views.message_statistics, name="message-stats"),
    path("messages/<int:pk>/", mailbox_views.message_detail, name="message-detail"),
    path("feeds/messages/", MessagesFeed(), name="feed-messages"),
]
