"""A major construction project (重大建设项目), its eight stages of information and its
procurement notices (政府采购/招标投标). Each stage and notice is published as a record of the
document library (publication.py). See README.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.projects.stages import ORDER, StageKind


class ProjectStatus(models.TextChoices):
    PREPARING = "preparing", _("前期工作")
    BUILDING = "building", _("在建")
    COMPLETED = "completed", _("已竣工")
    SUSPENDED = "suspended", _("停建缓建")


class ProjectQuerySet(models.QuerySet):
    def for_agencies(self, agency_ids) -> "ProjectQuerySet":
        return self.filter(agency_id__in=agency_ids)

    def public(self) -> "ProjectQuerySet":
        """Shown on the portal: a project with at least one published stage or notice."""
        return self.filter(
            models.Q(stages__state=StageState.PUBLISHED)
            | models.Q(procurements__state=ProcurementState.PUBLISHED)
        ).distinct()


class Project(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="projects", verbose_name=_("机关")
    )
    catalogue_item = models.ForeignKey(
        "catalogue.AgencyItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("公开目录事项"),
    )
    name = models.CharField(_("项目名称"), max_length=200)
    code = models.CharField(_("项目代码"), max_length=40)
    location = models.CharField(_("建设地点"), max_length=200)
    investment = models.DecimalField(_("总投资（万元）"), max_digits=14, decimal_places=2)
    owner_unit = models.CharField(_("项目法人单位"), max_length=200)
    starts_on = models.DateField(_("计划开工日期"), null=True, blank=True)
    finishes_on = models.DateField(_("计划竣工日期"), null=True, blank=True)
    status = models.CharField(
        _("项目状态"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PREPARING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大建设项目")
        verbose_name_plural = _("重大建设项目")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unique_project_code")
        ]

    def __str__(self) -> str:
        return self.name


class StageState(models.TextChoices):
    PENDING = "pending", _("待形成")
    RECORDED = "recorded", _("待审核发布")
    PUBLISHED = "published", _("已公开")
    NOT_APPLICABLE = "not_applicable", _("不适用")


class StageQuerySet(models.QuerySet):
    def in_order(self) -> "StageQuerySet":
        return self.order_by("position")


class ProjectStage(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="stages", verbose_name=_("项目")
    )
    kind = models.CharField(_("信息类别"), max_length=24, choices=StageKind.choices)
    position = models.PositiveSmallIntegerField(_("顺序"))
    state = models.CharField(
        _("状态"), max_length=16, choices=StageState.choices, default=StageState.PENDING
    )
    details = models.JSONField(_("公开内容"), default=dict, blank=True)
    formed_on = models.DateField(_("信息形成或变更日期"), null=True, blank=True)
    is_licensing = models.BooleanField(_("属于行政许可决定"), default=False)
    due_on = models.DateField(_("公开期限"), null=True, blank=True)
    due_is_provisional = models.BooleanField(_("暂定期限"), default=False)
    not_applicable_reason = models.TextField(_("不适用理由"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("公开记录"),
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    objects = StageQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目信息（阶段）")
        verbose_name_plural = _("项目信息（阶段）")
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="one_stage_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_kind_display()}"

    @property
    def agency(self):
        return self.project.agency


def stage_position(kind: str) -> int:
    return ORDER.index(StageKind(kind)) + 1


class ProcurementKind(models.TextChoices):
    NOTICE = "notice", _("采购公告")
    RESULT = "result", _("结果公告")
    CONTRACT = "contract", _("合同公告")


class ProcurementMethod(models.TextChoices):
    OPEN = "open", _("公开招标")
    INVITED = "invited", _("邀请招标")
    NEGOTIATION = "negotiation", _("竞争性谈判")
    CONSULTATION = "consultation", _("竞争性磋商")
    INQUIRY = "inquiry", _("询价")
    SINGLE = "single", _("单一来源")


class ProcurementState(models.TextChoices):
    RECORDED = "recorded", _("待审核发布")
    PUBLISHED = "published", _("已公开")


class Procurement(models.Model):
    """One notice of the project's procurement: 采购公告, 结果公告 or 合同 summary."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="procurements", verbose_name=_("项目")
    )
    kind = models.CharField(_("公告类型"), max_length=16, choices=ProcurementKind.choices)
    title = models.CharField(_("采购项目名称"), max_length=200)
    method = models.CharField(
        _("采购方式"), max_length=16, choices=ProcurementMethod.choices, blank=True
    )
    budget = models.DecimalField(
        _("预算金额（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    deadline_on = models.DateField(_("投标截止日期"), null=True, blank=True)
    winner = models.CharField(_("中标（成交）供应商"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("中标（成交、合同）金额（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    purchaser = models.CharField(_("采购人"), max_length=200, blank=True)
    signed_on = models.DateField(_("合同签订日期"), null=True, blank=True)
    term = models.CharField(_("合同履行期限"), max_length=200, blank=True)
    formed_on = models.DateField(_("信息形成日期"))
    due_on = models.DateField(_("公开期限"), null=True, blank=True)
    due_is_provisional = models.BooleanField(_("暂定期限"), default=False)
    state = models.CharField(
        _("状态"),
        max_length=16,
        choices=ProcurementState.choices,
        default=ProcurementState.RECORDED,
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("公开记录"),
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        verbose_name = _("采购与招标公告")
        verbose_name_plural = _("采购与招标公告")
        ordering = ["project", "formed_on", "id"]

    def __str__(self) -> str:
        return f"{self.title} · {self.get_kind_display()}"

    @property
    def agency(self):
        return self.project.agency
