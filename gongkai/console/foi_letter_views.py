"""Console: an application's letters (文书) to download, as DOCX and, where possible, PDF."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from gongkai.console.views import staff_required
from gongkai.foi import access
from gongkai.foi.letters import (
    LetterError,
    LetterKind,
    available_letters,
    letter_text,
    pdf_available,
    render_docx,
    render_pdf,
    reply_is_draft,
)
from gongkai.foi.models import Application
from gongkai.foi.personal_data import Visibility

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _application(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    if not access.can_view(request.user, application):
        raise Http404  # another agency's case: not even its existence is shown
    return application


@never_cache
@staff_required
def letter_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The letters this application has now, each as DOCX (and PDF where available)."""
    application = _application(request, pk)
    return render(
        request,
        "console/foi_letters.html",
        {
            "application": application,
            "letters": available_letters(application),
            "pdf": pdf_available(),
            "reply_is_draft": reply_is_draft(application),
        },
    )


@never_cache
@staff_required
def letter_download(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    """One letter as a file; 404 for a letter the application does not have (yet)."""
    application = _application(request, pk)
    if kind not in LetterKind.values or fmt not in CONTENT_TYPES:
        raise Http404
    if LetterKind(kind) not in available_letters(application):
        raise Http404
    hidden = access.personal_data_visibility(request.user, application) == Visibility.HIDDEN
    try:
        letter = letter_text(application, kind, hide_applicant=hidden)
    except LetterError as exc:
        # A letter the records cannot fill as the rules require (e.g. a 本机关不掌握 reply
        # drafted before its one answer was chosen): say why instead of failing.
        messages.error(request, exc.message)
        return redirect("console:foi-letters", pk=application.pk)
    data = render_pdf(letter) if fmt == "pdf" else render_docx(letter)
    if data is None:
        raise Http404  # no PDF on this server: WeasyPrint or a Chinese font is missing
    draft = "（草稿）" if letter.is_draft else ""
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{letter.number}-{letter.title}{draft}.{fmt}"
    )
    return response
