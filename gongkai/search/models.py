"""The outbox of index changes. Owning apps write to it in their own transactions; each
server applies it to its own index (index.py). The index is derived data, never the source."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Operation(models.TextChoices):
    UPSERT = "upsert", _("新增或更新")
    DELETE = "delete", _("删除")


class OutboxEntry(models.Model):
    """One change to the index: upsert a record's fields, or delete the record."""

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("记录类型"), max_length=50)
    object_id = models.CharField(_("记录编号"), max_length=100)
    operation = models.CharField(_("操作"), max_length=10, choices=Operation.choices)
    payload = models.JSONField(_("索引内容"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("索引变更")
        verbose_name_plural = _("索引变更")
        ordering = ["id"]
        indexes = [models.Index(fields=["kind", "object_id"], name="search_outbox_record")]

    def __str__(self) -> str:
        return f"{self.id} {self.operation} {self.kind}:{self.object_id}"

    @property
    def key(self) -> str:
        """The record's key in the index: kind:object_id."""
        return record_key(self.kind, self.object_id)


def record_key(kind: str, object_id: str) -> str:
    """The index key of a record."""
    return f"{kind}:{object_id}"
