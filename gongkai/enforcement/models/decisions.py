"""Enforcement decisions published under 双公示: licensing, penalty and other decisions as
structured data with the fields of the national credit platform's data standard (README.md).

Amounts are kept in yuan (元); the credit platform's layout (万元) is an export concern.
"""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    OTHER = "other", _("其他执法决定")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已公示")
    WITHDRAWN = "withdrawn", _("已撤回")


class PartyCategory(models.TextChoices):
    """行政相对人类别 of the data standard."""

    LEGAL_PERSON = "legal_person", _("法人及非法人组织")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")
    NATURAL_PERSON = "natural_person", _("自然人")


class IdType(models.TextChoices):
    """证件类型 of a natural person (or of a legal representative)."""

    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PERMIT = "hk_macao_permit", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan_permit", _("台湾居民来往大陆通行证")
    FOREIGN_PERMANENT = "foreign_permanent", _("外国人永久居留身份证")
    RESIDENCE_PERMIT = "residence_permit", _("港澳台居民居住证")


# Checked with the GB 11643 check character and birth date (rules.validate_resident_id).
ID_TYPES_WITH_CHECK_CHARACTER = frozenset({IdType.RESIDENT_ID, IdType.RESIDENCE_PERMIT})


class LicenceCategory(models.TextChoices):
    """许可类别 (行政许可法第十二条's kinds)."""

    ORDINARY = "ordinary", _("普通")
    FRANCHISE = "franchise", _("特许")
    RECOGNITION = "recognition", _("认可")
    APPROVAL = "approval", _("核准")
    REGISTRATION = "registration", _("登记")
    OTHER = "other", _("其他")


class PenaltyCategory(models.TextChoices):
    """处罚类别: the kinds of 行政处罚法 (2021) 第九条, in its order."""

    WARNING = "warning", _("警告")
    CIRCULATED_CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    LOWER_QUALIFICATION = "lower_qualification", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_OPERATIONS = "restrict_operations", _("限制开展生产经营活动")
    SUSPEND_OPERATIONS = "suspend_operations", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("其他")


class CurrentState(models.TextChoices):
    """当前状态 of the data standard."""

    VALID = "valid", _("有效")
    INVALID = "invalid", _("无效")


class CreditSeverity(models.TextChoices):
    """How the credit rules class a penalty: it sets the publicity period (rules.py)."""

    MINOR = "minor", _("轻微失信（不予公示）")
    GENERAL = "general", _("一般失信")
    SERIOUS = "serious", _("严重失信")


class ChangeKind(models.TextChoices):
    """What happened to a published decision (行政处罚法第四十八条第二款)."""

    CHANGED = "changed", _("变更")
    REVOKED = "revoked", _("撤销")
    CONFIRMED_ILLEGAL = "illegal", _("被确认违法")
    CONFIRMED_INVALID = "invalid", _("被确认无效")


class DecisionQuerySet(models.QuerySet):
    def drafts(self) -> "DecisionQuerySet":
        return self.filter(status=DecisionStatus.DRAFT)

    def published(self) -> "DecisionQuerySet":
        return self.filter(status=DecisionStatus.PUBLISHED)

    def withdrawn(self) -> "DecisionQuerySet":
        return self.filter(status=DecisionStatus.WITHDRAWN)

    def public(self, *, on: datetime.date) -> "DecisionQuerySet":
        """What the public list shows on `on`: published, within its publicity period."""
        return self.filter(
            status=DecisionStatus.PUBLISHED, is_shown=True, credit_repaired_on__isnull=True
        ).filter(Q(publicity_ends_on__isnull=True) | Q(publicity_ends_on__gte=on))

    def visible_to_staff(self, agency_ids: set[int]) -> "DecisionQuerySet":
        return self.filter(agency_id__in=agency_ids)


