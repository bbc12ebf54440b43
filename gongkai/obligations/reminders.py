"""The one daily reminder: each person gets one e-mail listing what is theirs and overdue or
due soon, across every kind of duty; sent at most once a day (issue #12)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from gongkai.agencies.models import Membership
from gongkai.obligations import ledger
from gongkai.obligations.models import DigestSent, Obligation
from gongkai.obligations.registry import daily_sweeps, get_kind
from gongkai.obligations.rules import State


def run_daily_sweeps(*, today: datetime.date) -> list[str]:
    """Run every app's daily sweep; returns their names."""
    names = []
    for name, sweep in daily_sweeps():
        sweep(today=today)
        names.append(name)
    return names


def _responsible(rows: list[Obligation]) -> dict[int, list[Obligation]]:
    """{user id: rows}: the assignee of a row, or else the agency's members in the roles its
    kind names."""
    roles_by_agency: dict[tuple[int, str], set[int]] = defaultdict(set)
    agency_ids = {r.agency_id for r in rows if r.assignee_id is None}
    for user_id, agency_id, role in Membership.objects.filter(
        agency_id__in=agency_ids, user__is_active=True
    ).values_list("user_id", "agency_id", "role"):
        roles_by_agency[(agency_id, role)].add(user_id)
    by_user: dict[int, list[Obligation]] = defaultdict(list)
    for row in rows:
        if row.assignee_id is not None:
            by_user[row.assignee_id].append(row)
            continue
        kind = get_kind(row.kind)
        for role in kind.responsible_roles if kind else ():
            for user_id in roles_by_agency[(row.agency_id, role)]:
                if all(r.pk != row.pk for r in by_user[user_id]):
                    by_user[user_id].append(row)
    return by_user


def _claim(user_id: int, today: datetime.date) -> bool:
    """Record today's digest for the person; False when it was already sent today."""
    try:
        with transaction.atomic():
            DigestSent.objects.create(user_id=user_id, on=today)
    except IntegrityError:
        return False
    return True


def send_digests(*, today: datetime.date, now: datetime.datetime) -> dict[str, int]:
    """One e-mail per person with overdue or due-soon duties; idempotent per person and day.
    Returns how many digests went out and how many duties they listed."""
    rows = Obligation.objects.select_related("agency")
    overdue = list(ledger.overdue(rows, today=today, now=now))
    soon = list(ledger.due_soon(rows, today=today, now=now))
    for row in overdue:
        row.state = State.OVERDUE
    for row in soon:
        row.state = State.DUE_SOON
    responsible = _responsible(overdue + soon)
    users = get_user_model().objects.in_bulk(list(responsible))
    sent = listed = 0
    for user_id, mine in responsible.items():
        user = users.get(user_id)
        if user is None or not user.is_active or not user.email:
            continue
        if not _claim(user_id, today):
            continue
        mine.sort(key=lambda r: (r.state != State.OVERDUE, r.due_on or today, r.pk))
        for row in mine:
            kind = get_kind(row.kind)
            row.kind_label = kind.label if kind else row.kind
        late = sum(1 for r in mine if r.state == State.OVERDUE)
        with override(settings.LANGUAGE_CODE):
            subject = _("【政务公开待办】已逾期 %(late)s 项，即将到期 %(soon)s 项") % {
                "late": late,
                "soon": len(mine) - late,
            }
            body = render_to_string(
                "obligations/digest.txt",
                {"user": user, "rows": mine, "today": today, "site_url": settings.SITE_URL},
            )
        send_mail(subject, body, None, [user.email], fail_silently=True)
        sent += 1
        listed += len(mine)
    return {"digests": sent, "duties": listed}
