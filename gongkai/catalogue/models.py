"""The standard disclosure catalogue (标准目录) and each agency's own catalogue derived from it.

Structure (spec/catalogue.md §2): 一级事项 (StandardCategory) → 二级事项 (StandardItem), each
item with its 公开内容要素 (elements: the sub-rows, each with its own time limit, channels,
audience, mode and level). An agency's catalogue (AgencyCatalogue) holds one AgencyItem per
standard item it keeps, plus items it adds; items that do not apply are kept with a reason.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalogue.cadence import Cadence

DEFAULT_TIME_LIMIT_DAYS = 20  # 条例 Art.26: 20 working days from formation or change.


class Confirmation(models.TextChoices):
    CONFIRMED = "confirmed", _("已核实（见于公开文本）")
    READING = "reading", _("本项目的理解（未见原文）")


class StandardCategory(models.Model):
    code = models.CharField(_("编码"), max_length=16, unique=True)
    name = models.CharField(_("一级事项"), max_length=200)
    order = models.PositiveIntegerField(_("排序"), default=0)
    confirmation = models.CharField(
        _("核实情况"), max_length=16, choices=Confirmation.choices, default=Confirmation.READING
    )
    source_note = models.TextField(_("来源说明"), blank=True)

    class Meta:
        verbose_name = _("标准目录一级事项")
        verbose_name_plural = _("标准目录一级事项")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StandardItemQuerySet(models.QuerySet):
    def in_force(self) -> "StandardItemQuerySet":
        return self.filter(withdrawn_reason="")


class StandardItem(models.Model):
    category = models.ForeignKey(
        StandardCategory, verbose_name=_("一级事项"), on_delete=models.PROTECT, related_name="items"
    )
    code = models.CharField(_("编码"), max_length=16, unique=True)
    name = models.CharField(_("二级事项"), max_length=300)
    order = models.PositiveIntegerField(_("排序"), default=0)
    # Each element: {"name", "details", "time_limit_days", "time_limit_text", "channels": [...],
    # "audience", "mode", "level"} — see gongkai/catalogue/README.md.
    elements = models.JSONField(_("公开内容（要素）"), default=list, blank=True)
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit_days = models.PositiveIntegerField(
        _("公开时限（工作日）"), default=DEFAULT_TIME_LIMIT_DAYS
    )
    time_limit_text = models.CharField(
        _("公开时限"), max_length=200, default="自信息形成或者变更之日起20个工作日内予以公开"
    )
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(_("公开对象"), max_length=100, blank=True)
    mode = models.CharField(_("公开方式"), max_length=50, blank=True)
    level = models.CharField(_("公开层级"), max_length=100, blank=True)
    # The level codes (rules.CATALOGUE_LEVELS) whose agencies derive this item; `level` is the
    # same as the source's wording.
    levels = models.JSONField(_("适用层级"), default=list, blank=True)
    # Published for every period (cadence.py); copied onto agencies' items when derived.
    cadence = models.CharField(
        _("定期公开"), max_length=16, choices=Cadence.choices, blank=True, default=""
    )
    cadence_due_working_days = models.PositiveSmallIntegerField(
        _("每期结束后公开时限（工作日）"), default=20
    )
    confirmation = models.CharField(
        _("核实情况"), max_length=16, choices=Confirmation.choices, default=Confirmation.READING
    )
    source_note = models.TextField(_("来源说明"), blank=True)
    # Not deleted when a new version of the standard drops it (agencies' items and their records
    # refer to it): withdrawn, with the reason agencies are shown when they re-derive.
    withdrawn_reason = models.TextField(_("撤销说明"), blank=True)

    objects = StandardItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("标准目录二级事项")
        verbose_name_plural = _("标准目录二级事项")
        ordering = ["category__order", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_withdrawn(self) -> bool:
        return bool(self.withdrawn_reason)

    def applies_to(self, level: str) -> bool:
        """In force and meant for agencies of catalogue level `level` (rules.CATALOGUE_LEVELS)."""
        # Filtered in Python: SQLite has no JSON containment lookup, and there are few items.
        return not self.is_withdrawn and level in (self.levels or [])


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    FILED = "filed", _("已报备案")
    RETURNED = "returned", _("退回修改")
    ACCEPTED = "accepted", _("备案通过")


class AgencyCatalogue(models.Model):
    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.CASCADE,
        related_name="catalogue",
    )
    status = models.CharField(
        _("备案状态"), max_length=16, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT
    )
    filed_at = models.DateTimeField(_("报备时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comments = models.TextField(_("审查意见"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("机关公开目录")
        verbose_name_plural = _("机关公开目录")

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_status_display()}"


class ItemStatus(models.TextChoices):
    KEPT = "kept", _("沿用标准目录")
    ADDED = "added", _("本机关新增")
    NOT_APPLICABLE = "not_applicable", _("不适用")


class AgencyItemQuerySet(models.QuerySet):
    def applicable(self) -> "AgencyItemQuerySet":
        return self.exclude(status=ItemStatus.NOT_APPLICABLE)


class AgencyItem(models.Model):
    catalogue = models.ForeignKey(
        AgencyCatalogue,
        verbose_name=_("机关公开目录"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    standard_item = models.ForeignKey(
        StandardItem,
        verbose_name=_("对应标准目录事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agency_items",
    )
    category_code = models.CharField(_("一级事项编码"), max_length=16)
    category_name = models.CharField(_("一级事项"), max_length=200)
    code = models.CharField(_("编码"), max_length=24)
    name = models.CharField(_("二级事项"), max_length=300)
    order = models.PositiveIntegerField(_("排序"), default=0)
    status = models.CharField(
        _("状态"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.KEPT
    )
    not_applicable_reason = models.TextField(_("不适用理由"), blank=True)
    elements = models.JSONField(_("公开内容（要素）"), default=list, blank=True)
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit_days = models.PositiveIntegerField(
        _("公开时限（工作日）"), default=DEFAULT_TIME_LIMIT_DAYS
    )
    time_limit_text = models.CharField(_("公开时限"), max_length=200, blank=True)
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(_("公开对象"), max_length=100, blank=True)
    mode = models.CharField(_("公开方式"), max_length=50, blank=True)
    level = models.CharField(_("公开层级"), max_length=100, blank=True)
    # Published for every period (cadence.py): each ended period expects a record by its end
    # + `cadence_due_working_days`; periods before `cadence_since` expect nothing.
    cadence = models.CharField(
        _("定期公开"), max_length=16, choices=Cadence.choices, blank=True, default=""
    )
    cadence_due_working_days = models.PositiveSmallIntegerField(
        _("每期结束后公开时限（工作日）"), default=20
    )
    cadence_since = models.DateField(_("定期公开起始日期"), null=True, blank=True)
    # The standard item's values as last copied (services.COPIED_FIELDS): tells a change of the
    # standard (re-derive offers it) from the agency's own edit (re-derive keeps it).
    standard_snapshot = models.JSONField(_("标准目录原值"), default=dict, blank=True)

    objects = AgencyItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("机关目录事项")
        verbose_name_plural = _("机关目录事项")
        ordering = ["category_code", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="unique_agency_item_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ExpectedPublication(models.Model):
    """One period of a cadence item: a record of the item is expected by `due_on`. Whether it
    came is read from the records (obligations.py), never stored here."""

    agency_item = models.ForeignKey(
        AgencyItem,
        verbose_name=_("机关目录事项"),
        on_delete=models.CASCADE,
        related_name="expected_publications",
    )
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    due_on = models.DateField(_("应公开日期"), null=True, blank=True)
    due_is_provisional = models.BooleanField(_("期限暂定"), default=False)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("定期公开事项")
        verbose_name_plural = _("定期公开事项")
        ordering = ["agency_item", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency_item", "period_start"], name="one_expected_publication_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_item} {self.period_start}"
