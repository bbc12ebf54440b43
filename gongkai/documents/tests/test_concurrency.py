"""Concurrent publications in one agency get distinct 索引号 serials (row lock on the counter)."""

import threading

import pytest
from django.db import connection

from gongkai.agencies.models import Role
from gongkai.documents import services
from gongkai.documents.models import Document, Status
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.factories import make_agency, make_user

PUBLISHERS = 8

pytestmark = [
    pytest.mark.postgres_only("row locks need PostgreSQL"),
    pytest.mark.usefixtures("in_march_2026"),
    # Restore the seeded calendar and catalogue for whatever transactional test comes next.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_simultaneous_publications_get_distinct_serials():
    agency = make_agency()
    item = make_agency_item(agency)
    drafter = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    ids = [
        make_document(catalogue_item=item, drafted_by=drafter, status=Status.IN_REVIEW).pk
        for _ in range(PUBLISHERS)
    ]
    barrier = threading.Barrier(PUBLISHERS)
    errors: list[BaseException] = []

    def publish(document_id: int) -> None:
        try:
            document = Document.objects.get(pk=document_id)
            barrier.wait(timeout=10)
            services.publish(document=document, actor=reviewer)
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(pk,)) for pk in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    published = Document.objects.filter(pk__in=ids)
    assert all(d.status == Status.PUBLISHED for d in published)
    assert sorted(d.index_serial for d in published) == list(range(1, PUBLISHERS + 1))
    assert len({d.index_number for d in published}) == PUBLISHERS
