"""The wording of each letter (文书) of an information application, from its log and outcome.

Each builder reads the application and its events and returns the template to use and the
values of its placeholders; the text itself lives in gongkai/foi/letter_templates/. Letters
are written in Chinese whatever the console's language: they are official documents.
"""

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.foi import clock, fee_services, services
from gongkai.foi.consultations import CONSULTATION_DAYS, ConsultationParty, party_of
from gongkai.foi.errors import FoiError
from gongkai.foi.fees import FeeLine, FeeMethod
from gongkai.foi.letters.template_files import fill_lines, load_sections, load_template
from gongkai.foi.models import CLOCK_KINDS, Application, Event, LogKind
from gongkai.foi.outcomes import NotHeldReason, Outcome, OutcomeError, outcome_info, reply_basis
from gongkai.foi.personal_data import hidden_applicant_name
from gongkai.foi.receipt import Channel
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import WorkdaysError

LETTER_LANGUAGE = "zh-hans"


class LetterKind(models.TextChoices):
    """The letters an application can produce, in the order they are usually sent."""

    RECEIPT = "receipt", gettext_lazy("受理回执")
    SUPPLEMENT = "supplement", gettext_lazy("补正告知书")
    CONSULTATION = "consultation", gettext_lazy("第三方意见征询函")
    AGENCY_CONSULTATION = "agency_consultation", gettext_lazy("征求其他机关意见函")
    EXTENSION = "extension", gettext_lazy("延期答复告知书")
    DELAY = "delay", gettext_lazy("延迟答复告知书")
    FEE = "fee", gettext_lazy("收费通知")
    REPLY = "reply", gettext_lazy("答复告知书")


# Letter number suffix per kind: 回执, 补正, 征询, 征求机关, 延期, 延迟, 收费, 答复.
_NUMBER_CODES = {
    LetterKind.RECEIPT: "HZ",
    LetterKind.SUPPLEMENT: "BZ",
    LetterKind.CONSULTATION: "ZX",
    LetterKind.AGENCY_CONSULTATION: "ZJ",
    LetterKind.EXTENSION: "YQ",
    LetterKind.DELAY: "YC",
    LetterKind.FEE: "SF",
    LetterKind.REPLY: "DF",
}

# The event that makes a letter available (the receipt, the reply and the consultation
# letters, which depend on whom is consulted, have other tests).
_EVENT_OF = {
    LetterKind.SUPPLEMENT: LogKind.SUPPLEMENT_REQUESTED,
    LetterKind.EXTENSION: LogKind.EXTENDED,
    LetterKind.DELAY: LogKind.DELAYED,
    LetterKind.FEE: LogKind.FEE_NOTIFIED,
}
_CONSULTATION_LETTERS = {
    ConsultationParty.THIRD_PARTY: LetterKind.CONSULTATION,
    ConsultationParty.AGENCY: LetterKind.AGENCY_CONSULTATION,
}

# How 条例第三十一条 fixes the receipt date, in the letter's words.
_RECEIPT_BASIS = {
    Channel.IN_PERSON: gettext_lazy("您当面提交申请之日"),
    Channel.SIGNED_MAIL: gettext_lazy("本机关签收之日"),
    Channel.ORDINARY_MAIL: gettext_lazy("本机关与您确认收到之日"),
    Channel.ONLINE: gettext_lazy("双方确认之日"),
    Channel.FAX: gettext_lazy("双方确认之日"),
}

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# Characters XML 1.0 (and so DOCX) cannot hold; pasted text sometimes has them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class LetterError(FoiError):
    """A letter that cannot be produced for this application (yet)."""


@dataclass(frozen=True)
class LetterText:
    """A filled letter, ready to be rendered: DOCX, PDF or plain text."""

    title: str
    paragraphs: tuple[str, ...]
    addressee: str
    signature: str
    date: datetime.date
    number: str = ""
    query_code: str = ""  # Empty on letters to third parties: they must not identify the case.
    is_draft: bool = False


@dataclass
class _Parts:
    template: str
    values: dict[str, str]
    date: datetime.date
    number_suffix: str = ""
    to_applicant: bool = True
    is_draft: bool = False
    reasons: tuple[str, ...] = field(default_factory=tuple)


