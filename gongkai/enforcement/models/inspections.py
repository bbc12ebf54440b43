"""Double-random inspections (双随机一公开): target pool, declared conflicts, plans, draws and
results. The draw itself is `gongkai.enforcement.draw` (plain functions); a `Draw` row keeps
what was published before it (inputs, commitment) and after it (seed, result), and is never
changed once performed: a redraw is a new row with its reason, published beside the first.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.enforcement.inspection_rules import validate_credit_code


class RiskGrade(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


class InspectionTargetQuerySet(models.QuerySet):
    def active(self) -> "InspectionTargetQuerySet":
        return self.filter(is_active=True)


class InspectionTarget(models.Model):
    """A unit in the agency's 检查对象名录库."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="inspection_targets",
    )
    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, validators=[validate_credit_code]
    )
    kind = models.CharField(_("类型"), max_length=50, help_text=_("如 公共场所、医疗机构。"))
    district = models.CharField(_("所在区域"), max_length=50)
    risk_grade = models.CharField(_("风险等级"), max_length=8, choices=RiskGrade.choices)
    # Where the target came from (a licensing decision's 许可编号 or 文号), until decisions land.
    source_reference = models.CharField(_("来源"), max_length=200, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象")
        ordering = ["agency", "district", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "credit_code"], name="inspection_target_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.credit_code}）"


class Conflict(models.Model):
    """A declared 回避: the inspector (by 执法证号) never inspects the target."""

    target = models.ForeignKey(
        InspectionTarget,
        verbose_name=_("检查对象"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    inspector_certificate = models.CharField(_("执法证号"), max_length=40)
    reason = models.CharField(_("回避事由"), max_length=200)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("回避关系")
        ordering = ["target", "inspector_certificate"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "inspector_certificate"], name="conflict_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspector_certificate} ↔ {self.target}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    COMMITTED = "committed", _("已公布抽取承诺")
    DRAWN = "drawn", _("已抽取")


class InspectionPlanQuerySet(models.QuerySet):
    def public(self) -> "InspectionPlanQuerySet":
        """Plans whose commitment has been published."""
        return self.exclude(status=PlanStatus.DRAFT)


class InspectionPlan(models.Model):
    """A year's plan for one 抽查事项: strata and their quotas, inspectors per target, window."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("计划名称"), max_length=200)
    matter = models.CharField(_("抽查事项"), max_length=200)
    matter_basis = models.TextField(_("抽查依据"), blank=True)
    # The dimensions targets are stratified by: a subset of draw.STRATUM_DIMENSIONS.
    stratify_by = models.JSONField(_("分层维度"), default=list, blank=True)
    ratio_percent = models.DecimalField(
        _("抽查比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    count = models.PositiveIntegerField(_("抽查数量（每层）"), null=True, blank=True)
    target_kinds = models.JSONField(
        _("对象类型"), default=list, blank=True, help_text=_("留空为名录库中全部类型。")
    )
    inspectors_per_target = models.PositiveSmallIntegerField(_("每个对象的检查人员数"), default=2)
    window_start = models.DateField(_("检查开始日期"))
    window_end = models.DateField(_("检查结束日期"))
    status = models.CharField(
        _("状态"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["agency", "-year", "pk"]

    def __str__(self) -> str:
        return self.title

    def current_draw(self) -> "Draw | None":
        """The draw in force: the latest committed (and, usually, performed) one."""
        return self.draws.order_by("-sequence").first()


class PlanStratum(models.Model):
    """A stratum whose quota differs from the plan's default ratio or count."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="strata")
    key = models.CharField(_("分层"), max_length=300, help_text=_("如 district=城关镇"))
    ratio_percent = models.DecimalField(
        _("抽查比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    count = models.PositiveIntegerField(_("抽查数量"), null=True, blank=True)

    class Meta:
        verbose_name = _("分层抽查比例")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_stratum_unique_key")
        ]

    def __str__(self) -> str:
        return self.key


class Draw(models.Model):
    """One committed draw. `seed` stays unpublished until `performed_at`; then nothing changes."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="draws")
    sequence = models.PositiveSmallIntegerField(_("序号"))
    reason = models.TextField(_("重新抽取的理由"), blank=True)
    algorithm = models.CharField(_("算法"), max_length=40)
    inputs = models.JSONField(_("公布的抽取输入"))
    candidate_hash = models.CharField(_("候选名单哈希"), max_length=64)
    commitment = models.CharField(_("种子承诺值"), max_length=64)
    seed = models.CharField(_("随机种子"), max_length=64)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    committed_at = models.DateTimeField(_("承诺公布时间"))
    result = models.JSONField(_("抽取结果"), null=True, blank=True)
    result_hash = models.CharField(_("结果哈希"), max_length=64, blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    performed_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("抽取")
        verbose_name_plural = _("抽取")
        ordering = ["plan", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "sequence"], name="draw_unique_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.plan} #{self.sequence}"

    @property
    def is_performed(self) -> bool:
        return self.performed_at is not None

    @property
    def public_seed(self) -> str:
        """The seed, once the draw is performed; never before."""
        return self.seed if self.is_performed else ""


class Outcome(models.TextChoices):
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")
    RECTIFY = "rectify", _("责令整改")
    NO_PROBLEM = "no_problem", _("未发现问题")
    UNABLE = "unable", _("无法检查")


PROBLEM_OUTCOMES = (Outcome.FAILED, Outcome.RECTIFY)


class InspectionResultQuerySet(models.QuerySet):
    def published(self) -> "InspectionResultQuerySet":
        return self.filter(published_at__isnull=False)


class InspectionResult(models.Model):
    """The result for one drawn target; published within the plan's working days."""

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="results")
    target = models.ForeignKey(InspectionTarget, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("检查结果"), max_length=12, choices=Outcome.choices)
    note = models.TextField(_("说明"), blank=True)
    follow_up_reference = models.CharField(
        _("后续处理决定"), max_length=200, blank=True, help_text=_("如行政处罚决定书文号。")
    )
    result_on = models.DateField(_("检查完成日期"))
    publication_working_days = models.PositiveSmallIntegerField(_("公示期限（工作日）"))
    due_on = models.DateField(_("应公示日期"), null=True, blank=True)
    due_is_provisional = models.BooleanField(default=False)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查结果")
        verbose_name_plural = _("抽查结果")
        ordering = ["draw", "target__name"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "target"], name="result_unique_target")
        ]

    def __str__(self) -> str:
        return f"{self.target.name}：{self.get_outcome_display()}"

    @property
    def agency(self):
        """The agency that publishes the result (the plan's); the release review reads it."""
        return self.draw.plan.agency
