"""Uploaded files go only to whoever may see their object, never sniffed, never stored when
personal (security review #11, finding 15: /media was served by nginx straight from disk,
without nosniff, so drafts' attachments and applicants' ID copies were public)."""

import pytest

from gongkai.agencies.models import Role
from gongkai.documents import services
from gongkai.documents.models import Status
from gongkai.documents.tests.factories import (
    make_agency_item,
    make_document,
    pdf_bytes,
    png_bytes,
)
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services
from gongkai.http.caching import PUBLIC_CACHE_SECONDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER, Role.FOI_HANDLER))


@pytest.fixture
def outsider():
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER, Role.FOI_HANDLER))


def draft_with_attachment(agency, name="工作方案.pdf"):
    document = make_document(catalogue_item=make_agency_item(agency))
    attachment = services.add_attachment(document=document, actor=None, name=name, data=pdf_bytes())
    return document, attachment


def publish(document, reviewer):
    document.status = Status.IN_REVIEW
    document.save(update_fields=["status"])
    services.publish(document=document, actor=reviewer, interpretation_waiver="测试。")


def body(response) -> bytes:
    """The whole body; reading a streamed one to the end closes its file (the test client)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_attachment_of_a_public_record_is_public_and_never_sniffed(client, agency, reviewer):
    document, attachment = draft_with_attachment(agency)
    publish(document, reviewer)

    response = client.get(attachment.file.url)

    assert response.status_code == 200
    assert body(response) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "inline" in response["Content-Disposition"]
    assert (
        "filename*=utf-8''%E5%B7%A5%E4%BD%9C%E6%96%B9%E6%A1%88.pdf"
        in (response["Content-Disposition"])
    )
    assert response["Cache-Control"] == (
        f"public, max-age={PUBLIC_CACHE_SECONDS}, s-maxage={PUBLIC_CACHE_SECONDS}"
    )


def test_an_attachment_of_a_draft_goes_to_its_agency_only(client, agency, clerk, outsider):
    _document, attachment = draft_with_attachment(agency)

    assert client.get(attachment.file.url).status_code == 404
    client.force_login(outsider)
    assert client.get(attachment.file.url).status_code == 404
    client.force_login(clerk)
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert body(response) == pdf_bytes()
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_disappears_with_its_withdrawn_record(client, agency, reviewer):
    document, attachment = draft_with_attachment(agency)
    publish(document, reviewer)
    assert body(client.get(attachment.file.url)) == pdf_bytes()

    services.withdraw(document=document, actor=reviewer, reason="已废止。")

    assert client.get(attachment.file.url).status_code == 404


def test_an_id_copy_goes_to_the_staff_of_the_application_only(client, agency, clerk, outsider):
    application = foi_services.submit_online(
        agency=agency,
        values={
            "applicant_type": "natural",
            "applicant_name": "张三",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "phone": "13800000000",
            "description": "2025年本县公共场所卫生监督抽查结果",
            "delivery_form": "email",
            "email": "zhang@example.org",
        },
        id_copy=("身份证.png", png_bytes()),
    )
    url = application.id_copy.url

    assert client.get(url).status_code == 404  # though the name holds the query code
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200
    assert body(response) == png_bytes()
    assert response["Cache-Control"] == "private, no-store"


def test_files_nobody_recorded_and_paths_out_of_media_are_not_found(client, settings):
    (settings.MEDIA_ROOT / "stray.pdf").parent.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "stray.pdf").write_bytes(pdf_bytes())

    assert client.get("/media/stray.pdf").status_code == 404
    assert client.get("/media/../gongkai/settings.py").status_code == 404
    assert client.get("/media/%2e%2e/pyproject.toml").status_code == 404


def test_behind_nginx_the_application_checks_and_nginx_sends(client, settings, agency, reviewer):
    settings.MEDIA_ACCEL_REDIRECT = "/_protected_media/"
    document, attachment = draft_with_attachment(agency)
    publish(document, reviewer)

    response = client.get(attachment.file.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{attachment.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b""
