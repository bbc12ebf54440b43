"""State changes of hearings and forums (听证会 / 座谈会 / 论证会) on a consultation: each is
one function in one transaction writing an audit event.

draft → announced (with the consultation; registrations taken in the window) → selected
(first come, or the draw: inputs and commitment published first, then seed and result) →
held (participants and their opinions recorded; each opinion is a Comment of the
consultation) → minutes published (after the privacy detector finds nothing)."""

import secrets
from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event
from gongkai.enforcement import draw as draw_rules
from gongkai.participation import comment_services
from gongkai.participation import hearings as rules
from gongkai.participation.errors import ParticipationError, PersonalDataError
from gongkai.participation.models import (
    Clause,
    CommentSource,
    Consultation,
    ConsultationStatus,
    Hearing,
    HearingKind,
    HearingOpinion,
    HearingParticipant,
    HearingRegistration,
    HearingStatus,
    InterestKind,
    ParticipantRole,
    SelectionRule,
)
from gongkai.privacy.detection import find_personal_data

HEARING_FIELDS = (
    "kind",
    "topic",
    "held_at",
    "place",
    "registration_opens_at",
    "registration_closes_at",
    "seats",
    "selection_rule",
    "notes",
)
COMMENT_SOURCE = {
    HearingKind.HEARING: CommentSource.HEARING,
    HearingKind.FORUM: CommentSource.FORUM,
    HearingKind.EXPERT_MEETING: CommentSource.EXPERT_MEETING,
}


def _lock(hearing: Hearing) -> Hearing:
    return (
        Hearing.objects.select_for_update()
        .select_related("consultation__agency")
        .get(pk=hearing.pk)
    )


def _check_values(values: Mapping) -> dict:
    cleaned = {name: values.get(name) for name in HEARING_FIELDS}
    for name in ("topic", "place"):
        cleaned[name] = (cleaned[name] or "").strip()
        if not cleaned[name]:
            raise ParticipationError(_("请填写此项。"), field=name)
    cleaned["notes"] = (cleaned["notes"] or "").strip()
    if cleaned["kind"] not in HearingKind.values:
        raise ParticipationError(_("请选择会议类型。"), field="kind")
    if cleaned["selection_rule"] not in SelectionRule.values:
        raise ParticipationError(_("请选择遴选方式。"), field="selection_rule")
    if not cleaned["seats"] or cleaned["seats"] < 1:
        raise ParticipationError(_("名额至少为1人。"), field="seats")
    opens, closes, held = (
        cleaned["registration_opens_at"],
        cleaned["registration_closes_at"],
        cleaned["held_at"],
    )
    if not (opens and closes and held):
        raise ParticipationError(_("请填写报名时间和举行时间。"), field="held_at")
    if closes <= opens:
        raise ParticipationError(
            _("报名截止时间必须晚于开始时间。"), field="registration_closes_at"
        )
    if held < closes:
        raise ParticipationError(_("会议应在报名截止之后举行。"), field="held_at")
    limits.check_values(Hearing, {"notes": cleaned["notes"]}, error=ParticipationError)
    return cleaned


@transaction.atomic
def create_hearing(*, consultation: Consultation, actor, values: Mapping) -> Hearing:
    """A draft hearing or forum on `consultation`."""
    cleaned = _check_values(values)
    if consultation.status == ConsultationStatus.CLOSED:
        raise ParticipationError(_("征求意见已结束，不能再安排会议。"))
    hearing = Hearing.objects.create(
        consultation=consultation, created_by=actor, created_at=timezone.now(), **cleaned
    )
    record_event(
        actor=actor,
        action="hearing.create",
        obj=hearing,
        agency=consultation.agency,
        after={"kind": hearing.kind, "topic": hearing.topic},
    )
    return hearing


@transaction.atomic
def update_hearing(*, hearing: Hearing, actor, values: Mapping) -> Hearing:
    """Change a draft's announcement."""
    hearing = _lock(hearing)
    if hearing.status != HearingStatus.DRAFT:
        raise ParticipationError(_("会议公告发布后不能修改。"))
    cleaned = _check_values(values)
    for name, value in cleaned.items():
        setattr(hearing, name, value)
    hearing.save(update_fields=list(cleaned))
    record_event(
        actor=actor, action="hearing.update", obj=hearing, agency=hearing.consultation.agency
    )
    return hearing


