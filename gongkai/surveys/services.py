"""Every state change of a survey: one function each, in a transaction, with an audit event.

draft → open (answers taken between opens_at and closes_at) → closed (free-text answers
reviewed) → results published. Reading the results is `results` (no state change)."""

import datetime
import hashlib
import secrets
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.audit.services import record_event
from gongkai.privacy.detection import find_personal_data
from gongkai.surveys import rules
from gongkai.surveys.errors import AlreadyAnswered, NetworkCapReached, SurveyError
from gongkai.surveys.models import (
    AccessCode,
    Answer,
    NetworkCount,
    Option,
    Question,
    QuestionKind,
    RespondentRule,
    Response,
    Survey,
    SurveyStatus,
    TextReview,
)

SURVEY_FIELDS = (
    "title",
    "respondent_rule",
    "description",
    "opens_at",
    "closes_at",
    "network_daily_cap",
    "decision_document",
    "consultation",
)


MAX_CODES_AT_ONCE = 2000


def _secret() -> bytes:
    """The key of the respondent and network hashes, derived from SECRET_KEY (a new key
    makes old browsers new respondents: rotate it between surveys, not during one)."""
    return hashlib.sha256(b"gongkai.surveys|" + settings.SECRET_KEY.encode()).digest()


def _check_values(values: Mapping) -> dict:
    cleaned = {name: values[name] for name in SURVEY_FIELDS if name in values}
    for name in ("title", "description"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
            if not cleaned[name]:
                raise SurveyError(_("请填写此项。"), field=name)
    if "respondent_rule" in cleaned and cleaned["respondent_rule"] not in RespondentRule.values:
        raise SurveyError(_("请选择每人一份的方式。"), field="respondent_rule")
    limits.check_values(Survey, cleaned, error=SurveyError)
    opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
    if opens and closes and closes <= opens:
        raise SurveyError(_("截止时间必须晚于开始时间。"), field="closes_at")
    return cleaned


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


@transaction.atomic
def create_survey(*, agency, actor, values: Mapping) -> Survey:
    """A draft survey of `agency`; questions are added by `save_questions`."""
    cleaned = _check_values(values)
    survey = Survey.objects.create(
        agency=agency, created_by=actor, created_at=timezone.now(), **cleaned
    )
    record_event(
        actor=actor,
        action="survey.create",
        obj=survey,
        agency=agency,
        after={"title": survey.title},
    )
    return survey


@transaction.atomic
def update_survey(*, survey: Survey, actor, values: Mapping) -> Survey:
    """Change a draft's settings; once opened only the closing time may move later."""
    survey = _lock(survey)
    cleaned = _check_values({**{n: getattr(survey, n) for n in SURVEY_FIELDS}, **values})
    if survey.status != SurveyStatus.DRAFT:
        if survey.status != SurveyStatus.OPEN or set(values) - {"closes_at"}:
            raise SurveyError(_("调查发布后只能推迟截止时间。"))
        if cleaned["closes_at"] < survey.closes_at:
            raise SurveyError(_("调查发布后截止时间只能推迟，不能提前。"), field="closes_at")
    before = {n: getattr(survey, n) for n in cleaned}
    for name, value in cleaned.items():
        setattr(survey, name, value)
    survey.save(update_fields=list(cleaned))
    record_event(
        actor=actor,
        action="survey.update",
        obj=survey,
        agency=survey.agency,
        before={k: str(v) for k, v in before.items()},
        after={k: str(v) for k, v in cleaned.items()},
    )
    return survey


def question_specs(survey: Survey) -> list[rules.QuestionSpec]:
    """The survey's questions as the pure rules read them (one query for the options)."""
    specs = []
    for question in survey.questions.prefetch_related("options").order_by("number"):
        options = list(question.options.all())
        specs.append(
            rules.QuestionSpec(
                number=question.number,
                text=question.text,
                kind=question.kind,
                is_required=question.is_required,
                options=tuple(o.text for o in options),
                option_ids=tuple(o.pk for o in options),
                max_choices=question.max_choices,
                scale_low_label=question.scale_low_label,
                scale_high_label=question.scale_high_label,
            )
        )
    return specs


@transaction.atomic
def save_questions(*, survey: Survey, actor, questions: Sequence[rules.QuestionSpec]) -> None:
    """Replace a draft's questions (numbered 1, 2, … in the given order)."""
    survey = _lock(survey)
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError(_("调查发布后不能再修改题目。"))
    for index, spec in enumerate(questions, start=1):
        problems = rules.question_problems(spec)
        if problems:
            field, message = next(iter(problems.items()))
            raise SurveyError(
                _("第%(n)d题：%(problem)s") % {"n": index, "problem": message}, field=field
            )
    survey.questions.all().delete()
    for index, spec in enumerate(questions, start=1):
        question = Question.objects.create(
            survey=survey,
            number=index,
            text=spec.text.strip(),
            kind=spec.kind,
            is_required=spec.is_required,
            max_choices=spec.max_choices if spec.kind == QuestionKind.MULTIPLE else None,
            scale_low_label=spec.scale_low_label.strip(),
            scale_high_label=spec.scale_high_label.strip(),
        )
        Option.objects.bulk_create(
            Option(question=question, number=n, text=text.strip())
            for n, text in enumerate(spec.options, start=1)
        )
    record_event(
        actor=actor,
        action="survey.questions",
        obj=survey,
        agency=survey.agency,
        after={"questions": [{"text": q.text, "kind": q.kind} for q in questions]},
    )


@transaction.atomic
def open_survey(*, survey: Survey, actor) -> Survey:
    """Publish a draft: it is shown from now, and takes answers from `opens_at`."""
    survey = _lock(survey)
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError(_("只有草稿可以发布。"))
    problems = rules.survey_problems(
        questions=question_specs(survey), opens_at=survey.opens_at, closes_at=survey.closes_at
    )
    if survey.closes_at <= timezone.now():
        problems.append(_("截止时间已过，请先修改截止时间。"))
    if problems:
        raise SurveyError(" ".join(problems))
    survey.status = SurveyStatus.OPEN
    survey.opened_at = timezone.now()
    survey.save(update_fields=["status", "opened_at"])
    record_event(actor=actor, action="survey.open", obj=survey, agency=survey.agency)
    return survey


@transaction.atomic
def close_survey(*, survey: Survey, actor) -> Survey:
    """End the survey (at or after its closing time, or early with the audit trail)."""
    survey = _lock(survey)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError(_("只有进行中的调查可以结束。"))
    now = timezone.now()
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = now
    survey.save(update_fields=["status", "closed_at"])
    record_event(
        actor=actor,
        action="survey.close",
        obj=survey,
        agency=survey.agency,
        after={"early": now < survey.closes_at, "responses": survey.responses.count()},
    )
    return survey


@transaction.atomic
def submit_response(
    *,
    survey: Survey,
    token: str,
    address: str,
    sent: Mapping[int, Sequence[str]],
    code: str = "",
) -> Response:
    """A respondent's answers. Refused outside the period, a second time from the same
    browser (AlreadyAnswered) and past the network's daily cap (NetworkCapReached); a
    response with problems raises SurveyError with them by question number, saving nothing."""
    survey = _lock(survey)
    now = timezone.now()
    if survey.status != SurveyStatus.OPEN or not rules.accepts_answers_at(
        now, opens_at=survey.opens_at, closes_at=survey.closes_at
    ):
        raise SurveyError(_("该调查不在答卷时间内，不能提交。"))
    secret = _secret()
    if survey.respondent_rule == RespondentRule.CODE:
        access = _claim_code(survey, secret, code)
        # Unrelated to the code: nobody can tell which code gave which answers.
        key = secrets.token_hex(32)
    else:
        if not token:
            raise SurveyError(
                _("请允许本网站使用 Cookie 后再提交（用于防止重复答卷，不含个人信息）。")
            )
        key = rules.respondent_key(secret, survey_id=survey.pk, token=token)
        if Response.objects.filter(survey=survey, respondent_key=key).exists():
            raise AlreadyAnswered(_("您已参加过本次调查，每人只能提交一次。感谢您的参与！"))
    answers, problems = rules.check_answers(
        question_specs(survey), sent, text_limit=limits.SURVEY_ANSWER
    )
    if problems:
        raise SurveyError(_("答卷有误，请修改后重新提交。"), problems=problems)
    if survey.respondent_rule == RespondentRule.CODE:
        AccessCode.objects.filter(pk=access.pk).update(used_at=now)
    else:
        _count_network(survey, secret, address, now)
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, respondent_key=key, submitted_at=now)
    except IntegrityError:
        raise AlreadyAnswered(_("您已参加过本次调查，每人只能提交一次。感谢您的参与！")) from None
    _save_answers(survey, response, answers)
    record_event(actor=None, action="survey.respond", obj=response, agency=survey.agency)
    return response


