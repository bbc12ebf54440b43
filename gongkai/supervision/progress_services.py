"""Half-yearly progress reports: opened for each subordinate when a half ends, written and
submitted by the agency, accepted or returned by the agency above it. Every change is one
function, in a transaction, with an audit event; the due day is a duty in the obligations
ledger (kind `supervision.progress_report`)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import can_supervise, has_role
from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record_event, snapshot
from gongkai.limits import check_values
from gongkai.obligations.registry import Spec
from gongkai.supervision.errors import SupervisionError
from gongkai.supervision.progress import halves_to_open
from gongkai.supervision.progress_models import ProgressReport, ReportStatus

PROGRESS_REPORT = "supervision.progress_report"
EDITABLE_FIELDS = (
    "work_done",
    "problems",
    "plans",
    "contact_name",
    "contact_post",
    "contact_phone",
    "contact_email",
)
AUDITED_FIELDS = [*EDITABLE_FIELDS, "status", "submitted_at", "review_comments"]
REQUIRED_TO_SUBMIT = ("work_done", "contact_name", "contact_phone")


class ProgressReportError(SupervisionError):
    """A report change the rules refuse; `message` is for people, `field` names the input."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message, field=field)


# --- who may do what ---------------------------------------------------------------------


def can_write(user, report: ProgressReport) -> bool:
    """The reporting agency's administrators and publishers write and submit it."""
    return has_role(user, report.agency, Role.ADMIN, Role.PUBLISHER)


def can_review(user, report: ProgressReport) -> bool:
    """The supervisors of the agencies above it accept or return it."""
    return can_supervise(user, report.agency)


# --- the ledger ----------------------------------------------------------------------------


def describe_progress_report(report: ProgressReport) -> Spec:
    """Done when submitted (a returned report is open again until resubmitted)."""
    done_on = None
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED) and report.submitted_at:
        done_on = timezone.localdate(report.submitted_at)
    return Spec(
        agency_id=report.agency_id,
        title=_("%(period)s政务公开工作进展情况报告") % {"period": report.period.label},
        due_on=report.due_on,
        done_on=done_on,
    )


def register_progress_reports() -> None:
    from gongkai.obligations.registry import ObligationKind, register_daily, register_kind

    register_kind(
        ObligationKind(
            code=PROGRESS_REPORT,
            label=_("半年工作进展报告"),
            model=ProgressReport,
            describe=describe_progress_report,
            all_objects=lambda: ProgressReport.objects.order_by("pk"),
            responsible_roles=(Role.ADMIN,),
        )
    )
    register_daily("supervision.progress_reports", open_progress_reports)


# --- opening, writing, submitting, reviewing --------------------------------------------------


def open_progress_reports(*, today: datetime.date) -> int:
    """Open the report of the half just ended for every active agency that has an agency
    above it (idempotent); the contacts are carried over from its last report."""
    opened = 0
    for half in halves_to_open(today):
        for agency in Agency.objects.filter(is_active=True, parent__isnull=False):
            with transaction.atomic():
                last = agency.progress_reports.order_by("-year", "-half").first()
                contacts = (
                    {
                        name: getattr(last, name)
                        for name in (
                            "contact_name",
                            "contact_post",
                            "contact_phone",
                            "contact_email",
                        )
                    }
                    if last
                    else {}
                )
                _report, created = ProgressReport.objects.get_or_create(
                    agency=agency,
                    year=half.year,
                    half=half.half,
                    defaults={"due_on": half.due_on, **contacts},
                )
            opened += int(created)
    return opened


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update().select_related("agency").get(pk=report.pk)


def _audit(report, *, actor, action, before, note="") -> None:
    record_event(
        actor=actor,
        action=f"supervision.progress_report.{action}",
        obj=report,
        agency=report.agency,
        before=before,
        after=snapshot(report, AUDITED_FIELDS),
        note=note,
    )


@transaction.atomic
def save_report(*, report: ProgressReport, actor, values: dict) -> ProgressReport:
    """Save the agency's text and contacts while the report is a draft or returned."""
    report = _locked(report)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ProgressReportError(_("报告已报送，不能再修改；如需修改请联系上级机关退回。"))
    values = {name: (values.get(name) or "").strip() for name in EDITABLE_FIELDS}
    check_values(ProgressReport, values, error=ProgressReportError)
    before = snapshot(report, AUDITED_FIELDS)
    changed = [name for name, value in values.items() if getattr(report, name) != value]
    if not changed:
        return report
    for name in changed:
        setattr(report, name, values[name])
    report.save(update_fields=changed)
    _audit(report, actor=actor, action="saved", before=before)
    return report


@transaction.atomic
def submit_report(*, report: ProgressReport, actor) -> ProgressReport:
    """Send it to the agency above; the ledger counts it done on this day."""
    report = _locked(report)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ProgressReportError(_("报告已报送。"))
    for name in REQUIRED_TO_SUBMIT:
        if not getattr(report, name).strip():
            label = ProgressReport._meta.get_field(name).verbose_name
            raise ProgressReportError(_("报送前请填写“%(field)s”。") % {"field": label}, name)
    before = snapshot(report, AUDITED_FIELDS)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save(update_fields=["status", "submitted_at", "submitted_by"])
    _audit(report, actor=actor, action="submitted", before=before)
    return report


@transaction.atomic
def review_report(
    *, report: ProgressReport, actor, accept: bool, comments: str = ""
) -> ProgressReport:
    """Accept a submitted report, or return it with what to change (comments required)."""
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ProgressReportError(_("只能审核已报送的报告。"))
    comments = (comments or "").strip()
    if not accept and not comments:
        raise ProgressReportError(_("退回时请写明需要修改的内容。"), "comments")
    check_values(ProgressReport, {"review_comments": comments}, error=ProgressReportError)
    before = snapshot(report, AUDITED_FIELDS)
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.review_comments = comments
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comments"])
    _audit(
        report,
        actor=actor,
        action="accepted" if accept else "returned",
        before=before,
        note=comments,
    )
    return report
