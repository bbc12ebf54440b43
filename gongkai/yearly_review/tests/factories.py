"""Yearly review test factories: filed records and answered applications of a given day."""

import datetime
import zoneinfo
from typing import Any

from gongkai.documents.models import Attribute, Document, Scope, Status, WithholdingBasis
from gongkai.documents.tests.factories import make_document
from gongkai.foi.outcomes import Outcome
from gongkai.reports.tests.factories import make_application

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(10), tzinfo=SHANGHAI
    )


def make_filed_record(agency, *, on: str = "2026-03-02", **overrides: Any) -> Document:
    """A record filed (reviewed and 'published' to the register) on `on`, withheld by default."""
    values: dict[str, Any] = {
        "status": Status.PUBLISHED,
        "published_at": at(on),
        "attribute": Attribute.WITHHELD,
        "withholding_basis": WithholdingBasis.PROCESS_INFORMATION,
        "withholding_reason": "讨论记录，属于过程性信息。",
        "formed_on": datetime.date.fromisoformat(on),
    }
    values.update(overrides)
    return make_document(agency=agency, **values)


def make_redacted_record(agency, **overrides: Any) -> Document:
    return make_filed_record(
        agency,
        attribute=Attribute.PROACTIVE,
        scope=Scope.REDACTED,
        withholding_basis=WithholdingBasis.THIRD_PARTY,
        withholding_reason="删去当事人的身份证号码。",
        **overrides,
    )


def make_reply(agency, *, on: str = "2026-04-01", outcome: str = Outcome.WITHHELD_PROCESS, **kw):
    """An application answered on `on` with `outcome`."""
    return make_application(agency, received=on, closed=on, outcome=outcome, **kw)