@transaction.atomic
def announce_hearing(*, hearing: Hearing, actor) -> Hearing:
    """Publish the announcement on the consultation's page (the consultation must be public)."""
    hearing = _lock(hearing)
    if hearing.status != HearingStatus.DRAFT:
        raise ParticipationError(_("该会议已公告。"))
    if hearing.consultation.status != ConsultationStatus.OPEN:
        raise ParticipationError(_("征求意见发布后、结束前才能公告会议。"))
    if hearing.registration_closes_at <= timezone.now():
        raise ParticipationError(_("报名截止时间已过，请先修改时间。"))
    hearing.status = HearingStatus.ANNOUNCED
    hearing.announced_at = timezone.now()
    hearing.save(update_fields=["status", "announced_at"])
    record_event(
        actor=actor, action="hearing.announce", obj=hearing, agency=hearing.consultation.agency
    )
    return hearing


def registration_problems(hearing: Hearing, now=None) -> str:
    """Why the public cannot register now (empty when they can)."""
    now = now or timezone.now()
    if hearing.status != HearingStatus.ANNOUNCED or not rules.accepts_registrations_at(
        now, opens_at=hearing.registration_opens_at, closes_at=hearing.registration_closes_at
    ):
        return _("不在报名时间内，不能报名。")
    if (
        hearing.selection_rule == SelectionRule.FIRST_COME
        and hearing.registrations.count() >= hearing.seats
    ):
        return _("名额已满（%(seats)d人，先到先得），报名已结束。") % {"seats": hearing.seats}
    return ""


@transaction.atomic
def register(
    *, hearing: Hearing, name: str, contact: str, interest: str, statement: str
) -> HearingRegistration:
    """A member of the public registers; their number (B001 …) is what the public sees."""
    hearing = _lock(hearing)
    problem = registration_problems(hearing)
    if problem:
        raise ParticipationError(problem)
    name, contact, statement = (
        (name or "").strip(),
        (contact or "").strip(),
        (statement or "").strip(),
    )
    if not name:
        raise ParticipationError(_("请填写姓名。"), field="name")
    if not contact:
        raise ParticipationError(_("请填写联系电话。"), field="contact")
    if interest not in InterestKind.values:
        raise ParticipationError(_("请选择身份或利益关系。"), field="interest")
    if not statement:
        raise ParticipationError(_("请简要说明您的主要观点。"), field="statement")
    if len(statement) > limits.HEARING_STATEMENT:
        message = limits.too_long_message(_("主要观点"), limits.HEARING_STATEMENT, len(statement))
        raise ParticipationError(message, field="statement")
    number = (hearing.registrations.aggregate(n=Max("number"))["n"] or 0) + 1
    registration = HearingRegistration.objects.create(
        hearing=hearing,
        number=number,
        name=name[:50],
        contact=contact[:40],
        interest=interest,
        statement=statement,
        registered_at=timezone.now(),
    )
    record_event(
        actor=None,
        action="hearing.register",
        obj=hearing,
        agency=hearing.consultation.agency,
        after={"registration": registration.code},
    )
    return registration


def _after_registration(hearing: Hearing) -> None:
    if hearing.status != HearingStatus.ANNOUNCED:
        raise ParticipationError(_("该会议已确定参加人。"))
    if timezone.now() < hearing.registration_closes_at:
        raise ParticipationError(_("报名截止后才能确定参加人。"))


@transaction.atomic
def select_first_come(*, hearing: Hearing, actor) -> list[str]:
    """先到先得: the first registrations up to the seats are the participants."""
    hearing = _lock(hearing)
    _after_registration(hearing)
    if hearing.selection_rule != SelectionRule.FIRST_COME:
        raise ParticipationError(_("本次会议的遴选方式是随机抽取。"))
    registrations = list(hearing.registrations.all())
    chosen = rules.first_come([(r.code, r.registered_at) for r in registrations], hearing.seats)
    return _mark_selected(hearing, actor, chosen, registrations)


