"""The ledger's done rows counted per agency, kind and month (derived data for the league table).

A league table over a year reads the done and done-late rows of the period for three kinds
(records, replies, 舆情): at a million records that is half a million ledger rows per query.
These counters hold the same figures per month, kept current by the ledger's own row signals
inside the transaction that changes a row (`tallies.py`), and recomputed from the ledger by
`gongkai supervision_tallies rebuild` (a rebuild gives the same rows as the increments: tested).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerTally(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("机关")
    )
    kind = models.CharField(_("类别"), max_length=60)
    month = models.DateField(_("月份"))  # the first day of the month of the rows' done_on
    done = models.PositiveIntegerField(_("已完成"), default=0)
    done_late = models.PositiveIntegerField(_("逾期完成"), default=0)

    class Meta:
        verbose_name = _("台账月度计数")
        verbose_name_plural = _("台账月度计数")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "month", "agency"], name="one_tally_per_kind_month_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.kind} {self.month:%Y-%m}: {self.done_late}/{self.done}"
