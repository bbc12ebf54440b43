"""Changing the calendar: audited, validated, and announced only after commit."""

import pytest
from django.db import transaction

from gongkai.audit.models import AuditEvent
from gongkai.factories import make_user
from gongkai.workdays import services
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import (
    CalendarYearMissing,
    InvalidSpecialDay,
    SpecialDayNotFound,
    WorkdaysError,
    YearNotLoaded,
)
from gongkai.workdays.models import CalendarYear, DayKind, Source, SpecialDay
from gongkai.workdays.rules import add_working_days, is_working_day
from gongkai.workdays.signals import calendar_changed
from gongkai.workdays.tests.spec_schedules import day

pytestmark = pytest.mark.django_db

# A made-up 2027 notice: the real one is not published yet (spec §6).
HOLIDAYS_2027 = [(day("2027-01-01"), "元旦"), (day("2027-02-08"), "春节")]
MAKEUP_WORKDAYS_2027 = [(day("2027-02-06"), "春节")]


@pytest.fixture
def announcements(monkeypatch):
    """What `calendar_changed` sends. Other apps' receivers are tested in those apps."""
    received = []

    def receiver(sender, **kwargs):
        received.append({"actor": kwargs["actor"], "years": kwargs["years"]})

    monkeypatch.setattr(calendar_changed, "receivers", [])
    calendar_changed.connect(receiver, weak=False)
    return received


@pytest.fixture
def admin_user():
    return make_user(is_staff=True, is_superuser=True)


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def load_2027(actor):
    return services.load_year(
        year=2027,
        notice="国办发明电〔2026〕99号",
        notice_url="https://www.gov.cn/example",
        actor=actor,
        holidays=HOLIDAYS_2027,
        makeup_workdays=MAKEUP_WORKDAYS_2027,
    )


