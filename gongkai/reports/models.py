"""The annual report (政府信息公开工作年度报告, 条例第四十九条、第五十条) of one agency for one
year, and the figures a clerk enters where the platform holds no records."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class AnnualReportQuerySet(models.QuerySet):
    def published(self) -> "AnnualReportQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def drafts(self) -> "AnnualReportQuerySet":
        return self.filter(status=Status.DRAFT)


class AnnualReport(models.Model):
    """One agency's report for one calendar year: a snapshot of the figures and the sections
    the clerk writes (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    data = models.JSONField(
        _("统计数据"),
        default=dict,
        blank=True,
        help_text=_("统计时的数据快照；发布后不再变化。"),
    )
    computed_at = models.DateTimeField(_("统计时间"), null=True, blank=True)
    section_overview = models.TextField(_("一、总体情况"), blank=True)
    section_problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    section_other = models.TextField(_("六、其他需要报告的事项"), blank=True)
    override_reason = models.TextField(
        _("校验未通过仍发布的理由"),
        blank=True,
        help_text=_("校验未通过时，发布人须写明理由；理由记入审计记录，不对外公布。"),
    )
    published_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("发布的信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="unique_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class ManualFigure(models.Model):
    """A Table A cell entered by the clerk, with its source; it replaces what the records give
    for this agency and year (e.g. 行政事业性收费, which the platform does not hold)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="report_figures",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    key = models.CharField(_("栏目"), max_length=32)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=4)
    source_note = models.TextField(_("数据来源"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("填报时间"), default=timezone.now)

    class Meta:
        verbose_name = _("手工填报数据")
        verbose_name_plural = _("手工填报数据")
        ordering = ["year", "key"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "key"], name="unique_manual_figure")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.key}={self.display_value}"

    @property
    def display_value(self) -> str:
        """The value without trailing zeros or exponent: 199.43, 1894."""
        return format(self.value.normalize(), "f")


class ReportDuty(models.Model):
    """One agency's duty to publish its report on `year` by 31 January of the next year
    (条例第四十九条), opened by the daily sweep when the year has ended (reports/obligations.py).
    Made by the system, not by a person: no audit event is written for it."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.CASCADE,
        related_name="report_duties",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    opened_on = models.DateField(_("生成日期"))

    class Meta:
        verbose_name = _("年度报告发布义务")
        verbose_name_plural = _("年度报告发布义务")
        ordering = ["-year", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_report_duty_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"
