"""Content-Security-Policy without inline script or style (security review #11, finding 15),
and templates that need none."""

import re
from pathlib import Path

import pytest

import gongkai

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(gongkai.__file__).parent.glob("**/templates/**/*.html"))
# A file staff download and open from disk, never served as a page.
STANDALONE_EXPORTS = {"reports/annual_report_page.html"}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)


@pytest.mark.parametrize("url", ["/", "/en/", "/apply/", "/console/login/", "/no-such-page/"])
def test_pages_forbid_inline_script_and_style(client, url):
    policy = client.get(url)["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_no_template_relies_on_inline_script_style_or_handlers():
    assert TEMPLATES
    offenders = [
        f"{path}: {match.group(0)}"
        for path in TEMPLATES
        if path.as_posix().split("/templates/", 1)[1] not in STANDALONE_EXPORTS
        for match in INLINE.finditer(path.read_text())
    ]

    assert offenders == []
