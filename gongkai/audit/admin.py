from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.audit import labels
from gongkai.audit.display import admin_snapshot
from gongkai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, even for administrators."""

    list_display = ["at", "actor", "agency", "action_label", "action", "object_repr"]
    list_filter = ["action", "agency"]
    search_fields = ["object_repr", "note", "object_id"]
    date_hierarchy = "at"
    # Snapshots go through the filter their app registered (display.py): an application's
    # hold the applicant's data, which system administrators do not see.
    exclude = ["before", "after"]
    readonly_fields = ["before_shown", "after_shown"]

    def _shown(self, obj, values):
        label = f"{obj.content_type.app_label}.{obj.content_type.model}"
        return admin_snapshot(label, values)

    @admin.display(description=_("变更前"))
    def before_shown(self, obj):
        return self._shown(obj, obj.before)

    @admin.display(description=_("变更后"))
    def after_shown(self, obj):
        return self._shown(obj, obj.after)

    @admin.display(description=_("操作"))
    def action_label(self, obj):
        return labels.action_label(obj.action)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin whose saves and deletions write audit events in the same transaction.

    Django admin wraps each change view in a transaction, so the event commits with the row.
    """

    audit_fields: list[str] | None = None

    def _fields_for(self, obj) -> list[str]:
        if self.audit_fields is not None:
            return self.audit_fields
        return [f.attname for f in obj._meta.concrete_fields]

    def _agency_of(self, obj):
        from gongkai.agencies.models import Agency

        if isinstance(obj, Agency):
            return obj
        return getattr(obj, "agency", None)

    def save_model(self, request, obj, form, change):
        from django.db import transaction

        from gongkai.audit.services import record_event, snapshot

        with transaction.atomic():
            before = None
            if change:
                original = type(obj).objects.get(pk=obj.pk)
                before = snapshot(original, self._fields_for(obj))
            super().save_model(request, obj, form, change)
            record_event(
                actor=request.user,
                action=f"admin.{'change' if change else 'add'}",
                obj=obj,
                agency=self._agency_of(obj),
                before=before,
                after=snapshot(obj, self._fields_for(obj)),
            )

    def delete_model(self, request, obj):
        from django.db import transaction

        from gongkai.audit.services import record_event, snapshot

        with transaction.atomic():
            record_event(
                actor=request.user,
                action="admin.delete",
                obj=obj,
                agency=self._agency_of(obj),
                before=snapshot(obj, self._fields_for(obj)),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        from django.db import transaction

        from gongkai.audit.services import record_event, snapshot

        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                record_event(
                    actor=request.user,
                    action="admin.delete",
                    obj=obj,
                    agency=self._agency_of(obj),
                    before=snapshot(obj, [f.attname for f in obj._meta.concrete_fields]),
                )
                obj.delete()
            for obj in instances:
                is_new = obj.pk is None
                obj.save()
                record_event(
                    actor=request.user,
                    action="admin.add" if is_new else "admin.change",
                    obj=obj,
                    agency=self._agency_of(obj),
                    after=snapshot(obj, [f.attname for f in obj._meta.concrete_fields]),
                )
            formset.save_m2m()
