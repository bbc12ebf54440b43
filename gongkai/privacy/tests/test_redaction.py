"""The shared rules of redaction (matching, counting, the note, the errors) and HTML."""

import pytest

from gongkai.privacy.detection import Kind, find_personal_data
from gongkai.privacy.redaction import (
    DOCX,
    HTML,
    MARK,
    PDF,
    XLSX,
    RedactionError,
    Slot,
    compile_patterns,
    extract_passages,
    find_spans,
    is_supported,
    redact,
    redact_slots,
    redact_text,
    verify_clean,
)
from gongkai.privacy.tests import redaction_files as files
from gongkai.privacy.tests.redaction_files import BASIS, ID, KEPT, MOBILE, NAME

# (withheld string, text, whether it is found)
MATCHING = [
    (ID, f"号码{ID}。", True),
    (ID, f"号码{ID[:6]} {ID[6:14]} {ID[14:]}。", True),
    (ID, f"号码{ID[:6]}-{ID[6:14]}-{ID[14:]}", True),
    (ID, f"号码{ID[:10]}\n{ID[10:]}", True),  # broken over two lines
    (ID, f"号码{ID[:10]}\u200b{ID[10:]}", True),  # a zero-width space in between
    (ID, "号码" + ID.translate(str.maketrans("0123456789", "０１２３４５６７８９")), True),
    (ID[:-1] + "X", ID[:-1] + "x", True),  # the check character in either case
    (" ".join([ID[:6], ID[6:]]), ID, True),  # given with spaces, written without
    (MOBILE, "电话 138 1234 5678", True),
    (MOBILE, "电话 +86-138-1234-5678", True),
    (MOBILE, "电话 1381234567", False),  # one digit short
    (NAME, f"申请人{NAME[:1]} {NAME[1:]}", True),
    (NAME, f"申请人{NAME[:1]}\u3000{NAME[1:]}", True),  # an ideographic space
    (NAME, "申请人王小", False),
]


@pytest.mark.parametrize(("string", "text", "found"), MATCHING)
def test_matching(string, text, found):
    assert bool(find_spans(text, compile_patterns([string]))) is found


def test_redact_text_keeps_the_rest_and_counts():
    patterns = compile_patterns([ID, NAME])

    cleaned, counts = redact_text(f"{NAME}，{ID}；{NAME}", patterns)

    assert cleaned == f"{MARK}，{MARK}；{MARK}"
    assert counts == {0: 1, 1: 2}


def test_slots_a_string_across_pieces_leaves_the_mark_where_it_starts():
    pieces = ["申请人王", "小", "明，", "其他"]
    slots = [
        Slot(get=lambda i=i: pieces[i], set=lambda v, i=i: pieces.__setitem__(i, v))
        for i in range(len(pieces))
    ]

    counts = redact_slots(slots, compile_patterns([NAME]))

    assert pieces == [f"申请人{MARK}", "", "，", "其他"]
    assert counts == {0: 1}


def test_too_short_a_string_is_refused():
    with pytest.raises(RedactionError, match="两个字符"):
        compile_patterns(["王"])


def test_unsupported_type_gives_a_clear_error():
    with pytest.raises(RedactionError, match=r"不支持.*image/png"):
        redact(b"\x89PNG", content_type="image/png", strings=[ID], basis=BASIS)
    with pytest.raises(RedactionError, match="不支持"):
        verify_clean(b"x", content_type="application/msword", strings=[ID])


def test_supported_types():
    assert is_supported("application/pdf")
    assert is_supported("text/html; charset=utf-8")
    assert not is_supported("image/jpeg")
    assert not is_supported("")


def test_a_long_basis_still_fits_on_the_note_page():
    import pymupdf

    basis = "；".join([BASIS] * 12)

    result = redact(files.text_pdf(), content_type=PDF, strings=[ID], basis=basis)

    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert "作了删减处理" in doc[-1].get_text().replace("\n", "")


def test_a_basis_is_required():
    with pytest.raises(RedactionError, match="依据"):
        redact(b"<p>x</p>", content_type=HTML, strings=[ID], basis=" ")


