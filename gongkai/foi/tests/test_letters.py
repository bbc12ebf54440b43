"""Letters (文书) of information applications: wording from the log, DOCX layout, templates."""

import datetime
import io
import zipfile
import zoneinfo

import docx
import pytest
import time_machine
from docx.oxml.ns import qn
from pypdf import PdfReader

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.foi import consultation_services, fee_services, letters, services
from gongkai.foi.identity import IdType
from gongkai.foi.letters import LetterError, LetterKind, LetterTemplateError, template_files
from gongkai.foi.letters import render as letter_render
from gongkai.foi.outcomes import ApplicantType, Outcome, OutcomeGroup, outcome_info, reply_basis

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
RESIDENT_ID = "11010519491231002X"  # fictional, with a correct check character
PHONE = "13812345678"
ADDRESS = "某市某区幸福路88号"
EMAIL = "zhangsan@example.org"
POSTCODE = "735291"


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


@pytest.fixture(autouse=True)
def _in_february_2026():
    with time_machine.travel(datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency(name="某县卫生健康局", charges_foi_fees=True)


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def application(agency):
    return services.submit_online(
        agency=agency,
        values={
            "applicant_type": ApplicantType.NATURAL,
            "applicant_name": "张三",
            "id_type": IdType.RESIDENT_ID,
            "id_number": RESIDENT_ID,
            "phone": PHONE,
            "email": EMAIL,
            "address": ADDRESS,
            "postcode": POSTCODE,
            "description": "2025年本县公共场所卫生监督抽查结果",
            "document_numbers": "",
            "delivery_form": "email",
            "contact_person": "",
        },
    )


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def letter_docx(application, kind) -> str:
    return docx_text(letters.render_docx(letters.letter_text(application, kind)))


def replied(application, handler, reviewer, outcome, text="见附件。", **kwargs):
    services.draft_reply(
        application=application, actor=handler, outcome=outcome, text=text, **kwargs
    )
    return services.approve_reply(application=application, actor=reviewer, on=day("2026-03-02"))


# --- which letters ---------------------------------------------------------------------------


def test_a_new_application_has_only_its_receipt(application, handler):
    assert letters.available_letters(application) == [LetterKind.RECEIPT]

    with pytest.raises(LetterError):
        letters.letter_text(application, LetterKind.SUPPLEMENT)

    services.request_supplement(
        application=application, actor=handler, on=day("2026-02-24"), items="年份", deadline_days=5
    )
    assert letters.available_letters(application) == [LetterKind.RECEIPT, LetterKind.SUPPLEMENT]


def test_each_notice_appears_with_its_event(application, handler):
    consultation_services.start_consultation(
        application=application, actor=handler, on=day("2026-03-02"), party="某诊所"
    )
    consultation_services.end_consultation(
        application=application, actor=handler, on=day("2026-03-09")
    )
    services.extend_deadline(
        application=application, actor=handler, on=day("2026-03-10"), days=5, approved_by="王主任"
    )
    fee_services.notify_fee(
        application=application, actor=handler, on=day("2026-03-11"), method="per_page", quantity=45
    )
    fee_services.record_fee_paid(
        application=application, actor=handler, on=day("2026-03-12"), amount=150
    )
    services.draft_reply(application=application, actor=handler, outcome="granted", text="见附件")

    # The other agency's consultation letter and the Art.35 delay notice: tests of their own.
    assert letters.available_letters(application) == [
        kind
        for kind in LetterKind
        if kind not in (LetterKind.SUPPLEMENT, LetterKind.AGENCY_CONSULTATION, LetterKind.DELAY)
    ]


# --- wording -----------------------------------------------------------------------------------


def test_the_receipt_gives_the_receipt_date_the_query_code_and_the_due_date(application):
    text = letter_docx(application, LetterKind.RECEIPT)

    assert "政府信息公开申请受理回执" in text
    assert "张三：" in text
    assert "第三十一条" in text
    assert "双方确认之日即2026年2月13日" in text
    assert application.query_code in text
    # Spring Festival 2026 (02-15..02-23 off, 02-14 and 02-28 worked): due 2026-03-19.
    assert "答复期限于2026年3月19日届满" in text
    assert "收到申请的当日不计入" in text
    assert "调休" in text
    assert RESIDENT_ID not in text
    assert PHONE not in text


def test_before_next_years_notice_the_receipt_gives_a_provisional_date_in_plain_words(agency):
    # Issue #10: December 2026, the 2027 notice not loaded. Received online on Sunday 12-20
    # (confirmed the same day): 9 working days in December, 1 January off, the 20th working
    # day is Monday 2027-01-18 — provisional.
    with time_machine.travel(datetime.datetime(2026, 12, 20, 10, tzinfo=SHANGHAI), tick=False):
        application = services.submit_online(
            agency=agency,
            values={
                "applicant_type": ApplicantType.NATURAL,
                "applicant_name": "张三",
                "id_type": IdType.RESIDENT_ID,
                "id_number": RESIDENT_ID,
                "phone": PHONE,
                "description": "某信息",
                "delivery_form": "email",
            },
        )
        text = "".join(letters.letter_text(application, LetterKind.RECEIPT).paragraphs)

    assert "自收到申请之日起20个工作日内予以答复" in text
    assert "答复期限暂定为2027年1月18日。2027年节假日安排公布后，期限按实际安排确定。" in text
    # The date is stated once, as provisional, never as a firm 届满 date.
    assert "答复期限于2027年1月18日届满" not in text
    assert "请管理员" not in text


def test_the_supplement_notice_lists_every_item_the_deadline_and_the_restart(application, handler):
    services.request_supplement(
        application=application,
        actor=handler,
        on=day("2026-02-24"),
        items="请写明抽查的场所类别\n请写明所需信息的年份",
        deadline_days=10,
    )

    letter = letters.letter_text(application, LetterKind.SUPPLEMENT)
    text = docx_text(letters.render_docx(letter))

    assert letter.title == "政府信息公开申请补正告知书"
    assert "1. 请写明抽查的场所类别" in letter.paragraphs
    assert "2. 请写明所需信息的年份" in letter.paragraphs
    assert "一次性告知" in text
    assert "第三十条" in text
    # 10 working days after 02-24, counting Saturday 02-28 (调休上班): 2026-03-09.
    assert "即2026年3月9日前（含当日）" in text
    assert "自收到补正后的申请之日起重新计算" in text
    assert "无正当理由逾期不补正的，视为放弃申请" in text
    assert letter.date == day("2026-02-24")


def test_the_third_party_letter_carries_nothing_about_the_applicant(application, handler):
    consultation_services.start_consultation(
        application=application, actor=handler, on=day("2026-03-02"), party="某某诊所"
    )

    letter = letters.letter_text(application, LetterKind.CONSULTATION)
    data = letters.render_docx(letter)

    assert letter.addressee == "某某诊所"
    assert letter.query_code == ""
    text = docx_text(data)
    assert "第三十二条" in text
    assert "15个工作日" in text
    assert "逾期未提出意见的，由本机关" in text
    assert "2025年本县公共场所卫生监督抽查结果" in text  # what is asked, not who asks
    # Nothing in any part of the file (text, properties) identifies the applicant or the case.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        everything = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )
    for secret in ("张三", RESIDENT_ID, PHONE, ADDRESS, EMAIL, POSTCODE, application.query_code):
        assert secret not in everything


def test_the_extension_notice_gives_the_days_and_the_new_due_date(application, handler):
    services.extend_deadline(
        application=application, actor=handler, on=day("2026-03-10"), days=15, approved_by="王主任"
    )

    text = letter_docx(application, LetterKind.EXTENSION)

    assert "延期答复告知书" in text
    assert "经本机关政府信息公开工作机构负责人同意" in text
    assert "第三十三条第二款" in text
    assert "答复期限延长15个工作日" in text
    # 15 more working days after 2026-03-19, Qingming (04-04..04-06) off: 2026-04-10.
    assert "延长后的答复期限于2026年4月10日届满（延长前为2026年3月19日）" in text
    assert "王主任" not in text  # the approver is named in the log, not in the letter


def test_a_second_extension_has_its_own_number_and_the_total(application, handler):
    for on, days in (("2026-03-10", 5), ("2026-03-12", 5)):
        services.extend_deadline(
            application=application, actor=handler, on=day(on), days=days, approved_by="王主任"
        )

    letter = letters.letter_text(application, LetterKind.EXTENSION)

    assert letter.number.endswith("-YQ2")
    assert "累计延长10个工作日" in "".join(letter.paragraphs)


def test_the_fee_notice_itemises_the_bands_and_says_how_to_pay(application, handler):
    fee_services.notify_fee(
        application=application, actor=handler, on=day("2026-03-02"), method="per_page", quantity=45
    )

    letter = letters.letter_text(application, LetterKind.FEE)
    text = docx_text(letters.render_docx(letter))

    assert "国办函〔2020〕109号" in text
    assert "第五条（按量计收）" in text
    assert "第1至第30页，共30页：免费" in letter.paragraphs
    assert "第31至第45页，共15页：每页10元，计150元" in letter.paragraphs
    assert "人民币150元" in text
    assert "自收到本通知之日的次日起20个工作日内缴纳" in text
    assert "缴费期限至2026年3月30日届满" in text
    assert "办公室" in text
    assert "测试路1号" in text
    assert "视为放弃申请" in text
    assert "不能单独就收费申请行政复议或者提起行政诉讼" in text


def test_the_fee_notice_per_request_counts_the_applicants_month(agency, application, handler):
    fee_services.notify_fee(
        application=application,
        actor=handler,
        on=day("2026-03-02"),
        method="per_request",
        quantity=12,
    )

    letter = letters.letter_text(application, LetterKind.FEE)

    assert "本月第1至第10件，共10件：免费" in letter.paragraphs
    assert "本月第11至第12件，共2件：每件100元，计200元" in letter.paragraphs


def test_the_withheld_reply_cites_article_15_and_the_remedies(application, handler, reviewer):
    replied(application, handler, reviewer, "withheld.4", text="涉及某企业的商业秘密。")

    letter = letters.letter_text(application, LetterKind.REPLY)
    text = docx_text(letters.render_docx(letter))

    assert letter.title == "政府信息不予公开告知书"
    assert not letter.is_draft
    assert letter.date == day("2026-03-02")
    assert "《政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项" in text
    assert "涉及某企业的商业秘密。" in text
    assert "六十日" in text
    assert "行政复议" in text
    assert "行政诉讼" in text
    # 行政复议法（2023）第二十三条第一款第（四）项: a refusal must go to review first, so the
    # letter says so instead of offering a direct suit within six months.
    assert "第二十三条第一款第（四）项" in text
    assert "应当先" in text
    assert "六个月" not in text
    assert "第五十一条" in text
    assert "投诉、举报" in text


def test_the_already_public_reply_says_where_and_cites_article_36_1(application, handler, reviewer):
    where = "已在本局门户网站“政府信息公开—监督检查”栏目发布。"
    replied(application, handler, reviewer, "granted", text=where, already_public=True)

    text = letter_docx(application, LetterKind.REPLY)

    assert "政府信息已主动公开告知书" in text
    assert "第三十六条第（一）项" in text
    assert f"获取的方式和途径：{where}" in text
    assert "六十日" in text
    assert "六个月" in text


@pytest.mark.parametrize("outcome", [o for o in Outcome.values if o not in ("other.1", "other.2")])
def test_every_reply_cites_its_articles_and_the_remedies(application, handler, reviewer, outcome):
    # 本机关不掌握 states one of its two answers (tests of their own below).
    choice = {"not_held_reason": "not_exist"} if outcome == "unable.1" else {}
    replied(application, handler, reviewer, outcome, text="具体情况说明。", **choice)

    letter = letters.letter_text(application, LetterKind.REPLY)
    text = docx_text(letters.render_docx(letter))

    for citation in reply_basis(outcome, **choice):
        assert str(citation).partition("》")[2] in text
    assert "{" not in text
    assert "}" not in text
    assert "具体情况说明。" in text
    assert "六十日" in text
    assert "行政复议" in text
    group = outcome_info(outcome).group
    if group in (OutcomeGroup.WITHHELD, OutcomeGroup.PARTIAL):
        assert "第五十一条" in text
        assert "应当先" in text
    else:
        assert "六个月" in text
        assert "行政诉讼法" in text
        assert "第五十一条" not in text


def test_no_supplement_in_time_gives_a_closing_letter(application, handler):
    services.request_supplement(
        application=application, actor=handler, on=day("2026-02-24"), items="年份", deadline_days=5
    )
    services.close_abandoned(application=application, actor=handler, on=day("2026-03-10"))

    letter = letters.letter_text(application, LetterKind.REPLY)
    text = "".join(letter.paragraphs)

    assert not letter.is_draft
    assert "第三十条" in text
    assert "视为您放弃申请" in text
    # The notice and its deadline: 5 working days, counting Saturday 02-28 (调休上班).
    assert "已于2026年2月24日向您发出补正告知书，要求您于2026年3月2日前补正" in text
    assert "六个月" in text


def test_an_unpaid_fee_gives_a_closing_letter(application, handler):
    fee_services.notify_fee(
        application=application,
        actor=handler,
        on=day("2026-03-02"),
        method="per_page",
        quantity=45,
        service="in_person",  # handed over: received the day it was sent
        received_on=day("2026-03-02"),
    )
    fee_services.close_unpaid(application=application, actor=handler, on=day("2026-04-01"))

    text = "".join(letters.letter_text(application, LetterKind.REPLY).paragraphs)

    assert "国办函〔2020〕109号" in text
    assert "人民币150元" in text
    assert "2026年3月30日" in text


def test_a_repeat_names_the_earlier_reply(agency, application, handler, reviewer):
    replied(application, handler, reviewer, "granted")
    repeat = services.submit_online(
        agency=agency,
        values={
            "applicant_type": ApplicantType.NATURAL,
            "applicant_name": "张三",
            "id_type": IdType.RESIDENT_ID,
            "id_number": RESIDENT_ID,
            "phone": PHONE,
            "description": "2025年本县公共场所卫生监督抽查结果",
            "delivery_form": "email",
        },
    )
    repeat.duplicate_of = application
    repeat.save(update_fields=["duplicate_of"])
    services.draft_reply(application=repeat, actor=handler, outcome="not_handled.2", text="同前。")

    text = "".join(letters.letter_text(repeat, LetterKind.REPLY).paragraphs)

    assert f"查询码：{application.query_code}" in text
    assert "第三十六条第（六）项" in text
    assert "不予重复处理" in text


def test_a_reply_not_yet_approved_is_a_marked_draft(application, handler):
    services.draft_reply(
        application=application,
        actor=handler,
        outcome="unable.1",
        text="无。",
        not_held_reason="not_exist",
    )

    letter = letters.letter_text(application, LetterKind.REPLY)

    assert letter.is_draft
    assert "草稿" in docx_text(letters.render_docx(letter))


def test_extra_values_override_placeholders_and_unknown_ones_are_refused(
    application, handler, reviewer
):
    replied(application, handler, reviewer, "withheld.5")

    letter = letters.letter_text(
        application, LetterKind.REPLY, extra={"review_body": "某县人民政府"}
    )

    assert "向某县人民政府申请行政复议" in "".join(letter.paragraphs)
    with pytest.raises(LetterError):
        letters.letter_text(application, LetterKind.REPLY, extra={"nonsense": "x"})


# --- the DOCX file -----------------------------------------------------------------------------


def test_the_docx_is_a4_with_chinese_fonts_title_centred_and_signature_right(application):
    letter = letters.letter_text(application, LetterKind.RECEIPT)
    document = docx.Document(io.BytesIO(letters.render_docx(letter)))

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    paragraphs = [p for p in document.paragraphs if p.text]
    title, reference = paragraphs[0], paragraphs[1]
    assert title.text == "政府信息公开申请受理回执"
    assert title.alignment == letter_render.WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].bold
    assert reference.text == f"文书编号：{letter.number}　查询码：{application.query_code}"
    signature, date = paragraphs[-2], paragraphs[-1]
    assert signature.text == "某县卫生健康局"
    assert date.text == "2026年2月13日"
    assert signature.alignment == date.alignment == letter_render.WD_ALIGN_PARAGRAPH.RIGHT
    fonts = {run._element.rPr.rFonts.get(qn("w:eastAsia")) for p in paragraphs for run in p.runs}
    assert fonts == {"宋体", "仿宋"}
    assert document.core_properties.title == "政府信息公开申请受理回执"


