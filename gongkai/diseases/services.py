"""State changes of the disease figures: each one function, atomic, audited. Publication is
in publication.py."""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.diseases import rules, workflow
from gongkai.diseases.classification import CLASS_OF, ORDER, class_label
from gongkai.diseases.errors import DiseaseError
from gongkai.diseases.models import DiseaseCount, DiseaseSetting, MonthlyReport, ReportStatus


def _require(action: str, report: MonthlyReport) -> str:
    if not workflow.is_allowed(action, report.status):
        raise DiseaseError(
            _("月报当前状态为“%(status)s”，不能执行此操作。")
            % {"status": report.get_status_display()}
        )
    return workflow.target_status(action, report.status)


def setting_of(agency: Agency) -> DiseaseSetting:
    """The agency's setting (not saved when it has none: publishing off)."""
    return DiseaseSetting.objects.filter(agency=agency).first() or DiseaseSetting(agency=agency)


@transaction.atomic
def update_setting(
    *, agency: Agency, actor, publishes_monthly: bool, due_day: int
) -> DiseaseSetting:
    """Turn the monthly duty on or off and set its day; counted from the current month on."""
    if not 1 <= due_day <= 28:
        raise DiseaseError(_("截止日应为1—28之间的整数。"), field="due_day")
    setting = setting_of(agency)
    before = {"publishes_monthly": setting.publishes_monthly, "due_day": setting.due_day}
    setting.publishes_monthly = publishes_monthly
    setting.due_day = due_day
    if publishes_monthly and setting.since is None:
        setting.since = rules.first_of_month(timezone.localdate())
    setting.save()
    record_event(
        actor=actor,
        action="diseases.setting",
        obj=setting,
        agency=agency,
        before=before,
        after={"publishes_monthly": publishes_monthly, "due_day": due_day},
    )
    return setting


def check_rows(rows: Sequence[rules.Row]) -> list[tuple[int, str]]:
    """(index, message) for each bad row: unknown disease, class mismatch, duplicate."""
    problems = []
    seen = set()
    for index, row in enumerate(rows):
        expected = CLASS_OF.get(row.disease)
        if expected is None:
            problems.append((index, _("“%(name)s”不是法定传染病病种。") % {"name": row.disease}))
        elif row.disease_class != expected:
            problems.append(
                (
                    index,
                    _("“%(name)s”属于%(expected)s，不是%(given)s。")
                    % {
                        "name": row.disease,
                        "expected": class_label(expected),
                        "given": class_label(row.disease_class),
                    },
                )
            )
        if row.disease in seen:
            problems.append((index, _("病种“%(name)s”重复。") % {"name": row.disease}))
        seen.add(row.disease)
        if row.cases < 0 or row.deaths < 0:
            problems.append((index, _("发病数和死亡数不能为负数。")))
    return problems


def _write_rows(report: MonthlyReport, rows: Sequence[rules.Row]) -> None:
    report.counts.all().delete()
    DiseaseCount.objects.bulk_create(
        DiseaseCount(
            report=report,
            position=ORDER.get(row.disease, 999),
            disease=row.disease,
            disease_class=row.disease_class,
            cases=row.cases,
            deaths=row.deaths,
        )
        for row in rows
    )


@transaction.atomic
def create_report(
    *, agency: Agency, month: datetime.date, actor, rows: Sequence[rules.Row] = ()
) -> MonthlyReport:
    """A draft of a month not yet begun (a published month is corrected, not re-created)."""
    month = rules.first_of_month(month)
    if month > rules.first_of_month(timezone.localdate()):
        raise DiseaseError(_("不能填报尚未开始的月份。"), field="month")
    if MonthlyReport.objects.filter(agency=agency, month=month).exists():
        raise DiseaseError(
            _("%(month)s的疫情月报已存在，请在原月报上修改或更正。")
            % {"month": rules.month_label(month)},
            field="month",
        )
    report = MonthlyReport.objects.create(agency=agency, month=month, drafted_by=actor)
    if rows:
        _set_rows(report, rows)
    record_event(
        actor=actor,
        action="diseases.create",
        obj=report,
        agency=agency,
        after={"month": month.isoformat(), "rows": len(rows)},
    )
    return report


