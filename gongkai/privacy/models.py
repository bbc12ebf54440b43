"""The word lists the detector reads: sensitive words, secrecy markers and 错敏字, each global
or an agency's own, edited by staff in the admin."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    SENSITIVE = "sensitive", _("敏感词")
    SECRECY = "secrecy", _("密级及保密标志")
    CORRECTION = "correction", _("错敏字")


class ListEntryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_agency(self, agency):
        """The global entries and the agency's own (none of other agencies)."""
        if agency is None:
            return self.filter(agency__isnull=True)
        return self.filter(models.Q(agency__isnull=True) | models.Q(agency=agency))


class ListEntry(models.Model):
    kind = models.CharField(_("类别"), max_length=16, choices=ListKind.choices)
    text = models.CharField(_("词语"), max_length=100)
    replacement = models.CharField(
        _("正确写法"), max_length=100, blank=True, help_text=_("仅错敏字填写：应改为的写法。")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("所属机关"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="privacy_list_entries",
        help_text=_("留空表示适用于所有机关。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查词表条目")
        verbose_name_plural = _("检查词表")
        ordering = ["kind", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "text", "agency"], name="privacy_list_entry_unique"
            ),
            # NULLs are distinct in a unique index: a global entry needs its own constraint.
            models.UniqueConstraint(
                fields=["kind", "text"],
                condition=models.Q(agency__isnull=True),
                name="privacy_global_list_entry_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="correction") | ~models.Q(replacement=""),
                name="privacy_correction_has_replacement",
            ),
        ]

    def __str__(self) -> str:
        if self.replacement:
            return f"{self.text} → {self.replacement}"
        return self.text


# --- the review before release (保密审查, #15 §2) -------------------------------------------


class ReviewResult(models.TextChoices):
    RELEASE = "release", _("可以公开")
    RELEASE_REDACTED = "release_redacted", _("删减后公开")
    NOT_PROACTIVE = "not_proactive", _("不予主动公开")


class Resolution(models.TextChoices):
    REDACT = "redact", _("删除（删减后公开）")
    KEEP = "keep", _("保留（写明理由）")
    FALSE_ALARM = "false_alarm", _("误报")


class ReleaseReviewQuerySet(models.QuerySet):
    def for_object(self, obj) -> "ReleaseReviewQuerySet":
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )


class ReleaseReview(models.Model):
    """The secrecy and privacy review (保密审查) of one version of something about to be
    published: who checked it, what the detector looked at, what it found, how each finding
    was resolved, and the result. Publishing requires one whose content hash is current."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("机关"),
        on_delete=models.PROTECT,
        null=True,
        related_name="release_reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审查时间"), default=timezone.now)
    content_hash = models.CharField(max_length=64)
    detector_version = models.CharField(_("检测程序版本"), max_length=40)
    parts_scanned = models.JSONField(_("已检查的部分"), default=list)
    parts_not_checked = models.JSONField(_("未能检查的部分"), default=list)
    result = models.CharField(_("审查结论"), max_length=20, choices=ReviewResult.choices)
    basis = models.CharField(_("删减依据"), max_length=40, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    objects = ReleaseReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("保密审查记录")
        verbose_name_plural = _("保密审查记录")
        ordering = ["-reviewed_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.result}"


class ReviewFinding(models.Model):
    """One finding of a review and how the reviewer resolved it. The personal value itself is
    not stored: its masked form and a keyed hash (to recognise it again) are."""

    review = models.ForeignKey(ReleaseReview, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("类别"), max_length=40)
    place = models.CharField(_("位置"), max_length=300)
    masked = models.CharField(_("内容（已遮盖）"), max_length=200)
    value_hash = models.CharField(max_length=64)
    confidence = models.CharField(_("可信度"), max_length=8)
    resolution = models.CharField(_("处理"), max_length=16, choices=Resolution.choices)
    reason = models.CharField(_("理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("保密审查发现")
        verbose_name_plural = _("保密审查发现")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.masked}"

    @property
    def kind_label(self) -> str:
        from gongkai.privacy.detection import Kind
        from gongkai.privacy.labels import kind_label

        try:
            return kind_label(Kind(self.kind))
        except (ValueError, KeyError):
            return self.kind


def original_path(instance: "RedactedFile", filename: str) -> str:
    digest = instance.original_sha256
    return f"originals/{digest[:2]}/{digest}.{instance.extension}"


class RedactedFile(models.Model):
    """An attachment redacted at review: the original is kept for staff (never public); the
    attachment's file is the redacted rendition."""

    review = models.ForeignKey(
        ReleaseReview, on_delete=models.PROTECT, related_name="redacted_files"
    )
    attachment = models.ForeignKey(
        "documents.Attachment", on_delete=models.CASCADE, related_name="redactions"
    )
    original_file = models.FileField(_("原件"), upload_to=original_path, max_length=300)
    extension = models.CharField(max_length=8)
    original_sha256 = models.CharField(max_length=64)
    redacted_sha256 = models.CharField(max_length=64)
    basis = models.CharField(_("删减依据"), max_length=200)
    report = models.JSONField(_("删减记录"), default=list)
    rasterised_pages = models.JSONField(default=list)
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    redacted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("删减处理的附件")
        verbose_name_plural = _("删减处理的附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.attachment.original_name
