"""Admin: superusers maintain the standard catalogue; agencies' catalogues are view-only here
(agencies change them in the console, through the services and the filing workflow)."""

from django import forms
from django.contrib import admin

from gongkai.catalogue import rules, services
from gongkai.catalogue.access import can_maintain_standard_catalogue
from gongkai.catalogue.models import AgencyCatalogue, AgencyItem, StandardCategory, StandardItem


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Only system administrators see and change the standard catalogue; nothing is deleted,
    because agencies' items refer to it. Every save is audited."""

    def has_module_permission(self, request) -> bool:
        return can_maintain_standard_catalogue(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return can_maintain_standard_catalogue(request.user)

    def has_add_permission(self, request) -> bool:
        return can_maintain_standard_catalogue(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return can_maintain_standard_catalogue(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.save_standard_entry(obj=obj, actor=request.user, changed=list(form.changed_data))


class StandardItemInline(admin.TabularInline):
    model = StandardItem
    fields = ["code", "name", "order", "time_limit_days", "confirmation"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StandardCategory)
class StandardCategoryAdmin(SuperuserOnlyAdmin):
    list_display = ["code", "name", "order", "confirmation"]
    list_filter = ["confirmation"]
    search_fields = ["code", "name"]
    inlines = [StandardItemInline]


class StandardItemForm(forms.ModelForm):
    class Meta:
        model = StandardItem
        fields = [
            "category",
            "code",
            "name",
            "order",
            "elements",
            "basis",
            "time_limit_days",
            "time_limit_text",
            "subject",
            "channels",
            "audience",
            "mode",
            "level",
            "levels",
            "confirmation",
            "source_note",
            "withdrawn_reason",
        ]

    def clean_levels(self):
        # An item with no level is derived by nobody; say so rather than lose it silently.
        levels = self.cleaned_data["levels"]
        errors = rules.levels_errors(levels)
        if errors:
            raise forms.ValidationError(errors)
        return levels

    def clean_elements(self):
        elements = self.cleaned_data["elements"]
        errors = rules.elements_errors(elements, allowed_channels=rules.CHANNELS)
        if errors:
            raise forms.ValidationError(errors)
        return elements


@admin.register(StandardItem)
class StandardItemAdmin(SuperuserOnlyAdmin):
    form = StandardItemForm
    list_display = ["code", "name", "category", "level", "time_limit_days", "confirmation"]
    list_filter = ["confirmation", "category"]
    search_fields = ["code", "name", "basis", "source_note"]
    list_select_related = ["category"]


class AgencyItemInline(admin.TabularInline):
    model = AgencyItem
    fields = ["code", "name", "category_name", "status", "not_applicable_reason", "time_limit_days"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


class ViewOnlyAdmin(admin.ModelAdmin):
    """Agencies' catalogues change only through the services (audited, workflow-checked)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AgencyCatalogue)
class AgencyCatalogueAdmin(ViewOnlyAdmin):
    list_display = ["agency", "status", "filed_at", "reviewed_at", "reviewed_by", "updated_at"]
    list_filter = ["status"]
    search_fields = ["agency__name", "agency__code"]
    list_select_related = ["agency", "reviewed_by"]
    inlines = [AgencyItemInline]


@admin.register(AgencyItem)
class AgencyItemAdmin(ViewOnlyAdmin):
    list_display = ["code", "name", "catalogue", "category_name", "status", "time_limit_days"]
    list_filter = ["status", "category_name"]
    search_fields = ["code", "name", "catalogue__agency__name"]
    list_select_related = ["catalogue__agency"]
