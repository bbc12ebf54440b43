"""The calendar in the admin: superusers only, and every save audited and announced."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.factories import make_user
from gongkai.workdays import services
from gongkai.workdays.models import CalendarYear, DayKind, Source, SpecialDay
from gongkai.workdays.signals import calendar_changed
from gongkai.workdays.tests.spec_schedules import day

pytestmark = [
    pytest.mark.django_db,
    # WhiteNoise warns when STATIC_ROOT (var/static) has not been collected, as in a fresh
    # checkout; that is a project set-up matter, not the calendar's.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def announcements(monkeypatch):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["years"])

    monkeypatch.setattr(calendar_changed, "receivers", [])
    calendar_changed.connect(receiver, weak=False)
    return received


@pytest.fixture
def superuser_client(client):
    user = make_user(is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


def inline_data(days, initial=0):
    data = {
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(initial),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, values in enumerate(days):
        data.update({f"days-{i}-{key}": value for key, value in values.items()})
    return data


def test_staff_without_superuser_cannot_see_the_calendar(client):
    client.force_login(make_user(is_staff=True))

    response = client.get(reverse("admin:workdays_calendaryear_changelist"))

    assert response.status_code == 403


def test_superuser_sees_the_years(superuser_client):
    response = superuser_client.get(reverse("admin:workdays_calendaryear_changelist"))

    assert response.status_code == 200
    assert "国办发明电〔2024〕12号" in response.content.decode()


def test_adding_a_year_with_its_days(
    superuser_client, announcements, django_capture_on_commit_callbacks
):
    data = {"year": "2027", "notice": "国办发明电〔2026〕99号", "notice_url": ""}
    data.update(
        inline_data(
            [
                {"day": "2027-01-01", "kind": "holiday", "name": "元旦"},
                {"day": "2027-02-06", "kind": "workday", "name": "春节"},
            ]
        )
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(reverse("admin:workdays_calendaryear_add"), data)

    assert response.status_code == 302
    calendar_year = CalendarYear.objects.get(year=2027)
    assert calendar_year.source == Source.MANUAL
    assert list(calendar_year.days.values_list("day", "kind")) == [
        (day("2027-01-01"), DayKind.HOLIDAY),
        (day("2027-02-06"), DayKind.WORKDAY),
    ]
    actions = list(
        AuditEvent.objects.filter(object_id=str(calendar_year.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == sorted(
        [services.ACTION_ADD_YEAR, services.ACTION_SET_DAY, services.ACTION_SET_DAY]
    )
    assert AuditEvent.objects.filter(actor=superuser_client.user).count() == 3
    assert announcements == [{2027}]  # once per save, not once per day


def test_editing_days_of_a_year(
    superuser_client, announcements, django_capture_on_commit_callbacks
):
    calendar_year = CalendarYear.objects.get(year=2026)
    existing = list(calendar_year.days.order_by("day"))
    forms = [
        {
            "id": str(d.pk),
            "year": str(calendar_year.pk),
            "day": d.day.isoformat(),
            "kind": d.kind,
            "name": d.name,
        }
        for d in existing
    ]
    saturday = next(i for i, d in enumerate(existing) if d.day == day("2026-02-14"))
    forms[saturday]["DELETE"] = "on"
    forms.append(
        {"year": str(calendar_year.pk), "day": "2026-12-31", "kind": "holiday", "name": "临时放假"}
    )
    data = {"notice": calendar_year.notice, "notice_url": calendar_year.notice_url}
    data.update(inline_data(forms, initial=len(existing)))

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            reverse("admin:workdays_calendaryear_change", args=[calendar_year.pk]), data
        )

    assert response.status_code == 302
    assert not SpecialDay.objects.filter(day=day("2026-02-14")).exists()
    assert SpecialDay.objects.get(day=day("2026-12-31")).name == "临时放假"
    actions = AuditEvent.objects.filter(object_id=str(calendar_year.pk)).values_list(
        "action", flat=True
    )
    assert sorted(actions) == [services.ACTION_REMOVE_DAY, services.ACTION_SET_DAY]
    assert announcements == [{2026}]


def test_admin_rejects_a_weekday_makeup_workday(superuser_client, announcements):
    calendar_year = CalendarYear.objects.get(year=2025)
    data = {"notice": calendar_year.notice, "notice_url": ""}
    data.update(
        inline_data(
            [
                {
                    "year": str(calendar_year.pk),
                    "day": "2025-03-04",
                    "kind": "workday",
                    "name": "春节",
                }
            ]
        )
    )
    data["days-INITIAL_FORMS"] = "0"

    response = superuser_client.post(
        reverse("admin:workdays_calendaryear_change", args=[calendar_year.pk]), data
    )

    assert response.status_code == 200
    assert "只有周六或周日才能设为调休上班日" in response.content.decode()
    assert not SpecialDay.objects.filter(day=day("2025-03-04")).exists()
    assert announcements == []


def test_deleting_a_year(superuser_client, announcements, django_capture_on_commit_callbacks):
    calendar_year = CalendarYear.objects.get(year=2004)

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            reverse("admin:workdays_calendaryear_delete", args=[calendar_year.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not CalendarYear.objects.filter(year=2004).exists()
    assert AuditEvent.objects.filter(action=services.ACTION_REMOVE_YEAR).count() == 1
    assert announcements == [{2004}]
