"""The yearly review of withheld information (条例第十八条; 四平: 每年对不予公开的信息进行全面
自查): one review per agency and year, one item per withheld or partly withheld record and per
refusal or partial reply of the year, each decided; and the drafts made from frequently
requested information (条例第四十四条)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("自查中")
    COMPLETED = "completed", _("已完成")


class SourceKind(models.TextChoices):
    RECORD_WITHHELD = "record_withheld", _("不予公开的政府信息")
    RECORD_REDACTED = "record_redacted", _("删减后公开的政府信息")
    REPLY_WITHHELD = "reply_withheld", _("不予公开的申请答复")
    REPLY_PARTIAL = "reply_partial", _("部分公开的申请答复")


RECORD_KINDS = frozenset({SourceKind.RECORD_WITHHELD, SourceKind.RECORD_REDACTED})


class Decision(models.TextChoices):
    KEEP = "keep", _("继续不予公开（理由仍然成立）")
    RELEASE = "release", _("予以公开")
    RELEASE_PART = "release_part", _("部分公开")


class YearlyReview(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        related_name="yearly_reviews",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    due_on = models.DateField(_("完成期限"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("发起时间"), default=timezone.now)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("完成人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("不予公开信息年度自查")
        verbose_name_plural = _("不予公开信息年度自查")
        ordering = ["-year", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_review_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class ReviewItem(models.Model):
    review = models.ForeignKey(
        YearlyReview, verbose_name=_("自查"), on_delete=models.CASCADE, related_name="items"
    )
    source_kind = models.CharField(_("类别"), max_length=20, choices=SourceKind.choices)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("政府信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    application = models.ForeignKey(
        "foi.Application",
        verbose_name=_("公开申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The basis when the item was listed: a documents.WithholdingBasis or a foi.Outcome value.
    basis = models.CharField(_("原依据"), max_length=32, blank=True)
    decision = models.CharField(_("自查结论"), max_length=16, choices=Decision.choices, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作出结论的人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("结论时间"), null=True, blank=True)
    release_draft = models.ForeignKey(
        "documents.Document",
        verbose_name=_("公开草稿"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("自查事项")
        verbose_name_plural = _("自查事项")
        ordering = ["source_kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "document"],
                name="one_item_per_document",
                condition=Q(document__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["review", "application"],
                name="one_item_per_application",
                condition=Q(application__isnull=False),
            ),
            models.CheckConstraint(
                condition=Q(document__isnull=True) ^ Q(application__isnull=True),
                name="item_is_a_record_or_a_reply",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.document_id:
            return self.document.title
        return self.application.description[:80]

    @property
    def is_record(self) -> bool:
        return self.source_kind in RECORD_KINDS

    @property
    def basis_label(self) -> str:
        from gongkai.yearly_review.rules import basis_label

        return basis_label(self.basis)


class RequestDraft(models.Model):
    """A draft record made from a group of similar applications (条例第四十四条)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("主动公开草稿"),
        on_delete=models.CASCADE,
        related_name="request_draft",
    )
    applications = models.ManyToManyField(
        "foi.Application", verbose_name=_("相关申请"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("集中申请信息的主动公开草稿")
        verbose_name_plural = _("集中申请信息的主动公开草稿")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.document)