# --- public API ----------------------------------------------------------------------------


def available_letters(application: Application) -> list[LetterKind]:
    """The letters that make sense now: the receipt always, a notice once its event is in the
    log, the reply letter once an outcome is drafted or recorded."""
    log = list(application.events.values_list("kind", "details"))
    kinds = {kind for kind, _details in log}
    letters = [LetterKind.RECEIPT]
    letters += [letter for letter, event in _EVENT_OF.items() if event in kinds]
    letters += {
        _CONSULTATION_LETTERS[party_of((details or {}).get("party_kind", ""))]
        for kind, details in log
        if kind == LogKind.CONSULTATION_STARTED
    }
    if application.outcome:
        letters.append(LetterKind.REPLY)
    return sorted(letters, key=list(LetterKind).index)


def letter_text(
    application: Application,
    kind: LetterKind | str,
    *,
    extra: Mapping[str, str] | None = None,
    hide_applicant: bool = False,
) -> LetterText:
    """The letter `kind` of `application`, filled from its template; `extra` overrides the
    value of placeholders the letter already has (e.g. `review_body`, `pay_how`).
    `hide_applicant` names the applicant "申请人（已隐去）": the copy for those who may read
    the case but not the applicant's personal data (personal_data.Visibility.HIDDEN)."""
    kind = LetterKind(kind)
    if kind not in available_letters(application):
        raise LetterError(_("该申请目前没有“%(letter)s”。") % {"letter": kind.label})
    with translation.override(LETTER_LANGUAGE):
        parts = _BUILDERS[kind](application)
        values = _base_values(application, parts)
        if hide_applicant and "applicant" in values:
            values["applicant"] = hidden_applicant_name()
        values |= {key: _clean(value) for key, value in parts.values.items()}
        for key, value in (extra or {}).items():
            if key not in values:
                raise LetterError(_("这份文书没有占位符 {%(name)s}。") % {"name": key})
            values[key] = _clean(value)
        number = f"{application.agency.code}-{application.received_on.year}-{application.pk:06d}"
        number += f"-{_NUMBER_CODES[kind]}{parts.number_suffix}"
        values["number"] = number
        if parts.reasons and "reason" not in (extra or {}):
            values["reason"] = "\n".join(fill_lines(parts.reasons, values))
        template = load_template(parts.template)
        return LetterText(
            title=fill_lines([template.title], values)[0],
            paragraphs=tuple(fill_lines(template.body, values)),
            addressee=fill_lines([template.addressee], values)[0],
            signature="\n".join(fill_lines(template.signature, values)),
            date=parts.date,
            number=number,
            query_code=application.query_code if parts.to_applicant else "",
            is_draft=parts.is_draft,
        )


def reply_is_draft(application: Application) -> bool:
    """A reply letter is a draft until the reply is approved (or the case closed without one)."""
    return application.replied_on is None and application.closed_on is None


def chinese_date(day: datetime.date | None) -> str:
    """2026年3月5日, as dates are written in official documents; '' for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


# --- shared values -------------------------------------------------------------------------


def _clean(value: object) -> str:
    text = "" if value is None else str(value)
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _base_values(application: Application, parts: _Parts) -> dict[str, str]:
    """Values every letter may use; the applicant's only in letters to the applicant."""
    agency = application.agency
    contact = [
        (_("办公地址"), agency.office_address),
        (_("办公时间"), agency.office_hours),
        (_("联系电话"), agency.office_telephone),
        (_("传真"), agency.office_fax),
        (_("电子邮箱"), agency.office_email),
        (_("互联网联系方式"), agency.office_online_contact),
    ]
    values = {
        "agency": agency.name,
        "office": agency.office_name or agency.name,
        "office_address": agency.office_address,
        "office_contact": "；".join(f"{label}：{value}" for label, value in contact if value),
        "description": application.description,
        "document_numbers": application.document_numbers,
        "date": chinese_date(parts.date),
        "reply_days": str(clock.REPLY_DAYS),
        "extension_max_days": str(clock.EXTENSION_MAX_DAYS),
        "supplement_notice_days": str(clock.SUPPLEMENT_NOTICE_DAYS),
        "consultation_days": str(CONSULTATION_DAYS),
        "fee_payment_days": str(clock.FEE_PAYMENT_DAYS),
    }
    if parts.to_applicant:
        values |= {
            "applicant": application.applicant_name,
            "query_code": application.query_code,
            "received_on": chinese_date(application.received_on),
            "channel": str(application.get_channel_display()),
        }
    return {key: _clean(value) for key, value in values.items()}


