"""The word lists the detector reads: sensitive words, secrecy markers and 错敏字, each global
or an agency's own, edited by staff in the admin."""

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
