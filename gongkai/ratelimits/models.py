"""Counters, lockouts and used form tokens. Keys are stored as keyed digests, never as the IP
address or query code they stand for; every row carries the moment after which it is useless,
and `gongkai purge_ratelimits` deletes it then."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """How many times `key_digest` used `scope` in the fixed window starting at `window_start`."""

    scope = models.CharField(_("范围"), max_length=64)
    key_digest = models.CharField(_("键摘要"), max_length=64)
    window_start = models.BigIntegerField(_("时间窗起点（Unix 秒）"))
    hits = models.PositiveIntegerField(_("次数"), default=0)
    expires_at = models.DateTimeField(_("失效时间"), db_index=True)

    class Meta:
        verbose_name = _("频率计数")
        verbose_name_plural = _("频率计数")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key_digest", "window_start"], name="ratecounter_one_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key_digest[:8]} @{self.window_start}: {self.hits}"


class Lockout(models.Model):
    """A key (a query code) shut for `scope` until `until`, after too many tries."""

    scope = models.CharField(_("范围"), max_length=64)
    key_digest = models.CharField(_("键摘要"), max_length=64)
    until = models.DateTimeField(_("锁定至"), db_index=True)

    class Meta:
        verbose_name = _("锁定")
        verbose_name_plural = _("锁定")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_digest"], name="lockout_one_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key_digest[:8]} until {self.until:%Y-%m-%d %H:%M}"


class UsedFormToken(models.Model):
    """A one-time form token that filed a record; `receipt` names the record (its query code
    or id) so that the same form sent again shows the first one's receipt."""

    token = models.CharField(_("令牌"), max_length=64, unique=True)
    purpose = models.CharField(_("用途"), max_length=40)
    receipt = models.CharField(_("回执"), max_length=64, blank=True)
    expires_at = models.DateTimeField(_("失效时间"), db_index=True)

    class Meta:
        verbose_name = _("已使用的表单令牌")
        verbose_name_plural = _("已使用的表单令牌")

    def __str__(self) -> str:
        return f"{self.purpose} {self.token[:8]}"
