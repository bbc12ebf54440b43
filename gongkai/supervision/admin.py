from django.contrib import admin

from gongkai.supervision.models import AssessmentScheme, Indicator, RectificationTask


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(AssessmentScheme)
class AssessmentSchemeAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "name", "is_ranking_public"]
    inlines = [IndicatorInline]


@admin.register(RectificationTask)
class RectificationTaskAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "supervisor_agency", "due_on", "status"]
    list_filter = ["status"]
    readonly_fields = ["status", "answered_at", "accepted_at"]
