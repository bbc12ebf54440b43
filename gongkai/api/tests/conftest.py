"""An agency with a reviewer at a fixed moment of 2026, records in every state, a fresh search
index per test and a helper that feeds it as the documents app does."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import transaction
from django.utils.html import strip_tags

from gongkai.agencies.models import Level, Role
from gongkai.documents.models import Document, Status
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.search import index, services

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"


@pytest.fixture
def city(db):
    return make_agency(code="MAS-WJW", name="马鞍山市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(
        code="HX-WJJ",
        name="和县卫生健康委员会",
        short_name="和县卫健委",
        level=Level.COUNTY,
        parent=city,
        charges_foi_fees=True,
    )


@pytest.fixture
def item(agency):
    return make_agency_item(agency, code="T0100", name="行政规范性文件")


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,), first_name="审核员甲")


def publish(item, reviewer, **overrides) -> Document:
    """A public record published through the real service."""
    overrides.setdefault("status", Status.IN_REVIEW)
    return make_published_document(catalogue_item=item, reviewer=reviewer, **overrides)


def set_published_at(document: Document, moment: datetime.datetime) -> Document:
    """Move a record's publication moment (for ordering and year filters)."""
    Document.objects.filter(pk=document.pk).update(published_at=moment)
    document.refresh_from_db()
    return document


def search_payload(document: Document) -> dict:
    """The search payload of a record, keyed and coded as the API's search filters expect."""
    published_on = document.published_on
    return {
        "title": document.title,
        "numbers": [n for n in (document.document_number, document.index_number) if n],
        "summary": document.summary,
        "body": strip_tags(document.body),
        "agency": document.agency.code,
        "agency_name": document.agency.name,
        "doc_type": document.document_type,
        "validity": document.validity,
        "year": published_on.year if published_on else None,
        "published_on": published_on,
        "url": f"/records/{document.pk}/",
    }


def index_documents(*documents: Document) -> None:
    """Feed records to the search index under kind "document", whatever their state."""
    with transaction.atomic():
        for document in documents:
            services.enqueue_change(
                kind="document",
                object_id=document.pk,
                operation="upsert",
                payload=search_payload(document),
            )
    index.apply_outbox()
