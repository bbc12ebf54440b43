from django.contrib import admin

from gongkai.yearly_review.models import RequestDraft, ReviewItem, YearlyReview


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reviews change only through gongkai.yearly_review.services (audited); admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(YearlyReview)
class YearlyReviewAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "due_on", "status", "completed_at"]
    list_filter = ["status", "year"]
    search_fields = ["agency__name", "agency__code"]


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = ["review", "source_kind", "basis", "decision", "decided_at"]
    list_filter = ["source_kind", "decision"]
    raw_id_fields = ["document", "application", "release_draft"]


@admin.register(RequestDraft)
class RequestDraftAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "document", "created_at"]
    list_filter = ["year"]
