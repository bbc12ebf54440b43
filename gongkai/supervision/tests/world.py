"""A city with two counties for the supervision tests: county A lags, county B mostly does not.

Records, applications and reports are written straight to the database with explicit dates
(their post_save writes the ledger rows, as the services would); messages and 舆情 go through
the real services at the dates they happened."""

import datetime
import zoneinfo

import time_machine
from django.utils import timezone

from gongkai.agencies.models import Level, Role
from gongkai.catalogue.models import AgencyCatalogue, CatalogueStatus, ExpectedPublication
from gongkai.documents.models import DocumentType, Status
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.factories import make_agency, make_user
from gongkai.participation import opinion_services
from gongkai.participation.models import OpinionSource, Severity
from gongkai.participation.tests.mailbox_factories import make_message
from gongkai.reports.models import AnnualReport
from gongkai.reports.models import Status as ReportStatus
from gongkai.reports.obligations import open_report_duties
from gongkai.reports.tests.factories import make_application

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(day: D, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SH)


def published(item, *, due: D | None, on: D, **overrides):
    return make_document(
        catalogue_item=item,
        status=Status.PUBLISHED,
        due_on=due,
        published_at=at(on),
        formed_on=on - datetime.timedelta(days=30),
        **overrides,
    )


def make_world() -> dict:
    city = make_agency(name="测试市卫生健康委员会", level=Level.CITY)
    a = make_agency(name="甲县卫生健康局", short_name="甲县", parent=city)
    b = make_agency(name="乙县卫生健康局", short_name="乙县", parent=city)
    supervisor = make_user(agency=city, roles=(Role.SUPERVISOR,))
    city_admin = make_user(agency=city, roles=(Role.ADMIN,))
    a_admin = make_user(agency=a, roles=(Role.ADMIN,))
    b_admin = make_user(agency=b, roles=(Role.ADMIN,))

    # County A: one record of two published late, a policy without interpretation in a column
    # not updated since March, a blank column, an application overdue, a message past the
    # three-month line, a 舆情 event unanswered, no annual report, catalogue not filed.
    a1, a2, a3 = make_agency_item(a), make_agency_item(a), make_agency_item(a)
    # A monthly item of A whose October record never came (due in November, overdue now).
    ExpectedPublication.objects.create(
        agency_item=a3,
        period_start=D(2026, 10, 1),
        period_end=D(2026, 10, 31),
        due_on=D(2026, 11, 10),
    )
    published(a1, due=D(2026, 10, 1), on=D(2026, 10, 10))
    published(a1, due=D(2026, 9, 5), on=D(2026, 9, 1))
    policy = published(a2, due=None, on=D(2026, 3, 1), document_type=DocumentType.NORMATIVE)
    make_application(a, received="2026-10-01", due_on=D(2026, 11, 1))
    with time_machine.travel(at(D(2026, 7, 1)), tick=False):
        message = make_message(a)
    publisher = make_user(agency=a, roles=(Role.PUBLISHER,))
    event = opinion_services.record_opinion_event(
        agency=a,
        actor=publisher,
        title="网传甲县医院拒收病人",
        source=OpinionSource.SOCIAL_MEDIA,
        summary="短视频",
        first_seen_at=timezone.now() - datetime.timedelta(days=3),
        severity=Severity.MAJOR,
        responsible_unit="甲县医院",
    )

    # County B: its records on time except one draft past its due date, an application
    # answered late, its 2025 report published on 20 January, its catalogue filed.
    b1 = make_agency_item(b)
    published(b1, due=D(2026, 11, 5), on=D(2026, 11, 1))
    make_document(catalogue_item=b1, due_on=D(2026, 11, 1))
    make_application(b, received="2026-09-01", closed="2026-10-20", due_on=D(2026, 10, 10))
    AnnualReport.objects.create(
        agency=b, year=2025, status=ReportStatus.PUBLISHED, published_at=at(D(2026, 1, 20))
    )
    AgencyCatalogue.objects.filter(agency=b).update(status=CatalogueStatus.FILED)
    # The daily sweep of 1 January 2026: every agency owes its report on 2025 (the ledger).
    open_report_duties(today=D(2026, 1, 1))
    return {
        "city": city,
        "a": a,
        "b": b,
        "supervisor": supervisor,
        "city_admin": city_admin,
        "a_admin": a_admin,
        "b_admin": b_admin,
        "policy": policy,
        "message": message,
        "event": event,
    }
