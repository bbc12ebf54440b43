"""Publication of a held event's transcript (发布会实录) and materials as a record of the
document library, so that it gets its 索引号 from the same counter as every record, passes the
secrecy review before release (保密审查) and is audited (`document.publish`) — and appears in
the catalogue, search, the records API and the feeds without a second path.

Where it is filed: under the agency's catalogue item G0204 政策解读. A press conference or
interview is one of the forms of 解读回应 (国办发〔2016〕80号 lists 新闻发布会、在线访谈 among the
ways to interpret policies); there is no separate 新闻发布 item in the standard catalogue. A
transcript about a policy (the event links one that needs an interpretation) is a record of
type 政策解读 that interprets it (a `DocumentLink`, so the policy counts as interpreted), with
the interpreter the reviewer confirms; any other is a 工作动态 record under the same item.
The reviewer who publishes is not the one who entered the transcript."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event
from gongkai.catalogue.models import AgencyItem
from gongkai.documents import services as document_services
from gongkai.documents.generated import GeneratedRecord, publish_generated_record, review_refusal
from gongkai.documents.models import (
    TYPES_NEEDING_INTERPRETATION,
    Document,
    DocumentType,
    InterpreterRole,
    LinkKind,
    Topic,
)
from gongkai.documents.models import Status as DocumentStatus
from gongkai.press.errors import PressError
from gongkai.press.models import EventState, PressEvent, Question, QuestionStatus
from gongkai.press.services import event_url
from gongkai.privacy import review_services
from gongkai.privacy.detection import Kind
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.privacy.models import Resolution

CATALOGUE_CODE = "G0204"  # 政策解读


def catalogue_item(agency) -> AgencyItem | None:
    return (
        AgencyItem.objects.applicable()
        .filter(catalogue__agency=agency, code=CATALOGUE_CODE)
        .first()
    )


def suggested_interpreter(event: PressEvent) -> dict[str, str]:
    """The principal among the speakers (the serving 第一新闻发言人), else nothing: the
    reviewer says who interpreted."""
    for speaker in event.speakers.select_related("spokesperson"):
        s = speaker.spokesperson
        if s is not None and s.is_first and s.is_serving:
            return {"role": InterpreterRole.PRINCIPAL, "name": speaker.name, "post": speaker.role}
    return {"role": "", "name": "", "post": ""}


def interprets_policy(event: PressEvent) -> bool:
    policy = event.policy
    return (
        policy is not None
        and policy.document_type in TYPES_NEEDING_INTERPRETATION
        and policy.status == DocumentStatus.PUBLISHED
    )


def render_body(event: PressEvent, questions) -> str:
    with translation.override("zh-hans"):
        return render_to_string(
            "press/transcript_body.html",
            {
                "event": event,
                "speakers": list(event.speakers.all()),
                "questions": questions,
                "url": event_url(event),
            },
        )


def _kept_facts(document: Document, facts: list[str]) -> dict[str, tuple[str, str]]:
    """The event's place is an address published on purpose; anything else stops release."""
    with translation.override("zh-hans"):
        reason = _("新闻发布活动依规公开的举行地点")
    kept = {}
    for finding in review_services.scan_for_release(document):
        if finding.kind == Kind.ADDRESS and any(
            fact and (finding.text in fact or fact in finding.text) for fact in facts
        ):
            kept[finding.id] = (Resolution.KEEP, reason)
    return kept


@transaction.atomic
def publish_transcript(
    *,
    event: PressEvent,
    actor,
    interpreter_role: str = "",
    interpreter_name: str = "",
    interpreter_post: str = "",
    now: datetime.datetime | None = None,
) -> PressEvent:
    """The reviewer publishes the transcript (with the answered questions of an online
    interview) as a record; the event's page then links to it."""
    # Only the event's row is locked: the policy is an outer join (PostgreSQL refuses to lock it).
    event = (
        PressEvent.objects.select_for_update(of=("self",))
        .select_related("agency", "policy")
        .get(pk=event.pk)
    )
    if event.state != EventState.HELD:
        raise PressError(_("活动举行后才能公开实录。"))
    if event.document_id:
        raise PressError(_("实录已公开。"))
    if not event.transcript:
        raise PressError(_("请先录入发布会实录。"))
    if (
        event.transcript_by_id is not None
        and actor is not None
        and event.transcript_by_id == actor.pk
    ):
        raise PressError(_("录入人不能审核发布自己录入的实录，请由另一位审核员发布。"))
    if interpreter_role and interpreter_role not in InterpreterRole.values:
        raise PressError(_("请选择解读人身份。"), field="interpreter_role")
    about_policy = interprets_policy(event)
    if about_policy and not interpreter_role:
        raise PressError(_("实录解读政策文件，请选择解读人身份。"), field="interpreter_role")
    item = catalogue_item(event.agency)
    if item is None:
        raise PressError(_("本机关公开目录中没有“政策解读”事项（G0204），不能公开实录。"))
    now = now or timezone.now()
    agency = event.agency
    questions = list(
        Question.objects.filter(event=event, status=QuestionStatus.ACCEPTED)
        .exclude(answer="")
        .select_related("answered_by")
        .order_by("submitted_at", "id")
    )
    with translation.override("zh-hans"):
        title = _("%(topic)s%(kind)s实录") % {
            "topic": event.topic,
            "kind": event.get_kind_display(),
        }
        summary = _("%(date)s%(agency)s%(kind)s的实录。") % {
            "date": timezone.localtime(event.starts_at).strftime("%Y-%m-%d"),
            "agency": agency.name,
            "kind": event.get_kind_display(),
        }
        body = render_body(event, questions)
    record = GeneratedRecord(
        agency=agency,
        catalogue_item=item,
        title=title,
        summary=summary,
        body=body,
        document_type=DocumentType.INTERPRETATION if about_policy else DocumentType.NEWS,
        topic=event.policy.topic if about_policy else Topic.HEALTH,
        element="政策解读",
        formed_on=timezone.localdate(event.starts_at),
        drafted_by=event.transcript_by,
        extra_fields={
            "interpreter_role": interpreter_role,
            "interpreter_name": (interpreter_name or "").strip()[:100],
            "interpreter_post": (interpreter_post or "").strip()[:100],
        },
    )
    try:
        document = publish_generated_record(
            record,
            actor=actor,
            now=now,
            note=_("公开新闻发布活动实录"),
            keep=lambda document: _kept_facts(document, [event.place]),
        )
    except ReleaseReviewError as exc:
        raise PressError(
            review_refusal(
                exc, _("保密审查发现可能涉及个人信息或敏感信息（%(shown)s），请修改后再发布。")
            ),
            field="release_review",
        ) from exc
    if about_policy:
        document_services.link_documents(
            source=document, target=event.policy, kind=LinkKind.INTERPRETS, actor=actor
        )
    event.document = document
    event.updated_at = now
    event.save(update_fields=["document", "updated_at"])
    record_event(
        actor=actor,
        action="press.event.publish",
        obj=event,
        agency=agency,
        after={"document": document.pk, "index_number": document.index_number},
    )
    return event
