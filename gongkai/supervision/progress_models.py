"""Half-yearly progress reports (工作进展情况报告) and the contacts they keep current."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.supervision.progress import Half


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("待报送")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已通过")


class ProgressReport(models.Model):
    """One subordinate agency's report for one half year, to the agency above it."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("报送机关"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    half = models.PositiveSmallIntegerField(
        _("半年"), choices=[(1, _("上半年")), (2, _("下半年及全年"))]
    )
    due_on = models.DateField(_("报送期限"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    work_done = models.TextField(_("工作开展情况"), blank=True)
    problems = models.TextField(_("存在的问题"), blank=True)
    plans = models.TextField(_("下一步工作打算"), blank=True)
    # 联系信息表: the person who runs the agency's disclosure work, kept current by each report.
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_post = models.CharField(_("职务"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comments = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("半年工作进展报告")
        verbose_name_plural = _("半年工作进展报告")
        ordering = ["-year", "-half", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "half"], name="one_report_a_half")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.period.label}"

    @property
    def period(self) -> Half:
        return Half(self.year, self.half)
