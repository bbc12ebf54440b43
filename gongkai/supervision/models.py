"""The supervising agency's 考核 scheme of a year (indicators, weights, methods) and the
rectification tasks (整改) it opens for its subordinates."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.supervision.scoring import Method
from gongkai.supervision.workflow import TaskStatus


class AssessmentScheme(models.Model):
    """考核方案: how a supervising agency scores its subordinates in one year."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("考核机关"),
        on_delete=models.CASCADE,
        related_name="assessment_schemes",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    name = models.CharField(_("方案名称"), max_length=200)
    is_ranking_public = models.BooleanField(
        _("公开排名"),
        default=False,
        help_text=_("勾选后，在门户网站公布本年度考核排名（只公布机关名称和得分）。"),
    )
    stale_months = models.PositiveSmallIntegerField(
        _("栏目更新期限（月）"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_("目录事项超过此月数没有发布信息的，计为“栏目长期未更新”。"),
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_scheme_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.name}"


class Indicator(models.Model):
    """One 考核 indicator: a finding kind, its weight and how its figure becomes points."""

    scheme = models.ForeignKey(
        AssessmentScheme,
        verbose_name=_("考核方案"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    finding = models.CharField(_("考核事项"), max_length=40)
    name = models.CharField(_("指标名称"), max_length=100)
    weight = models.DecimalField(
        _("分值"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    method = models.CharField(
        _("计分方法"), max_length=16, choices=Method.choices, default=Method.DEDUCTION
    )
    deduction = models.DecimalField(
        _("每项扣分"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("按“满分减每项扣分”计分时，每发现一项扣减的分数。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class RectificationTaskQuerySet(models.QuerySet):
    def open(self) -> "RectificationTaskQuerySet":
        return self.exclude(status=TaskStatus.ACCEPTED)


def evidence_path(task: "RectificationTask", filename: str) -> str:
    return f"rectification/{task.agency_id}/{task.pk or 'new'}/{filename}"


class RectificationTask(models.Model):
    """整改任务: what a subordinate must fix by when, its answer, and the supervisor's review."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("整改机关"),
        on_delete=models.PROTECT,
        related_name="rectification_tasks",
    )
    supervisor_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("督查机关"),
        on_delete=models.PROTECT,
        related_name="rectification_tasks_opened",
    )
    title = models.CharField(_("整改事项"), max_length=200)
    requirement = models.TextField(_("整改要求"))
    finding = models.CharField(_("问题类别"), max_length=40, blank=True)
    period = models.CharField(_("所属期间"), max_length=7, blank=True)
    due_on = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    response = models.TextField(_("整改情况"), blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(_("佐证材料文件名"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反馈人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comments = models.TextField(_("督查意见"), blank=True)
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("验收人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交办人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("交办时间"), default=timezone.now)
    # 挂牌督办: set once by the daily sweep when the task stays unanswered past its deadline
    # (supervision/escalation.py).
    escalated_on = models.DateField(_("挂牌督办日期"), null=True, blank=True)

    objects = RectificationTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("整改任务")
        verbose_name_plural = _("整改任务")
        ordering = ["status", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


# Half-yearly progress reports, the work ledger and the link checks live in modules of their
# own; Django finds models in this module.
from gongkai.supervision.link_models import ExternalLink, LinkCheck  # noqa: E402
from gongkai.supervision.progress_models import ProgressReport, ReportStatus  # noqa: E402
from gongkai.supervision.tally_models import LedgerTally  # noqa: E402
from gongkai.supervision.work_models import MeetingKind, WorkMeeting, WorkTask  # noqa: E402

__all__ = [
    "AssessmentScheme",
    "ExternalLink",
    "Indicator",
    "LedgerTally",
    "LinkCheck",
    "MeetingKind",
    "ProgressReport",
    "RectificationTask",
    "ReportStatus",
    "WorkMeeting",
    "WorkTask",
]
