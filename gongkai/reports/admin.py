from django.contrib import admin

from gongkai.reports.models import AnnualReport, ManualFigure


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reports change only through gongkai.reports.services (audited); admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "status", "published_at"]
    list_filter = ["status", "year"]
    search_fields = ["agency__name", "agency__code"]


@admin.register(ManualFigure)
class ManualFigureAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "key", "value", "entered_by", "entered_at"]
    list_filter = ["year", "key"]