# HTML

PAGE = (
    f'<h2 title="{NAME}的申请">关于{NAME}申请的答复</h2>'
    f"<p>申请人<strong>{NAME[:1]}</strong>{NAME[1:]}，身份证号码{ID}。</p>"
    f'<p><img src="/media/scan.png" alt="{NAME}的身份证 {ID}">'
    f'<a href="mailto:x@example.com" title="电话 {MOBILE}">来信</a></p>'
    f"<p>{KEPT}</p>"
    f"<!-- 经办人核实 {MOBILE} --><script>var id = '{ID}';</script>"
)


def test_html_fixture_holds_the_strings():
    layers = {
        left.layer for left in verify_clean(PAGE.encode(), content_type=HTML, strings=[ID, NAME])
    }
    assert layers == {"raw", "text"}


def test_html_text_and_attributes_are_cleaned():
    strings = [ID, MOBILE, NAME]

    result = redact(PAGE.encode(), content_type=HTML, strings=strings, basis=BASIS)

    out = result.data.decode()
    assert verify_clean(result.data, content_type=HTML, strings=strings) == []
    for string in strings:
        assert string not in out
    assert f"申请人<strong>{MARK}</strong>，身份证号码{MARK}。" in out
    assert f'alt="{MARK}的身份证 {MARK}"' in out
    assert f'title="电话 {MARK}"' in out
    assert f"<p>{KEPT}</p>" in out
    assert "<script" not in out
    assert "<!--" not in out


def test_html_note_is_a_last_paragraph():
    result = redact(PAGE.encode(), content_type=HTML, strings=[ID, NAME], basis=BASIS)

    assert result.data.decode().endswith(
        f"<p>本文件依据{BASIS}作了删减处理，共删减{result.count}处。</p>"
    )
    assert result.count == 6  # title, heading, the split name, the number, alt (two)


def test_html_character_references_do_not_hide_a_string():
    escaped = "".join(f"&#{ord(c)};" for c in NAME)

    assert verify_clean(f"<p>{escaped}</p>".encode(), content_type=HTML, strings=[NAME])
    result = redact(f"<p>{escaped}</p>".encode(), content_type=HTML, strings=[NAME], basis=BASIS)
    assert verify_clean(result.data, content_type=HTML, strings=[NAME]) == []


def test_html_a_string_is_not_matched_across_paragraphs():
    text = f"<p>{NAME[:1]}</p><p>{NAME[1:]}</p>"

    assert [
        left.layer for left in verify_clean(text.encode(), content_type=HTML, strings=[NAME])
    ] == []


@pytest.mark.parametrize("content_type", [PDF, DOCX, XLSX, HTML])
def test_the_detector_runs_over_every_layer_of_the_redacted_file(content_type):
    original = {
        PDF: files.text_pdf,
        DOCX: files.docx_file,
        XLSX: files.xlsx_file,
        HTML: PAGE.encode,
    }[content_type]()

    def kinds(data):
        passages = extract_passages(data, content_type=content_type)
        return {f.kind for p in passages for f in find_personal_data(p.text)}, passages

    before, _passages = kinds(original)
    result = redact(original, content_type=content_type, strings=[ID, MOBILE], basis=BASIS)
    after, passages = kinds(result.data)

    assert Kind.ID_NUMBER in before
    assert Kind.ID_NUMBER not in after
    assert Kind.MOBILE not in after
    assert any(KEPT in p.text for p in passages)
    assert any(f"本文件依据{BASIS}" in p.text for p in passages)  # the note


def test_pdf_string_tokens_are_decoded():
    from gongkai.privacy.rawscan import pdf_strings

    source = rb"<</T<FEFF738B5C0F>>>/A (a\(b\)\101\n) <4142 43> <414>"

    assert pdf_strings(source) == [
        b"\xfe\xff" + "王小".encode("utf-16-be"),
        b"a(b)A\n",
        b"ABC",
        b"A@",
    ]
