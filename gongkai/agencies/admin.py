from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models

from gongkai.accounts.admin import reset_second_factor, unlock_accounts
from gongkai.agencies.models import Agency, Membership
from gongkai.audit.admin import AuditedModelAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = [
        "code",
        "name",
        "level",
        "sort_order",
        "parent",
        "is_active",
        "requires_two_factor",
    ]
    list_filter = ["level", "is_active", "requires_two_factor"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]
    # As the console's guide form: a web address typed without a scheme means https (the
    # change page failed on Django's deprecation of the http default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedModelAdmin, UserAdmin):
    """Accounts, audited; the password hash never enters the audit trail."""

    actions = [unlock_accounts, reset_second_factor]

    audit_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
    ]