def _mark_selected(hearing: Hearing, actor, chosen: list[str], registrations) -> list[str]:
    for registration in registrations:
        registration.is_selected = registration.code in chosen
    HearingRegistration.objects.bulk_update(registrations, ["is_selected"])
    hearing.status = HearingStatus.SELECTED
    hearing.selected_at = timezone.now()
    hearing.save(update_fields=["status", "selected_at"])
    record_event(
        actor=actor,
        action="hearing.select",
        obj=hearing,
        agency=hearing.consultation.agency,
        after={"rule": hearing.selection_rule, "selected": chosen},
    )
    return chosen


@transaction.atomic
def commit_draw(*, hearing: Hearing, actor) -> Hearing:
    """随机抽取, step one: publish the registration numbers, the seats and the commitment to a
    fresh seed (kept unpublished until the draw). Once only: a second commitment would let
    the seed be chosen."""
    hearing = _lock(hearing)
    _after_registration(hearing)
    if hearing.selection_rule != SelectionRule.DRAW:
        raise ParticipationError(_("本次会议的遴选方式是先到先得。"))
    if hearing.committed_at is not None:
        raise ParticipationError(_("抽取输入已公布，不能重新生成。"))
    codes = [r.code for r in hearing.registrations.all()]
    if not codes:
        raise ParticipationError(_("没有报名，无需抽取。"))
    seed = draw_rules.new_seed(secrets.token_bytes)
    hearing.draw_seed = seed
    hearing.draw_inputs = rules.draw_inputs(
        codes, hearing.seats, commitment=draw_rules.commitment_of(seed)
    )
    hearing.committed_at = timezone.now()
    hearing.save(update_fields=["draw_seed", "draw_inputs", "committed_at"])
    record_event(
        actor=actor,
        action="hearing.draw_commit",
        obj=hearing,
        agency=hearing.consultation.agency,
        after={
            "commitment": hearing.draw_inputs["commitment"],
            "candidate_hash": hearing.draw_inputs["candidate_hash"],
        },
    )
    return hearing


@transaction.atomic
def run_draw(*, hearing: Hearing, actor) -> list[str]:
    """随机抽取, step two: draw with the committed seed, publish seed and result."""
    hearing = _lock(hearing)
    _after_registration(hearing)
    if hearing.committed_at is None:
        raise ParticipationError(_("请先公布抽取输入（报名序号和承诺值）。"))
    hearing.draw_result = draw_rules.run_draw(hearing.draw_inputs, hearing.draw_seed)
    hearing.drawn_at = timezone.now()
    hearing.save(update_fields=["draw_result", "drawn_at"])
    record_event(
        actor=actor,
        action="hearing.draw",
        obj=hearing,
        agency=hearing.consultation.agency,
        after={
            "seed": hearing.draw_seed,
            "result_hash": draw_rules.result_hash(hearing.draw_result),
        },
    )
    chosen = rules.drawn_codes(hearing.draw_result)
    return _mark_selected(hearing, actor, chosen, list(hearing.registrations.all()))


def public_draw(hearing: Hearing) -> dict:
    """What anyone may download: the inputs, and after the draw the seed and the result."""
    return {
        "inputs": hearing.draw_inputs,
        "seed": hearing.public_seed or None,
        "result": hearing.draw_result if hearing.drawn_at else None,
    }


def verify_draw(hearing: Hearing) -> draw_rules.Verification:
    """Recompute the published draw (as anyone can with the downloaded document)."""
    return draw_rules.verify(
        hearing.draw_inputs or {}, hearing.public_seed, hearing.draw_result or {}
    )


