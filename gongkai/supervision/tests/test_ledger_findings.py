"""Findings from the supervisors' own ledgers: reports late, no training or leadership review,
broken links from the weekly crawl; not scored by default, available to a scheme."""

import datetime

import pytest
from django.utils import timezone

from gongkai.agencies.models import Level
from gongkai.factories import make_agency, make_user
from gongkai.supervision import findings, league
from gongkai.supervision import progress_services as progress
from gongkai.supervision import work_services as work
from gongkai.supervision.findings import Scope
from gongkai.supervision.link_models import LinkCheck
from gongkai.supervision.periods import Period
from gongkai.supervision.work_models import MeetingKind

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    city = make_agency(name="示例市卫生健康委员会", code="CITY", level=Level.CITY)
    good = make_agency(name="甲县卫生健康局", code="GOOD", parent=city)
    bad = make_agency(name="乙县卫生健康局", code="BAD", parent=city)
    return {"city": city, "good": good, "bad": bad, "ids": frozenset({good.pk, bad.pk})}


def scope(world, period, today):
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10)))
    return Scope(world["ids"], period, today, now)


def test_reports_late_or_missing(world):
    progress.open_progress_reports(today=D(2026, 7, 1))
    report = world["good"].progress_reports.get()
    progress.save_report(
        report=report,
        actor=None,
        values={"work_done": "完成", "contact_name": "甲", "contact_phone": "1"},
    )
    progress.submit_report(report=report, actor=None)  # 2026-11-16: late too

    figures = findings.get_kind("progress_reports_late").count(
        scope(world, Period.year(2026), D(2026, 11, 16))
    )
    assert figures.counts == {world["good"].pk: 1, world["bad"].pk: 1}
    objects = findings.get_kind("progress_reports_late").objects(
        scope(world, Period.year(2026), D(2026, 11, 16)), world["bad"].pk
    )
    assert [r.agency for r in objects] == [world["bad"]]


def test_a_year_without_training_is_a_finding_once_it_is_over(world):
    work.record_meeting(
        agency=world["good"],
        actor=None,
        kind=MeetingKind.TRAINING,
        held_on=D(2025, 4, 1),
        topic="培训",
        attendees=30,
    )
    kind = findings.get_kind("no_training")
    assert kind.count(scope(world, Period.year(2025), D(2026, 1, 5))).counts == {world["bad"].pk: 1}
    assert kind.count(scope(world, Period.year(2026), D(2026, 11, 16))).counts == {}  # not over
    review = findings.get_kind("no_leadership_review")
    assert set(review.count(scope(world, Period.year(2025), D(2026, 1, 5))).counts) == world["ids"]


def test_broken_links_come_from_the_latest_check(world):
    LinkCheck.objects.create(
        agency=world["bad"],
        checked_at=timezone.now() - datetime.timedelta(days=8),
        broken=[{"page": "p", "target": "t1", "status": 404, "reason": ""}] * 3,
    )
    LinkCheck.objects.create(
        agency=world["bad"],
        checked_at=timezone.now(),
        broken=[{"page": "/agencies/BAD/", "target": "/media/x.pdf", "status": 404, "reason": ""}],
    )
    kind = findings.get_kind("broken_links")
    current = scope(world, Period.year(2026), D(2026, 11, 16))
    assert kind.count(current).counts == {world["bad"].pk: 1}
    (link,) = kind.objects(current, world["bad"].pk)
    assert "/media/x.pdf（404）" in str(link)


def test_they_are_not_scored_unless_a_scheme_weighs_them():
    codes = {spec.finding for spec in league.default_indicators()}
    assert not codes & {
        "progress_reports_late",
        "no_training",
        "no_leadership_review",
        "broken_links",
    }
    assert sum(spec.weight for spec in league.default_indicators()) == 100
    assert {"broken_links", "no_training"} <= {code for code, _label in findings.choices()}


def test_the_drill_down_links_to_the_work_ledger(client, world):
    from gongkai.agencies.models import Role

    supervisor = make_user(agency=world["city"], roles=(Role.SUPERVISOR,))
    client.force_login(supervisor)
    page = client.get(
        f"/console/supervision/{world['bad'].pk}/findings/no_training/", {"period": "2025"}
    ).content.decode()
    assert f"/console/work-ledger/?agency={world['bad'].pk}" in page
