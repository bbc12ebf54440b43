"""Administrators may look at the outbox; nobody edits it by hand."""

from django.contrib import admin
from django.http import HttpRequest

from gongkai.search.models import OutboxEntry


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by the owning apps and read by the index."""

    list_display = ["id", "kind", "object_id", "operation", "created_at"]
    list_filter = ["kind", "operation"]
    search_fields = ["object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboxEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboxEntry | None = None) -> bool:
        return False