def _claim_code(survey: Survey, secret: bytes, code: str) -> AccessCode:
    if not rules.normalise_code(code):
        raise SurveyError(_("请填写参与码。"), field="code")
    access = (
        AccessCode.objects.select_for_update()
        .filter(survey=survey, code_key=rules.code_key(secret, survey_id=survey.pk, code=code))
        .first()
    )
    if access is None:
        raise SurveyError(_("参与码不正确，请核对后重新填写。"), field="code")
    if access.used_at is not None:
        raise AlreadyAnswered(_("该参与码已经使用过，每个参与码只能提交一次。"), field="code")
    return access


def _count_network(survey: Survey, secret: bytes, address: str, now) -> None:
    today = timezone.localdate(now)
    counter, _created = NetworkCount.objects.select_for_update().get_or_create(
        survey=survey,
        network_key=rules.network_key(secret, survey_id=survey.pk, address=address, day=today),
        day=today,
    )
    if counter.count >= survey.network_daily_cap:
        raise NetworkCapReached(
            _("今天从您所在网络提交的答卷已达上限，请明天再参加。"),
        )
    NetworkCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)


def _save_answers(survey: Survey, response: Response, answers) -> None:
    questions = {q.number: q for q in survey.questions.all()}
    rows = []
    for answer in answers:
        question = questions[answer.question_number]
        if answer.option_ids:
            rows += [
                Answer(response=response, question=question, option_id=o) for o in answer.option_ids
            ]
        elif answer.scale_value is not None:
            rows.append(
                Answer(response=response, question=question, scale_value=answer.scale_value)
            )
        else:
            rows.append(
                Answer(
                    response=response,
                    question=question,
                    text=answer.text,
                    text_review=TextReview.PENDING,
                )
            )
    Answer.objects.bulk_create(rows)


