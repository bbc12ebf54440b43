"""The supervisor's finding on leaders' interpretations (joins supervision.findings.KINDS):
once a year is over, the agencies that owe one (not hospitals or CDCs) and have no published
interpretation of that year by their principal or another leader (leadership.py). No default
weight: a commission weighs it in its scheme when its 考核 counts it."""

import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.press import leadership
from gongkai.supervision.findings import Figures, FindingKind, Scope


def _year_of(scope: Scope) -> int | None:
    """The year checked: the period's, once it has ended (the duty runs to 31 December)."""
    year = scope.period.end.year
    return year if scope.today > datetime.date(year, 12, 31) else None


def _missing(scope: Scope) -> set[int]:
    year = _year_of(scope)
    if year is None:
        return set()
    counts = leadership.counts_by_agency(scope.agency_ids, year)
    owing = leadership.owing_agencies(scope.agency_ids).values_list("pk", flat=True)
    return {pk for pk in owing if counts.get(pk, 0) < leadership.MINIMUM_PER_YEAR}


def missing_count(scope: Scope) -> Figures:
    return Figures(dict.fromkeys(scope.once("press.leaders", _missing), 1))


def missing_objects(scope: Scope, agency_id: int) -> QuerySet:
    """The agency itself: a missing interpretation has no row to show."""
    if agency_id not in scope.once("press.leaders", _missing):
        return Agency.objects.none()
    return Agency.objects.filter(pk=agency_id)


PRESS_KINDS = [
    FindingKind(
        "leader_interpretation_missing",
        _("负责同志全年未解读政策"),
        _(
            "机关主要负责人是政策的“第一解读人和责任人”（国办发〔2016〕80号）；"
            "年度结束后，全年没有一篇由主要负责人或其他负责同志解读的政策解读的机关。"
        ),
        missing_count,
        missing_objects,
        default_weight=Decimal(0),
    ),
]
