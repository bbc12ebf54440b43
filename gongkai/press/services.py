"""Every state change of spokespeople, press events and interview questions: one function
each, in one transaction, writing one audit event. The transcript's publication as a record
is in publication.py."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event, snapshot
from gongkai.documents.models import Attribute, Document
from gongkai.documents.models import Status as DocumentStatus
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import OpinionEvent, OpinionStatus, ResponseKind
from gongkai.press import rules
from gongkai.press.errors import PressError
from gongkai.press.models import (
    EventKind,
    EventState,
    PressEvent,
    Question,
    QuestionStatus,
    Speaker,
    Spokesperson,
)

SPOKESPERSON_FIELDS = [
    "name",
    "post",
    "term_starts_on",
    "term_ends_on",
    "is_serving",
    "is_first",
    "contact",
    "position",
]
EVENT_FIELDS = [
    "kind",
    "topic",
    "starts_at",
    "place",
    "summary",
    "media",
    "policy",
    "opinion_event",
    "accepts_questions",
]
QUESTION_FIELDS = ["status", "moderation_reason", "answer", "answered_by"]

# The 舆情 response each kind of event is (participation's ResponseKind): held, it is recorded
# on the linked open event as a response, its link the event's public page.
OPINION_RESPONSE_KINDS = {
    EventKind.CONFERENCE: ResponseKind.PRESS_CONFERENCE,
    EventKind.BRIEFING: ResponseKind.PRESS_CONFERENCE,
    EventKind.INTERVIEW: ResponseKind.INTERVIEW,
    EventKind.ONLINE: ResponseKind.INTERVIEW,
}


def event_url(event: PressEvent) -> str:
    return reverse("portal:press-event", args=[event.agency.code, event.pk])


def _text(values: Mapping[str, Any], name: str, *, required: bool = False) -> str:
    value = str(values.get(name) or "").strip()
    if required and not value:
        raise PressError(_("请填写此项。"), field=name)
    return value


# --- spokespeople ----------------------------------------------------------------------------


def _check_first(spokesperson: Spokesperson) -> None:
    """At most one serving 第一新闻发言人 per agency (also a constraint of the table)."""
    if not (spokesperson.is_first and spokesperson.is_serving):
        return
    other = (
        Spokesperson.objects.filter(
            agency_id=spokesperson.agency_id, is_first=True, is_serving=True
        )
        .exclude(pk=spokesperson.pk)
        .first()
    )
    if other is not None:
        raise PressError(
            _("本机关已有在任的第一新闻发言人%(name)s，请先结束其任期。") % {"name": other.name},
            field="is_first",
        )


def _fill_spokesperson(spokesperson: Spokesperson, values: Mapping[str, Any]) -> None:
    spokesperson.name = _text(values, "name", required=True)
    spokesperson.post = _text(values, "post", required=True)
    spokesperson.contact = _text(values, "contact")
    spokesperson.is_first = bool(values.get("is_first"))
    spokesperson.position = int(values.get("position") or 0)
    starts_on = values.get("term_starts_on")
    if starts_on is None:
        raise PressError(_("请填写任职起始日期。"), field="term_starts_on")
    spokesperson.term_starts_on = starts_on
    limits.check_values(
        Spokesperson,
        {"name": spokesperson.name, "post": spokesperson.post, "contact": spokesperson.contact},
        error=PressError,
    )


def _save_spokesperson(spokesperson: Spokesperson, **kwargs) -> None:
    _check_first(spokesperson)
    try:
        with transaction.atomic():
            spokesperson.save(**kwargs)
    except IntegrityError as exc:  # two requests at once: the table's constraint decides
        raise PressError(
            _("本机关已有在任的第一新闻发言人，请先结束其任期。"), field="is_first"
        ) from exc


@transaction.atomic
def create_spokesperson(*, agency, actor, values: Mapping[str, Any]) -> Spokesperson:
    """Appoint a spokesperson (serving from the term's start)."""
    now = timezone.now()
    spokesperson = Spokesperson(agency=agency, created_at=now, updated_at=now)
    _fill_spokesperson(spokesperson, values)
    _save_spokesperson(spokesperson)
    record_event(
        actor=actor,
        action="press.spokesperson.create",
        obj=spokesperson,
        agency=agency,
        after=snapshot(spokesperson, SPOKESPERSON_FIELDS),
    )
    return spokesperson


@transaction.atomic
def update_spokesperson(
    *, spokesperson: Spokesperson, actor, values: Mapping[str, Any]
) -> Spokesperson:
    """Correct a spokesperson's name, post, term start, contact or order."""
    spokesperson = Spokesperson.objects.select_for_update().get(pk=spokesperson.pk)
    before = snapshot(spokesperson, SPOKESPERSON_FIELDS)
    _fill_spokesperson(spokesperson, values)
    if spokesperson.term_ends_on and not rules.term_is_valid(
        spokesperson.term_starts_on, spokesperson.term_ends_on
    ):
        raise PressError(_("任职起始日期不能晚于任职结束日期。"), field="term_starts_on")
    spokesperson.updated_at = timezone.now()
    _save_spokesperson(spokesperson)
    record_event(
        actor=actor,
        action="press.spokesperson.update",
        obj=spokesperson,
        agency=spokesperson.agency,
        before=before,
        after=snapshot(spokesperson, SPOKESPERSON_FIELDS),
    )
    return spokesperson


@transaction.atomic
def end_term(*, spokesperson: Spokesperson, actor, ends_on: datetime.date | None) -> Spokesperson:
    """The term ends (a new principal, a change of post): no longer shown as serving."""
    spokesperson = Spokesperson.objects.select_for_update().get(pk=spokesperson.pk)
    if not spokesperson.is_serving:
        raise PressError(_("该新闻发言人的任期已结束。"))
    if ends_on is None:
        raise PressError(_("请填写任职结束日期。"), field="term_ends_on")
    if not rules.term_is_valid(spokesperson.term_starts_on, ends_on):
        raise PressError(_("任职结束日期不能早于任职起始日期。"), field="term_ends_on")
    before = snapshot(spokesperson, SPOKESPERSON_FIELDS)
    spokesperson.is_serving = False
    spokesperson.term_ends_on = ends_on
    spokesperson.updated_at = timezone.now()
    spokesperson.save(update_fields=["is_serving", "term_ends_on", "updated_at"])
    record_event(
        actor=actor,
        action="press.spokesperson.end_term",
        obj=spokesperson,
        agency=spokesperson.agency,
        before=before,
        after=snapshot(spokesperson, SPOKESPERSON_FIELDS),
    )
    return spokesperson


# --- events ----------------------------------------------------------------------------------


def _check_links(agency, values: Mapping[str, Any]) -> None:
    policy = values.get("policy")
    if policy is not None and not (
        policy.status == DocumentStatus.PUBLISHED and policy.attribute == Attribute.PROACTIVE
    ):
        raise PressError(_("关联的政策文件须为已主动公开的记录。"), field="policy")
    opinion = values.get("opinion_event")
    if opinion is not None and opinion.agency_id != agency.pk:
        raise PressError(_("关联的舆情事件须为本机关登记的事件。"), field="opinion_event")


def _fill_event(event: PressEvent, values: Mapping[str, Any]) -> None:
    kind = values.get("kind") or ""
    if kind not in EventKind.values:
        raise PressError(_("请选择发布形式。"), field="kind")
    if values.get("starts_at") is None:
        raise PressError(_("请填写时间。"), field="starts_at")
    _check_links(event.agency, values)
    event.kind = kind
    event.topic = _text(values, "topic", required=True)
    event.starts_at = values["starts_at"]
    event.place = _text(values, "place")
    event.summary = _text(values, "summary")
    event.media = _text(values, "media")
    event.policy = values.get("policy")
    event.opinion_event = values.get("opinion_event")
    event.accepts_questions = kind == EventKind.ONLINE and bool(values.get("accepts_questions"))
    limits.check_text_lengths(
        event, error=PressError, fields=["topic", "place", "summary", "media"]
    )


def _check_speakers(agency, speakers: Sequence[Mapping[str, Any]]) -> list[Speaker]:
    built = []
    for n, row in enumerate(speakers):
        spokesperson = row.get("spokesperson")
        if spokesperson is not None and spokesperson.agency_id != agency.pk:
            raise PressError(_("所选新闻发言人不属于本机关。"), field="speakers")
        name = str(row.get("name") or "").strip() or (spokesperson.name if spokesperson else "")
        role = str(row.get("role") or "").strip() or (spokesperson.post if spokesperson else "")
        if not name and not role:
            continue
        if not name or not role:
            raise PressError(_("每位发布人须填写姓名和职务或身份。"), field="speakers")
        if len(name) > 50 or len(role) > 100:
            raise PressError(_("发布人姓名不超过50字，职务不超过100字。"), field="speakers")
        built.append(Speaker(spokesperson=spokesperson, name=name, role=role, position=n))
    return built


def _replace_speakers(event: PressEvent, speakers: list[Speaker]) -> None:
    # Speakers who answered a question stay (their answers name them).
    answering = set(
        Question.objects.filter(event=event, answered_by__isnull=False).values_list(
            "answered_by_id", flat=True
        )
    )
    kept = {(s.name, s.role): s for s in event.speakers.filter(pk__in=answering)}
    event.speakers.exclude(pk__in=answering).delete()
    for speaker in speakers:
        existing = kept.pop((speaker.name, speaker.role), None)
        if existing is not None:
            existing.position = speaker.position
            existing.spokesperson = speaker.spokesperson
            existing.save(update_fields=["position", "spokesperson"])
            continue
        speaker.event = event
        speaker.save()


def _speaker_names(event: PressEvent) -> list[str]:
    return [f"{s.name}（{s.role}）" for s in event.speakers.all()]


@transaction.atomic
def plan_event(
    *, agency, actor, values: Mapping[str, Any], speakers: Sequence[Mapping[str, Any]] = ()
) -> PressEvent:
    """Plan a conference, briefing, interview or online interview."""
    now = timezone.now()
    event = PressEvent(agency=agency, created_by=actor, created_at=now, updated_at=now)
    _fill_event(event, values)
    built = _check_speakers(agency, speakers)
    event.save()
    _replace_speakers(event, built)
    record_event(
        actor=actor,
        action="press.event.plan",
        obj=event,
        agency=agency,
        after={**snapshot(event, EVENT_FIELDS), "speakers": _speaker_names(event)},
    )
    return event


def _locked(event: PressEvent) -> PressEvent:
    return PressEvent.objects.select_for_update().select_related("agency").get(pk=event.pk)


@transaction.atomic
def update_event(
    *,
    event: PressEvent,
    actor,
    values: Mapping[str, Any],
    speakers: Sequence[Mapping[str, Any]] = (),
) -> PressEvent:
    """Change a planned or held event's facts and speakers (not a cancelled one, nor one
    whose transcript is published)."""
    event = _locked(event)
    if event.state == EventState.CANCELLED or event.document_id:
        raise PressError(_("已取消或实录已公开的活动不能再修改。"))
    if event.state == EventState.HELD and values.get("kind") != event.kind:
        raise PressError(_("已举行的活动不能改变发布形式。"), field="kind")
    before = {**snapshot(event, EVENT_FIELDS), "speakers": _speaker_names(event)}
    _fill_event(event, values)
    built = _check_speakers(event.agency, speakers)
    event.updated_at = timezone.now()
    event.save()
    _replace_speakers(event, built)
    record_event(
        actor=actor,
        action="press.event.update",
        obj=event,
        agency=event.agency,
        before=before,
        after={**snapshot(event, EVENT_FIELDS), "speakers": _speaker_names(event)},
    )
    return event


@transaction.atomic
def announce_event(*, event: PressEvent, actor) -> PressEvent:
    """Show a planned event on the portal (预告); an online interview then takes questions."""
    event = _locked(event)
    if event.state != EventState.PLANNED:
        raise PressError(_("只有计划举行的活动可以预告。"))
    if event.is_announced:
        raise PressError(_("该活动已在门户预告。"))
    event.is_announced = True
    event.updated_at = timezone.now()
    event.save(update_fields=["is_announced", "updated_at"])
    record_event(
        actor=actor,
        action="press.event.announce",
        obj=event,
        agency=event.agency,
        before={"is_announced": False},
        after={"is_announced": True},
    )
    return event


@transaction.atomic
def close_questions(*, event: PressEvent, actor) -> PressEvent:
    """Stop taking the public's questions (the interview is about to begin)."""
    event = _locked(event)
    if not event.accepts_questions:
        raise PressError(_("该访谈未在征集问题。"))
    event.accepts_questions = False
    event.updated_at = timezone.now()
    event.save(update_fields=["accepts_questions", "updated_at"])
    record_event(
        actor=actor,
        action="press.event.close_questions",
        obj=event,
        agency=event.agency,
        before={"accepts_questions": True},
        after={"accepts_questions": False},
    )
    return event


def _respond_to_opinion(event: PressEvent, actor) -> None:
    """The linked 舆情 event gets the held event as a response (participation's own record,
    linking here), while that event is still open; a closed one keeps only the link."""
    opinion = event.opinion_event
    if opinion is None or opinion.status != OpinionStatus.OPEN:
        return
    from gongkai.participation import opinion_services

    try:
        opinion_services.record_response(
            event=OpinionEvent.objects.select_for_update().get(pk=opinion.pk),
            actor=actor,
            kind=OPINION_RESPONSE_KINDS[EventKind(event.kind)],
            responded_at=event.starts_at,
            summary=_("%(kind)s：%(topic)s")
            % {"kind": event.get_kind_display(), "topic": event.topic},
            link=settings.SITE_URL + event_url(event),
        )
    except ParticipationError as exc:
        raise PressError(exc.message) from exc


@transaction.atomic
def hold_event(*, event: PressEvent, actor, now: datetime.datetime | None = None) -> PressEvent:
    """Record that the event took place: it is shown as past on the portal, questions close,
    and a linked open 舆情 event records it as its response."""
    event = _locked(event)
    now = now or timezone.now()
    if not rules.can_move(event.state, EventState.HELD):
        raise PressError(_("只有计划举行的活动可以记为已举行。"))
    if not rules.may_hold_at(event.starts_at, now):
        raise PressError(_("活动时间未到，不能记为已举行。"))
    before = {"state": event.state, "is_announced": event.is_announced}
    event.state = EventState.HELD
    event.is_announced = True
    event.accepts_questions = False
    event.updated_at = now
    event.save(update_fields=["state", "is_announced", "accepts_questions", "updated_at"])
    _respond_to_opinion(event, actor)
    record_event(
        actor=actor,
        action="press.event.hold",
        obj=event,
        agency=event.agency,
        before=before,
        after={"state": event.state, "is_announced": True},
    )
    return event


@transaction.atomic
def cancel_event(*, event: PressEvent, actor, reason: str) -> PressEvent:
    """Cancel a planned event with the reason (an announced one shows it on the portal)."""
    event = _locked(event)
    if not rules.can_move(event.state, EventState.CANCELLED):
        raise PressError(_("只有计划举行的活动可以取消。"))
    reason = (reason or "").strip()
    if not reason:
        raise PressError(_("取消活动时必须写明原因。"), field="reason")
    if len(reason) > limits.REASON:
        raise PressError(
            limits.too_long_message(_("取消原因"), limits.REASON, len(reason)), field="reason"
        )
    event.state = EventState.CANCELLED
    event.cancel_reason = reason
    event.accepts_questions = False
    event.updated_at = timezone.now()
    event.save(update_fields=["state", "cancel_reason", "accepts_questions", "updated_at"])
    record_event(
        actor=actor,
        action="press.event.cancel",
        obj=event,
        agency=event.agency,
        before={"state": EventState.PLANNED},
        after={"state": event.state, "cancel_reason": reason},
    )
    return event


@transaction.atomic
def record_transcript(
    *, event: PressEvent, actor, transcript: str, materials: str = ""
) -> PressEvent:
    """Enter (or correct) the transcript and materials of a held event, before publication."""
    event = _locked(event)
    if event.state != EventState.HELD:
        raise PressError(_("活动举行后才能录入实录。"))
    if event.document_id:
        raise PressError(_("实录已公开，不能再修改。"))
    transcript = (transcript or "").strip()
    if not transcript:
        raise PressError(_("请填写发布会实录。"), field="transcript")
    before = snapshot(event, ["transcript", "materials"])
    event.transcript = transcript
    event.materials = (materials or "").strip()
    event.transcript_by = actor
    event.updated_at = timezone.now()
    limits.check_text_lengths(event, error=PressError, fields=["transcript", "materials"])
    event.save(update_fields=["transcript", "materials", "transcript_by", "updated_at"])
    record_event(
        actor=actor,
        action="press.event.transcript",
        obj=event,
        agency=event.agency,
        before=before,
        after=snapshot(event, ["transcript", "materials"]),
    )
    return event


# --- the public's questions to an online interview ------------------------------------------


@transaction.atomic
def submit_question(
    *, event: PressEvent, body: str, asker_name: str = "", now: datetime.datetime | None = None
) -> Question:
    """A member of the public asks a question; it waits for moderation."""
    event = PressEvent.objects.select_for_update().get(pk=event.pk)
    if not rules.takes_questions(
        kind=event.kind,
        state=event.state,
        is_announced=event.is_announced,
        accepts_questions=event.accepts_questions,
    ):
        raise PressError(_("该访谈已停止征集问题。"))
    body = (body or "").strip()
    if not body:
        raise PressError(_("请填写您的问题。"), field="body")
    if len(body) > limits.INTERVIEW_QUESTION:
        raise PressError(
            limits.too_long_message(_("问题"), limits.INTERVIEW_QUESTION, len(body)), field="body"
        )
    asker_name = (asker_name or "").strip()
    if len(asker_name) > 50:
        raise PressError(
            limits.too_long_message(_("网名或称呼"), 50, len(asker_name)), field="asker_name"
        )
    question = Question.objects.create(
        event=event, asker_name=asker_name, body=body, submitted_at=now or timezone.now()
    )
    record_event(
        actor=None,
        action="press.question.submit",
        obj=question,
        agency=event.agency,
        after={"status": question.status},
    )
    return question


MODERATION_DECISIONS = {"accept": QuestionStatus.ACCEPTED, "reject": QuestionStatus.REJECTED}


@transaction.atomic
def moderate_question(*, question: Question, actor, decision: str, reason: str = "") -> Question:
    """Accept a question (it is shown and may be answered) or reject it with a reason."""
    question = (
        Question.objects.select_for_update().select_related("event__agency").get(pk=question.pk)
    )
    target = MODERATION_DECISIONS.get(decision)
    if target is None:
        raise PressError(_("请选择审核结果。"), field="decision")
    if not rules.can_moderate(question.status, target):
        raise PressError(_("该问题已审核。"))
    reason = (reason or "").strip()
    if target == QuestionStatus.REJECTED and not reason:
        raise PressError(_("不采用问题时必须写明理由。"), field="reason")
    if len(reason) > limits.REASON:
        raise PressError(
            limits.too_long_message(_("理由"), limits.REASON, len(reason)), field="reason"
        )
    before = snapshot(question, QUESTION_FIELDS)
    question.status = target
    question.moderation_reason = reason
    question.moderated_by = actor
    question.moderated_at = timezone.now()
    question.save(update_fields=["status", "moderation_reason", "moderated_by", "moderated_at"])
    record_event(
        actor=actor,
        action="press.question.moderate",
        obj=question,
        agency=question.event.agency,
        before=before,
        after=snapshot(question, QUESTION_FIELDS),
    )
    return question


@transaction.atomic
def answer_question(*, question: Question, actor, answer: str, speaker: Speaker | None) -> Question:
    """The speakers' answer to an accepted question, during or after the interview."""
    question = (
        Question.objects.select_for_update().select_related("event__agency").get(pk=question.pk)
    )
    if question.status != QuestionStatus.ACCEPTED:
        raise PressError(_("只有已采用的问题可以答复。"))
    if question.event.state == EventState.CANCELLED:
        raise PressError(_("访谈已取消，不能答复。"))
    if question.event.document_id:
        raise PressError(_("访谈实录已公开，答复不能再修改。"))
    if speaker is None or speaker.event_id != question.event_id:
        raise PressError(_("请选择本次访谈的答复人。"), field="speaker")
    answer = (answer or "").strip()
    if not answer:
        raise PressError(_("请填写答复内容。"), field="answer")
    if len(answer) > limits.REPLY:
        raise PressError(
            limits.too_long_message(_("答复"), limits.REPLY, len(answer)), field="answer"
        )
    before = snapshot(question, QUESTION_FIELDS)
    question.answer = answer
    question.answered_by = speaker
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    record_event(
        actor=actor,
        action="press.question.answer",
        obj=question,
        agency=question.event.agency,
        before=before,
        after=snapshot(question, QUESTION_FIELDS),
    )
    return question


def linked_policy(event: PressEvent) -> Document | None:
    """The event's policy, if the public may read it."""
    policy = event.policy
    if (
        policy
        and policy.status == DocumentStatus.PUBLISHED
        and policy.attribute == Attribute.PROACTIVE
    ):
        return policy
    return None
