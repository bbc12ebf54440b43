"""Letters (文书) of information applications: the receipt, the notices and the replies.

    available_letters(application) -> list[LetterKind]
    letter_text(application, kind, *, extra=None, hide_applicant=False) -> LetterText
    render_docx(letter) -> bytes
    render_pdf(letter) -> bytes | None   # None without WeasyPrint or a Chinese font

The wording is in editable text files, gongkai/foi/letter_templates/ (see its README.md).
"""

from gongkai.foi.letters.render import pdf_available, render_docx, render_pdf
from gongkai.foi.letters.template_files import LetterTemplateError
from gongkai.foi.letters.texts import (
    LetterError,
    LetterKind,
    LetterText,
    available_letters,
    chinese_date,
    letter_text,
    reply_is_draft,
)

__all__ = [
    "LetterError",
    "LetterKind",
    "LetterTemplateError",
    "LetterText",
    "available_letters",
    "chinese_date",
    "letter_text",
    "pdf_available",
    "render_docx",
    "render_pdf",
    "reply_is_draft",
]
