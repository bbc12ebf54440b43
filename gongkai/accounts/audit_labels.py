"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "accounts.login_locked": _("登录失败次数过多，账号锁定"),
    "accounts.unlocked": _("解除账号锁定"),
    "accounts.public_signup": _("公众注册账号"),
    "accounts.second_factor_enrolled": _("启用两步验证"),
    "accounts.second_factor_reset": _("重置两步验证"),
}
