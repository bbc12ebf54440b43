"""The request size limits (Django, nginx) leave room for the longest texts the forms accept."""

import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.forms import CharField

from gongkai.console import import_views
from gongkai.console.consultation_forms import ConsultationForm
from gongkai.console.forms import DocumentForm

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "gongkai.conf"


def biggest_body(form_class) -> int:
    """Bytes of the form's text fields at their limits, URL-encoded, in Chinese."""
    encoded_character = len(quote("政"))  # 9: three %XX escapes
    return sum(
        field.max_length * encoded_character
        for field in form_class.base_fields.values()
        if isinstance(field, CharField) and field.max_length
    )


def nginx_limit() -> int:
    match = re.search(r"^\s*client_max_body_size\s+(\d+)m;", NGINX_CONF.read_text(), re.M)
    assert match, "client_max_body_size not found"
    return int(match.group(1)) * 1024 * 1024


def test_django_accepts_the_biggest_form_at_its_limits():
    for form_class in (ConsultationForm, DocumentForm):
        assert biggest_body(form_class) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE, form_class


def test_nginx_lets_through_everything_the_application_accepts():
    # The application, not nginx, must be the one to say an upload is too big.
    assert nginx_limit() > settings.ATTACHMENT_MAX_BYTES + 1024 * 1024  # multipart overhead
    assert nginx_limit() > import_views.MAX_IMPORT_BYTES + 1024 * 1024
    assert nginx_limit() > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