# --- templates ---------------------------------------------------------------------------------


def test_every_template_file_reads_and_every_outcome_has_a_reason():
    names = template_files.template_names()
    assert {"receipt", "supplement", "consultation", "extension", "fee"} <= set(names)
    for group in OutcomeGroup.values:
        assert f"reply_{group}" in names
    for name in names:
        if name != "reply_reasons":
            assert template_files.load_template(name).title
    reasons = template_files.load_sections("reply_reasons")
    # 本机关不掌握 has one section per answer (条例第三十六条第（四）项、第（五）项), none for both.
    not_held = {"unable.1.not_exist", "unable.1.not_ours", "unable.1.not_ours_undetermined"}
    assert set(reasons) == {*Outcome.values, "already_public", *not_held} - {"unable.1"}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{agency.__class__}", "只能是"),
        ("{agency[0]}", "只能是"),
        ("{agency!r}", "只能是"),
        ("{agency:>10}", "只能是"),
        ("{applicant", "花括号"),
        ("{nonsense}", "没有的占位符"),
    ],
)
def test_a_template_line_may_only_use_plain_known_names(line, problem):
    with pytest.raises(LetterTemplateError, match=problem):
        template_files.fill_lines([line], {"agency": "某局"})


def test_optional_lines_go_when_a_value_is_empty_and_lists_become_paragraphs():
    values = {"a": "甲", "empty": "", "items": "1. 一\n2. 二"}

    assert template_files.fill_lines(["?有{a}", "?无{empty}", "{items}", "{{原样}}"], values) == [
        "有甲",
        "1. 一",
        "2. 二",
        "{原样}",
    ]