def _events(application: Application, kind: str) -> list[Event]:
    return [event for event in application.events.all() if event.kind == kind]


def _date_detail(event: Event | None, key: str) -> datetime.date | None:
    value = (event.details or {}).get(key) if event else None
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _due_on(received_on: datetime.date, events: list[Event], today: datetime.date):
    """The clock as it stood with only `events` recorded; None when it cannot be read."""
    try:
        return clock.read_clock(
            received_on=received_on,
            events=[services.to_clock_event(e) for e in events if e.kind in CLOCK_KINDS],
            calendar=get_calendar(),
            # The service owns this setting (spec §2 [U]); the letter must agree with it.
            fee_pauses_clock=services.fee_pauses_clock(),
            today=today,
        )
    except WorkdaysError:
        return None


def _chinese_dates(text: str) -> str:
    return _ISO_DATE.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", text)


def _join_citations(citations) -> str:
    """《政府信息公开条例》第十五条、第三十二条…: the law's name once per run of its articles."""
    joined: list[str] = []
    previous_law = ""
    for citation in map(str, citations):
        law, mark, article = citation.partition("》")
        law = law + mark
        joined.append(article if mark and article and law == previous_law else citation)
        previous_law = law if mark and article else ""
    return "、".join(joined)


# --- one builder per letter ----------------------------------------------------------------


def _receipt(application: Application) -> _Parts:
    """受理回执: the receipt date (条例第三十一条) and the due date as it stood on receipt."""
    received_on = application.received_on
    reading = _due_on(received_on, [], received_on)
    steps = "；".join(_chinese_dates(step) for step in reading.explanation) if reading else ""
    provisional = reading is not None and reading.is_provisional
    return _Parts(
        template="receipt",
        date=received_on,
        values={
            "receipt_basis": str(_RECEIPT_BASIS[Channel(application.channel)]),
            # A provisional date is stated once, in the sentence that says it is provisional.
            "due_on": "" if provisional else chinese_date(reading.due_on if reading else None),
            "provisional_note": _provisional_note(reading),
            "clock_steps": steps,
        },
    )


def _provisional_note(reading) -> str:
    """The applicant's sentence for a due date counted through a year without its notice."""
    if reading is None or not reading.is_provisional or reading.due_on is None:
        return ""
    return _("答复期限暂定为%(day)s。%(year)s年节假日安排公布后，期限按实际安排确定。") % {
        "day": chinese_date(reading.due_on),
        "year": reading.due_on.year,
    }


def _supplement(application: Application) -> _Parts:
    """补正告知书 (条例第三十条): every item at once, the deadline, the restart."""
    event = _events(application, LogKind.SUPPLEMENT_REQUESTED)[-1]
    items = [line.strip() for line in _clean(event.note).split("\n") if line.strip()]
    return _Parts(
        template="supplement",
        date=event.on,
        values={
            "notice_on": chinese_date(event.on),
            "items": "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1)),
            "days": str(event.days),
            "deadline": chinese_date(_date_detail(event, "deadline")),
        },
    )


def _consultations_with(application: Application, party_kind: str) -> list[Event]:
    return [
        event
        for event in _events(application, LogKind.CONSULTATION_STARTED)
        if party_of((event.details or {}).get("party_kind", "")) == party_kind
    ]


def _consultation(application: Application) -> _Parts:
    """第三方意见征询函 (条例第三十二条): to the third party, with nothing on the applicant."""
    return _consultation_letter(application, ConsultationParty.THIRD_PARTY, "consultation")


def _agency_consultation(application: Application) -> _Parts:
    """征求其他机关意见函 (条例第三十四条): to an agency that made the information with this one;
    its silence counts as consent. Nothing on the applicant either."""
    return _consultation_letter(application, ConsultationParty.AGENCY, "consultation_agency")


