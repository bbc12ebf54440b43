"""The time limit of a record follows its type as well as its catalogue element: licensing and
penalty results are published within 7 working days of the decision (双公示, spec §5.4),
whatever element the clerk chose (issue #10, point 4)."""

import datetime

import pytest

from gongkai.documents import services
from gongkai.documents.models import DocumentType
from gongkai.documents.rules import record_time_limit_days
from gongkai.documents.tests.factories import draft_values, make_agency_item

D = datetime.date


@pytest.mark.parametrize(
    ("document_type", "catalogue_days", "days"),
    [
        (DocumentType.LICENSING, 20, 7),  # a 20-day element or item cannot lengthen it
        (DocumentType.PENALTY, 20, 7),
        (DocumentType.LICENSING, 7, 7),
        (DocumentType.PENALTY, 5, 5),  # a stricter local limit still applies
        (DocumentType.ENFORCEMENT, 20, 20),  # 行政强制 is not part of 双公示
        (DocumentType.NOTICE, 20, 20),
        (DocumentType.NOTICE, 7, 7),
        (DocumentType.NORMATIVE, 20, 20),
    ],
)
def test_record_time_limit_days(document_type, catalogue_days, days):
    assert record_time_limit_days(document_type, catalogue_days) == days


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
@pytest.mark.parametrize(
    ("document_type", "element", "due_on"),
    [
        # Decided Monday 2 March 2026: 7 working days → Wednesday 11 March; 20 → 30 March.
        (DocumentType.PENALTY, "法律法规和政策文件", D(2026, 3, 11)),
        (DocumentType.PENALTY, "", D(2026, 3, 11)),  # the item's 20 days
        (DocumentType.LICENSING, "法律法规和政策文件", D(2026, 3, 11)),
        (DocumentType.LICENSING, "结果信息", D(2026, 3, 11)),
        (DocumentType.ENFORCEMENT, "法律法规和政策文件", D(2026, 3, 30)),
        (DocumentType.NOTICE, "法律法规和政策文件", D(2026, 3, 30)),
        (DocumentType.NOTICE, "结果信息", D(2026, 3, 11)),
    ],
)
def test_the_due_date_follows_the_decision_whatever_the_element(
    agency, publisher, item, document_type, element, due_on
):
    document = services.create_draft(
        agency=agency,
        actor=publisher,
        values=draft_values(
            item,
            document_type=document_type,
            catalogue_element=element,
            formed_on=D(2026, 3, 2),
        ),
        issuers=[agency.name],
    )
    assert document.due_on == due_on


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
def test_changing_the_type_to_a_penalty_shortens_the_clock_with_audit(agency, publisher, item):
    document = services.create_draft(
        agency=agency,
        actor=publisher,
        values=draft_values(item, catalogue_element="法律法规和政策文件", formed_on=D(2026, 3, 2)),
        issuers=[agency.name],
    )
    assert document.due_on == D(2026, 3, 30)

    services.update_draft(
        document=document, actor=publisher, values={"document_type": DocumentType.PENALTY}
    )

    document.refresh_from_db()
    assert document.due_on == D(2026, 3, 11)
    event = document_events(document).get(action="document.update")
    assert (event.before["due_on"], event.after["due_on"]) == ("2026-03-30", "2026-03-11")


@pytest.mark.django_db
@pytest.mark.usefixtures("in_march_2026")
def test_the_time_limit_explains_when_the_type_overrides_the_element(agency, publisher):
    item = make_agency_item(agency)
    penalty = services.create_draft(
        agency=agency,
        actor=publisher,
        values=draft_values(
            item, document_type=DocumentType.PENALTY, catalogue_element="法律法规和政策文件"
        ),
        issuers=[agency.name],
    )
    notice = services.create_draft(
        agency=agency, actor=publisher, values=draft_values(item), issuers=[agency.name]
    )

    assert services.publication_time_limit(penalty) == services.TimeLimit(days=7, catalogue_days=20)
    assert services.publication_time_limit(penalty).set_by_type is True
    assert services.publication_time_limit(notice).set_by_type is False


def document_events(document):
    from gongkai.audit.models import AuditEvent

    return AuditEvent.objects.for_object(document)
