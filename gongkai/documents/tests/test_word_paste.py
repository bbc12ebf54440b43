"""A body pasted from Word comes out of the sanitiser as plain structure."""

from gongkai.documents.rules import clean_body

# What Word 2016 puts on the clipboard for a title, a numbered line, a date tag, a table and
# a link (shortened, same shapes).
WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>
<![endif]--><style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:等线;} --></style>
</head><body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment--><div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center;mso-line-height-rule:exactly'><b><span
style='font-size:22.0pt;font-family:方正小标宋简体;mso-hansi-font-family:"Times New Roman"'>
关于开展预防接种宣传周活动的通知<o:p></o:p></span></b></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span lang=EN-US style='mso-fareast-font-family:仿宋_GB2312'><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span>
</span><![endif]><span style='font-family:仿宋_GB2312'>宣传时间<o:p></o:p></span></p>
<p class=MsoNormal>要点<st1:chsdate Year="2026" Month="4" Day="25">4月25日</st1:chsdate><font
face=宋体>前完成</font></p>
<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'><tr
style='mso-yfti-irow:0'><td width=284 valign=top colspan=2 style='width:213.05pt'><p
class=MsoNormal>单位<o:p></o:p></p></td></tr></table>
<p class=MsoNormal><a href="https://www.nhc.gov.cn/" style='color:blue'
onclick="steal()"><span style='mso-bidi-font-size:10.5pt'>国家卫生健康委员会</span></a></p>
</div><!--EndFragment--></body></html>"""

DIRT = (
    "mso",
    "Mso",
    "<o:p",
    "o:p>",
    "<st1",
    "<font",
    "style=",
    "class=",
    "lang=",
    "<span",
    "<!--",
    "[if",
    "endif",
    "<xml",
    "WordDocument",
    "onclick",
    "<div",
    "<meta",
    "width=",
)


def assert_clean(body: str) -> None:
    for dirt in DIRT:
        assert dirt not in body, f"{dirt!r} left in {body!r}"


def test_word_html_keeps_its_text_and_structure_and_nothing_else():
    body = clean_body(WORD_HTML)

    assert_clean(body)
    assert "<p><b>\n关于开展预防接种宣传周活动的通知</b></p>" in body
    assert "宣传时间" in body
    assert "要点4月25日前完成" in body
    assert '<td colspan="2"><p>单位</p></td>' in body
    assert '<a href="https://www.nhc.gov.cn/" rel="noopener noreferrer">' in body
