"""An application at the longest description allowed still gets its receipt, whole."""

import datetime
import io
import zoneinfo

import docx
import pytest
import time_machine
from pypdf import PdfReader

from gongkai import limits
from gongkai.factories import make_agency
from gongkai.foi import letters, services
from gongkai.foi.identity import IdType
from gongkai.foi.letters import LetterKind
from gongkai.foi.outcomes import ApplicantType

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SENTENCE = "请公开2025年本县公共场所卫生监督抽查结果及处理情况。"


@pytest.fixture(autouse=True)
def _in_february_2026():
    with time_machine.travel(datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def application():
    description = (SENTENCE * (limits.APPLICATION_DESCRIPTION // len(SENTENCE) + 1))[
        : limits.APPLICATION_DESCRIPTION - 3
    ] + "（完）"
    return services.submit_online(
        agency=make_agency(name="某县卫生健康局"),
        values={
            "applicant_type": ApplicantType.NATURAL,
            "applicant_name": "张三",
            "id_type": IdType.RESIDENT_ID,
            "id_number": "11010519491231002X",
            "phone": "13800000000",
            "email": "",
            "address": "某市某路1号",
            "postcode": "",
            "description": description,
            "document_numbers": "",
            "delivery_form": "email",
            "contact_person": "",
        },
    )


def test_the_receipt_letter_carries_the_whole_description(application):
    assert len(application.description) == limits.APPLICATION_DESCRIPTION

    data = letters.render_docx(letters.letter_text(application, LetterKind.RECEIPT))

    text = "".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)
    assert application.description in text


# WeasyPrint warns that it will need HarfBuzz-Subset some day; that says nothing about us.
@pytest.mark.filterwarnings("ignore:HarfBuzz-Subset:DeprecationWarning")
def test_the_receipt_pdf_renders_at_the_longest_description(application):
    if not letters.pdf_available():
        pytest.skip("PDF TEST SKIPPED: WeasyPrint or a Chinese font is not installed.")

    pdf = letters.render_pdf(letters.letter_text(application, LetterKind.RECEIPT))

    assert pdf is not None
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "（完）" in text.replace(" ", "").replace("\n", "")
