"""How much text people may send, and how far an upload may expand: one place for the numbers.

Public forms, console forms, the API's input schemas and the domain services all read these
constants, so a long text is refused the same way whichever door it comes in by. The limits are
far above what a real person writes (the longest seed policy is about 5,300 characters) but
keep pages, search and the FOI receipt PDF cheap to render. Model fields are unchanged: the
limits are enforced where input enters, not in the schema.
"""

from collections.abc import Callable, Iterable, Mapping

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

# --- text typed by the public and by staff (characters) -------------------------------------

APPLICATION_DESCRIPTION = 5_000  # 所需政府信息的名称或内容描述
MESSAGE_BODY = 5_000  # 留言内容
COMMENT_BODY = 5_000  # 意见内容 on a consultation (organisations write at length)
REASON = 2_000  # reasons, notes, review comments: a paragraph or two
INTERVIEW_QUESTION = 1_000  # a member of the public's question to an online interview (在线访谈)
REPLY = 20_000  # answers written by staff: FOI reply, message reply, opinion response
STAFF_TEXT = 20_000  # any other free text staff write
LONG_SECTION = 100_000  # sections of an annual report, a consultation draft's content
RECORD_BODY = 500_000  # 正文 of a record: policies are long, about 100 times the longest seed
RECORD_SUMMARY = 5_000  # 内容概述
SUBSCRIPTION_KEYWORD = 50  # 订阅的关键词 (gongkai/subscriptions): a word or two, not a query
SURVEY_ANSWER = 2_000  # a free-text answer to a survey question
HEARING_STATEMENT = 1_000  # 观点陈述 of a hearing registration: a short statement of view

# A text field of a model not named here falls back on its own max_length (CharField) or on
# STAFF_TEXT (TextField): every text field has a limit, and new ones get one without a line here.
TEXT_LIMITS: dict[str, int] = {
    "foi.Application.description": APPLICATION_DESCRIPTION,
    "foi.Application.confirmation_delay_reason": REASON,
    "foi.Application.reply_text": REPLY,
    "foi.RemedyCase.note": REASON,
    "participation.PublicMessage.body": MESSAGE_BODY,
    "participation.PublicMessage.rejection_reason": REASON,
    "participation.PublicMessage.reply": REPLY,
    "participation.PublicMessage.public_body": REPLY,
    "participation.PublicMessage.public_reply": REPLY,
    "participation.Comment.body": COMMENT_BODY,
    "participation.Comment.moderation_reason": REASON,
    "participation.Comment.disposition_reason": REASON,
    "participation.Consultation.main_content": LONG_SECTION,
    "participation.Consultation.short_period_reason": REASON,
    "participation.Clause.text": LONG_SECTION,
    "participation.OpinionResponse.summary": REPLY,
    "participation.Escalation.reason": REASON,
    "documents.Document.body": RECORD_BODY,
    "documents.Document.summary": RECORD_SUMMARY,
    "documents.Document.withholding_reason": REASON,
    "documents.Document.interpretation_waiver": REASON,
    "documents.Document.review_comments": REASON,
    "documents.Document.withdrawal_reason": REASON,
    "catalogue.AgencyCatalogue.review_comments": REASON,
    "catalogue.AgencyItem.not_applicable_reason": REASON,
    "reports.AnnualReport.section_overview": LONG_SECTION,
    "reports.AnnualReport.section_problems": LONG_SECTION,
    "reports.AnnualReport.section_other": LONG_SECTION,
    "reports.AnnualReport.override_reason": REASON,
    "newmedia.Account.purpose": REASON,
    "newmedia.Procedure.reason": REASON,
    "newmedia.Procedure.decision_note": REASON,
    "surveys.Survey.description": REASON,
    "surveys.Survey.results_note": REASON,
    "surveys.Answer.text": SURVEY_ANSWER,
    "participation.HearingRegistration.statement": HEARING_STATEMENT,
    "participation.Hearing.minutes": LONG_SECTION,
    "press.Question.body": INTERVIEW_QUESTION,
    "press.Question.moderation_reason": REASON,
    "press.Question.answer": REPLY,
    "press.PressEvent.cancel_reason": REASON,
    "press.PressEvent.summary": RECORD_SUMMARY,
    "press.PressEvent.transcript": LONG_SECTION,
    "press.PressEvent.materials": LONG_SECTION,
}

# Text no person typed: kept whole or refused elsewhere (extraction stops at its own limit).
UNCHECKED_FIELDS = {"documents.Attachment.extracted_text"}

