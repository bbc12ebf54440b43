"""Failed sign-ins counted per account name and per client address (see throttling.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    ACCOUNT = "account", _("账号")
    ADDRESS = "address", _("IP 地址")


class LoginThrottleQuerySet(models.QuerySet):
    def locked(self, *, at=None) -> "LoginThrottleQuerySet":
        return self.filter(locked_until__gt=at or timezone.now())


class LoginThrottle(models.Model):
    """Recent failed sign-ins for one account name (as typed, lower case) or one address."""

    scope = models.CharField(_("范围"), max_length=16, choices=Scope.choices)
    key = models.CharField(_("账号或地址"), max_length=254)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    last_failed_at = models.DateTimeField(_("最近失败时间"), null=True, blank=True)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)

    objects = LoginThrottleQuerySet.as_manager()

    class Meta:
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="unique_login_throttle")
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}"

    def is_locked(self, *, at=None) -> bool:
        return self.locked_until is not None and self.locked_until > (at or timezone.now())
