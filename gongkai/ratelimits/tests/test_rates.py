"""Rates as written in the settings, and the fixed windows they count in."""

import pytest

from gongkai.ratelimits.rates import Rate, RateSyntaxError, parse_rates, window_start


@pytest.mark.parametrize(
    ("text", "rates"),
    [
        ("5/h", (Rate(5, 3600),)),
        ("5/h,20/d", (Rate(5, 3600), Rate(20, 86400))),
        (" 10/m , 60/h ", (Rate(10, 60), Rate(60, 3600))),
        ("10/15m", (Rate(10, 900),)),
        ("3/30s", (Rate(3, 30),)),
        ("", ()),
        ("off", ()),
        ("OFF", ()),
    ],
)
def test_rates_are_read_from_the_setting(text, rates):
    assert parse_rates(text) == rates


@pytest.mark.parametrize("text", ["5", "5/hour", "h/5", "5/h;20/d", "0/h", "5/0m", "-1/h", "5/h,"])
def test_a_malformed_rate_fails_loudly(text):
    with pytest.raises(RateSyntaxError):
        parse_rates(text)


@pytest.mark.parametrize(
    ("timestamp", "seconds", "start"),
    [(3600, 3600, 3600), (7199, 3600, 3600), (7200, 3600, 7200), (125, 60, 120)],
)
def test_windows_are_aligned_on_unix_time(timestamp, seconds, start):
    assert window_start(timestamp, seconds) == start
