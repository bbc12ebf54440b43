"""A new-media account of an agency (政务新媒体账号), the 开设/变更/注销 procedures it went
through (each requested, approved by the agency and filed with the supervisor), and the
releases of library records on it. See README.md."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("今日头条")
    APP = "app", _("客户端/App")
    CHANNELS = "channels", _("视频号")
    OTHER = "other", _("其他")


class AccountStatus(models.TextChoices):
    REQUESTED = "requested", _("申请开设")
    OPEN = "open", _("运行中")
    REFUSED = "refused", _("未获批准")
    CLOSED = "closed", _("已注销")


class ProcedureKind(models.TextChoices):
    OPENING = "opening", _("开设")
    CHANGE = "change", _("变更")
    CLOSING = "closing", _("注销")


class ProcedureState(models.TextChoices):
    REQUESTED = "requested", _("待批准")
    APPROVED = "approved", _("已批准，待备案")
    FILED = "filed", _("已备案")
    REFUSED = "refused", _("未批准")


class ActivitySource(models.TextChoices):
    ENTERED = "entered", _("人工录入")
    FEED = "feed", _("订阅源读取")


class AccountQuerySet(models.QuerySet):
    def for_agencies(self, agency_ids) -> "AccountQuerySet":
        return self.filter(agency_id__in=agency_ids)

    def active(self) -> "AccountQuerySet":
        """Running accounts: opening approved, not closed. The public matrix shows these."""
        return self.filter(status=AccountStatus.OPEN)

    def with_feed(self) -> "AccountQuerySet":
        return self.active().exclude(feed_url="")


class Account(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("主办机关"),
        on_delete=models.PROTECT,
        related_name="newmedia_accounts",
    )
    platform = models.CharField(_("平台"), max_length=16, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    account_id = models.CharField(
        _("账号ID"), max_length=100, help_text=_("平台上的账号ID、微信号或应用名称。")
    )
    operator = models.CharField(_("运维单位"), max_length=200)
    purpose = models.TextField(_("功能定位"))
    public_url = models.URLField(_("账号主页地址"), max_length=500, blank=True)
    feed_url = models.URLField(
        _("订阅源地址（RSS/Atom）"),
        max_length=500,
        blank=True,
        help_text=_("平台提供RSS或Atom订阅源的，填写后每日自动读取最近更新时间。"),
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=AccountStatus.choices, default=AccountStatus.REQUESTED
    )
    opened_on = models.DateField(_("开设日期"), null=True, blank=True)
    closed_on = models.DateField(_("注销日期"), null=True, blank=True)
    last_update_on = models.DateField(_("最近更新日期"), null=True, blank=True)
    last_update_source = models.CharField(
        _("更新日期来源"), max_length=16, choices=ActivitySource.choices, blank=True
    )
    feed_checked_at = models.DateTimeField(_("订阅源最近读取时间"), null=True, blank=True)
    feed_problem = models.CharField(_("订阅源读取问题"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = AccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        ordering = ["agency_id", "platform", "name", "id"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} · {self.name}"

    @property
    def is_active(self) -> bool:
        return self.status == AccountStatus.OPEN


class Procedure(models.Model):
    """One 开设, 变更 or 注销 of an account: requested by staff, approved (or refused) by the
    agency's administrator, then filed with the supervising agency. A change carries the new
    values, applied when approved."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="procedures")
    kind = models.CharField(_("事项"), max_length=16, choices=ProcedureKind.choices)
    state = models.CharField(
        _("状态"), max_length=16, choices=ProcedureState.choices, default=ProcedureState.REQUESTED
    )
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("备案时间"), null=True, blank=True)
    filing_number = models.CharField(_("备案编号"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("开设、变更、注销事项")
        verbose_name_plural = _("开设、变更、注销事项")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.account} · {self.get_kind_display()}"


class Release(models.Model):
    """Where and when a library record went out on an account (recorded by staff)."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="newmedia_releases"
    )
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="releases")
    released_at = models.DateTimeField(_("发布时间"))
    post_url = models.URLField(_("发布地址"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)
    taken_down_at = models.DateTimeField(_("渠道删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("新媒体发布记录")
        verbose_name_plural = _("新媒体发布记录")
        ordering = ["-released_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "account"], name="one_release_per_account")
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.account}"