def _set_rows(report: MonthlyReport, rows: Sequence[rules.Row]) -> None:
    problems = check_rows(rows)
    if problems:
        raise DiseaseError("；".join(message for _index, message in problems))
    _write_rows(report, rows)


@transaction.atomic
def update_report(
    *, report: MonthlyReport, actor, rows: Sequence[rules.Row], note: str = "", imported=False
) -> MonthlyReport:
    """Replace the draft's rows (every disease with its cases and deaths)."""
    _require(workflow.Action.EDIT, report)
    before = {"rows": report.counts.count()}
    _set_rows(report, rows)
    report.note = note
    if report.drafted_by_id is None:
        report.drafted_by = actor
    report.save(update_fields=["note", "drafted_by", "updated_at"])
    record_event(
        actor=actor,
        action="diseases.import" if imported else "diseases.update",
        obj=report,
        agency=report.agency,
        before=before,
        after={"rows": len(rows), "cases": sum(r.cases for r in rows)},
    )
    return report


@transaction.atomic
def submit_report(*, report: MonthlyReport, actor) -> MonthlyReport:
    target = _require(workflow.Action.SUBMIT, report)
    if not report.counts.exists():
        raise DiseaseError(_("月报没有任何病种数据，不能提交审核。"))
    report.status = target
    report.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="diseases.submit",
        obj=report,
        agency=report.agency,
        before={"status": ReportStatus.DRAFT},
        after={"status": target},
    )
    return report


@transaction.atomic
def return_report(*, report: MonthlyReport, actor, reason: str) -> MonthlyReport:
    target = _require(workflow.Action.RETURN, report)
    report.status = target
    report.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="diseases.return",
        obj=report,
        agency=report.agency,
        before={"status": ReportStatus.IN_REVIEW},
        after={"status": target},
        note=reason,
    )
    return report


@transaction.atomic
def start_correction(*, report: MonthlyReport, actor, reason: str) -> MonthlyReport:
    """A new draft version of a published month, its rows copied; publishing it supersedes."""
    _require(workflow.Action.CORRECT, report)
    reason = (reason or "").strip()
    if not reason:
        raise DiseaseError(_("更正必须写明理由。"), field="reason")
    if MonthlyReport.objects.filter(
        agency=report.agency,
        month=report.month,
        status__in=[ReportStatus.DRAFT, ReportStatus.IN_REVIEW],
    ).exists():
        raise DiseaseError(_("该月已有待发布的更正版本。"))
    latest = MonthlyReport.objects.filter(agency=report.agency, month=report.month).count()
    draft = MonthlyReport.objects.create(
        agency=report.agency,
        month=report.month,
        version=latest + 1,
        drafted_by=actor,
        note=report.note,
        correction_reason=reason,
    )
    _write_rows(draft, rows_of(report))
    record_event(
        actor=actor,
        action="diseases.correct",
        obj=draft,
        agency=report.agency,
        after={"version": draft.version},
        note=reason,
    )
    return draft


# --- reading ------------------------------------------------------------------------------


def rows_of(report: MonthlyReport) -> list[rules.Row]:
    return [
        rules.Row(c.disease, c.disease_class, c.cases, c.deaths)
        for c in report.counts.order_by("position")
    ]


def published_month(agency: Agency, month: datetime.date) -> MonthlyReport | None:
    return (
        MonthlyReport.objects.published()
        .filter(agency=agency, month=rules.first_of_month(month))
        .first()
    )


def blank_rows() -> list[rules.Row]:
    from gongkai.diseases.classification import DISEASES

    return [rules.Row(name, value, 0, 0) for name, value in DISEASES]