@transaction.atomic
def issue_codes(*, survey: Survey, actor, count: int) -> list[str]:
    """New one-time codes for a code survey, returned once in clear (to print and hand out);
    only their keyed hashes are stored."""
    survey = _lock(survey)
    if survey.respondent_rule != RespondentRule.CODE:
        raise SurveyError(_("本调查不使用参与码。"))
    if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.OPEN):
        raise SurveyError(_("调查结束后不能再发放参与码。"))
    if not 1 <= count <= MAX_CODES_AT_ONCE:
        raise SurveyError(
            _("每次可生成1至%(n)d个参与码。") % {"n": MAX_CODES_AT_ONCE}, field="count"
        )
    secret, now = _secret(), timezone.now()
    codes: list[str] = []
    while len(codes) < count:
        code = "".join(secrets.choice(rules.CODE_ALPHABET) for _i in range(rules.CODE_LENGTH))
        key = rules.code_key(secret, survey_id=survey.pk, code=code)
        if code in codes or AccessCode.objects.filter(survey=survey, code_key=key).exists():
            continue
        AccessCode.objects.create(survey=survey, code_key=key, created_at=now)
        codes.append(rules.format_code(code))
    record_event(
        actor=actor,
        action="survey.issue_codes",
        obj=survey,
        agency=survey.agency,
        after={"count": count},
    )
    return codes


def has_answered(survey: Survey, token: str) -> bool:
    """Whether the browser with this cookie token has answered the survey."""
    if not token:
        return False
    key = rules.respondent_key(_secret(), survey_id=survey.pk, token=token)
    return Response.objects.filter(survey=survey, respondent_key=key).exists()


