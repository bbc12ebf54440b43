"""Consultations on the reply clock (条例第三十二条、第三十三条第三款、第三十四条).

Every date is counted by hand from the 2026 schedule of spec §6 (the counts are in the
comments). Received 2026-02-13: 02-14 (调休) = 1, 02-24..27 = 2..5, 02-28 (调休) = 6,
03-02 = 7; due 03-19 without events (test_clock.PLAIN_CASES).
"""

import pytest

from gongkai.foi.clock import ClockEvent, EventKind, read_clock
from gongkai.foi.consultations import ConsultationParty
from gongkai.workdays.tests.spec_schedules import day, spec_calendar

CALENDAR = spec_calendar()
K = EventKind
THIRD_PARTY = ConsultationParty.THIRD_PARTY
AGENCY = ConsultationParty.AGENCY


def sent(on, ref="1", party=THIRD_PARTY):
    return ClockEvent(kind=K.CONSULTATION_STARTED, on=day(on), ref=ref, party_kind=party)


def delivered(on, ref="1"):
    return ClockEvent(kind=K.CONSULTATION_DELIVERED, on=day(on), ref=ref)


def ended(on, ref="1"):
    return ClockEvent(kind=K.CONSULTATION_ENDED, on=day(on), ref=ref)


def read(events, today):
    return read_clock(
        received_on=day("2026-02-13"), events=events, calendar=CALENDAR, today=day(today)
    )


# (events, today, due, expired) — the party's 15 working days and what happens after them.
CASES = [
    # Received by the party 03-04: 03-05, 06 = 2, 03-09..13 = 7, 03-16..20 = 12, 03-23..25 =
    # 15: deadline 03-25. Before it the pause is open: no due date.
    ([sent("2026-03-02"), delivered("2026-03-04")], "2026-03-20", None, False),
    # Past it with no answer: the pause ends on 03-25 and the clock runs again. Day 8 = 03-26,
    # 9 = 03-27, 10, 11 = 03-30, 31, 12..14 = 04-01..03, 清明 04-04..06, 15..18 = 04-07..10,
    # 19 = 04-13, 20 = 04-14.
    ([sent("2026-03-02"), delivered("2026-03-04")], "2026-03-27", "2026-04-14", True),
    # Receipt not recorded: counted from the sending day, the earliest deadline possible:
    # 03-03..06 = 4, 03-09..13 = 9, 03-16..20 = 14, 03-23 = 15. Day 8 = 03-24 … 13 = 03-31,
    # 14..16 = 04-01..03, 17..20 = 04-07..10.
    ([sent("2026-03-02")], "2026-03-27", "2026-04-10", True),
    # An answer after the deadline: the pause still ends on the deadline (the days after it
    # are the agency's own), and nothing is flagged any more.
    ([sent("2026-03-02"), delivered("2026-03-04"), ended("2026-03-30")], "2026-03-30",
     "2026-04-14", False),
    # An answer within the period ends the pause on its day: 03-03..10 paused (6), day 8 =
    # 03-11, 03-12, 13 = 9, 10, 03-16..20 = 15, 03-23..27 = 20 (test_clock.PAUSE_CASES).
    ([sent("2026-03-02"), delivered("2026-03-04"), ended("2026-03-10")], "2026-03-10",
     "2026-03-27", False),
]  # fmt: skip


@pytest.mark.parametrize(("events", "today", "due", "expired"), CASES)
def test_the_party_has_fifteen_working_days_from_its_receipt(events, today, due, expired):
    reading = read(events, today)

    assert reading.due_on == (day(due) if due else None)
    assert bool(reading.expired_consultations) is expired
    assert any("征求意见期满未答复" in p for p in reading.problems) is expired
    assert reading.is_overdue is False


