"""The record editor's JavaScript catalogue (console:jsi18n): Chinese on the Chinese console,
none on the English one (the editor's English is the msgid), loaded before the editor, and
covering every string the installed django-prose-editor shows."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user

PROJECT = Path(settings.PROJECT_DIR)
DJANGOJS_PO = PROJECT / "gongkai/locale/zh_Hans/LC_MESSAGES/djangojs.po"


def catalogue_of(response) -> dict[str, str]:
    """The translations in a JavaScriptCatalog response ({} when it has none)."""
    found = re.search(r"const newcatalog = (\{.*?^  \});", response.content.decode(), re.S | re.M)
    return json.loads(found.group(1)) if found else {}


def test_the_catalogue_is_chinese_on_the_chinese_console(client):
    response = client.get(reverse("console:jsi18n"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    catalogue = catalogue_of(response)
    assert catalogue["Heading 2"] == "二级标题"
    assert catalogue["heading 2"] == "二级标题"
    assert catalogue["paragraph"] == "段落"
    assert catalogue["unordered list"] == "无序列表"
    assert catalogue["bold"] == "加粗"
    assert catalogue["Cancel"] == "取消"
    # Only the editor's strings: not the admin's djangojs catalogue as well.
    assert "Choose all" not in catalogue


def test_the_catalogue_is_english_on_the_english_console(client):
    with translation.override("en"):
        url = reverse("console:jsi18n")
    assert url.startswith("/en/")

    response = client.get(url)

    assert response.status_code == 200
    assert catalogue_of(response) == {}  # gettext("Heading 2") stays "Heading 2"
    assert "globals.gettext = django.gettext" in response.content.decode()
    assert "二级标题" not in response.content.decode()


@pytest.mark.django_db
def test_the_record_form_loads_the_catalogue_before_the_editor(client):
    agency = make_agency(name="测试县卫生健康局")
    client.force_login(make_user(agency=agency, roles=(Role.PUBLISHER,)))

    response = client.get(reverse("console:document-create"), {"agency": agency.pk})

    assert response.status_code == 200
    page = response.content.decode()
    catalogue = page.index(f'<script src="{reverse("console:jsi18n")}" defer></script>')
    assert catalogue < page.index(f'<script src="{static("django_prose_editor/editor.js")}"')
    # A same-origin script file: the page's policy allows it without a nonce.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_djangojs_po_translates_every_string_of_the_installed_editor():
    checked = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, "scripts/editor_msgids.py", "--check", str(DJANGOJS_PO)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr
