"""PDF redaction: each layer that can hold the string, in a real PDF made with PyMuPDF, must
come out with no trace of it — by `verify_clean` and by an independent raw byte search."""

import pymupdf
import pytest

from gongkai.privacy.redaction import MARK, PDF, redact, verify_clean
from gongkai.privacy.tests import redaction_files as files
from gongkai.privacy.tests.redaction_files import BASIS, ID, KEPT, MOBILE, NAME, raw_traces

STRINGS = [ID, MOBILE, NAME]


def _text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def _assert_clean(data: bytes, strings=STRINGS) -> None:
    assert verify_clean(data, content_type=PDF, strings=strings) == []
    for string in strings:
        assert not raw_traces(data, string), string


def _layers(data: bytes, strings=STRINGS) -> set[str]:
    return {left.layer for left in verify_clean(data, content_type=PDF, strings=strings)}


def test_text_layer_inline_spaced_and_broken_over_lines():
    original = files.text_pdf()
    assert {"text", "object"} <= _layers(original)

    result = redact(original, content_type=PDF, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data)
    text = _text(result.data)
    assert KEPT in text
    assert "申请人" in text
    assert "请予核实" in text
    assert "工作日可联系" in text
    counts = {i: sum(n.count for n in result.report if n.string_index == i) for i in range(3)}
    assert counts == {0: 2, 1: 1, 2: 1}
    assert all(note.basis == BASIS for note in result.report)
    assert result.rasterised_pages == []


def test_the_note_is_a_last_page_with_basis_and_count():
    result = redact(files.text_pdf(), content_type=PDF, strings=STRINGS, basis=BASIS)

    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert doc.page_count == 2
        last = doc[-1].get_text().replace("\n", "")
    assert "删减说明" in last
    assert f"本文件依据{BASIS}作了删减处理，共删减4处。" in last


def test_strings_given_with_spaces_match_the_text_without():
    spaced = " ".join([ID[:6], ID[6:14], ID[14:]])

    result = redact(files.text_pdf(), content_type=PDF, strings=[spaced], basis=BASIS)

    _assert_clean(result.data, [ID])


