"""The calendar in the admin, for superusers. Saves go through `services`, so each change is
audited and `calendar_changed` is sent once after the save commits."""

from django.contrib import admin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.workdays import services
from gongkai.workdays.access import can_manage_calendar
from gongkai.workdays.models import CalendarYear, DayKind, Source, SpecialDay


class SuperuserOnly:
    """Admin permissions from `access.can_manage_calendar`, for the year and its days."""

    def has_module_permission(self, request):
        return can_manage_calendar(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_calendar(request.user)

    def has_add_permission(self, request, obj=None):
        return can_manage_calendar(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage_calendar(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_manage_calendar(request.user)


class SpecialDayInline(SuperuserOnly, admin.TabularInline):
    model = SpecialDay
    fields = ["day", "kind", "name"]
    extra = 0
    ordering = ["day"]


@admin.register(CalendarYear)
class CalendarYearAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["year", "notice", "source", "holiday_count", "workday_count", "updated_at"]
    list_filter = ["source"]
    search_fields = ["year", "notice"]
    readonly_fields = ["source", "updated_at"]
    inlines = [SpecialDayInline]
    # Notices live on gov.cn over HTTPS; also opts in to Django 6's default early.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        # The year of a loaded calendar is fixed: its days are validated against it.
        if obj is not None:
            return [*self.readonly_fields, "year"]
        return self.readonly_fields

    @admin.display(description=_("放假日数"))
    def holiday_count(self, obj: CalendarYear) -> int:
        return sum(1 for day in obj.days.all() if day.kind == DayKind.HOLIDAY)

    @admin.display(description=_("调休上班日数"))
    def workday_count(self, obj: CalendarYear) -> int:
        return sum(1 for day in obj.days.all() if day.kind == DayKind.WORKDAY)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("days")

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if not change:
                obj.source = Source.MANUAL
            services._save_calendar_year(obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            formset.save(commit=False)
            for special_day in formset.deleted_objects:
                services._delete_special_day(special_day, actor=request.user)
            changed = [special_day for special_day, _fields in formset.changed_objects]
            for special_day in [*changed, *formset.new_objects]:
                services._save_special_day(special_day, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new year changes the arithmetic even before it has days: it is now "loaded".
        if not change or any(formset.has_changed() for formset in formsets):
            services._announce_calendar_change(actor=request.user, years={form.instance.year})

    def delete_model(self, request, obj):
        services.remove_year(year=obj.year, actor=request.user)

    def delete_queryset(self, request, queryset):
        for calendar_year in queryset:
            services.remove_year(year=calendar_year.year, actor=request.user)
