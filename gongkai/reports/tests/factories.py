"""Report test factories: applications and cases made directly, with explicit dates.

The FOI services stamp today's dates; a report needs a whole year of history, so these rows
are written straight to the database (no log, no audit), as imported history would be.
"""

import datetime
import itertools
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.foi.models import Application, Event, LogKind, RemedyCase, Status
from gongkai.foi.outcomes import ApplicantType

_sequence = itertools.count(1)


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def make_application(
    agency: Agency,
    *,
    received: str,
    closed: str | None = None,
    outcome: str = "",
    applicant_type: str = ApplicantType.NATURAL,
    **overrides: Any,
) -> Application:
    """An application received on `received` and, with `closed`, concluded that day."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "agency": agency,
        "query_code": f"RPT{n:07d}",
        "applicant_type": applicant_type,
        "applicant_name": f"申请人{n}",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13800000000",
        "description": f"第{n}项信息",
        "delivery_form": "email",
        "channel": "in_person",
        "submitted_on": day(received),
        "received_on": day(received),
        "closed_on": day(closed) if closed else None,
        "replied_on": day(closed) if closed else None,
        "outcome": outcome,
        "status": Status.CLOSED if closed else Status.IN_PROGRESS,
    }
    values.update(overrides)
    return Application.objects.create(**values)


def make_fee_payment(application: Application, *, on: str, amount: int) -> Event:
    application.fee_paid_amount = amount
    application.save(update_fields=["fee_paid_amount"])
    return Event.objects.create(
        application=application, kind=LogKind.FEE_PAID, on=day(on), details={"amount": amount}
    )


def make_case(
    application: Application,
    *,
    kind: str,
    filed: str,
    result: str = "pending",
    concluded: str | None = None,
) -> RemedyCase:
    return RemedyCase.objects.create(
        application=application,
        kind=kind,
        filed_on=day(filed),
        result=result,
        concluded_on=day(concluded) if concluded else None,
    )