def _image_colours(data: bytes, where: pymupdf.Rect) -> set:
    """The colours of the page's one image inside `where` (page coordinates)."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        page = doc[0]
        (image,) = page.get_images()
        pixmap = pymupdf.Pixmap(doc, image[0])
        scale = pixmap.width / page.rect.width
        return {
            pixmap.pixel(int(x * scale), int(y * scale))
            for x in range(int(where.x0) + 2, int(where.x1) - 2, 2)
            for y in range(int(where.y0) + 2, int(where.y1) - 2, 2)
        }


@pytest.mark.parametrize("inside_a_form_xobject", [False, True])
def test_scanned_page_text_layer_removed_and_image_burnt_out(inside_a_form_xobject):
    original, where = files.scanned_pdf()
    assert "text" in _layers(original)
    assert len(_image_colours(original, where)) > 1  # the number is drawn in the image
    if inside_a_form_xobject:  # as a stamped or imposed page holds it
        doc = pymupdf.open()
        page = doc.new_page()
        page.show_pdf_page(page.rect, pymupdf.open(stream=original, filetype="pdf"), 0)
        original = doc.tobytes()

    result = redact(original, content_type=PDF, strings=[ID], basis=BASIS)

    _assert_clean(result.data, [ID])
    assert KEPT in _text(result.data)
    assert len(_image_colours(result.data, where)) == 1, "burnt out, not only covered"


def test_form_field_value():
    original = files.form_pdf()
    assert "form_field" in _layers(original)

    result = redact(original, content_type=PDF, strings=[ID], basis=BASIS)

    _assert_clean(result.data, [ID])
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        (widget,) = doc[0].widgets()
        assert widget.field_value == MARK
    assert [n.layer for n in result.report] == ["form_field"]


def test_annotation_contents():
    original = files.annotated_pdf()
    assert "annotation" in _layers(original)

    result = redact(original, content_type=PDF, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data)
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        contents = [a.info["content"] for a in doc[0].annots()]
    assert contents == [f"核实：申请人身份证号码{MARK}", f"电话{MARK}"]


def test_metadata_info_and_xmp():
    original = files.metadata_pdf()
    assert "metadata" in _layers(original)

    result = redact(original, content_type=PDF, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data)
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert doc.metadata["title"] == f"关于{MARK}申请的答复"
        assert "申请人身份证号码" in doc.get_xml_metadata()
    assert {n.place for n in result.report} >= {"Title", "Author", "Subject", "Keywords", "XMP"}


def test_embedded_file_holding_the_string_is_removed_others_stay():
    original = files.embedded_pdf()
    assert "embedded_file" in _layers(original)

    result = redact(original, content_type=PDF, strings=[ID], basis=BASIS)

    _assert_clean(result.data, [ID])
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert doc.embfile_names() == ["catalogue.txt"]


def test_incremental_update_old_revision_is_dropped(tmp_path):
    original = files.incremental_pdf(tmp_path / "two-revisions.pdf")
    assert ID not in _text(original)
    layers = _layers(original, [ID])
    assert "text" not in layers
    assert "raw" in layers

    result = redact(original, content_type=PDF, strings=[ID], basis=BASIS)

    _assert_clean(result.data, [ID])
    assert KEPT in _text(result.data)


def test_every_layer_at_once(tmp_path):
    doc = pymupdf.open()
    for part in (files.text_pdf(), files.form_pdf(), files.annotated_pdf()):
        doc.insert_pdf(pymupdf.open(stream=part, filetype="pdf"))
    doc.set_metadata({"title": NAME})
    doc.set_toc([[1, f"{NAME}的申请", 1], [1, "答复", 2]])
    doc.embfile_add("a.txt", MOBILE.encode())

    result = redact(doc.tobytes(), content_type=PDF, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data)
    with pymupdf.open(stream=result.data, filetype="pdf") as out:
        assert [t[1] for t in out.get_toc()] == [f"{MARK}的申请", "答复"]


def test_text_that_survives_redaction_rasterises_the_page(monkeypatch):
    monkeypatch.setattr(pymupdf.Page, "apply_redactions", lambda self, **kwargs: True)

    result = redact(files.text_pdf(), content_type=PDF, strings=STRINGS, basis=BASIS)

    assert result.rasterised_pages == [1]
    _assert_clean(result.data)
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert doc[0].get_text().strip() == ""
        assert len(doc[0].get_images()) == 1
        assert "第1页的文字无法从页面内容中删除" in doc[-1].get_text().replace("\n", "")


def test_nothing_found_gives_no_note_and_a_clean_rewrite():
    result = redact(files.form_pdf(), content_type=PDF, strings=["不存在的内容"], basis=BASIS)

    assert result.report == []
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert doc.page_count == 1


def test_encrypted_pdf_is_refused():
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), ID)
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")

    from gongkai.privacy.redaction import RedactionError

    with pytest.raises(RedactionError, match="加密"):
        redact(data, content_type=PDF, strings=[ID], basis=BASIS)


def test_text_in_a_hidden_layer_is_removed_and_the_layer_stays_hidden():
    doc = pymupdf.open()
    page = doc.new_page()
    hidden = doc.add_ocg("内部", on=False)
    page.insert_text((72, 72), KEPT, fontname=files.CJK)
    page.insert_text((72, 100), f"号码{ID}", fontname=files.CJK, oc=hidden)
    original = doc.tobytes()
    assert ID not in _text(original)  # a reader does not show it …
    assert raw_traces(original, ID)  # … but the file holds it

    result = redact(original, content_type=PDF, strings=[ID], basis=BASIS)

    _assert_clean(result.data, [ID])
    with pymupdf.open(stream=result.data, filetype="pdf") as out:
        (group,) = out.get_layer()["off"]  # renumbered by the garbage collection
        assert out.get_ocgs()[group]["name"] == "内部"


@pytest.mark.parametrize("shape", ["rotated", "form_xobject"])
def test_rotated_pages_and_form_xobjects(shape):
    source = pymupdf.open(stream=files.text_pdf(), filetype="pdf")
    if shape == "rotated":
        source[0].set_rotation(90)
        doc = source
    else:
        doc = pymupdf.open()
        page = doc.new_page()
        page.show_pdf_page(page.rect, source, 0)

    result = redact(doc.tobytes(), content_type=PDF, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data)
    assert KEPT in _text(result.data)
    assert result.rasterised_pages == []


def test_strings_deep_in_object_dictionaries_javascript_and_custom_keys():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), KEPT, fontname=files.CJK)
    note = page.add_text_annot((72, 100), "见附注")
    action = f"<</O <</S/JavaScript/JS (app.alert\\('{ID}'\\))>>>>"
    doc.xref_set_key(note.xref, "AA", action)
    doc.xref_set_key(page.xref, "Applicant", pymupdf.get_pdf_str(NAME))
    original = doc.tobytes()
    assert "object" in _layers(original)

    result = redact(original, content_type=PDF, strings=STRINGS, basis=BASIS)

    _assert_clean(result.data)
    assert {n.layer for n in result.report} == {"object"}
