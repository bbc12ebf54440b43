"""Monthly notifiable-disease figures of a region (法定传染病疫情概况). See README.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.diseases.classification import DiseaseClass


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已更正")
    WITHDRAWN = "withdrawn", _("已撤回")


class DiseaseSetting(models.Model):
    """Whether the agency publishes the monthly figures (often only when authorised: spec
    regulations.md §传染病), and by which day of the next month."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.CASCADE,
        related_name="disease_setting",
    )
    publishes_monthly = models.BooleanField(
        _("按月发布法定传染病疫情"),
        default=False,
        help_text=_("经授权按月发布本地区法定传染病疫情概况的，勾选后每月的发布列入待办事项台账。"),
    )
    due_day = models.PositiveSmallIntegerField(
        _("次月发布截止日"),
        default=20,
        help_text=_("每月疫情概况应在次月的第几日前发布（1—28）。"),
    )
    since = models.DateField(_("起始月份"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("疫情发布设置")
        verbose_name_plural = _("疫情发布设置")

    def __str__(self) -> str:
        return f"{self.agency_id} {self.publishes_monthly} {self.due_day}"


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)

    def for_agencies(self, agency_ids):
        return self.filter(agency_id__in=agency_ids)


class MonthlyReport(models.Model):
    """One version of a region's figures for one month; a correction is a new version."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="disease_reports",
    )
    month = models.DateField(_("月份"), help_text=_("该月第一日"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(
        _("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    note = models.TextField(_("说明"), blank=True, max_length=2000)
    correction_reason = models.TextField(_("更正说明"), blank=True, max_length=2000)
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
        related_name="disease_report",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("法定传染病疫情月报")
        verbose_name_plural = _("法定传染病疫情月报")
        ordering = ["agency", "-month", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "month", "version"], name="diseases_one_version_number"
            )
        ]
        indexes = [models.Index(fields=["agency", "status", "month"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.month:%Y-%m} v{self.version}"


class DiseaseCount(models.Model):
    report = models.ForeignKey(
        MonthlyReport, verbose_name=_("月报"), on_delete=models.CASCADE, related_name="counts"
    )
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    disease = models.CharField(_("病种"), max_length=60)
    disease_class = models.CharField(_("类别"), max_length=1, choices=DiseaseClass.choices)
    cases = models.PositiveIntegerField(_("发病数"), default=0)
    deaths = models.PositiveIntegerField(_("死亡数"), default=0)

    class Meta:
        verbose_name = _("病种发病死亡数")
        verbose_name_plural = _("病种发病死亡数")
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "disease"], name="diseases_one_row_each")
        ]

    def __str__(self) -> str:
        return f"{self.disease} {self.cases}/{self.deaths}"