def _consultation_letter(application: Application, party_kind: str, template: str) -> _Parts:
    """The latest consultation of this party kind."""
    events = _consultations_with(application, party_kind)
    event = events[-1]
    return _Parts(
        template=template,
        date=event.on,
        number_suffix=str(len(events)) if len(events) > 1 else "",
        to_applicant=False,
        values={
            "party": _clean(event.note),
            "sent_on": chinese_date(event.on),
            "reply_due": chinese_date(_date_detail(event, "reply_due")),
        },
    )


def _extension(application: Application) -> _Parts:
    """延期答复告知书 (条例第三十三条第二款): this extension, the total, the new due date."""
    log = list(application.events.all())
    extensions = [e for e in log if e.kind == LogKind.EXTENDED]
    event = extensions[-1]
    before = log[: log.index(event)]
    previous = _due_on(application.received_on, before, event.on)
    current = _due_on(application.received_on, [*before, event], event.on)
    return _Parts(
        template="extension",
        date=event.on,
        number_suffix=str(len(extensions)) if len(extensions) > 1 else "",
        values={
            "extended_on": chinese_date(event.on),
            "days": str(event.days),
            "total_days": str(sum(e.days for e in extensions)),
            "previous_due_on": chinese_date(previous.due_on if previous else None),
            "due_on": chinese_date(current.due_on if current else None),
            "provisional_note": _provisional_note(current),
        },
    )


def _delay(application: Application) -> _Parts:
    """延迟答复告知书 (条例第三十五条): the reason, the delayed date and the date it replaces."""
    log = list(application.events.all())
    delays = [e for e in log if e.kind == LogKind.DELAYED]
    event = delays[-1]
    before = [e for e in log[: log.index(event)] if e.kind != LogKind.DELAYED]
    previous = _due_on(application.received_on, before, event.on)
    current = _due_on(application.received_on, [*before, event], event.on)
    return _Parts(
        template="delay",
        date=event.on,
        number_suffix=str(len(delays)) if len(delays) > 1 else "",
        values={
            "decided_on": chinese_date(event.on),
            "reason": _clean(event.note),
            "days": str(event.days or ""),
            "until": chinese_date(current.due_on if current else _date_detail(event, "until")),
            "previous_due_on": chinese_date(previous.due_on if previous else None),
        },
    )


def _fee_line(line: FeeLine, method: FeeMethod) -> str:
    per_request = method == FeeMethod.PER_REQUEST
    values = {
        "first": line.first,
        "last": line.last,
        "count": line.count,
        "rate": line.rate,
        "subtotal": line.subtotal,
    }
    if line.first == line.last:
        units = (_("本月第%(first)s件") if per_request else _("第%(first)s页")) % values
    else:
        units = (
            _("本月第%(first)s至第%(last)s件，共%(count)s件")
            if per_request
            else _("第%(first)s至第%(last)s页，共%(count)s页")
        ) % values
    if line.rate == 0:
        return _("%(units)s：免费") % {"units": units}
    price = (_("每件%(rate)s元") if per_request else _("每页%(rate)s元")) % values
    return _("%(units)s：%(price)s，计%(subtotal)s元") % {
        "units": units,
        "price": price,
        "subtotal": line.subtotal,
    }


def _fee(application: Application) -> _Parts:
    """收费通知 (国办函〔2020〕109号): basis, method, quantity, bands, amount, payment."""
    event = _events(application, LogKind.FEE_NOTIFIED)[-1]
    method = FeeMethod(application.fee_method)
    amount = (event.details or {}).get("amount", application.fee_amount)
    quantity = application.fee_quantity or 0
    # The bands are recomputed; the stored basis sentence stands in if the month's count has
    # changed since the notice (an earlier application registered late).
    quote = fee_services.quote_fee(application, method=method, quantity=quantity)
    if quote.amount_yuan == amount:
        rate_lines = "\n".join(_fee_line(line, method) for line in quote.lines)
    else:
        rate_lines = event.note
    per_request = method == FeeMethod.PER_REQUEST
    return _Parts(
        template="fee",
        date=event.on,
        values={
            "notice_on": chinese_date(event.on),
            "method": str(method.label),
            "method_article": _("第四条（按件计收）") if per_request else _("第五条（按量计收）"),
            "quantity": str(quantity),
            "unit": _("件") if per_request else _("页"),
            "rate_lines": rate_lines,
            "fee_basis": event.note,
            "amount": str(amount),
            "pay_by": chinese_date(_date_detail(event, "pay_by")),
            "pay_how": "",
        },
    )


