"""Counting uses per scope and key in fixed windows, refusals, lockouts and the purge."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from gongkai.ratelimits import counting
from gongkai.ratelimits.errors import RateLimitExceeded
from gongkai.ratelimits.models import Lockout, RateCounter
from gongkai.ratelimits.rates import parse_rates

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# 10:00:00 Shanghai is 02:00:00 UTC: the start of an hourly window.
AT_TEN = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(AT_TEN, tick=False) as traveller:
        yield traveller


def take_many(times: int, scope: str = "form", key: str = "203.0.113.7", rates: str = "5/h"):
    for _ in range(times):
        counting.take(scope, key, parse_rates(rates))


def test_the_use_over_the_limit_is_refused_until_the_window_ends(clock):
    take_many(5)

    with pytest.raises(RateLimitExceeded) as refused:
        take_many(1)

    assert refused.value.retry_after == 3600
    assert refused.value.minutes == 60
    assert not refused.value.locked
    clock.shift(datetime.timedelta(minutes=59, seconds=59))
    with pytest.raises(RateLimitExceeded) as still:
        take_many(1)
    assert still.value.retry_after == 1
    clock.shift(datetime.timedelta(seconds=1))
    take_many(5)  # a new window


def test_keys_and_scopes_are_counted_apart():
    take_many(5, key="203.0.113.7")
    take_many(5, key="198.51.100.1")
    take_many(5, scope="other")

    assert RateCounter.objects.count() == 3


def test_the_tables_hold_digests_not_addresses_or_codes():
    take_many(1, key="203.0.113.7")
    counting.take("code", "ABCD1234", parse_rates("1/m"), lockout=datetime.timedelta(minutes=15))
    with pytest.raises(RateLimitExceeded):
        counting.take(
            "code", "ABCD1234", parse_rates("1/m"), lockout=datetime.timedelta(minutes=15)
        )

    stored = str(list(RateCounter.objects.values())) + str(list(Lockout.objects.values()))
    assert "203.0.113.7" not in stored
    assert "ABCD1234" not in stored


def test_a_refused_use_does_not_count_against_the_longer_window(clock):
    rates = "2/h,3/d"
    take_many(2, rates=rates)
    for _ in range(5):
        with pytest.raises(RateLimitExceeded):
            take_many(1, rates=rates)

    clock.shift(datetime.timedelta(hours=1))
    take_many(1, rates=rates)  # the day's third
    with pytest.raises(RateLimitExceeded) as refused:
        take_many(1, rates=rates)
    # The day's window (UTC days) ends at 08:00 Shanghai tomorrow: 21 hours from 11:00.
    assert refused.value.retry_after == 21 * 3600


def test_a_use_given_back_is_free_again():
    slots = counting.take("form", "k", parse_rates("1/h"))
    counting.give_back(slots)

    counting.take("form", "k", parse_rates("1/h"))
    with pytest.raises(RateLimitExceeded):
        counting.take("form", "k", parse_rates("1/h"))


def test_no_rates_no_limit():
    take_many(100, rates="off")

    assert not RateCounter.objects.exists()


def test_going_over_with_a_lockout_locks_the_key_for_that_long(clock):
    lockout = datetime.timedelta(minutes=15)
    for _ in range(5):
        counting.take("code", "ABCD1234", parse_rates("5/m"), lockout=lockout)

    with pytest.raises(RateLimitExceeded) as refused:
        counting.take("code", "ABCD1234", parse_rates("5/m"), lockout=lockout)

    assert (refused.value.locked, refused.value.retry_after) == (True, 15 * 60)
    clock.shift(datetime.timedelta(minutes=14))  # long past the minute's window
    with pytest.raises(RateLimitExceeded) as locked:
        counting.take("code", "ABCD1234", parse_rates("5/m"), lockout=lockout)
    assert (locked.value.locked, locked.value.retry_after) == (True, 60)
    clock.shift(datetime.timedelta(minutes=1))
    counting.take("code", "ABCD1234", parse_rates("5/m"), lockout=lockout)


def test_the_purge_deletes_past_windows_and_ended_lockouts_only(clock):
    take_many(1, rates="1/m")
    take_many(1, scope="daily", rates="1/d")
    Lockout.objects.create(
        scope="code", key_digest="x", until=timezone.now() + datetime.timedelta(minutes=1)
    )

    clock.shift(datetime.timedelta(minutes=2))
    out = io.StringIO()
    call_command("purge_ratelimits", stdout=out)

    assert out.getvalue() == "Deleted 2 expired rows.\n"

    assert list(RateCounter.objects.values_list("scope", flat=True)) == ["daily:86400"]
    assert not Lockout.objects.exists()
