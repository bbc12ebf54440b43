from django.contrib import admin

from gongkai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, even for administrators."""

    list_display = ["at", "actor", "agency", "action", "object_repr"]
    list_filter = ["action", "agency"]
    search_fields = ["object_repr", "note", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
