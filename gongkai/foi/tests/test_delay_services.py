"""延迟答复 (条例第三十五条) through its service: the record, the clock, the letter, what the
applicant sees, the annual report's count and the supervisor's dashboard.

Received 2026-03-02 (in person): due 2026-03-30 by 第三十三条 (test_delay_clock has the count).
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.foi import delay_services, letters, services
from gongkai.foi.errors import FoiError
from gongkai.foi.letters import LetterKind
from gongkai.foi.models import Application, LogKind
from gongkai.foi.progress import public_steps
from gongkai.foi.receipt import Channel
from gongkai.foi.tests.test_services import applicant
from gongkai.reports.computation import compute_report
from gongkai.reports.drafting import draft_other
from gongkai.reports.tests.factories import make_application

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
REASON = (
    "申请人本月提交同类申请60件，理由为开展课题研究，理由合理，但无法在20个工作日内逐件检索答复。"
)


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


@pytest.fixture(autouse=True)
def _on_20_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency(name="某县卫生健康局")


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,))


@pytest.fixture
def application(agency, handler):
    return services.register_application(
        agency=agency,
        actor=handler,
        values=applicant(),
        channel=Channel.IN_PERSON,
        submitted_on=day("2026-03-02"),
    )


def delay(application, handler, **kwargs):
    values = {"on": day("2026-03-20"), "reason": REASON} | kwargs
    return delay_services.delay_reply(application=application, actor=handler, **values)


def test_the_delayed_date_becomes_the_due_date_and_is_audited(application, handler):
    delay(application, handler, until=day("2026-05-15"))

    application.refresh_from_db()
    assert application.due_on == day("2026-05-15")
    event = application.events.get(kind=LogKind.DELAYED)
    assert event.note == REASON
    assert event.details == {"until": "2026-05-15", "set_as": "date"}
    audit = AuditEvent.objects.get(action="foi.delay_reply")
    assert audit.before["due_on"] == "2026-03-30"
    assert audit.after["due_on"] == "2026-05-15"
    # Not overdue on a day the 第三十三条 date has passed.
    reading = services.read_clock(application, today=day("2026-04-15"))
    assert reading.is_overdue is False
    assert any("条例第三十五条" in step for step in reading.explanation)


def test_a_delay_in_working_days_counts_from_the_decision(application, handler):
    delay(application, handler, days=30)

    # 03-23 … 05-07 (清明 and 劳动节 off): see test_delay_clock.
    assert Application.objects.get(pk=application.pk).due_on == day("2026-05-07")


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"reason": " ", "until": day("2026-05-15")}, "reason", "请写明延迟答复的理由"),
        ({}, "until", "二者选一"),
        ({"until": day("2026-05-15"), "days": 10}, "until", "二者选一"),
        ({"until": day("2026-03-27")}, "until", "应晚于按条例第三十三条计算的届满日 2026-03-30"),
        ({"until": day("2027-06-01")}, "until", "一年以内"),
        ({"days": 0}, "days", "1至250"),
        ({"on": day("2026-03-31"), "until": day("2026-05-15")}, "on", "已于 2026-03-30 届满"),
    ],
)
def test_what_a_delay_needs(application, handler, kwargs, field, words):
    with pytest.raises(FoiError) as error:
        delay(application, handler, **kwargs)

    assert error.value.field == field
    assert words in str(error.value.message)
    assert not application.events.filter(kind=LogKind.DELAYED).exists()


def test_the_notice_states_article_35_the_reason_and_both_dates(application, handler):
    delay(application, handler, days=30)

    assert LetterKind.DELAY in letters.available_letters(application)
    letter = letters.letter_text(application, LetterKind.DELAY)
    text = "".join(letter.paragraphs)

    assert letter.title == "政府信息公开申请延迟答复告知书"
    assert letter.number.endswith("-YC")
    assert letter.date == day("2026-03-20")
    assert "第三十五条" in text
    assert REASON in text
    assert "本机关将于2026年5月7日前（含当日）作出答复" in text
    assert "自本告知书作出之日起30个工作日" in text
    assert "原答复期限于2026年3月30日届满" in text


def test_the_applicant_sees_the_delay_in_the_progress(application, handler):
    delay(application, handler, until=day("2026-05-15"))

    assert LogKind.DELAYED in [step.kind for step in public_steps(application)]


def test_the_annual_report_counts_delayed_applications_once(agency):
    first = make_application(agency, received="2026-03-02")
    second = make_application(agency, received="2026-03-05")
    for application, on in [(first, "2026-03-20"), (first, "2026-04-20"), (second, "2026-03-25")]:
        application.events.create(kind=LogKind.DELAYED, on=day(on), details={"until": "2026-06-30"})
    make_application(agency, received="2025-12-01").events.create(
        kind=LogKind.DELAYED, on=day("2025-12-20"), details={"until": "2026-02-27"}
    )

    data = compute_report([agency.pk], 2026)

    assert data.art35_delays == 2
    assert type(data).from_json(data.to_json()).art35_delays == 2
    assert compute_report([agency.pk], 2025).art35_delays == 1
    assert draft_other(data) == (
        "本年度未收取信息处理费。\n本年度有2件申请因申请数量、频次明显超过合理范围，"
        "依照《政府信息公开条例》第三十五条确定了延迟答复期限并告知申请人。"
    )


def test_a_report_without_delays_says_nothing_of_them(agency):
    assert draft_other(compute_report([agency.pk], 2026)) == "本年度未收取信息处理费。"


def test_the_supervisor_sees_each_subordinate_agencys_delays(client):
    city = make_agency(level=Level.CITY, name="某市卫生健康委员会")
    county = make_agency(parent=city, name="某县卫生健康局")
    make_application(county, received="2026-03-02").events.create(
        kind=LogKind.DELAYED, on=day("2026-03-20"), details={"until": "2026-05-15"}
    )
    supervisor = make_user(agency=city, roles=(Role.SUPERVISOR,))
    client.force_login(supervisor)

    page = client.get(reverse("console:dashboard"))

    content = page.content.decode()
    assert page.status_code == 200
    assert "本年第三十五条延迟答复" in content
    row = content.split("某县卫生健康局")[-1].split("</tr>")[0]
    assert row.rstrip().endswith('<td data-label="本年第三十五条延迟答复">1</td>')


@pytest.mark.parametrize(("role", "status"), [(Role.FOI_HANDLER, 200), (None, 404)])
def test_the_report_page_shows_the_count(client, agency, role, status):
    make_application(agency, received="2026-03-02").events.create(
        kind=LogKind.DELAYED, on=day("2026-03-20"), details={"until": "2026-05-15"}
    )
    other = make_agency()
    client.force_login(make_user(agency=agency if role else other, roles=(role or Role.ADMIN,)))

    page = client.get(reverse("console:report-detail", args=[agency.pk, 2026]))

    assert page.status_code == status
    if status == 200:
        assert "本年依条例第三十五条确定延迟答复期限的申请：1 件" in page.content.decode()
