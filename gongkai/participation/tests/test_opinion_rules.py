"""The 舆情 clock in hours (国办发〔2016〕61号): calendar time, escalation, results, figures."""

import datetime
import zoneinfo

import pytest

from gongkai.participation import opinion
from gongkai.participation.models import ResponseKind, Severity
from gongkai.participation.opinion import ClockResult

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
MAJOR, GENERAL = Severity.MAJOR, Severity.GENERAL


def at(month, day, hour=0, minute=0, year=2026):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("first_seen", "severity", "deadline"),
    [
        # Across midnight: 23:30 first seen → 23:30 the next day (major) or the day after.
        (at(3, 10, 23, 30), MAJOR, at(3, 11, 23, 30)),
        (at(3, 10, 23, 30), GENERAL, at(3, 12, 23, 30)),
        # Across the 2026 National Day holiday (1–7 October): hours still run.
        (at(9, 30, 18), MAJOR, at(10, 1, 18)),
        (at(10, 1, 9), GENERAL, at(10, 3, 9)),
        (at(10, 7, 20), GENERAL, at(10, 9, 20)),
        # Across a weekend and across the year end.
        (at(3, 13, 17), GENERAL, at(3, 15, 17)),
        (at(12, 31, 12), MAJOR, datetime.datetime(2027, 1, 1, 12, tzinfo=SHANGHAI)),
    ],
)
def test_deadline_is_first_seen_plus_hours_on_calendar_time(first_seen, severity, deadline):
    assert opinion.respond_by(first_seen, [(first_seen, severity)]) == deadline


def test_hours_are_elapsed_hours_even_where_clocks_change():
    # Shanghai has no summer time; Berlin does. 24 hours over the October change are
    # 24 elapsed hours, which the wall clock shows as 22:00 the next day (not 23:00).
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    first_seen = datetime.datetime(2026, 10, 24, 23, 0, tzinfo=berlin)

    deadline = opinion.respond_by(first_seen, [(first_seen, MAJOR)])

    assert deadline.astimezone(datetime.UTC) - first_seen.astimezone(
        datetime.UTC
    ) == datetime.timedelta(hours=24)
    assert deadline.hour == 22


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        opinion.respond_by(datetime.datetime(2026, 3, 1), [(datetime.datetime(2026, 3, 1), MAJOR)])  # noqa: DTZ001


FS = at(5, 1, 8)  # first seen 1 May 08:00 (a holiday, which changes nothing)


@pytest.mark.parametrize(
    ("history", "deadline", "needs_press_conference"),
    [
        # No change.
        ([(FS, GENERAL)], at(5, 3, 8), False),
        ([(FS, MAJOR)], at(5, 2, 8), True),
        # Escalated early: 24 h from the escalation.
        ([(FS, GENERAL), (at(5, 1, 10), MAJOR)], at(5, 2, 10), True),
        # Escalated at the moment of first sighting: as if major from the start.
        ([(FS, GENERAL), (FS, MAJOR)], at(5, 2, 8), True),
        # Escalated late: never beyond the 48 hours the general clock allowed.
        ([(FS, GENERAL), (at(5, 2, 20), MAJOR)], at(5, 3, 8), True),
        # Escalated after the general deadline: still the general deadline (already missed).
        ([(FS, GENERAL), (at(5, 4, 8), MAJOR)], at(5, 3, 8), True),
        # De-escalated before the major deadline: the 48-hour clock from first sighting.
        ([(FS, MAJOR), (at(5, 1, 20), GENERAL)], at(5, 3, 8), False),
        # De-escalated exactly at the deadline: not yet missed.
        ([(FS, MAJOR), (at(5, 2, 8), GENERAL)], at(5, 3, 8), False),
        # De-escalated after the major deadline passed: nothing moves.
        ([(FS, MAJOR), (at(5, 2, 9), GENERAL)], at(5, 2, 8), True),
        # Up, down, up again: each step by the rules above.
        (
            [(FS, GENERAL), (at(5, 1, 9), MAJOR), (at(5, 1, 12), GENERAL), (at(5, 1, 20), MAJOR)],
            at(5, 2, 20),
            True,
        ),
        # History given out of order is read in time order.
        ([(FS, GENERAL), (at(5, 2, 1), GENERAL), (at(5, 1, 10), MAJOR)], at(5, 3, 8), False),
    ],
)
def test_severity_history_moves_the_clock(history, deadline, needs_press_conference):
    clock = opinion.read_clock(FS, history)

    assert clock.respond_by == deadline
    assert clock.needs_press_conference is needs_press_conference


def test_a_change_before_first_sighting_is_refused():
    with pytest.raises(ValueError, match="precede"):
        opinion.read_clock(FS, [(FS, GENERAL), (at(4, 30), MAJOR)])


PC, STATEMENT, FOLLOW_UP = (
    ResponseKind.PRESS_CONFERENCE,
    ResponseKind.STATEMENT,
    ResponseKind.FOLLOW_UP,
)


