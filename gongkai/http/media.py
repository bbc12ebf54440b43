"""Uploaded files (MEDIA_URL), each served only to whoever may see the object it belongs to.

An attachment of a public record is public: the caching policy lets caches keep it for the
window, and it disappears with its record. An attachment of any other record (a draft, a
withdrawn or not proactively disclosed one) goes to the staff who may read that record, and an
applicant's ID copy only to those who see the applicant's personal data unmasked (the
receiving agency's FOI handlers and administrators: `foi.access.can_see_personal_data`), and
the original of an attachment redacted at the secrecy review only to the record's agency staff
(`documents.access.can_see_unredacted`); all `private, no-store`.
Anything else, including a file nobody here may have, is 404.

In production the application decides and nginx sends the bytes: with MEDIA_ACCEL_REDIRECT set
(an `internal` location of deploy/nginx/gongkai.conf), the response is an empty
X-Accel-Redirect. Without it (development, tests) the application streams the file itself.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from gongkai.documents import access as document_access
from gongkai.documents.models import Attachment
from gongkai.foi import access as foi_access
from gongkai.foi.models import Application
from gongkai.privacy.models import RedactedFile

PUBLIC, PRIVATE = "public", "private"


def file_access(user, name: str) -> tuple[str, str] | None:
    """(PUBLIC or PRIVATE, download name) of the stored file `name` for `user`; None: 404."""
    attachments = list(Attachment.objects.filter(file=name).select_related("document"))
    for attachment in attachments:
        if attachment.document.is_public:
            return PUBLIC, attachment.original_name
    for attachment in attachments:
        if document_access.can_view(user, attachment.document):
            return PRIVATE, attachment.original_name
    # The original of an attachment redacted at the secrecy review (privacy.RedactedFile).
    for redacted in RedactedFile.objects.filter(original_file=name).select_related(
        "attachment__document"
    ):
        if document_access.can_see_unredacted(user, redacted.attachment.document):
            return PRIVATE, redacted.attachment.original_name
    for application in Application.objects.filter(id_copy=name).select_related("agency"):
        if foi_access.can_see_personal_data(user, application):
            return PRIVATE, name.rsplit("/", 1)[-1]
    return None


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """One uploaded file, if the visitor may have it (module docstring)."""
    found = file_access(request.user, path)
    # Only names stored on a model get this far, so `path` cannot climb out of MEDIA_ROOT.
    if found is None or not default_storage.exists(path):
        raise Http404
    visibility, download_name = found
    # The type from the stored name, whose extension was detected from the content on upload.
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(path)
        response["Content-Disposition"] = content_disposition_header(False, download_name)
    else:
        response = FileResponse(
            default_storage.open(path, "rb"), filename=download_name, content_type=content_type
        )
    if visibility == PRIVATE:
        patch_cache_control(response, private=True, no_store=True)
    return response
