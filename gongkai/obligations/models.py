"""One row per duty with a deadline, written by the app that owns the duty (registry.py).

The rows are derived data: `gongkai obligations rebuild` recomputes every one of them from the
owning apps, and a rebuild gives the same rows as the incremental updates (tested).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ObligationQuerySet(models.QuerySet):
    def open(self) -> "ObligationQuerySet":
        return self.filter(done_on__isnull=True)

    def done(self) -> "ObligationQuerySet":
        return self.filter(done_on__isnull=False)

    def overdue(self, *, today, now) -> "ObligationQuerySet":
        """Open and past due: a day-clock after its due day, an instant-clock after its instant."""
        return self.open().filter(
            Q(due_at__isnull=True, due_on__lt=today) | Q(due_at__isnull=False, due_at__lt=now)
        )

    def due_between(self, *, start, end) -> "ObligationQuerySet":
        """Open and due on a day from `start` to `end` (inclusive)."""
        return self.open().filter(due_on__gte=start, due_on__lte=end)

    def done_late(self) -> "ObligationQuerySet":
        return self.done().filter(is_late=True)

    def of_kind(self, *kinds: str) -> "ObligationQuerySet":
        return self.filter(kind__in=kinds)

    def for_agencies(self, agency_ids) -> "ObligationQuerySet":
        return self.filter(agency_id__in=agency_ids)

    def count_by_agency(self) -> dict[int, int]:
        """{agency id: number of obligations}, for dashboards and league tables."""
        rows = self.order_by().values("agency_id").annotate(n=models.Count("pk"))
        return {row["agency_id"]: row["n"] for row in rows}


class Obligation(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="obligations",
        verbose_name=_("机关"),
    )
    kind = models.CharField(_("类别"), max_length=60, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("事项"), max_length=300)
    # Every obligation has a due day (for lists and counts); an instant-clock also its instant.
    due_on = models.DateField(_("期限"), null=True, blank=True, db_index=True)
    due_at = models.DateTimeField(_("期限（时刻）"), null=True, blank=True)
    is_provisional = models.BooleanField(_("暂定期限"), default=False)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    is_late = models.BooleanField(_("逾期完成"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办人"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("待办期限")
        verbose_name_plural = _("待办期限")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"], name="one_obligation_per_kind"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "done_on", "due_on"]),
            models.Index(fields=["done_on", "due_on"]),
            models.Index(fields=["content_type", "object_id"]),
            # A list's clocks: one kind's rows for the page's object ids (ledger.clocks_among
            # filters by kind, not content type). Without it PostgreSQL reads every row of the
            # kind: 0.3–0.45 s a page at a province's million records (bench/province.py).
            models.Index(fields=["kind", "object_id"], name="obligation_kind_object"),
            # One kind's open duties (overdue, due soon: ledger.overdue_ids / due_soon_ids /
            # urgent), without reading the kind's closed million (bench/province.py). On
            # PostgreSQL the included columns let a list's section be counted and its first
            # ids found from the index alone (ledger.urgent).
            models.Index(
                fields=["kind", "due_on"],
                condition=models.Q(done_on__isnull=True),
                include=["agency", "due_at", "object_id"],
                name="obligation_open_due_cover",
            ),
            # Every kind's open duties of some agencies: the league table's overdue per kind and
            # agency (supervision/findings._all_overdue) counted from the index alone. Along
            # (agency, done_on, due_on) PostgreSQL read a province's cities' 3,400 open rows from
            # 3,200 table pages (bench/province.py: 6.5 → 1.2 ms); ~1 MB at two million rows.
            models.Index(
                fields=["agency", "due_on"],
                condition=models.Q(done_on__isnull=True),
                include=["kind", "due_at", "id"],
                name="obligation_open_by_agency",
            ),
        ]
        ordering = ["due_on", "due_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on or '—'})"


class DigestSent(models.Model):
    """One reminder digest sent to one person on one day (so a second run sends nothing)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "on"], name="one_digest_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.on}"
