"""The supervisor's findings on new media (joins supervision.findings.KINDS):

- newmedia_silent: running accounts past their next-update day, read from the obligations
  ledger like every other overdue duty (国办秘函〔2019〕19号: 两周内无更新 → 单项否决);
- newmedia_inconsistent: the consistency list (consistency.py).

No default weight: a commission weighs them in its scheme when its 考核 counts them."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gongkai.newmedia import consistency
from gongkai.newmedia.models import Account
from gongkai.newmedia.obligations import NEXT_UPDATE
from gongkai.supervision.findings import Figures, FindingKind, Scope, overdue_counts


def silent_count(scope: Scope) -> Figures:
    return Figures(overdue_counts(scope, NEXT_UPDATE))


def silent_objects(scope: Scope, agency_id: int) -> list:
    from gongkai.obligations.models import Obligation

    rows = (
        Obligation.objects.of_kind(NEXT_UPDATE)
        .filter(agency_id=agency_id)
        .overdue(today=scope.today, now=scope.now)
    )
    return list(Account.objects.filter(pk__in=rows.values("object_id")))


def inconsistent_count(scope: Scope) -> Figures:
    return Figures(consistency.gap_counts(scope.agency_ids, scope.today))


def inconsistent_objects(scope: Scope, agency_id: int) -> list:
    return consistency.gaps({agency_id}, scope.today)


NEWMEDIA_KINDS = [
    FindingKind(
        "newmedia_silent",
        _("政务新媒体两周内无更新"),
        _(
            "政务新媒体监测时间点前2周内无更新的，单项否决（国办秘函〔2019〕19号）；"
            "按账号最近更新日期计算，已过应更新日期的运行中账号。"
        ),
        silent_count,
        silent_objects,
        is_snapshot=True,
        default_weight=Decimal(0),
    ),
    FindingKind(
        "newmedia_inconsistent",
        _("网站与政务新媒体发布不一致"),
        _(
            "公开渠道含“两微一端”的目录事项，网站发布后3个工作日内未在相应平台发布的信息，"
            "以及网站已撤回而新媒体仍在显示的信息。"
        ),
        inconsistent_count,
        inconsistent_objects,
        is_snapshot=True,
        default_weight=Decimal(0),
    ),
]
