"""Rules of surveys, as pure functions: what makes a question valid, what a response must
answer, the respondent's and the network's keys, and the results' arithmetic.

No database, no settings, no clock: values in, values out (the secret for the keys is passed).
"""

import datetime
import hashlib
import hmac
import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

SCALE_VALUES = (1, 2, 3, 4, 5)
MAX_OPTIONS = 20
MIN_OPTIONS = 2
SINGLE, MULTIPLE, SCALE, TEXT = "single", "multiple", "scale", "text"
KINDS = (SINGLE, MULTIPLE, SCALE, TEXT)
# IPv4 addresses are counted by /24, IPv6 by /48: a household or an office is one network.
IPV4_PREFIX, IPV6_PREFIX = 24, 48


@dataclass(frozen=True)
class QuestionSpec:
    """A question as the form or the database gives it; `options` are their texts in order."""

    number: int
    text: str
    kind: str
    is_required: bool = True
    options: tuple[str, ...] = ()
    max_choices: int | None = None
    scale_low_label: str = ""
    scale_high_label: str = ""
    option_ids: tuple[int, ...] = ()  # the saved options' ids, in the order of `options`


def question_problems(question: QuestionSpec) -> dict[str, str]:
    """What is wrong with one question, by field ("text", "kind", "options", "max_choices")."""
    problems: dict[str, str] = {}
    if not question.text.strip():
        problems["text"] = _("请填写题目。")
    if question.kind not in KINDS:
        problems["kind"] = _("请选择题型。")
        return problems
    options = [o.strip() for o in question.options]
    if question.kind in (SINGLE, MULTIPLE):
        if any(not o for o in options):
            problems["options"] = _("选项不能为空。")
        elif len(options) < MIN_OPTIONS:
            problems["options"] = _("选择题至少要有%(n)d个选项，每行一个。") % {"n": MIN_OPTIONS}
        elif len(options) > MAX_OPTIONS:
            problems["options"] = _("选项不能超过%(n)d个。") % {"n": MAX_OPTIONS}
        elif len(set(options)) != len(options):
            problems["options"] = _("选项不能重复。")
    elif options:
        problems["options"] = _("只有单选题和多选题有选项。")
    if question.max_choices is not None:
        if question.kind != MULTIPLE:
            problems["max_choices"] = _("只有多选题可以限制最多可选几项。")
        elif not 1 <= question.max_choices <= max(len(options), 1):
            problems["max_choices"] = _("最多可选项数应在1到选项数（%(n)d）之间。") % {
                "n": len(options)
            }
    if question.kind != SCALE and (question.scale_low_label or question.scale_high_label):
        problems["scale_low_label"] = _("只有量表题有两端的说明。")
    return problems


def survey_problems(
    *, questions: Sequence[QuestionSpec], opens_at: datetime.datetime, closes_at: datetime.datetime
) -> list[str]:
    """Why a survey cannot be opened: no question, a bad question, or a bad period."""
    problems = []
    if not questions:
        problems.append(_("调查至少要有一道题目。"))
    for question in questions:
        if question_problems(question):
            problems.append(_("第%(n)d题填写有误。") % {"n": question.number})
    if closes_at <= opens_at:
        problems.append(_("截止时间必须晚于开始时间。"))
    return problems


def accepts_answers_at(
    now: datetime.datetime, *, opens_at: datetime.datetime, closes_at: datetime.datetime
) -> bool:
    """Answers are taken from the opening instant up to, not including, the closing one."""
    return opens_at <= now < closes_at


# --- answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GivenAnswer:
    """One question's answer after checking: option ids, a scale value, or a text."""

    question_number: int
    option_ids: tuple[int, ...] = ()
    scale_value: int | None = None
    text: str = ""


def check_answer(
    question: QuestionSpec, raw: Sequence[str], *, text_limit: int
) -> tuple[GivenAnswer | None, str]:
    """Read what was sent for one question (the form's list of values): the answer or None
    when it was left empty, and the problem in words (empty when there is none)."""
    values = [v.strip() for v in raw if v is not None and v.strip()]
    number = question.number
    if not values:
        if question.is_required:
            if question.kind in (SINGLE, SCALE):
                return None, _("请选择一项。")
            if question.kind == MULTIPLE:
                return None, _("请至少选择一项。")
            return None, _("请填写回答。")
        return None, ""
    if question.kind == TEXT:
        text = values[0]
        if len(text) > text_limit:
            return None, _("回答不能超过 %(limit)d 字（当前 %(length)d 字）。") % {
                "limit": text_limit,
                "length": len(text),
            }
        return GivenAnswer(number, text=text), ""
    if question.kind == SCALE:
        if len(values) != 1 or values[0] not in {str(v) for v in SCALE_VALUES}:
            return None, _("请选择1到5分中的一项。")
        return GivenAnswer(number, scale_value=int(values[0])), ""
    allowed = {str(i): i for i in question.option_ids}
    if any(v not in allowed for v in values):
        return None, _("所选选项不属于本题，请重新选择。")
    chosen = tuple(dict.fromkeys(allowed[v] for v in values))
    if question.kind == SINGLE and len(chosen) > 1:
        return None, _("本题只能选择一项。")
    if question.kind == MULTIPLE and question.max_choices and len(chosen) > question.max_choices:
        return None, _("本题最多选择%(n)d项（已选%(chosen)d项）。") % {
            "n": question.max_choices,
            "chosen": len(chosen),
        }
    return GivenAnswer(number, option_ids=chosen), ""