def _reply(application: Application) -> _Parts:
    """The reply letter of the outcome (条例第三十六条 and the articles `reply_basis` cites),
    with the applicant's remedies; a draft until the reply is approved (or the case closed)."""
    info = outcome_info(application.outcome)
    try:
        basis = reply_basis(
            info.outcome,
            already_public=application.already_public,
            where_published=application.reply_text,
            not_held_reason=application.not_held_reason,
        )
    except OutcomeError:
        basis = info.legal_basis
    key = _reason_key(application, info.outcome)
    template = "reply_already_public" if application.already_public else f"reply_{info.group.value}"
    agency = application.agency
    supplement = next(iter(_events(application, LogKind.SUPPLEMENT_REQUESTED)[-1:]), None)
    fee = next(iter(_events(application, LogKind.FEE_NOTIFIED)[-1:]), None)
    # The period ran from the applicant's receipt of the notice (109号); cases closed before
    # receipts were recorded kept it on the notice.
    served = next(iter(_events(application, LogKind.FEE_NOTICE_SERVED)[-1:]), None)
    earlier = application.duplicate_of
    day = application.replied_on or application.closed_on
    return _Parts(
        template=template,
        date=day or timezone.localdate(),
        is_draft=reply_is_draft(application),
        reasons=load_sections("reply_reasons")[key],
        values={
            "outcome": str(info.outcome.label),
            "outcome_heading": info.heading,
            "basis": _join_citations(basis),
            "reply_text": _clean(application.reply_text),
            "delivery_form": str(application.get_delivery_form_display()),
            "replied_on": chinese_date(day),
            "review_body": agency.review_body or _("有管辖权的行政复议机关"),
            "court": agency.court or _("有管辖权的人民法院"),
            "responsible_agency": application.responsible_agency,
            "responsible_agency_contact": application.responsible_agency_contact,
            "supplement_notice_on": chinese_date(supplement.on if supplement else None),
            "supplement_deadline": chinese_date(_date_detail(supplement, "deadline")),
            "fee_notice_on": chinese_date(fee.on if fee else None),
            "pay_by": chinese_date(_date_detail(served or fee, "pay_by")),
            "amount": str(application.fee_amount or ""),
            "earlier_query_code": earlier.query_code if earlier else "",
            "earlier_replied_on": chinese_date(earlier.replied_on if earlier else None),
            "reason": "",
        },
    )


def _reason_key(application: Application, outcome: Outcome) -> str:
    """The section of reply_reasons.txt: the outcome's, or for 本机关不掌握 the one answer
    chosen (条例第三十六条第（四）项 or 第（五）项, with or without the responsible agency)."""
    if application.already_public:
        return "already_public"
    if outcome != Outcome.UNABLE_NOT_HELD:
        return outcome.value
    if application.not_held_reason == NotHeldReason.NOT_EXIST:
        return "unable.1.not_exist"
    if application.not_held_reason == NotHeldReason.NOT_OURS:
        named = application.responsible_agency.strip()
        return "unable.1.not_ours" if named else "unable.1.not_ours_undetermined"
    # Drafted before the choice existed: a letter must state one answer, never both.
    raise LetterError(
        _(
            "这份“本机关不掌握相关政府信息”的答复没有选择具体情形（信息不存在，或者不属于本机关"
            "负责公开），文书只能写明其中一种。请重新起草答复并选择；已经发出的答复以当时送达的"
            "文书为准。"
        )
    )


_BUILDERS: dict[LetterKind, Callable[[Application], _Parts]] = {
    LetterKind.RECEIPT: _receipt,
    LetterKind.SUPPLEMENT: _supplement,
    LetterKind.CONSULTATION: _consultation,
    LetterKind.AGENCY_CONSULTATION: _agency_consultation,
    LetterKind.EXTENSION: _extension,
    LetterKind.DELAY: _delay,
    LetterKind.FEE: _fee,
    LetterKind.REPLY: _reply,
}
