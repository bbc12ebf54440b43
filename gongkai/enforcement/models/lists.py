"""Enforcement lists published before enforcement (事前公开): one version per agency and period.

A version holds every part of the list (subjects, inspectors, powers, discretion standards,
procedures and remedies, the 随机抽查事项清单). It is drafted, submitted, and published by a
reviewer other than the drafter, like a record; a newer published version supersedes it from
its own `effective_from`, and the old one stays readable as history. No personal ID numbers are
stored: an inspector is named with the number of the 执法证, which is public by practice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.enforcement.inspection_rules import validate_credit_code


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")


class EnforcementListQuerySet(models.QuerySet):
    def published(self) -> "EnforcementListQuerySet":
        return self.filter(status=ListStatus.PUBLISHED)

    def in_force_on(self, day) -> "EnforcementListQuerySet":
        """Published versions whose period covers `day`."""
        return self.published().filter(
            models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=day),
            effective_from__lte=day,
        )


class EnforcementList(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("执法机关"),
        on_delete=models.PROTECT,
        related_name="enforcement_lists",
    )
    title = models.CharField(_("名称"), max_length=200)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(
        _("失效日期"), null=True, blank=True, help_text=_("被新版本取代的前一日，自动填写。")
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    procedures = models.TextField(_("执法程序"), blank=True)
    remedies = models.TextField(_("救济途径"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_comments = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnforcementListQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法公示清单")
        verbose_name_plural = _("执法公示清单")
        ordering = ["agency", "-effective_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.effective_from:%Y-%m-%d}）"


class ListSubject(models.Model):
    """执法主体."""

    enforcement_list = models.ForeignKey(
        EnforcementList, on_delete=models.CASCADE, related_name="subjects"
    )
    name = models.CharField(_("执法主体名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, validators=[validate_credit_code]
    )
    legal_basis = models.TextField(_("执法依据"))

    class Meta:
        verbose_name = _("执法主体")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ListInspector(models.Model):
    """执法人员: name, 执法证 number and validity, area. Never a personal ID number."""

    enforcement_list = models.ForeignKey(
        EnforcementList, on_delete=models.CASCADE, related_name="inspectors"
    )
    name = models.CharField(_("姓名"), max_length=50)
    certificate_number = models.CharField(_("执法证号"), max_length=40)
    certificate_valid_until = models.DateField(_("执法证有效期至"))
    area = models.CharField(_("执法区域或领域"), max_length=200)

    class Meta:
        verbose_name = _("执法人员")
        ordering = ["certificate_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enforcement_list", "certificate_number"], name="list_inspector_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"


class PowerKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    OTHER = "other", _("其他行政权力")


class ListPower(models.Model):
    """权责清单 item."""

    enforcement_list = models.ForeignKey(
        EnforcementList, on_delete=models.CASCADE, related_name="powers"
    )
    item = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("权力类别"), max_length=12, choices=PowerKind.choices)
    basis = models.TextField(_("设定依据"))
    responsible_office = models.CharField(_("责任科室"), max_length=100)

    class Meta:
        verbose_name = _("权责清单事项")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.item


class ListDiscretion(models.Model):
    """裁量基准 line: a violation, a circumstance and the range of penalty."""

    enforcement_list = models.ForeignKey(
        EnforcementList, on_delete=models.CASCADE, related_name="discretions"
    )
    violation = models.CharField(_("违法行为"), max_length=300)
    circumstance = models.CharField(_("违法情节"), max_length=300)
    penalty_range = models.CharField(_("裁量幅度"), max_length=300)

    class Meta:
        verbose_name = _("裁量基准")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.violation}：{self.circumstance}"


class ListInspectionItem(models.Model):
    """随机抽查事项清单 item (国办发〔2015〕58号: 抽查依据、主体、内容、方式)."""

    enforcement_list = models.ForeignKey(
        EnforcementList, on_delete=models.CASCADE, related_name="inspection_items"
    )
    item = models.CharField(_("抽查事项"), max_length=200)
    basis = models.TextField(_("抽查依据"))
    subject = models.CharField(_("抽查主体"), max_length=200)
    content = models.TextField(_("抽查内容"))
    method = models.CharField(_("抽查方式"), max_length=200)
    ratio_frequency = models.CharField(_("抽查比例和频次"), max_length=200)

    class Meta:
        verbose_name = _("随机抽查事项")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.item
