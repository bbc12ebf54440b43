"""Price lists of an institution (医疗服务 / 药品 / 医用耗材) in versions. See README.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PriceKind(models.TextChoices):
    SERVICE = "service", _("医疗服务")
    DRUG = "drug", _("药品")
    CONSUMABLE = "consumable", _("医用耗材")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本替代")
    WITHDRAWN = "withdrawn", _("已撤回")


class PriceList(models.Model):
    """One institution's list of one kind, kept and published by `agency` (the institution
    itself, or the commission above it that publishes its institutions' prices)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("发布机关"),
        on_delete=models.PROTECT,
        related_name="price_lists",
    )
    institution = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("医疗卫生机构"),
        on_delete=models.PROTECT,
        related_name="institution_price_lists",
    )
    kind = models.CharField(_("价格类别"), max_length=16, choices=PriceKind.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("价格清单")
        verbose_name_plural = _("价格清单")
        ordering = ["institution", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "kind"], name="prices_one_list_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.get_kind_display()}"

    @property
    def has_specification(self) -> bool:
        """规格 applies to drugs and consumables, not to services."""
        return self.kind != PriceKind.SERVICE


class VersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VersionStatus.PUBLISHED)

    def public_history(self):
        """Versions that were once public (their changes are the history)."""
        return self.filter(status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED]).order_by(
            "number"
        )


class PriceVersion(models.Model):
    price_list = models.ForeignKey(
        PriceList, verbose_name=_("价格清单"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本"))
    status = models.CharField(
        _("状态"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    note = models.TextField(_("说明"), blank=True, max_length=2000)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("公开记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="price_version",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("价格清单版本")
        verbose_name_plural = _("价格清单版本")
        ordering = ["price_list", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["price_list", "number"], name="prices_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.price_list} v{self.number}"


class PriceItem(models.Model):
    version = models.ForeignKey(
        PriceVersion, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("项目编码"), max_length=60)
    name = models.CharField(_("项目名称"), max_length=200)
    specification = models.CharField(_("规格"), max_length=200, blank=True)
    unit = models.CharField(_("计价单位"), max_length=40)
    price = models.DecimalField(_("价格（元）"), max_digits=12, decimal_places=2)
    effective_on = models.DateField(_("执行日期"))
    note = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("价格项目")
        verbose_name_plural = _("价格项目")
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="prices_code_once_per_version")
        ]
        # Search by code uses the unique index (version, code); by name, this one (a prefix
        # match uses it; a contains match scans one version's rows — a few thousand at most).
        indexes = [models.Index(fields=["version", "name"], name="prices_item_name")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
