"""Where a ledger row opens in the console: the ledger knows no case type, the console does."""

from collections.abc import Iterable

from django.urls import reverse

from gongkai.catalogue.models import ExpectedPublication
from gongkai.enforcement.models import InspectionResult
from gongkai.participation.models import VerificationRequest
from gongkai.reports.models import ReportDuty

# kind → console URL name of the object's page (the object's pk is the argument)
DETAIL_URL = {
    "foi.reply": "console:foi-detail",
    "documents.publication": "console:document-detail",
    "enforcement.publication": "console:decision-detail",
    "enforcement.withdrawal": "console:decision-detail",
    "participation.message_reply": "console:message-detail",
    "participation.opinion_response": "console:opinion-detail",
    "participation.consultation_feedback": "console:consultation-detail",
    "supervision.rectification": "console:supervision-task",
    "supervision.progress_report": "console:progress-report-detail",
    "supervision.work_task": "console:work-task",
    "yearly_review.review": "console:yearly-review-detail",
    "proposals.reply": "console:proposal-detail",
    "projects.stage": "console:project-stage",
    "projects.procurement": "console:project-procurement",
    "diseases.monthly": "console:disease-detail",
    "newmedia.update": "console:newmedia-account",
}


def attach_links(rows: Iterable) -> list:
    """Set `row.link` on each row (None where the console has no page for the kind)."""
    rows = list(rows)
    verification_ids = [r.object_id for r in rows if r.kind == "participation.verification_answer"]
    event_of = dict(
        VerificationRequest.objects.filter(pk__in=verification_ids).values_list("pk", "event_id")
    )
    expected_ids = [r.object_id for r in rows if r.kind == "catalogue.expected_publication"]
    item_of = dict(
        ExpectedPublication.objects.filter(pk__in=expected_ids).values_list("pk", "agency_item_id")
    )
    duty_ids = [r.object_id for r in rows if r.kind == "reports.annual_report"]
    year_of = dict(ReportDuty.objects.filter(pk__in=duty_ids).values_list("pk", "year"))
    # 双随机 results open on their plan's page (enforcement).
    result_ids = [r.object_id for r in rows if r.kind == "enforcement.inspection_result"]
    plan_of = dict(
        InspectionResult.objects.filter(pk__in=result_ids).values_list("pk", "draw__plan_id")
    )
    for row in rows:
        row.link = None
        if row.kind in DETAIL_URL:
            row.link = reverse(DETAIL_URL[row.kind], args=[row.object_id])
        elif row.kind == "participation.verification_answer" and row.object_id in event_of:
            row.link = reverse("console:opinion-detail", args=[event_of[row.object_id]])
        elif row.kind == "reports.annual_report" and row.object_id in year_of:
            row.link = reverse(
                "console:report-detail", args=[row.agency_id, year_of[row.object_id]]
            )
        elif row.kind == "enforcement.inspection_result" and row.object_id in plan_of:
            row.link = reverse("console:inspection-plan", args=[plan_of[row.object_id]])
        elif row.kind == "catalogue.expected_publication" and row.object_id in item_of:
            # The missing record: a new draft of the item, in the row's agency.
            row.link = (
                reverse("console:document-create")
                + f"?agency={row.agency_id}&item={item_of[row.object_id]}"
            )
    return rows
