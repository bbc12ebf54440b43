"""A budget table (部门预算) or final accounts (部门决算) of one agency and year, in versions:
its lines by the functional classification (支出功能分类科目), the totals, the 三公 expenses and
the explanation. Amounts are in 万元 with two decimals, as the tables are published."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class Kind(models.TextChoices):
    BUDGET = "budget", _("预算")
    FINAL = "final", _("决算")


class TableStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本替代")
    WITHDRAWN = "withdrawn", _("已撤回")


class BudgetTableQuerySet(models.QuerySet):
    def published(self) -> "BudgetTableQuerySet":
        return self.filter(status=TableStatus.PUBLISHED)

    def open(self) -> "BudgetTableQuerySet":
        """The version being written or reviewed (at most one per agency, year and kind)."""
        return self.filter(status__in=[TableStatus.DRAFT, TableStatus.IN_REVIEW])

    def for_agencies(self, agency_ids) -> "BudgetTableQuerySet":
        return self.filter(agency_id__in=agency_ids)


class BudgetTable(models.Model):
    """One version of an agency's budget or final accounts for a year. A published version is
    never edited: a correction is a new version, and publishing it supersedes the old one."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="budget_tables",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=8, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(
        _("状态"), max_length=16, choices=TableStatus.choices, default=TableStatus.DRAFT
    )
    title = models.CharField(
        _("标题"), max_length=200, blank=True, help_text=_("留空时按机关、年度和类别生成。")
    )
    income_total = models.DecimalField(_("收入总计（万元）"), null=True, blank=True, **AMOUNT)
    expenditure_total = models.DecimalField(_("支出总计（万元）"), null=True, blank=True, **AMOUNT)
    # 三公经费 (万元): 公务用车购置及运行费 = 购置费 + 运行费 (rules.sangong_items).
    abroad = models.DecimalField(_("因公出国（境）费"), default=Decimal(0), **AMOUNT)
    vehicle_purchase = models.DecimalField(_("公务用车购置费"), default=Decimal(0), **AMOUNT)
    vehicle_operation = models.DecimalField(_("公务用车运行费"), default=Decimal(0), **AMOUNT)
    reception = models.DecimalField(_("公务接待费"), default=Decimal(0), **AMOUNT)
    explanation = models.TextField(
        _("情况说明"),
        blank=True,
        help_text=_("“三公”经费增减变化的原因；与上年相比有变化时必须填写。"),
    )

    # The published record: 索引号, secrecy review, catalogue and search come with it.
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("发布的信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_table",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="drafted_budget_tables",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_budget_tables",
    )
    review_comments = models.TextField(_("审核意见"), blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    objects = BudgetTableQuerySet.as_manager()

    class Meta:
        verbose_name = _("预算决算表")
        verbose_name_plural = _("预算决算表")
        ordering = ["agency", "-year", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind", "version"], name="unique_budget_table_version"
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "kind"],
                condition=Q(status__in=["draft", "in_review"]),
                name="one_open_budget_table",
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "kind"],
                condition=Q(status="published"),
                name="one_published_budget_table",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.kind} v{self.version}"

    @property
    def display_title(self) -> str:
        from gongkai.budgets.rules import default_title

        return self.title or default_title(self.agency.name, self.year, self.kind)


class BudgetLine(models.Model):
    """One line of the expenditure by functional class: 类 (3 digits), 款 (5) or 项 (7)."""

    table = models.ForeignKey(BudgetTable, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    code = models.CharField(_("科目编码"), max_length=7)
    name = models.CharField(_("科目名称"), max_length=100)
    amount = models.DecimalField(_("金额（万元）"), **AMOUNT)

    class Meta:
        verbose_name = _("支出功能分类科目")
        verbose_name_plural = _("支出功能分类科目")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="unique_budget_line_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