def test_load_year_makes_the_year_usable(
    admin_user, announcements, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year = load_2027(admin_user)
        assert announcements == []  # not before commit

    assert announcements == [{"actor": admin_user, "years": {2027}}]
    assert calendar_year.source == Source.MANUAL
    calendar = get_calendar()
    assert add_working_days(day("2026-12-31"), 1, calendar) == day("2027-01-04")
    assert is_working_day(day("2027-02-06"), calendar)  # Saturday, 调休
    [event] = events(services.ACTION_LOAD_YEAR)
    assert event.actor == admin_user
    assert event.object_id == str(calendar_year.pk)
    assert event.before is None
    assert event.after == {
        "year": 2027,
        "notice": "国办发明电〔2026〕99号",
        "notice_url": "https://www.gov.cn/example",
        "source": "manual",
        "holidays": [["2027-01-01", "元旦"], ["2027-02-08", "春节"]],
        "makeup_workdays": [["2027-02-06", "春节"]],
    }


def test_load_year_replaces_a_loaded_year(
    admin_user, announcements, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.load_year(
            year=2026,
            notice="更正后的通知",
            actor=admin_user,
            holidays=[(day("2026-01-01"), "元旦")],
            makeup_workdays=[],
        )

    calendar_year = CalendarYear.objects.get(year=2026)
    assert list(calendar_year.days.values_list("day", flat=True)) == [day("2026-01-01")]
    assert calendar_year.source == Source.MANUAL
    [event] = events(services.ACTION_LOAD_YEAR)
    assert event.before["notice"] == "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）"
    assert ["2026-02-14", "春节"] in event.before["makeup_workdays"]
    assert event.after["holidays"] == [["2026-01-01", "元旦"]]
    assert announcements == [{"actor": admin_user, "years": {2026}}]


@pytest.mark.parametrize(
    ("holidays", "makeup_workdays", "message"),
    [
        ([(day("2027-01-01"), "元旦")], [(day("2027-02-05"), "春节")], "只有周六或周日"),
        ([(day("2026-12-31"), "元旦")], [], "不在2027年内"),
        ([(day("2027-01-01"), "元旦"), (day("2027-01-01"), "元旦")], [], "出现了不止一次"),
        (
            [(day("2027-01-01"), "元旦")],
            [(day("2027-01-02"), " ")],
            "请填写2027-01-02对应的节日名称",
        ),
        ([], [(day("2027-02-06"), "春节")], "至少应有一个放假日"),
    ],
)
def test_load_year_rejects_an_impossible_notice(admin_user, holidays, makeup_workdays, message):
    with pytest.raises(InvalidSpecialDay, match=message):
        services.load_year(
            year=2027,
            notice="通知",
            actor=admin_user,
            holidays=holidays,
            makeup_workdays=makeup_workdays,
        )
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert events(services.ACTION_LOAD_YEAR) == []


def test_load_year_needs_the_notice(admin_user):
    with pytest.raises(WorkdaysError, match="请填写放假通知"):
        services.load_year(
            year=2027, notice="  ", actor=admin_user, holidays=HOLIDAYS_2027, makeup_workdays=[]
        )


def test_set_special_day_adds_a_day(admin_user, announcements, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        special_day = services.set_special_day(
            year=2026,
            day=day("2026-12-31"),
            kind=DayKind.HOLIDAY,
            name="临时放假",
            actor=admin_user,
        )

    assert special_day.pk is not None
    assert not is_working_day(day("2026-12-31"), get_calendar())
    [event] = events(services.ACTION_SET_DAY)
    assert event.object_id == str(CalendarYear.objects.get(year=2026).pk)
    assert event.before is None
    assert event.after == {"day": "2026-12-31", "kind": "holiday", "name": "临时放假"}
    assert announcements == [{"actor": admin_user, "years": {2026}}]


def test_set_special_day_updates_a_day(
    admin_user, announcements, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.set_special_day(
            year=2026, day=day("2026-02-14"), kind="workday", name="春节调休", actor=admin_user
        )

    assert SpecialDay.objects.get(day=day("2026-02-14")).name == "春节调休"
    [event] = events(services.ACTION_SET_DAY)
    assert event.before == {"day": "2026-02-14", "kind": "workday", "name": "春节"}
    assert event.after == {"day": "2026-02-14", "kind": "workday", "name": "春节调休"}
    assert announcements == [{"actor": admin_user, "years": {2026}}]


def test_set_special_day_without_a_change_records_nothing(
    admin_user, announcements, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.set_special_day(
            year=2026, day=day("2026-02-14"), kind="workday", name="春节", actor=admin_user
        )

    assert events(services.ACTION_SET_DAY) == []
    assert announcements == []


def test_set_special_day_needs_a_loaded_year(admin_user, announcements):
    with pytest.raises(CalendarYearMissing) as raised:
        services.set_special_day(
            year=2027, day=day("2027-01-01"), kind="holiday", name="元旦", actor=admin_user
        )

    assert raised.value.year == 2027
    assert "2027年尚未载入工作日历" in raised.value.message
    assert not SpecialDay.objects.filter(day=day("2027-01-01")).exists()


@pytest.mark.parametrize(
    ("iso", "kind", "name", "message"),
    [
        ("2026-03-10", "workday", "春节", "2026-03-10 是周二。只有周六或周日才能设为调休上班日。"),
        ("2027-01-02", "workday", "元旦", "2027-01-02 不在2026年内，不能列入2026年的工作日历。"),
        ("2026-03-10", "holiday", "  ", "请填写2026-03-10对应的节日名称。"),
        ("2026-03-10", "rest", "春节", "未知的日期类型“rest”。"),
    ],
)
def test_set_special_day_rejects_impossible_days(admin_user, iso, kind, name, message):
    with pytest.raises(InvalidSpecialDay) as raised:
        services.set_special_day(year=2026, day=day(iso), kind=kind, name=name, actor=admin_user)

    assert raised.value.message == message
    assert events(services.ACTION_SET_DAY) == []


def test_remove_special_day(admin_user, announcements, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_special_day(day=day("2026-02-14"), actor=admin_user)

    assert not is_working_day(day("2026-02-14"), get_calendar())  # an ordinary Saturday again
    [event] = events(services.ACTION_REMOVE_DAY)
    assert event.before == {"day": "2026-02-14", "kind": "workday", "name": "春节"}
    assert event.after is None
    assert announcements == [{"actor": admin_user, "years": {2026}}]


def test_remove_special_day_that_is_not_special(admin_user):
    with pytest.raises(SpecialDayNotFound, match="2026-03-10 不是工作日历中的放假日或调休上班日"):
        services.remove_special_day(day=day("2026-03-10"), actor=admin_user)


def test_remove_year_makes_its_deadlines_provisional_then_unknown(
    admin_user, announcements, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_year(year=2026, actor=admin_user)

    assert not SpecialDay.objects.filter(day__year=2026).exists()
    calendar = get_calendar()
    # 2026 is now the year after the last loaded one: counted from the 放假办法 alone
    # (1 January off, no 调休), so 2 January is a working day.
    assert calendar.provisional_years == {2026}
    assert add_working_days(day("2025-12-31"), 1, calendar) == day("2026-01-02")
    with pytest.raises(YearNotLoaded):
        add_working_days(day("2025-12-31"), 1, calendar.official())
    with pytest.raises(YearNotLoaded):
        add_working_days(day("2026-12-31"), 1, calendar)
    [event] = events(services.ACTION_REMOVE_YEAR)
    assert event.before["year"] == 2026
    assert len(event.before["holidays"]) == 33
    assert announcements == [{"actor": admin_user, "years": {2026}}]


def test_update_notice_is_audited_but_not_announced(
    admin_user, announcements, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_notice(
            year=2026, notice="国办发明电〔2025〕7号", notice_url="", actor=admin_user
        )

    [event] = events(services.ACTION_UPDATE_NOTICE)
    assert event.after["notice"] == "国办发明电〔2025〕7号"
    assert announcements == []


def test_nothing_is_announced_when_the_transaction_rolls_back(
    admin_user, announcements, django_capture_on_commit_callbacks
):
    class Abort(Exception):
        pass

    def remove_then_abort():
        with transaction.atomic():
            services.remove_special_day(day=day("2026-02-14"), actor=admin_user)
            raise Abort

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Abort):
        remove_then_abort()

    assert callbacks == []
    assert announcements == []
    assert SpecialDay.objects.filter(day=day("2026-02-14")).exists()
