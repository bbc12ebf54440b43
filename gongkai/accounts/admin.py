from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts import access, second_factor, throttling
from gongkai.accounts.models import LoginThrottle


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Failed sign-ins and locks; rows change only through sign-ins and the audited unlock."""

    list_display = ["scope", "key", "failures", "last_failed_at", "locked_until"]
    list_filter = ["scope"]
    search_fields = ["key"]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("解除登录锁定"))
    def unlock(self, request, queryset):
        if not access.may_unlock_accounts(request.user):
            raise PermissionDenied
        for throttle in queryset:
            throttling.unlock_throttle(throttle, actor=request.user)
        messages.success(request, _("已解除所选记录的登录锁定。"))


@admin.action(description=gettext_lazy("解除登录锁定"))
def unlock_accounts(modeladmin, request, queryset):
    """For the user admin: lift the sign-in lock of the selected accounts (audited)."""
    if not access.may_unlock_accounts(request.user):
        raise PermissionDenied
    for user in queryset:
        throttling.unlock_account(user, actor=request.user)
    messages.success(request, _("已解除所选账号的登录锁定。"))


@admin.action(description=gettext_lazy("重置两步验证设备"))
def reset_second_factor(modeladmin, request, queryset):
    """For the user admin: remove the selected accounts' devices; they enrol again (audited)."""
    if not access.may_reset_second_factor(request.user):
        raise PermissionDenied
    for user in queryset:
        second_factor.reset_second_factor(user, actor=request.user)
    messages.success(request, _("已重置所选账号的两步验证设备，下次登录时需要重新绑定。"))