@transaction.atomic
def add_participant(
    *,
    hearing: Hearing,
    actor,
    role: str,
    name: str = "",
    registration: HearingRegistration | None = None,
    show_name: bool = False,
) -> HearingParticipant:
    """Someone who took part: a selected registrant, or a host, expert or stakeholder."""
    hearing = _lock(hearing)
    if hearing.status not in (HearingStatus.SELECTED, HearingStatus.HELD):
        raise ParticipationError(_("确定参加人后才能登记会议参加人。"))
    if role not in ParticipantRole.values:
        raise ParticipationError(_("请选择角色。"), field="role")
    if registration is not None:
        if registration.hearing_id != hearing.pk or not registration.is_selected:
            raise ParticipationError(_("只能登记本次会议入选的报名人。"), field="registration")
        name = registration.name
        show_name = False
    name = (name or "").strip()
    if not name:
        raise ParticipationError(_("请填写姓名或单位。"), field="name")
    participant = HearingParticipant.objects.create(
        hearing=hearing,
        role=role,
        name=name[:100],
        registration=registration,
        show_name=show_name,
    )
    record_event(
        actor=actor,
        action="hearing.participant",
        obj=hearing,
        agency=hearing.consultation.agency,
        after={"role": role, "label": participant.public_label},
    )
    return participant


@transaction.atomic
def mark_held(*, hearing: Hearing, actor) -> Hearing:
    hearing = _lock(hearing)
    if hearing.status != HearingStatus.SELECTED:
        raise ParticipationError(_("确定参加人后才能登记会议已举行。"))
    if timezone.now() < hearing.held_at:
        raise ParticipationError(_("会议举行时间之后才能登记已举行。"))
    hearing.status = HearingStatus.HELD
    hearing.save(update_fields=["status"])
    record_event(
        actor=actor, action="hearing.held", obj=hearing, agency=hearing.consultation.agency
    )
    return hearing


@transaction.atomic
def record_opinion(
    *,
    hearing: Hearing,
    actor,
    participant: HearingParticipant,
    body: str,
    clause: Clause | None = None,
) -> HearingOpinion:
    """A participant's opinion at the meeting, entered as a comment of the consultation (its
    source the meeting's kind) so that it gets a disposition in the published feedback."""
    hearing = _lock(hearing)
    if hearing.status != HearingStatus.HELD:
        raise ParticipationError(_("会议举行后才能登记会上意见。"))
    if participant.hearing_id != hearing.pk:
        raise ParticipationError(_("发言人不是本次会议的参加人。"), field="participant")
    held_on = timezone.localdate(hearing.held_at)
    comment = comment_services.record_comment(
        consultation=hearing.consultation,
        actor=actor,
        body=body,
        source=COMMENT_SOURCE[hearing.kind],
        source_detail=f"{held_on.isoformat()} {hearing.get_kind_display()}：{hearing.topic}"[:200],
        clause=clause,
        commenter_name=participant.public_label,
        received_on=held_on,
        make_public=True,
    )
    opinion = HearingOpinion.objects.create(
        hearing=hearing, participant=participant, comment=comment
    )
    record_event(
        actor=actor,
        action="hearing.opinion",
        obj=hearing,
        agency=hearing.consultation.agency,
        after={"comment": comment.pk, "participant": participant.public_label},
    )
    return opinion


@transaction.atomic
def publish_minutes(*, hearing: Hearing, actor, minutes: str) -> Hearing:
    """Publish the minutes (会议纪要 / 听证笔录摘要) on the consultation's page; refused while
    the privacy detector finds personal data in them."""
    hearing = _lock(hearing)
    if hearing.status not in (HearingStatus.HELD, HearingStatus.MINUTES):
        raise ParticipationError(_("会议举行后才能公布纪要。"))
    minutes = (minutes or "").strip()
    if not minutes:
        raise ParticipationError(_("请填写会议纪要。"), field="minutes")
    limits.check_values(Hearing, {"minutes": minutes}, error=ParticipationError)
    findings = find_personal_data(minutes)
    if findings:
        raise PersonalDataError(
            _("纪要中含有个人信息（%(kinds)s），请删除后再公布。")
            % {"kinds": "、".join(sorted({f.masked for f in findings}))},
            findings=findings,
        )
    before = hearing.minutes
    hearing.minutes = minutes
    hearing.status = HearingStatus.MINUTES
    hearing.minutes_published_at = timezone.now()
    hearing.save(update_fields=["minutes", "status", "minutes_published_at"])
    record_event(
        actor=actor,
        action="hearing.minutes",
        obj=hearing,
        agency=hearing.consultation.agency,
        before={"minutes": before} if before else None,
        after={"minutes": minutes},
    )
    return hearing
