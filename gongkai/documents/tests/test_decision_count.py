"""A licensing, penalty or enforcement result may list several decisions; Table A counts each
(本年处理决定数量, spec §3.2; issue #10 point 3). Other records are one item."""

import pytest
from django.db import IntegrityError, transaction

from gongkai.audit.models import AuditEvent
from gongkai.documents import services
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document, DocumentType
from gongkai.documents.rules import decision_count_problem
from gongkai.documents.tests.factories import draft_values, make_document

NOT_POSITIVE = "决定数量必须是不小于1的整数。"
ONLY_DECISIONS = "只有行政许可、行政处罚、行政强制决定填写决定数量；其他类型的信息决定数量为1。"


@pytest.mark.parametrize(
    ("document_type", "count", "problem"),
    [
        (DocumentType.LICENSING, 1, ""),
        (DocumentType.LICENSING, 250, ""),
        (DocumentType.PENALTY, 3, ""),
        (DocumentType.ENFORCEMENT, 2, ""),
        (DocumentType.PENALTY, 0, NOT_POSITIVE),
        (DocumentType.PENALTY, -1, NOT_POSITIVE),
        (DocumentType.PENALTY, None, NOT_POSITIVE),
        (DocumentType.PENALTY, "3", NOT_POSITIVE),
        (DocumentType.PENALTY, True, NOT_POSITIVE),
        (DocumentType.NOTICE, 1, ""),
        (DocumentType.NOTICE, 2, ONLY_DECISIONS),
        (DocumentType.INSPECTION, 4, ONLY_DECISIONS),
    ],
)
def test_decision_count_problem(document_type, count, problem):
    assert decision_count_problem(document_type, count) == problem


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
def test_drafting_keeps_the_count_and_refuses_a_wrong_one(agency, publisher, item):
    penalty = services.create_draft(
        agency=agency,
        actor=publisher,
        values=draft_values(item, document_type=DocumentType.PENALTY, decision_count=4),
        issuers=[agency.name],
    )
    assert Document.objects.get(pk=penalty.pk).decision_count == 4
    created = AuditEvent.objects.for_object(penalty).get(action="document.create")
    assert created.after["decision_count"] == 4

    with pytest.raises(DocumentError) as caught:
        services.update_draft(
            document=penalty, actor=publisher, values={"document_type": DocumentType.NOTICE}
        )
    assert (caught.value.field, caught.value.message) == ("decision_count", ONLY_DECISIONS)
    penalty.refresh_from_db()
    assert (penalty.document_type, penalty.decision_count) == (DocumentType.PENALTY, 4)

    notice = services.create_draft(
        agency=agency, actor=publisher, values=draft_values(item), issuers=[agency.name]
    )
    assert notice.decision_count == 1  # not given: one


@pytest.mark.django_db
def test_the_database_refuses_a_count_below_one(item):
    document = make_document(catalogue_item=item, document_type=DocumentType.PENALTY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(decision_count=0)
