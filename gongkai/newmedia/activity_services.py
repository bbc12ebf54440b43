"""Recording an account's last update: entered by staff, or read from its feed by the daily
command. Each change one function, atomic and audited; the ledger row (obligations.py) moves
with the account's save."""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record_event
from gongkai.newmedia import feeds
from gongkai.newmedia.errors import NewMediaError
from gongkai.newmedia.models import Account, AccountStatus, ActivitySource


@transaction.atomic
def record_update(*, account: Account, actor, updated_on: datetime.date | None) -> Account:
    """Staff enter the day of the account's last post (seen on the platform)."""
    if account.status != AccountStatus.OPEN:
        raise NewMediaError(_("只有运行中的账号需要记录更新。"))
    if updated_on is None:
        raise NewMediaError(_("请填写最近更新日期。"), field="updated_on")
    if updated_on > timezone.localdate():
        raise NewMediaError(_("最近更新日期不能晚于今天。"), field="updated_on")
    before = {"last_update_on": str(account.last_update_on or "")}
    account.last_update_on = updated_on
    account.last_update_source = ActivitySource.ENTERED
    account.updated_at = timezone.now()
    account.save(update_fields=["last_update_on", "last_update_source", "updated_at"])
    record_event(
        actor=actor,
        action="newmedia.activity.entered",
        obj=account,
        agency=account.agency,
        before=before,
        after={"last_update_on": str(updated_on)},
    )
    return account


@transaction.atomic
def record_feed_reading(
    *, account: Account, latest_on: datetime.date | None, problem: str, now: datetime.datetime
) -> bool:
    """Store one feed reading; returns whether anything changed. A date older than the one
    known (a feed that dropped its newest entry, an entered date) never moves it back; a date
    in the future (a wrong clock on the platform) counts as today."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    today = timezone.localdate(now)
    before = {"last_update_on": str(account.last_update_on or ""), "problem": account.feed_problem}
    fields = ["feed_checked_at", "feed_problem"]
    account.feed_checked_at = now
    account.feed_problem = problem[:300]
    if latest_on is not None:
        latest_on = min(latest_on, today)
        if account.last_update_on is None or latest_on > account.last_update_on:
            account.last_update_on = latest_on
            account.last_update_source = ActivitySource.FEED
            fields += ["last_update_on", "last_update_source"]
    after = {"last_update_on": str(account.last_update_on or ""), "problem": account.feed_problem}
    account.save(update_fields=fields)
    if after == before:
        return False
    record_event(
        actor=None,
        action="newmedia.activity.feed",
        obj=account,
        agency=account.agency,
        before=before,
        after=after,
    )
    return True


def read_feeds(
    *, now: datetime.datetime | None = None, fetcher: Callable[[str], bytes] | None = None
) -> feeds.Run:
    """Read every running account's feed once; idempotent (the same feed twice changes
    nothing the second time). Each account in its own transaction: one bad feed never undoes
    or stops another's reading."""
    now = now or timezone.now()
    fetcher = fetcher or feeds.fetch  # read at call time: tests replace feeds.fetch
    run = feeds.Run()
    for account in Account.objects.with_feed().order_by("pk"):
        latest_on, problem = feeds.read_one(account.feed_url, fetcher)
        record_feed_reading(account=account, latest_on=latest_on, problem=problem, now=now)
        run.readings.append(feeds.Reading(account.pk, latest_on, problem))
    return run