def personal_data_in(text: str) -> list[str]:
    """The kinds of personal data the privacy detector finds in a free-text answer."""
    return sorted({str(f.kind) for f in find_personal_data(text)})


@transaction.atomic
def review_text_answers(*, survey: Survey, actor, decisions: Mapping[int, str]) -> int:
    """Show or withhold free-text answers ({answer id: "shown" | "withheld"}); an answer in
    which the privacy detector finds personal data cannot be shown. Returns how many changed."""
    survey = _lock(survey)
    if survey.status != SurveyStatus.CLOSED:
        raise SurveyError(_("调查结束后、公布结果前审核文字回答。"))
    answers = {
        a.pk: a
        for a in Answer.objects.select_for_update().filter(
            response__survey=survey, pk__in=list(decisions), text_review__in=TextReview.values
        )
    }
    changed = []
    for pk, decision in decisions.items():
        answer = answers.get(pk)
        if answer is None or decision not in (TextReview.SHOWN, TextReview.WITHHELD):
            continue
        if decision == TextReview.SHOWN and personal_data_in(answer.text):
            raise SurveyError(_("回答中含有个人信息（如电话、身份证号），不能公开。"))
        answer.text_review = decision
        answer.reviewed_by = actor
        answer.reviewed_at = timezone.now()
        changed.append(answer)
    Answer.objects.bulk_update(changed, ["text_review", "reviewed_by", "reviewed_at"])
    if changed:
        record_event(
            actor=actor,
            action="survey.review_text",
            obj=survey,
            agency=survey.agency,
            after={str(a.pk): a.text_review for a in changed},
        )
    return len(changed)


@transaction.atomic
def publish_results(*, survey: Survey, actor, note: str = "") -> Survey:
    """Publish the results of a closed survey once every free-text answer is reviewed."""
    survey = _lock(survey)
    if survey.status != SurveyStatus.CLOSED:
        raise SurveyError(_("调查结束后才能公布结果。"))
    pending = Answer.objects.filter(response__survey=survey, text_review=TextReview.PENDING).count()
    if pending:
        raise SurveyError(_("还有%(n)d条文字回答未审核。") % {"n": pending})
    note = (note or "").strip()
    limits.check_values(Survey, {"results_note": note}, error=SurveyError)
    if personal_data_in(note):
        raise SurveyError(_("结果说明中含有个人信息，不能公布。"), field="results_note")
    survey.status = SurveyStatus.RESULTS
    survey.results_note = note
    survey.results_published_at = timezone.now()
    survey.save(update_fields=["status", "results_note", "results_published_at"])
    record_event(
        actor=actor,
        action="survey.publish_results",
        obj=survey,
        agency=survey.agency,
        after={"responses": survey.responses.count()},
    )
    return survey


def results(survey: Survey, *, shown_only: bool = True) -> list[rules.QuestionResult]:
    """Every question's result; free text as shown after review (or all, for staff)."""
    specs = question_specs(survey)
    by_question: dict[int, dict] = {
        q.number: {"chosen": {}, "scale": [], "texts": [], "withheld": 0} for q in specs
    }
    answers = Answer.objects.filter(response__survey=survey).select_related("question")
    for answer in answers.order_by("response_id", "id"):
        data = by_question[answer.question.number]
        if answer.option_id is not None:
            data["chosen"].setdefault(answer.response_id, []).append(answer.option_id)
        elif answer.scale_value is not None:
            data["scale"].append(answer.scale_value)
        elif answer.text_review == TextReview.SHOWN or (not shown_only and answer.text):
            data["texts"].append(answer.text)
        else:
            data["withheld"] += 1
    return [
        rules.tally(
            spec,
            chosen=list(by_question[spec.number]["chosen"].values()),
            scale_values=by_question[spec.number]["scale"],
            shown_texts=by_question[spec.number]["texts"],
            withheld=by_question[spec.number]["withheld"],
        )
        for spec in specs
    ]


def is_taking_answers(survey: Survey, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return survey.status == SurveyStatus.OPEN and rules.accepts_answers_at(
        now, opens_at=survey.opens_at, closes_at=survey.closes_at
    )
