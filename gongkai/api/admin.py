from django.contrib import admin

from gongkai.api.models import ApiToken
from gongkai.audit.admin import AuditedModelAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    """Tokens are issued by `gongkai create_api_token` (the key is printed once); here they
    can be renamed or switched off. The key's hash is never shown."""

    list_display = ["user", "name", "created_at", "last_used_at", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["user__username", "name"]
    fields = ["user", "name", "is_active", "created_at", "last_used_at"]
    readonly_fields = ["user", "created_at", "last_used_at"]
    audit_fields = ["user", "name", "is_active"]

    def has_add_permission(self, request):
        return False
