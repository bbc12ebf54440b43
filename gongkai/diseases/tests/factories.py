"""make_<model>() helpers for the disease figures (tests)."""

import datetime
import io

from gongkai.agencies.models import Role
from gongkai.diseases import publication, rules, services
from gongkai.diseases.models import MonthlyReport
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_user


def rows(**cases: int) -> list[rules.Row]:
    """Every disease at 0 except those given as name=cases."""
    return [
        rules.Row(r.disease, r.disease_class, cases.get(r.disease, 0), 0)
        for r in services.blank_rows()
    ]


def make_report(agency, month: datetime.date, drafter=None, **cases: int) -> MonthlyReport:
    standard_item(agency, publication.CATALOGUE_CODE)  # derives the agency's catalogue
    drafter = drafter or make_user(agency=agency, roles=(Role.PUBLISHER,))
    return services.create_report(agency=agency, month=month, actor=drafter, rows=rows(**cases))


def make_published(agency, month: datetime.date, reviewer=None, **cases: int) -> MonthlyReport:
    report = make_report(agency, month, **cases)
    services.submit_report(report=report, actor=report.drafted_by)
    reviewer = reviewer or make_user(agency=agency, roles=(Role.REVIEWER,))
    return publication.publish_report(report=report, actor=reviewer)


def xlsx(*lines) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in lines:
        sheet.append(list(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