def check_answers(
    questions: Sequence[QuestionSpec], sent: Mapping[int, Sequence[str]], *, text_limit: int
) -> tuple[list[GivenAnswer], dict[int, str]]:
    """Every question's answer and every problem (by question number) in one round."""
    answers, problems = [], {}
    for question in questions:
        answer, problem = check_answer(
            question, sent.get(question.number, ()), text_limit=text_limit
        )
        if problem:
            problems[question.number] = problem
        elif answer is not None:
            answers.append(answer)
    if not answers and not problems:
        problems[0] = _("请至少回答一道题目。")
    return answers, problems


# --- keys: one response per respondent, a cap per network ------------------------------


def respondent_key(secret: bytes, *, survey_id: int, token: str) -> str:
    """HMAC-SHA256 of the survey and the respondent cookie's random token: the same browser
    gives the same key in one survey and unrelated keys in two surveys."""
    return hmac.new(secret, f"respondent|{survey_id}|{token}".encode(), hashlib.sha256).hexdigest()


def network_of(address: str) -> str:
    """The network the address belongs to (/24 or /48) as text; the address if unparsable."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def network_key(secret: bytes, *, survey_id: int, address: str, day: datetime.date) -> str:
    """HMAC-SHA256 of the survey, the day and the network: counts a day's responses without
    keeping the address (and the key changes every day)."""
    message = f"network|{survey_id}|{day.isoformat()}|{network_of(address)}"
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


# Codes avoid letters and digits read alike (0/O, 1/I/L): ten characters of 31, about 50 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def normalise_code(text: str) -> str:
    """A code as typed (spaces, hyphens, lower case) in its canonical form."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """ABCDE-FGHJK: easier to read out and to type."""
    return f"{code[:5]}-{code[5:]}"


def code_key(secret: bytes, *, survey_id: int, code: str) -> str:
    """HMAC-SHA256 of the survey and the normalised code: what is stored instead of the code."""
    message = f"code|{survey_id}|{normalise_code(code)}"
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


# --- results -----------------------------------------------------------------------------


@dataclass
class OptionResult:
    text: str
    count: int
    percent: float  # of the respondents who answered the question


@dataclass
class QuestionResult:
    number: int
    text: str
    kind: str
    answered: int = 0  # respondents who answered this question
    options: list[OptionResult] = field(default_factory=list)
    distribution: list[int] = field(default_factory=list)  # scale: count of 1 … 5
    mean: float | None = None
    texts: list[str] = field(default_factory=list)  # free text: the ones shown
    withheld: int = 0  # free text: not shown after review
    low_label: str = ""
    high_label: str = ""


def percent(part: int, whole: int) -> float:
    """Share in per cent, one decimal place; 0 when nobody answered."""
    return round(100 * part / whole, 1) if whole else 0.0


def tally(
    question: QuestionSpec,
    *,
    chosen: Sequence[Sequence[int]] = (),
    scale_values: Sequence[int] = (),
    shown_texts: Sequence[str] = (),
    withheld: int = 0,
) -> QuestionResult:
    """One question's result. `chosen` holds each respondent's option ids; percentages are of
    the respondents who answered, so a multiple choice's shares may add up to more than 100."""
    result = QuestionResult(
        question.number,
        question.text,
        question.kind,
        low_label=question.scale_low_label,
        high_label=question.scale_high_label,
    )
    if question.kind in (SINGLE, MULTIPLE):
        answered = [c for c in chosen if c]
        result.answered = len(answered)
        for option_id, text in zip(question.option_ids, question.options, strict=False):
            count = sum(1 for c in answered if option_id in c)
            result.options.append(OptionResult(text, count, percent(count, result.answered)))
    elif question.kind == SCALE:
        values = [v for v in scale_values if v in SCALE_VALUES]
        result.answered = len(values)
        result.distribution = [values.count(v) for v in SCALE_VALUES]
        result.mean = round(sum(values) / len(values), 2) if values else None
    else:
        result.texts = list(shown_texts)
        result.withheld = withheld
        result.answered = len(shown_texts) + withheld
    return result
