"""The supervision benchmark's ledger rows of the kinds other than records (applications,
messages, 舆情, periodic records, verification requests), with the messages themselves: part of
bench/supervision_data.py, split out for length."""

from __future__ import annotations

import datetime
import random

from supervision_data import (
    FIRST_DAY,
    OBLIGATION_NAMES,
    TODAY,
    AgencyPlan,
    Inserter,
    Sizes,
    day_between,
    next_id,
    office_moment,
    working_days_later,
)

# The open obligations that are not unpublished records, by kind (shares of what is left).
OPEN_SHARES = {
    "foi.reply": 0.20,
    "participation.message_reply": 0.45,
    "participation.opinion_response": 0.10,
    "catalogue.expected_publication": 0.20,
    "participation.verification_answer": 0.05,
}
# Done obligations of those kinds, per open one, and the share done late.
DONE_PER_OPEN = {
    "foi.reply": (2.0, 0.12),
    "participation.message_reply": (2.0, 0.10),
    "participation.opinion_response": (1.5, 0.20),
    "catalogue.expected_publication": (3.0, 0.15),
    "participation.verification_answer": (1.0, 0.10),
}


def generate_other_obligations(
    connection, sizes: Sizes, plans: list[AgencyPlan], open_left: int, rng: random.Random
) -> dict[str, int]:
    """Ledger rows of the kinds whose subjects the league table does not read (their
    `object_id` numbers a subject that is not created) and, for messages, the PublicMessage
    rows too: the veto-line finding reads the messages themselves."""
    from django.contrib.contenttypes.models import ContentType

    from gongkai.catalogue.models import ExpectedPublication
    from gongkai.foi.models import Application
    from gongkai.obligations.models import Obligation
    from gongkai.participation.models import OpinionEvent, PublicMessage, VerificationRequest

    models = {
        "foi.reply": Application,
        "participation.message_reply": PublicMessage,
        "participation.opinion_response": OpinionEvent,
        "catalogue.expected_publication": ExpectedPublication,
        "participation.verification_answer": VerificationRequest,
    }
    obligations = Inserter(connection, Obligation, OBLIGATION_NAMES)
    message_names = [
        "id", "agency_id", "query_code", "category", "subject", "body", "received_at",
        "due_on", "status", "answered_at", "updated_at",
    ]  # fmt: skip
    messages = Inserter(connection, PublicMessage, message_names)
    pk = next_id(Obligation)
    message_pk = next_id(PublicMessage)
    agency_weights = [plan.weight for plan in plans]
    counts: dict[str, int] = {}
    kinds = list(OPEN_SHARES)
    opens = {kind: int(open_left * OPEN_SHARES[kind]) for kind in kinds}
    opens[kinds[0]] += open_left - sum(opens.values())
    for kind in kinds:
        content_type = ContentType.objects.get_for_model(models[kind]).pk
        per_open, late_share = DONE_PER_OPEN[kind]
        total_done = int(opens[kind] * per_open)
        ledger, message_rows = [], []
        instant = kind in ("participation.opinion_response", "participation.verification_answer")
        for number in range(opens[kind] + total_done):
            is_open = number < opens[kind]
            plan = rng.choices(plans, agency_weights)[0]
            if is_open:  # started within the last eight months: many are overdue
                start = day_between(rng, TODAY - datetime.timedelta(days=240), TODAY)
            else:
                start = day_between(rng, FIRST_DAY, TODAY - datetime.timedelta(days=30))
            started = office_moment(rng, start)
            due_at = None
            if instant:
                due_at = started + datetime.timedelta(hours=rng.choice((24, 48)))
                due = due_at.date()
            else:
                due = working_days_later(
                    start, 15 if kind != "catalogue.expected_publication" else 20
                )
            done_on = done_at = None
            if not is_open:
                late = rng.random() < late_share
                if instant:
                    done_at = due_at + datetime.timedelta(
                        hours=rng.randint(1, 72) * (1 if late else -1) / 4
                    )
                    done_on = done_at.date()
                else:
                    offset = rng.randint(1, 30) if late else -rng.randint(0, (due - start).days)
                    done_on = due + datetime.timedelta(days=offset)
            object_id = message_pk + number if kind == "participation.message_reply" else number + 1
            ledger.append(
                {
                    "id": pk,
                    "agency_id": plan.agency_id,
                    "kind": kind,
                    "content_type_id": content_type,
                    "object_id": object_id,
                    "title": f"{kind} {object_id}",
                    "due_on": due,
                    "due_at": due_at,
                    "is_provisional": False,
                    "done_on": done_on,
                    "done_at": done_at,
                    "is_late": None if done_on is None else (
                        done_at > due_at if instant else done_on > due
                    ),
                    "updated_at": started,
                }
            )  # fmt: skip
            pk += 1
            if kind == "participation.message_reply":
                answered = office_moment(rng, done_on) if done_on else None
                message_rows.append(
                    {
                        "id": object_id,
                        "agency_id": plan.agency_id,
                        "query_code": f"BM{object_id:010d}",
                        "category": "enquiry",
                        "subject": "关于就医报销的咨询",
                        "body": "请问异地就医如何备案？",
                        "received_at": started,
                        "due_on": due,
                        "status": "received" if is_open else "answered",
                        "answered_at": answered,
                        "updated_at": answered or started,
                    }
                )
        obligations.write(ledger)
        if message_rows:
            messages.write(message_rows)
        counts[kind] = len(ledger)
        counts[f"{kind} open"] = opens[kind]
    return counts