def test_the_consultation_template_cannot_name_the_applicant(
    application, handler, tmp_path, monkeypatch
):
    consultation_services.start_consultation(
        application=application, actor=handler, on=day("2026-03-02"), party="某诊所"
    )
    edited = (template_files.TEMPLATE_DIR / "consultation.txt").read_text(encoding="utf-8")
    (tmp_path / "consultation.txt").write_text(edited + "\n申请人：{applicant}\n", "utf-8")
    monkeypatch.setattr(template_files, "TEMPLATE_DIR", tmp_path)

    with pytest.raises(LetterTemplateError, match="applicant"):
        letters.letter_text(application, LetterKind.CONSULTATION)


# --- PDF ---------------------------------------------------------------------------------------


def test_without_weasyprint_or_a_font_there_is_no_pdf(application, monkeypatch):
    monkeypatch.setattr(letter_render, "pdf_available", lambda: False)

    assert letters.render_pdf(letters.letter_text(application, LetterKind.RECEIPT)) is None


def test_the_pdf_renders_where_weasyprint_and_a_chinese_font_are_installed(application):
    if not letters.pdf_available():
        pytest.skip(
            "PDF TEST SKIPPED: WeasyPrint (optional extra 'pdf') or a Chinese font is not "
            "installed; install both (pip install 'gongkai[pdf]'; apt-get install "
            "fonts-noto-cjk) to test PDF letters."
        )
    pdf = letters.render_pdf(letters.letter_text(application, LetterKind.RECEIPT))

    assert pdf is not None
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "受理回执" in text.replace(" ", "")
