"""Letters as files: DOCX (python-docx, always) and PDF (WeasyPrint, only where installed).

The layout follows the usual shape of official letters (GB/T 9704 in spirit, not to the
millimetre): A4, title centred in a 宋体-style face, body in 仿宋 三号 (16 pt) with a
two-character first-line indent, the agency and the date at the bottom right, the letter number
(and the query code, on letters to the applicant) under the title.
"""

import functools
import html
import io
import shutil
import subprocess
from pathlib import Path

import docx
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from gongkai.foi.letters.texts import LetterText, chinese_date

TITLE_FONT = "宋体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
NOTE_SIZE = Pt(12)  # 小四
LINE = Pt(28)  # fixed line pitch: 22 lines to the page
INDENT = Pt(32)  # two characters of 三号
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

# Font families tried in the PDF, 仿宋 first; the last ones are what Linux usually has.
PDF_BODY_FONTS = (
    "FangSong",
    "仿宋",
    "FangSong_GB2312",
    "STFangsong",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei",
)
PDF_TITLE_FONTS = ("SimSun", "宋体", "STSong", "Noto Serif CJK SC", "Source Han Serif SC")
# Font files that hold Chinese, for machines without fontconfig's fc-list.
_CJK_FILE_HINTS = ("cjk", "sourcehan", "wqy", "simsun", "simfang", "fangsong", "notoserifsc")
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


def letter_lines(letter: LetterText) -> str:
    """The reference line under the title: the letter number and, for the applicant, the
    query code."""
    parts = [_("文书编号：%(number)s") % {"number": letter.number}] if letter.number else []
    if letter.query_code:
        parts.append(_("查询码：%(code)s") % {"code": letter.query_code})
    return "　".join(parts)


def draft_warning() -> str:
    return _("草稿：答复尚未审核通过，不得送达申请人。")


# --- DOCX ----------------------------------------------------------------------------------


def _set_font(run, east_asian: str, size) -> None:
    run.font.name = LATIN_FONT
    run.font.size = size
    # python-docx sets only the Latin font; Chinese text takes w:eastAsia.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def _paragraph(document, text: str, *, align=None, indent=True, font=BODY_FONT, size=BODY_SIZE):
    paragraph = document.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = LINE if size <= BODY_SIZE else Pt(40)
    paragraph_format.space_before = paragraph_format.space_after = Pt(0)
    if indent:
        paragraph_format.first_line_indent = INDENT
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    _set_font(run, font, size)
    return paragraph, run


def render_docx(letter: LetterText) -> bytes:
    """The letter as a Word document (A4, 仿宋 body, 宋体 title)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    right = WD_ALIGN_PARAGRAPH.RIGHT
    if letter.is_draft:
        _, run = _paragraph(document, draft_warning(), indent=False)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    _, run = _paragraph(
        document,
        letter.title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        font=TITLE_FONT,
        size=TITLE_SIZE,
    )
    run.bold = True
    reference = letter_lines(letter)
    if reference:
        _paragraph(document, reference, align=right, indent=False, size=NOTE_SIZE)
    _paragraph(document, "", indent=False)
    _paragraph(document, f"{letter.addressee}：", indent=False)
    for text in letter.paragraphs:
        _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph(document, "", indent=False)
    _paragraph(document, "", indent=False)
    for line in letter.signature.split("\n"):
        _paragraph(document, line, align=right, indent=False)
    _paragraph(document, chinese_date(letter.date), align=right, indent=False)

    properties = document.core_properties
    properties.title = letter.title
    properties.author = properties.last_modified_by = letter.signature.split("\n")[0]
    properties.identifier = letter.number
    properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------


def _families(names: tuple[str, ...], generic: str) -> str:
    return ", ".join([*(f'"{name}"' for name in names), generic])


def letter_html(letter: LetterText) -> str:
    """The letter as a self-contained HTML page for WeasyPrint."""
    escape = html.escape
    rows = []
    if letter.is_draft:
        rows.append(f'<p class="draft">{escape(draft_warning())}</p>')
    rows.append(f"<h1>{escape(letter.title)}</h1>")
    reference = letter_lines(letter)
    if reference:
        rows.append(f'<p class="reference">{escape(reference)}</p>')
    rows.append(f'<p class="addressee">{escape(letter.addressee)}：</p>')
    rows.extend(f"<p>{escape(text)}</p>" for text in letter.paragraphs)
    rows.append('<div class="signature">')
    rows.extend(f"<p>{escape(line)}</p>" for line in letter.signature.split("\n"))
    rows.append(f"<p>{escape(chinese_date(letter.date))}</p></div>")
    margins = " ".join(f"{MARGINS_MM[side]}mm" for side in ("top", "right", "bottom", "left"))
    style = f"""
@page {{ size: A4; margin: {margins}; }}
body {{ font-family: {_families(PDF_BODY_FONTS, "serif")}; font-size: 16pt; line-height: 28pt; }}
h1 {{ font-family: {_families(PDF_TITLE_FONTS, "serif")}; font-size: 22pt; line-height: 40pt;
      text-align: center; margin: 0; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.reference {{ text-align: right; text-indent: 0; font-size: 12pt; margin-bottom: 28pt; }}
p.addressee, p.draft {{ text-indent: 0; }}
p.draft {{ color: #c00000; font-weight: bold; }}
.signature {{ margin-top: 56pt; }}
.signature p {{ text-align: right; text-indent: 0; }}
"""
    return (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{escape(letter.title)}</title><style>{style}</style></head>"
        f"<body>{''.join(rows)}</body></html>"
    )


@functools.cache
def _cjk_font_installed() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            found = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
                [fc_list, ":lang=zh", "family"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            found = None
        if found is not None and found.returncode == 0:
            return bool(found.stdout.strip())
    for folder in _FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir() and any(
            hint in path.name.lower() for path in root.rglob("*.*") for hint in _CJK_FILE_HINTS
        ):
            return True
    return False


@functools.cache
def pdf_available() -> bool:
    """True when WeasyPrint (optional extra `pdf`) imports and a Chinese font is installed:
    without one the PDF would print boxes instead of characters."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: WeasyPrint installed but Pango missing
        return False
    return _cjk_font_installed()


def render_pdf(letter: LetterText) -> bytes | None:
    """The letter as PDF, or None where WeasyPrint or a Chinese font is missing."""
    if not pdf_available():
        return None
    import weasyprint

    return weasyprint.HTML(string=letter_html(letter)).write_pdf()