class Decision(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("公示机关"),
        on_delete=models.PROTECT,
        related_name="enforcement_decisions",
    )
    kind = models.CharField(_("决定类型"), max_length=16, choices=DecisionKind.choices)
    # The service item a licensing decision decides (#17 §1): its guide is one click away.
    service_item = models.ForeignKey(
        "service_guides.ServiceItem",
        verbose_name=_("政务服务事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )

    # The party (行政相对人).
    party_name = models.CharField(_("行政相对人名称"), max_length=200)
    party_category = models.CharField(
        _("行政相对人类别"), max_length=24, choices=PartyCategory.choices
    )
    party_credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        db_index=True,
        help_text=_("18位，含校验码。法人及非法人组织、个体工商户填写。"),
    )
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    legal_representative_id_type = models.CharField(
        _("法定代表人证件类型"), max_length=24, choices=IdType.choices, blank=True
    )
    legal_representative_id_number = models.CharField(
        _("法定代表人证件号码"), max_length=40, blank=True
    )
    party_id_type = models.CharField(
        _("证件类型"), max_length=24, choices=IdType.choices, blank=True
    )
    party_id_number = models.CharField(
        _("证件号码"),
        max_length=40,
        blank=True,
        help_text=_("自然人填写；对外公示时始终隐去。"),
    )

    # The decision.
    document_name = models.CharField(
        _("决定文书名称"), max_length=200, blank=True, help_text=_("例如：行政处罚决定书。")
    )
    document_number = models.CharField(_("决定书文号"), max_length=100, db_index=True)
    decided_on = models.DateField(_("决定日期"), db_index=True)
    authority_name = models.CharField(_("决定机关"), max_length=200)
    authority_credit_code = models.CharField(_("决定机关统一社会信用代码"), max_length=18)
    current_state = models.CharField(
        _("当前状态"), max_length=8, choices=CurrentState.choices, default=CurrentState.VALID
    )
    source_name = models.CharField(_("数据来源单位"), max_length=200)
    source_credit_code = models.CharField(_("数据来源单位统一社会信用代码"), max_length=18)
    remarks = models.TextField(_("备注"), blank=True)

    # Licences (行政许可).
    licence_category = models.CharField(
        _("许可类别"), max_length=16, choices=LicenceCategory.choices, blank=True
    )
    certificate_name = models.CharField(_("许可证书名称"), max_length=200, blank=True)
    licence_number = models.CharField(_("许可编号"), max_length=100, blank=True)
    licence_content = models.TextField(_("许可内容"), blank=True)
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)

    # Penalties (行政处罚).
    violation_type = models.CharField(_("违法行为类型"), max_length=200, blank=True)
    violation_facts = models.TextField(_("违法事实"), blank=True)
    penalty_basis = models.TextField(_("处罚依据"), blank=True)
    penalty_categories = models.JSONField(
        _("处罚类别"), default=list, blank=True, help_text=_("可多选。")
    )
    penalty_content = models.TextField(_("处罚内容"), blank=True)
    fine_amount = models.DecimalField(
        _("罚款金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    confiscation_amount = models.DecimalField(
        _("没收违法所得、没收非法财物的金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    suspended_licences = models.CharField(_("暂扣或吊销证照名称及编号"), max_length=300, blank=True)
    penalty_valid_until = models.DateField(
        _("处罚有效期"),
        null=True,
        blank=True,
        help_text=_("数据标准中的“处罚有效期”，例如暂扣许可证件、限制从业的截止日期。"),
    )
    credit_severity = models.CharField(
        _("失信程度"),
        max_length=8,
        choices=CreditSeverity.choices,
        default=CreditSeverity.GENERAL,
        help_text=_("决定行政处罚信息的公示期限。"),
    )

    # Other enforcement decisions (行政强制、行政检查、其他).
    decision_content = models.TextField(_("决定内容"), blank=True)
    decision_basis = models.TextField(_("决定依据"), blank=True)

    # Workflow.
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=DecisionStatus.choices,
        default=DecisionStatus.DRAFT,
        db_index=True,
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="drafted_enforcement_decisions",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_enforcement_decisions",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True, db_index=True)
    imported = models.BooleanField(_("批量导入"), default=False, editable=False)

    # The publication clock (7 or 20 working days from the decision; rules.py).
    due_on = models.DateField(_("应公示日期"), null=True, blank=True, db_index=True)
    due_is_provisional = models.BooleanField(_("期限暂定"), default=False, editable=False)
    due_problem = models.CharField(
        _("期限无法计算的原因"), max_length=300, blank=True, editable=False
    )

    # A change, revocation or annulment, and the withdrawal it requires within 3 days.
    change_kind = models.CharField(
        _("变更情形"), max_length=16, choices=ChangeKind.choices, blank=True
    )
    changed_on = models.DateField(_("变更、撤销或确认日期"), null=True, blank=True)
    change_basis = models.TextField(
        _("变更依据"), blank=True, help_text=_("例如复议决定书、判决书的名称和文号。")
    )
    change_recorded_at = models.DateTimeField(_("登记变更时间"), null=True, blank=True)
    withdrawal_due_on = models.DateField(_("应撤回日期"), null=True, blank=True)
    withdrawal_due_is_provisional = models.BooleanField(default=False, editable=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回原因"), blank=True)
    withdrawal_explanation = models.TextField(
        _("撤回说明"), blank=True, help_text=_("向社会公开的说明（行政处罚法第四十八条）。")
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Publicity period (公示期限) and credit repair (信用修复).
    is_shown = models.BooleanField(
        _("对外公示"),
        default=True,
        help_text=_("依信用规则不予公示的处罚（例如轻微失信）只在本机关记录中保存。"),
    )
    publicity_ends_on = models.DateField(
        _("公示截止日期"), null=True, blank=True, help_text=_("空白表示长期公示。")
    )
    repair_earliest_on = models.DateField(
        _("最短公示期届满日期"), null=True, blank=True, editable=False
    )
    credit_repaired_on = models.DateField(_("信用修复日期"), null=True, blank=True)
    credit_repair_basis = models.TextField(_("信用修复依据"), blank=True)
    credit_repaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("信用修复登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法决定")
        verbose_name_plural = _("执法决定")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="decision_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "kind", "status", "decided_on"]),
            models.Index(fields=["kind", "status", "decided_on"]),
            # The public list of all kinds, newest first (bench/enforcement.py: 357 → 46 ms for
            # its first page at 100,000 decisions).
            models.Index(fields=["status", "-decided_on", "-id"], name="decision_public_order"),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.party_name}"

    @property
    def is_natural_person(self) -> bool:
        return self.party_category == PartyCategory.NATURAL_PERSON

    @property
    def published_on(self) -> datetime.date | None:
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def is_penalty(self) -> bool:
        return self.kind == DecisionKind.PENALTY

    @property
    def is_licensing(self) -> bool:
        return self.kind == DecisionKind.LICENSING

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from gongkai.enforcement.validation import decision_errors, normalise

        normalise(self)
        if errors := decision_errors(self):
            raise ValidationError(errors)

    def penalty_category_labels(self) -> list[str]:
        labels = dict(PenaltyCategory.choices)
        return [str(labels.get(code, code)) for code in self.penalty_categories or []]

    def is_public_on(self, day: datetime.date) -> bool:
        return (
            self.status == DecisionStatus.PUBLISHED
            and self.is_shown
            and self.credit_repaired_on is None
            and (self.publicity_ends_on is None or self.publicity_ends_on >= day)
        )
