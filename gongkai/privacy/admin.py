from django.contrib import admin

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.privacy.models import ListEntry


@admin.register(ListEntry)
class ListEntryAdmin(AuditedModelAdmin):
    list_display = ["text", "kind", "replacement", "agency", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["text", "replacement", "note"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["created_at"]