def test_a_consultation_past_its_deadline_is_explained_and_flagged():
    reading = read([sent("2026-03-02"), delivered("2026-03-04")], "2026-03-27")

    (consultation,) = reading.consultations
    assert consultation.deadline == day("2026-03-25")
    assert consultation.party_received_on == day("2026-03-04")
    assert consultation.is_open
    assert consultation.is_expired
    assert reading.paused_since is None  # the clock runs again
    # 03-03..06, 09..13, 16..20, 23..25: 17 working days not counted.
    assert (
        "暂停 2026-03-02 至 2026-03-25（征求第三方意见，所需时间依条例第三十二条、"
        "第三十三条第三款不计入答复期限；其间17个工作日不计入）"
    ) in reading.explanation
    assert (
        "征求意见期限 2026-03-25 届满，此后的时间计入答复期限（条例第三十二条、第三十四条）"
    ) in reading.explanation


def test_an_open_consultation_says_when_the_party_must_answer():
    reading = read([sent("2026-03-02"), delivered("2026-03-04")], "2026-03-20")

    assert reading.paused_since == day("2026-03-02")
    assert reading.explanation[-1] == (
        "第三方的征求意见期限：2026-03-25（自对方收到征求意见书之日 2026-03-04 起15个工作日）"
    )


def test_silence_of_a_third_party_is_not_consent_but_another_agency_consents():
    third_party = read([sent("2026-03-02", party=THIRD_PARTY)], "2026-03-27")
    agency = read([sent("2026-03-02", party=AGENCY)], "2026-03-27")

    assert "不视为同意" in third_party.problems[0]
    assert "第三十二条" in third_party.problems[0]
    assert "视为同意公开（条例第三十四条）" in agency.problems[0]
    assert agency.pause_reason == ""
    assert agency.due_on == day("2026-04-10")
    # Until the receipt is recorded, the clerk is asked to record it.
    assert third_party.problems[1].startswith("对方收到征求意见书的日期尚未登记")


def test_the_pause_reason_names_who_is_consulted():
    third_party = read([sent("2026-03-02", party=THIRD_PARTY)], "2026-03-05")
    agency = read([sent("2026-03-02", party=AGENCY)], "2026-03-05")

    assert third_party.pause_reason.startswith("征求第三方意见")
    assert "第三十二条" in third_party.pause_reason
    assert agency.pause_reason.startswith("征求其他机关意见")
    assert "第三十四条" in agency.pause_reason


def test_an_end_closes_the_consultation_it_names():
    events = [
        sent("2026-03-02", ref="7", party=THIRD_PARTY),
        sent("2026-03-05", ref="8", party=AGENCY),
        ended("2026-03-10", ref="8"),
    ]

    reading = read(events, "2026-03-10")

    first, second = reading.consultations
    assert first.is_open
    assert first.ended_on is None
    assert second.ended_on == day("2026-03-10")
    assert reading.due_on is None  # the third party's consultation still pauses the clock
    assert reading.paused_since == day("2026-03-02")


def test_an_end_without_a_reference_closes_the_oldest_open_consultation():
    # Logged before consultations had references (and by the importer).
    events = [
        ClockEvent(kind=K.CONSULTATION_STARTED, on=day("2026-03-02")),
        ClockEvent(kind=K.CONSULTATION_ENDED, on=day("2026-03-10")),
    ]

    reading = read(events, "2026-03-10")

    assert reading.due_on == day("2026-03-27")
    assert reading.consultations[0].party_kind == THIRD_PARTY


def test_a_reply_stops_the_flag():
    events = [sent("2026-03-02"), ClockEvent(kind=K.REPLIED, on=day("2026-03-20"))]

    reading = read(events, "2026-04-30")

    assert reading.expired_consultations == ()
    assert not any("征求意见期满未答复" in p for p in reading.problems)


def test_two_consultations_ending_on_one_deadline_are_explained_once():
    events = [sent("2026-03-02", ref="1"), sent("2026-03-02", ref="2", party=AGENCY)]

    reading = read(events, "2026-03-27")

    note = "征求意见期限 2026-03-23 届满，此后的时间计入答复期限（条例第三十二条、第三十四条）"
    assert reading.explanation.count(note) == 1
    assert len(reading.expired_consultations) == 2
