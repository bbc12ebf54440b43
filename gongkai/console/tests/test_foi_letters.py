"""Console downloads of an application's letters: headers, access, availability, the list."""

import datetime
import io
import urllib.parse
import zoneinfo

import docx
import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.console import foi_letter_views
from gongkai.factories import make_agency, make_user
from gongkai.foi import letters, services

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
VALUES = {
    "applicant_type": "natural",
    "applicant_name": "王五",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13700000000",
    "email": "",
    "address": "",
    "postcode": "",
    "description": "本县2025年卫生监督抽查结果",
    "document_numbers": "",
    "delivery_form": "onsite",
}


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def people():
    city = make_agency(level=Level.CITY)
    county = make_agency(parent=city, charges_foi_fees=True)
    other = make_agency()
    return {
        "county": county,
        "handler": make_user(agency=county, roles=(Role.FOI_HANDLER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=other, roles=(Role.FOI_HANDLER, Role.REVIEWER)),
    }


@pytest.fixture
def application(people):
    return services.submit_online(agency=people["county"], values=VALUES)


def letter_url(application, kind, fmt="docx"):
    return reverse("console:foi-letter", args=[application.pk, kind, fmt])


def test_the_handler_downloads_the_receipt_as_docx(client, people, application):
    client.force_login(people["handler"])

    response = client.get(letter_url(application, "receipt"))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    filename = urllib.parse.unquote(disposition.split("''", 1)[1])
    assert filename.endswith("-HZ-政府信息公开申请受理回执.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "王五：" in text
    assert application.query_code in text


def test_a_draft_reply_is_named_a_draft(client, people, application):
    services.draft_reply(
        application=application,
        actor=people["handler"],
        outcome="unable.1",
        text="无。",
        not_held_reason="not_exist",
    )
    client.force_login(people["handler"])

    response = client.get(letter_url(application, "reply"))

    filename = urllib.parse.unquote(response["Content-Disposition"].split("''", 1)[1])
    assert filename.endswith("政府信息无法提供告知书（草稿）.docx")


@pytest.mark.parametrize(("who", "status"), [("supervisor", 200), ("outsider", 404)])
def test_who_may_download(client, people, application, who, status):
    client.force_login(people[who])

    assert client.get(letter_url(application, "receipt")).status_code == status
    assert client.get(reverse("console:foi-letters", args=[application.pk])).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client, application):
    response = client.get(letter_url(application, "receipt"))

    assert response.status_code == 302
    assert reverse("console:login") in response["Location"]


@pytest.mark.parametrize("kind", ["supplement", "consultation", "extension", "fee", "reply"])
def test_a_letter_that_does_not_apply_yet_is_not_found(client, people, application, kind):
    client.force_login(people["handler"])

    assert client.get(letter_url(application, kind)).status_code == 404


def test_an_unknown_letter_is_not_found(client, people, application):
    client.force_login(people["handler"])

    for url in (
        f"{reverse('console:foi-letters', args=[application.pk])}nonsense.docx",
        letter_url(application, "receipt").replace(".docx", ".odt"),
    ):
        assert client.get(url).status_code == 404


def test_the_supplement_notice_becomes_available_once_sent(client, people, application):
    services.request_supplement(
        application=application,
        actor=people["handler"],
        on=datetime.date(2026, 3, 2),
        items="请写明抽查的场所类别",
        deadline_days=10,
    )
    client.force_login(people["handler"])

    page = client.get(reverse("console:foi-letters", args=[application.pk])).content.decode()
    response = client.get(letter_url(application, "supplement"))

    assert letter_url(application, "supplement") in page
    assert letter_url(application, "fee") not in page
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "请写明抽查的场所类别" in text
    assert "自收到补正后的申请之日起重新计算" in text


def test_the_case_page_links_to_the_letters(client, people, application):
    client.force_login(people["handler"])

    page = client.get(reverse("console:foi-detail", args=[application.pk])).content.decode()

    assert reverse("console:foi-letters", args=[application.pk]) in page


def test_without_pdf_support_the_pdf_is_not_found_and_not_offered(
    client, people, application, monkeypatch
):
    monkeypatch.setattr(foi_letter_views, "pdf_available", lambda: False)
    monkeypatch.setattr(foi_letter_views, "render_pdf", lambda letter: None)
    client.force_login(people["handler"])

    page = client.get(reverse("console:foi-letters", args=[application.pk])).content.decode()

    assert letter_url(application, "receipt", "pdf") not in page
    assert client.get(letter_url(application, "receipt", "pdf")).status_code == 404


def test_the_pdf_downloads_where_weasyprint_and_a_chinese_font_are_installed(
    client, people, application
):
    if not letters.pdf_available():
        pytest.skip(
            "PDF TEST SKIPPED: WeasyPrint (optional extra 'pdf') or a Chinese font is not "
            "installed; install both (pip install 'gongkai[pdf]'; apt-get install "
            "fonts-noto-cjk) to test PDF letters."
        )
    client.force_login(people["handler"])

    page = client.get(reverse("console:foi-letters", args=[application.pk])).content.decode()
    response = client.get(letter_url(application, "receipt", "pdf"))

    assert letter_url(application, "receipt", "pdf") in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert urllib.parse.unquote(response["Content-Disposition"]).endswith("受理回执.pdf")