# --- uploads: what a file may expand to while its text is extracted --------------------------

EXTRACTED_TEXT_MAX_CHARS = 5_000_000  # of one attachment's text for the search index
ZIP_MAX_MEMBERS = 2_000  # files inside a DOCX or XLSX
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members uncompressed
ZIP_MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one member uncompressed
ZIP_MAX_RATIO = 200  # uncompressed : compressed; office XML compresses 5-50 times, a bomb ~1000
ZIP_RATIO_FROM_BYTES = 1024 * 1024  # the ratio is judged on members at least this big
PDF_MAX_PAGES = 2_000  # pages read for text
PDF_MAX_STREAM_BYTES = 50 * 1024 * 1024  # one decompressed PDF stream


def too_long_message(label: str, limit: int, length: int) -> str:
    """The one message for a text over its limit, e.g. 内容描述不能超过 5000 字（当前 5003 字）。"""
    return _("%(label)s不能超过 %(limit)d 字（当前 %(length)d 字）。") % {
        "label": label,
        "limit": limit,
        "length": length,
    }


def text_limit(field: models.Field) -> int:
    """The most characters a model's text field may hold when input sets it."""
    key = f"{field.model._meta.label}.{field.name}"
    return TEXT_LIMITS.get(key) or getattr(field, "max_length", None) or STAFF_TEXT


def check_values(
    model: type[models.Model], values: Mapping[str, object], *, error: Callable[..., Exception]
) -> None:
    """Refuse text values for `model`'s fields that are over their limits.

    `error` is the calling app's error class, built as `error(message, field=name)`, so views
    and the API show it like any other problem with the input.
    """
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if f"{model._meta.label}.{name}" in UNCHECKED_FIELDS:
            continue
        limit = text_limit(field)
        if len(value) > limit:
            message = too_long_message(str(field.verbose_name), limit, len(value))
            raise error(message, field=name)


def check_text_lengths(
    instance: models.Model,
    *,
    error: Callable[..., Exception],
    fields: Iterable[str] | None = None,
    before: Mapping[str, object] | None = None,
) -> None:
    """Refuse an instance whose text fields (all, or `fields`) are over their limits.

    With `before` (an audit snapshot), a text that has not changed is let through: a record
    kept from before the limits must not block the next step of its case.
    """
    names = fields if fields is not None else [f.name for f in instance._meta.concrete_fields]
    values = {}
    for name in names:
        field = instance._meta.get_field(name)
        if not getattr(field, "concrete", False):
            continue
        value = getattr(instance, field.attname)
        if before is not None and name in before and before[name] == value:
            continue
        values[name] = value
    check_values(type(instance), values, error=error)


class _LengthMessage:
    """A form field's "too long" message, formatted when shown (so in the reader's language).

    Django formats a field's max_length message with `limit_value` and `show_value`.
    """

    def __init__(self, label=None):
        self.label = label

    def __mod__(self, params: dict) -> str:
        limit, length = params["limit_value"], params["show_value"]
        if self.label is None:  # shown next to its field, whose label says what it is
            return _("不能超过 %(limit)d 字（当前 %(length)d 字）。") % {
                "limit": limit,
                "length": length,
            }
        return too_long_message(str(self.label), limit, length)


# error_messages for a form field with max_length: Django copies the dict into each field.
TOO_LONG = {"max_length": _LengthMessage()}


def model_form_field(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A ModelForm's `formfield_callback`: text fields get their limit from TEXT_LIMITS."""
    if isinstance(db_field, models.CharField | models.TextField) and not db_field.choices:
        kwargs.setdefault("max_length", text_limit(db_field))
        kwargs.setdefault("error_messages", {"max_length": _LengthMessage(db_field.verbose_name)})
    return db_field.formfield(**kwargs)


def too_long_messages(label) -> dict:
    """error_messages for a form field with max_length whose message names the field."""
    return {"max_length": _LengthMessage(label)}


# --- open-data resources (gongkai/opendata/tables.py) ---------------------------------------

# A dataset's file is a table a clerk keeps: the county's biggest (every price of every
# institution) is a few MB. Far above that, but a parse stays a second or two.
DATASET_FILE_MAX_BYTES = 20 * 1024 * 1024
DATASET_MAX_ROWS = 100_000  # data rows of one resource file
DATASET_PREVIEW_ROWS = 20  # rows kept for the dataset page's preview table and chart
DATASET_MAX_ERRORS = 50  # problems listed for a bad upload before "and more"
