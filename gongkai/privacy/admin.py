from django.contrib import admin

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.privacy.models import ListEntry, ReleaseReview, ReviewFinding


@admin.register(ListEntry)
class ListEntryAdmin(AuditedModelAdmin):
    list_display = ["text", "kind", "replacement", "agency", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["text", "replacement", "note"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["created_at"]


class ReviewFindingInline(admin.TabularInline):
    model = ReviewFinding
    extra = 0
    can_delete = False
    fields = ["kind", "place", "masked", "confidence", "resolution", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReleaseReview)
class ReleaseReviewAdmin(admin.ModelAdmin):
    """The secrecy reviews, read only: they are records, made by publishing."""

    list_display = ["reviewed_at", "agency", "content_type", "object_id", "result", "reviewer"]
    list_filter = ["result", "content_type"]
    inlines = [ReviewFindingInline]
    readonly_fields = [
        "content_type",
        "object_id",
        "agency",
        "reviewer",
        "reviewed_at",
        "content_hash",
        "detector_version",
        "parts_scanned",
        "parts_not_checked",
        "result",
        "basis",
        "note",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
