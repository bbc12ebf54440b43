"""A small system to back up: agencies, a published record with an attachment, an
information application with an ID copy, audit events; and snapshots to compare."""

import io
import shutil
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from gongkai.agencies.models import Level, Role
from gongkai.documents import services as document_services
from gongkai.documents.models import Document, Status
from gongkai.documents.tests.factories import make_agency_item, make_document, pdf_bytes, png_bytes
from gongkai.factories import make_agency, make_user
from gongkai.foi import services as foi_services

TITLE = "关于开展预防接种宣传周活动的通知"


def build_system() -> dict[str, Any]:
    """Rows and files of every kind the backup must carry."""
    province = make_agency(name="某省卫生健康委员会", level=Level.PROVINCE)
    agency = make_agency(name="某市卫生健康委员会", level=Level.CITY, parent=province)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    document = make_document(catalogue_item=make_agency_item(agency), title=TITLE)
    attachment = document_services.add_attachment(
        document=document, actor=None, name="活动方案.pdf", data=pdf_bytes()
    )
    document.status = Status.IN_REVIEW
    document.save(update_fields=["status"])
    document_services.publish(document=document, actor=reviewer, interpretation_waiver="测试。")
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
    return {
        "agency": agency,
        "document": document,
        "attachment": attachment,
        "application": application,
    }


def rows() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the models know, in primary-key order."""
    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        snapshot[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return snapshot


def files() -> dict[str, bytes]:
    """Every file under MEDIA_ROOT by its relative path."""
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def damage_system(system: dict[str, Any]) -> None:
    """What the restore must undo: changed and new rows, lost and stray files, a lost index."""
    Document.objects.filter(pk=system["document"].pk).update(title="被改动的标题")
    make_agency(name="备份之后新建的机关")
    Path(system["attachment"].file.path).unlink()
    Path(system["application"].id_copy.path).write_bytes(b"overwritten")
    stray = Path(settings.MEDIA_ROOT) / "attachments" / "stray.txt"
    stray.write_text("not in the backup")
    shutil.rmtree(settings.SEARCH_INDEX_DIR, ignore_errors=True)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)
    # Content type ids are cached per process; a restore replaced the table they come from.
    ContentType.objects.clear_cache()
    return out.getvalue()
