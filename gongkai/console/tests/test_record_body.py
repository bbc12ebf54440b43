"""A body pasted from Word, posted as a browser without the editor would, is saved clean (the
sanitiser, not the editor, is the authority); the editor writes only what the sanitiser keeps."""

import pytest
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from gongkai.agencies.models import Role
from gongkai.console.forms import BODY_EDITOR_EXTENSIONS
from gongkai.documents.models import Document
from gongkai.documents.rules import ALLOWED_BODY_ATTRIBUTES, ALLOWED_BODY_TAGS
from gongkai.documents.tests.factories import make_agency_item
from gongkai.documents.tests.test_word_paste import WORD_HTML, assert_clean
from gongkai.factories import make_agency, make_user


@pytest.mark.django_db
def test_word_html_posted_in_the_record_form_is_saved_clean(client):
    agency = make_agency(name="测试县卫生健康局")
    item = make_agency_item(agency)
    client.force_login(make_user(agency=agency, roles=(Role.PUBLISHER,)))

    response = client.post(
        reverse("console:document-create"),
        {
            "agency": agency.pk,
            "title": "关于开展预防接种宣传周活动的通知",
            "issuers_text": agency.name,
            "document_type": "notice",
            "topic": "disease_control",
            "catalogue_entry": f"{item.pk}:",
            "formed_on": "2026-11-10",
            "summary": "部署宣传周活动。",
            "body": WORD_HTML,
            "attribute": "proactive",
            "scope": "full",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    body = Document.objects.get().body
    assert_clean(body)
    assert "宣传时间" in body


def test_the_editor_produces_only_what_the_sanitiser_keeps():
    produced = allowlist_from_extensions(BODY_EDITOR_EXTENSIONS)
    assert set(produced["tags"]) <= ALLOWED_BODY_TAGS
    # Attributes the editor may write that the sanitiser drops, knowingly: a list's numbering
    # style and start (the list stays a list), a link's rel and target (the sanitiser sets rel).
    dropped_on_purpose = {("ol", "start"), ("ol", "type"), ("ol", "data-type"), ("a", "rel")}
    for tag, attributes in produced["attributes"].items():
        for attribute in attributes:
            if (tag, attribute) not in dropped_on_purpose:
                assert attribute in ALLOWED_BODY_ATTRIBUTES.get(tag, set()), (tag, attribute)