@pytest.mark.parametrize(
    ("severity", "responses", "first"),
    [
        # 一般: any kind meets the clock.
        (GENERAL, [(STATEMENT, at(5, 1, 12)), (PC, at(5, 1, 10))], at(5, 1, 10)),
        (GENERAL, [(FOLLOW_UP, at(5, 2, 9))], at(5, 2, 9)),
        # 重大: only a press conference (最迟应在24小时内举行新闻发布会).
        (MAJOR, [(STATEMENT, at(5, 1, 9)), (PC, at(5, 1, 20))], at(5, 1, 20)),
        (MAJOR, [(STATEMENT, at(5, 1, 9))], None),
        (MAJOR, [], None),
    ],
)
def test_which_responses_meet_the_clock(severity, responses, first):
    clock = opinion.read_clock(FS, [(FS, severity)])

    assert opinion.first_qualifying_response(clock, FS, responses) == first


DEADLINE = at(5, 2, 8)


@pytest.mark.parametrize(
    ("first_response", "closed", "has_responses", "now", "result"),
    [
        (at(5, 2, 8), None, True, at(5, 5), ClockResult.ON_TIME),  # at the deadline: on time
        (at(5, 2, 8, 1), None, True, at(5, 5), ClockResult.LATE),
        (at(5, 1, 9), at(5, 4), True, at(5, 5), ClockResult.ON_TIME),
        (None, None, False, at(5, 2, 8), ClockResult.PENDING),
        (None, None, True, at(5, 2, 8, 1), ClockResult.OVERDUE),
        # Closed with only non-qualifying responses (no press conference for a major one).
        (None, at(5, 1, 20), True, at(5, 5), ClockResult.MISSED),
        # Closed without any response, with a note, by the deadline: exempt …
        (None, at(5, 1, 20), False, at(5, 5), ClockResult.EXEMPT),
        # … but closing an overdue event that way does not rescue it.
        (None, at(5, 3), False, at(5, 5), ClockResult.MISSED),
    ],
)
def test_clock_result(first_response, closed, has_responses, now, result):
    assert (
        opinion.clock_result(
            respond_by=DEADLINE,
            first_response_at=first_response,
            closed_at=closed,
            has_responses=has_responses,
            now=now,
        )
        == result
    )


@pytest.mark.parametrize(
    ("now", "overdue", "hours", "minutes"),
    [
        (at(5, 1, 8), False, 24, 0),
        (at(5, 1, 22, 47), False, 9, 13),
        (datetime.datetime(2026, 5, 2, 7, 59, 30, tzinfo=SHANGHAI), False, 0, 0),
        (at(5, 2, 8), False, 0, 0),
        (at(5, 2, 11, 5), True, 3, 5),
        (at(5, 4, 9, 30), True, 49, 30),
    ],
)
def test_time_left_in_hours_and_minutes(now, overdue, hours, minutes):
    assert opinion.time_left(DEADLINE, now) == opinion.TimeLeft(overdue, hours, minutes)


def test_time_left_compares_instants_not_wall_clocks():
    utc_now = datetime.datetime(2026, 5, 1, 0, 0, tzinfo=datetime.UTC)  # 08:00 in Shanghai

    assert opinion.time_left(DEADLINE, utc_now) == opinion.TimeLeft(False, 24, 0)


def test_verification_requests_are_answered_within_24_hours():
    assert opinion.verification_answer_by(at(10, 1, 23, 30)) == at(10, 2, 23, 30)


def test_monthly_figures():
    hours = datetime.timedelta(hours=1)
    records = [
        # March, Shanghai time: four decided clocks, responses after 2, 4, 10, 30 hours.
        (at(3, 1, 9), at(3, 1, 11), ClockResult.ON_TIME),
        (at(3, 5, 9), at(3, 5, 9) + 4 * hours, ClockResult.ON_TIME),
        (at(3, 9, 9), at(3, 9, 9) + 10 * hours, ClockResult.ON_TIME),
        (at(3, 20, 9), at(3, 20, 9) + 30 * hours, ClockResult.LATE),
        (at(3, 25, 9), None, ClockResult.OVERDUE),
        (at(3, 26, 9), None, ClockResult.EXEMPT),  # counted as an event, not in the rate
        (at(3, 31, 9), None, ClockResult.PENDING),
        # 31 March 16:30 UTC is already 1 April in Shanghai.
        (datetime.datetime(2026, 3, 31, 16, 30, tzinfo=datetime.UTC), None, ClockResult.MISSED),
        (at(4, 2, 9), at(4, 2, 12), ClockResult.ON_TIME),
    ]

    march, april = opinion.monthly_figures(records, SHANGHAI)

    assert (march.year, march.month, march.events, march.decided, march.on_time) == (
        2026,
        3,
        7,
        5,
        3,
    )
    assert march.on_time_rate == pytest.approx(0.6)
    assert march.median_response_hours == pytest.approx(7.0)  # even count: (4 + 10) / 2
    assert (april.month, april.events, april.decided, april.on_time) == (4, 2, 2, 1)
    assert april.median_response_hours == pytest.approx(3.0)


def test_a_month_without_decided_clocks_has_no_rate():
    (figures,) = opinion.monthly_figures([(at(6, 1), None, ClockResult.PENDING)], SHANGHAI)

    assert figures.on_time_rate is None
    assert figures.median_response_hours is None
