"""Document test factories: `make_<thing>(**overrides)`, defaults computed per call."""

import io
import itertools
import struct
import zlib
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.catalogue.models import AgencyCatalogue, AgencyItem, StandardItem
from gongkai.catalogue.services import derive_catalogue
from gongkai.documents import services
from gongkai.documents.models import Document, DocumentType, Issuer, Status, Topic
from gongkai.factories import make_agency, make_user

_sequence = itertools.count(1)


def make_agency_item(agency: Agency | None = None, **overrides: Any) -> AgencyItem:
    """An agency catalogue item made directly (no standard catalogue needed): 20 working days,
    with a 7-day "结果信息" element."""
    agency = agency or make_agency()
    catalogue, _created = AgencyCatalogue.objects.get_or_create(agency=agency)
    n = next(_sequence)
    values: dict[str, Any] = {
        "category_code": "T01",
        "category_name": "测试一级事项",
        "code": f"T01{n:04d}",
        "name": f"测试二级事项{n}",
        "elements": [
            {"name": "法律法规和政策文件", "time_limit_days": 20},
            {"name": "结果信息", "time_limit_days": 7},
        ],
        "time_limit_days": 20,
    }
    values.update(overrides)
    return AgencyItem.objects.create(catalogue=catalogue, **values)


def standard_item(agency: Agency, code: str) -> AgencyItem:
    """The agency's copy of a standard catalogue item (derived from the shipped catalogue)."""
    if not StandardItem.objects.filter(code=code).exists():
        raise AssertionError(f"standard item {code} missing: was the catalogue flushed?")
    derive_catalogue(agency=agency, actor=None)
    return AgencyItem.objects.get(catalogue__agency=agency, code=code)


def draft_values(item: AgencyItem, **overrides: Any) -> dict[str, Any]:
    """Values for `services.create_draft`: a full, proactive notice formed today."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "title": f"关于开展测试工作的通知{n}",
        "document_number": "",
        "document_type": DocumentType.NOTICE,
        "topic": Topic.HEALTH,
        "catalogue_item": item,
        "catalogue_element": "",
        "formed_on": timezone.localdate(),
        "summary": "部署测试工作。",
        "body": "<p>各单位：</p>",
    }
    values.update(overrides)
    return values


def make_document(*, agency: Agency | None = None, drafted_by=None, **overrides: Any) -> Document:
    """A record saved straight to the database (no service, no audit), by default a draft."""
    item = overrides.pop("catalogue_item", None)
    if agency is None:
        agency = item.catalogue.agency if item is not None else make_agency()
    if item is None:
        item = make_agency_item(agency)
    issuers = overrides.pop("issuers", [agency.name])
    values = draft_values(item, **overrides)
    values.setdefault("status", Status.DRAFT)
    document = Document.objects.create(agency=agency, drafted_by=drafted_by, **values)
    Issuer.objects.bulk_create(
        Issuer(document=document, name=name, position=i) for i, name in enumerate(issuers)
    )
    return document


def make_published_document(*, reviewer=None, **overrides: Any) -> Document:
    """A record taken through review and published by the real service (索引号 and audit)."""
    overrides.setdefault("status", Status.IN_REVIEW)
    document = make_document(**overrides)
    reviewer = reviewer or make_user(agency=document.agency, roles=(Role.REVIEWER,))
    waiver = "测试用：不作解读。" if document.needs_interpretation else ""
    services.publish(document=document, actor=reviewer, interpretation_waiver=waiver)
    document.refresh_from_db()
    return document


# --- files ---------------------------------------------------------------------------------


def pdf_bytes(text: str = "Gongkai attachment text") -> bytes:
    """A one-page PDF with `text` (ASCII) in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref_at)
    )
    return out.getvalue()


def docx_bytes(text: str = "预防接种宣传周") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: list[list[Any]] | None = None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows or [["疫苗", "剂次"], ["乙肝疫苗", 120]]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def png_bytes() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
