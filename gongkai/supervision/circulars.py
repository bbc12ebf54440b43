"""The circular (通报): from a period and chosen finding kinds, a draft in the usual structure —
一、基本情况 (figures), 二、存在问题 (naming the agencies), 三、整改要求 — downloadable as DOCX and
turned with one click into a library record (通知公告) that goes through review as any other."""

import datetime
import io
from dataclasses import dataclass, field

import docx
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event
from gongkai.catalogue.models import AgencyItem
from gongkai.documents import services as document_services
from gongkai.documents.models import Document, DocumentType, Topic
from gongkai.supervision import findings
from gongkai.supervision.errors import SupervisionError
from gongkai.supervision.league import Table

RECTIFY_WITHIN_DAYS = 30
CHINESE_NUMBERS = "一二三四五六七八九十"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Circular:
    title: str
    addressee: str
    sections: list[Section]
    signature: str
    date: datetime.date

    @property
    def summary(self) -> str:
        return self.sections[0].paragraphs[0] if self.sections[0].paragraphs else self.title


def chinese_date(day: datetime.date) -> str:
    return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}


def draft_circular(
    table: Table, codes: list[str], *, today: datetime.date, now: datetime.datetime
) -> Circular:
    """The circular of `table`'s period on the chosen finding kinds (all when none chosen)."""
    kinds = [findings.BY_CODE[c] for c in codes if c in findings.BY_CODE] or findings.KINDS
    agency, period = table.agency, table.period
    names = {row.agency.pk: row.agency.display_name for row in table.rows}
    scope = findings.Scope(
        frozenset(names),
        period,
        today,
        now,
        table.scheme.stale_months if table.scheme else 6,
    )
    figures = {kind.code: kind.count(scope) for kind in kinds}

    basic = [
        _(
            "根据政府信息公开工作要求，%(agency)s对所属%(n)s个单位%(period)s政务公开工作情况"
            "进行了检查，现将有关情况通报如下。"
        )
        % {"agency": agency.name, "n": len(names), "period": period.label}
    ]
    totals = []
    for kind in kinds:
        counts = {k: v for k, v in figures[kind.code].counts.items() if v and k in names}
        totals.append(
            _("%(label)s%(total)s项（涉及%(units)s个单位）")
            % {"label": kind.label, "total": sum(counts.values()), "units": len(counts)}
        )
    basic.append(_("检查发现：") + "；".join(totals) + "。")
    if table.rows:
        best = [r.agency.display_name for r in table.rows if r.rank == table.rows[0].rank]
        worst_rank = table.rows[-1].rank
        worst = [r.agency.display_name for r in table.rows if r.rank == worst_rank]
        basic.append(
            _("按考核指标计分（满分%(full)s分），%(best)s得分最高，%(worst)s得分最低。")
            % {"full": table.full_marks, "best": "、".join(best), "worst": "、".join(worst)}
        )

    problems = []
    for kind in kinds:
        counts = {k: v for k, v in figures[kind.code].counts.items() if v and k in names}
        if not counts:
            continue
        named = "、".join(
            _("%(name)s%(n)s项") % {"name": names[k], "n": v}
            for k, v in sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))
        )
        number = CHINESE_NUMBERS[len(problems)] if len(problems) < 10 else str(len(problems) + 1)
        problems.append(f"（{number}）{kind.label}。{named}。{kind.rule}")
    if not problems:
        problems.append(_("本次检查未发现所列问题。"))

    due_on = today + datetime.timedelta(days=RECTIFY_WITHIN_DAYS)
    requirements = [
        _(
            "请被通报的单位对照存在的问题逐项整改，于%(due)s前将整改情况（附佐证材料）报送%(agency)s。"
        )
        % {"due": chinese_date(due_on), "agency": agency.display_name},
        _(
            "各单位要举一反三，落实信息发布审核、依申请公开答复、留言办理和舆情回应的时限要求，"
            "防止问题反弹。"
        ),
        _("整改情况将纳入年度政务公开工作考核。"),
    ]
    return Circular(
        title=_("关于%(period)s政务公开工作情况的通报") % {"period": period.label},
        addressee=_("各有关单位"),
        sections=[
            Section(_("一、基本情况"), basic),
            Section(_("二、存在问题"), problems),
            Section(_("三、整改要求"), requirements),
        ],
        signature=agency.name,
        date=today,
    )


def _font(run, size: int, east_asian: str) -> None:
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def render_docx(circular: Circular) -> bytes:
    """The circular as a Word document (宋体 title, 黑体 headings, 仿宋 body)."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(circular.title)
    run.bold = True
    _font(run, 22, "宋体")
    _font(document.add_paragraph().add_run(f"{circular.addressee}："), 16, "仿宋")
    for section in circular.sections:
        _font(document.add_paragraph().add_run(section.heading), 16, "黑体")
        for text in section.paragraphs:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            _font(paragraph.add_run(text), 16, "仿宋")
    for line in (circular.signature, chinese_date(circular.date)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(paragraph.add_run(line), 16, "仿宋")
    document.core_properties.title = circular.title
    document.core_properties.author = circular.signature
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def body_html(circular: Circular) -> str:
    parts = [f"<p>{escape(circular.addressee)}：</p>"]
    for section in circular.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts.extend(f"<p>{escape(text)}</p>" for text in section.paragraphs)
    parts.append(f"<p>{escape(circular.signature)}</p>")
    parts.append(f"<p>{escape(chinese_date(circular.date))}</p>")
    return "".join(parts)


def circular_item(agency: Agency) -> AgencyItem:
    """Where the circular is filed in the agency's catalogue: an item for notices if the
    agency added one, else the disclosure catalogue item (G12), else the first applicable."""
    items = AgencyItem.objects.applicable().filter(catalogue__agency=agency)
    for lookup in ({"name__contains": "通知"}, {"category_code": "G12"}, {}):
        item = items.filter(**lookup).order_by("category_code", "order", "code").first()
        if item is not None:
            return item
    raise SupervisionError(_("本机关还没有公开目录，无法把通报存为政府信息。请先编制公开目录。"))


@transaction.atomic
def create_circular_record(*, agency: Agency, circular: Circular, actor) -> Document:
    """A draft record (通知公告) of the circular, for review and publication as usual."""
    document = document_services.create_draft(
        agency=agency,
        actor=actor,
        values={
            "title": circular.title,
            "document_type": DocumentType.NOTICE,
            "topic": Topic.OPENNESS,
            "catalogue_item": circular_item(agency),
            "formed_on": circular.date,
            "summary": circular.summary[:500],
            "body": body_html(circular),
            "attribute": "proactive",
            "scope": "full",
        },
        issuers=[agency.name],
    )
    record_event(
        actor=actor,
        action="supervision.circular.record",
        obj=document,
        agency=agency,
        after={"title": circular.title},
    )
    return document
