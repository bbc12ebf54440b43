"""开设/变更/注销 with approval and filing, activity and feeds, releases and consistency."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Attachment, AttachmentKind, Status
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.newmedia import activity_services, consistency, releases, services
from gongkai.newmedia.errors import NewMediaError
from gongkai.newmedia.models import (
    Account,
    AccountStatus,
    ActivitySource,
    Platform,
    ProcedureKind,
    ProcedureState,
    Release,
)
from gongkai.newmedia.obligations import NEXT_UPDATE
from gongkai.newmedia.tests.factories import account_values, make_open_account
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def admin(agency):
    return make_user(agency=agency, roles=(Role.ADMIN,))


def test_opening_is_requested_approved_and_filed(agency, admin):
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    procedure = services.request_opening(agency=agency, actor=publisher, values=account_values())
    account = procedure.account
    assert account.status == AccountStatus.REQUESTED
    assert not Account.objects.active().exists()
    services.approve(procedure=procedure, actor=admin)
    account.refresh_from_db()
    assert account.status == AccountStatus.OPEN
    assert account.opened_on is not None
    procedure = services.file_procedure(procedure=procedure, actor=admin, filing_number="备-1")
    assert procedure.state == ProcedureState.FILED
    actions = list(
        AuditEvent.objects.filter(object_id=str(account.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "newmedia.procedure.request",
        "newmedia.procedure.approve",
        "newmedia.procedure.file",
    ]


def test_filing_before_approval_and_twice_is_refused(agency, admin):
    procedure = services.request_opening(agency=agency, actor=admin, values=account_values())
    with pytest.raises(NewMediaError):
        services.file_procedure(procedure=procedure, actor=admin)
    services.approve(procedure=procedure, actor=admin)
    services.file_procedure(procedure=procedure, actor=admin)
    with pytest.raises(NewMediaError):
        services.file_procedure(procedure=procedure, actor=admin)
    with pytest.raises(NewMediaError):
        services.approve(procedure=procedure, actor=admin)


def test_refused_opening_leaves_no_running_account_and_needs_a_reason(agency, admin):
    procedure = services.request_opening(agency=agency, actor=admin, values=account_values())
    with pytest.raises(NewMediaError) as raised:
        services.refuse(procedure=procedure, actor=admin, note=" ")
    assert raised.value.field == "note"
    services.refuse(procedure=procedure, actor=admin, note="同一平台已有主账号。")
    procedure.account.refresh_from_db()
    assert procedure.account.status == AccountStatus.REFUSED


def test_missing_fields_and_bad_urls_are_refused_with_nothing_saved(agency, admin):
    with pytest.raises(NewMediaError) as raised:
        services.request_opening(agency=agency, actor=admin, values=account_values(name=" "))
    assert raised.value.field == "name"
    with pytest.raises(NewMediaError) as raised:
        services.request_opening(
            agency=agency, actor=admin, values=account_values(feed_url="ftp://x/feed")
        )
    assert raised.value.field == "feed_url"
    with pytest.raises(NewMediaError):
        services.request_opening(agency=agency, actor=admin, values=account_values(name="名" * 101))
    assert not Account.objects.exists()


def test_the_same_account_id_cannot_be_registered_twice(agency, admin):
    make_open_account(agency, admin=admin, account_id="same")
    with pytest.raises(NewMediaError) as raised:
        services.request_opening(
            agency=agency, actor=admin, values=account_values(account_id="same")
        )
    assert raised.value.field == "account_id"


def test_change_applies_its_values_only_when_approved(agency, admin):
    account = make_open_account(agency, admin=admin, name="旧名称")
    procedure = services.request_change(
        account=account, actor=admin, values={"name": "新名称"}, reason="机构改革更名。"
    )
    account.refresh_from_db()
    assert account.name == "旧名称"
    with pytest.raises(NewMediaError):  # one procedure at a time
        services.request_closing(account=account, actor=admin, reason="整合")
    services.approve(procedure=procedure, actor=admin)
    account.refresh_from_db()
    assert account.name == "新名称"
    assert account.status == AccountStatus.OPEN


def test_a_change_that_changes_nothing_is_refused(agency, admin):
    account = make_open_account(agency, admin=admin, name="同名")
    with pytest.raises(NewMediaError):
        services.request_change(account=account, actor=admin, values={"name": "同名"}, reason="")


def test_closing_ends_the_account_and_its_ledger_row(agency, admin):
    account = make_open_account(agency, admin=admin)
    assert Obligation.objects.of_kind(NEXT_UPDATE).filter(object_id=account.pk).exists()
    with pytest.raises(NewMediaError) as raised:
        services.request_closing(account=account, actor=admin, reason="")
    assert raised.value.field == "reason"
    procedure = services.request_closing(account=account, actor=admin, reason="功能整合到主账号。")
    assert procedure.kind == ProcedureKind.CLOSING
    services.approve(procedure=procedure, actor=admin)
    account.refresh_from_db()
    assert account.status == AccountStatus.CLOSED
    assert not Obligation.objects.of_kind(NEXT_UPDATE).filter(object_id=account.pk).exists()
    with pytest.raises(NewMediaError):
        services.request_change(account=account, actor=admin, values={"name": "x"}, reason="")


# --- activity -------------------------------------------------------------------------------


def test_entered_update_moves_the_ledger_due_day(agency, admin):
    account = make_open_account(agency, admin=admin)
    row = Obligation.objects.of_kind(NEXT_UPDATE).get(object_id=account.pk)
    assert row.due_on == account.opened_on + datetime.timedelta(days=14)
    with time_machine.travel(datetime.datetime(2026, 12, 10, 10, tzinfo=SHANGHAI)):
        activity_services.record_update(
            account=account, actor=admin, updated_on=datetime.date(2026, 12, 8)
        )
    row.refresh_from_db()
    assert row.due_on == datetime.date(2026, 12, 22)
    assert account.last_update_source == ActivitySource.ENTERED


def test_an_update_in_the_future_or_without_a_date_is_refused(agency, admin):
    account = make_open_account(agency, admin=admin)
    for day in (account.opened_on + datetime.timedelta(days=1), None):
        with pytest.raises(NewMediaError) as raised:
            activity_services.record_update(account=account, actor=admin, updated_on=day)
        assert raised.value.field == "updated_on"
    account.refresh_from_db()
    assert account.last_update_on is None


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title>
<item><title>a</title><pubDate>Tue, 10 Nov 2026 09:00:00 +0800</pubDate></item>
<item><title>b</title><pubDate>Thu, 12 Nov 2026 23:30:00 +0000</pubDate></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>预防接种</title><id>x</id>
<updated>2026-11-11T08:00:00+08:00</updated>
<entry><title>冬季流感</title><id>1</id><updated>2026-11-11T08:00:00+08:00</updated></entry>
</feed>""".encode()


def test_feeds_are_read_idempotently_and_problems_recorded(agency, admin):
    rss = make_open_account(agency, admin=admin, feed_url="https://feeds.example/rss")
    atom = make_open_account(
        agency, admin=admin, platform=Platform.WEIBO, feed_url="https://feeds.example/atom"
    )
    broken = make_open_account(
        agency, admin=admin, platform=Platform.APP, feed_url="https://feeds.example/broken"
    )
    slow = make_open_account(
        agency, admin=admin, platform=Platform.DOUYIN, feed_url="https://feeds.example/slow"
    )
    make_open_account(agency, admin=admin, platform=Platform.TOUTIAO)  # no feed: not read

    def fake_fetch(url: str) -> bytes:
        if url.endswith("/slow"):
            raise TimeoutError("timed out")
        return {"rss": RSS, "atom": ATOM, "broken": b"<html><p>not a feed"}[url.rsplit("/", 1)[1]]

    run = activity_services.read_feeds(fetcher=fake_fetch)
    assert len(run.readings) == 4
    assert run.problems == 2
    for account in (rss, atom, broken, slow):
        account.refresh_from_db()
    # 23:30 UTC on the 12th is the 13th in China.
    assert rss.last_update_on == datetime.date(2026, 11, 13)
    assert rss.last_update_source == ActivitySource.FEED
    assert atom.last_update_on == datetime.date(2026, 11, 11)
    assert broken.last_update_on is None
    assert broken.feed_problem
    assert "超时" in slow.feed_problem
    events = AuditEvent.objects.filter(action="newmedia.activity.feed").count()
    assert events == 4
    activity_services.read_feeds(fetcher=fake_fetch)  # the same again: nothing changes
    assert AuditEvent.objects.filter(action="newmedia.activity.feed").count() == events


def test_a_feed_never_moves_the_last_update_back(agency, admin):
    account = make_open_account(agency, admin=admin, feed_url="https://feeds.example/rss")
    activity_services.record_update(
        account=account, actor=admin, updated_on=datetime.date(2026, 11, 15)
    )
    activity_services.read_feeds(fetcher=lambda url: RSS)
    account.refresh_from_db()
    assert account.last_update_on == datetime.date(2026, 11, 15)
    assert account.last_update_source == ActivitySource.ENTERED


def test_a_network_error_is_recorded_not_raised(agency, admin):
    account = make_open_account(agency, admin=admin, feed_url="https://feeds.example/rss")

    def refused(url: str) -> bytes:
        raise ConnectionRefusedError("connection refused")

    run = activity_services.read_feeds(fetcher=refused)
    account.refresh_from_db()
    assert run.problems == 1
    assert "connection refused" in account.feed_problem


# --- releases and consistency ---------------------------------------------------------------


def _new_media_record(agency, **overrides):
    item = make_agency_item(agency, channels=["政府网站", "两微一端"])
    return make_published_document(agency=agency, catalogue_item=item, **overrides)


def test_package_carries_the_link_with_the_index_number_and_the_image(agency, admin, settings):
    settings.SITE_URL = "https://gk.example.cn"
    account = make_open_account(agency, admin=admin, platform=Platform.WEIBO)
    document = _new_media_record(agency)
    package = releases.package_for(document, account)
    assert f"https://gk.example.cn/records/{document.pk}/" in package.text
    assert document.index_number in package.text
    assert package.image_url == ""
    Attachment.objects.create(
        document=document,
        file="attachments/2026/11/ab/ab.png",
        original_name="海报.png",
        kind=AttachmentKind.IMAGE,
        extension="png",
        size=10,
        sha256="ab" * 32,
    )
    assert releases.package_for(document, account).image_url.endswith("ab.png")


def test_release_is_recorded_once_and_audited(agency, admin):
    account = make_open_account(agency, admin=admin)
    document = _new_media_record(agency)
    released_at = document.published_at
    with pytest.raises(NewMediaError) as raised:
        releases.record_release(
            document=document,
            account=account,
            actor=admin,
            released_at=released_at,
            post_url="javascript:alert(1)",
        )
    assert raised.value.field == "post_url"
    releases.record_release(
        document=document,
        account=account,
        actor=admin,
        released_at=released_at,
        post_url="https://mp.weixin.qq.com/s/abc",
    )
    assert AuditEvent.objects.filter(action="newmedia.release.record").count() == 1
    with pytest.raises(NewMediaError):
        releases.record_release(
            document=document, account=account, actor=admin, released_at=released_at
        )


def test_release_on_another_agencys_account_is_refused(agency, admin):
    other = make_open_account(make_agency())
    document = _new_media_record(agency)
    with pytest.raises(NewMediaError) as raised:
        releases.record_release(
            document=document, account=other, actor=admin, released_at=document.published_at
        )
    assert raised.value.field == "account"


def test_consistency_lists_records_missing_from_matching_platforms(agency, admin):
    wechat = make_open_account(agency, admin=admin)
    douyin = make_open_account(agency, admin=admin, platform=Platform.DOUYIN)
    released = _new_media_record(agency)
    on_wrong_platform = _new_media_record(agency)
    missing = _new_media_record(agency)
    not_for_new_media = make_published_document(
        agency=agency, catalogue_item=make_agency_item(agency, channels=["政府网站"])
    )
    for document, account in ((released, wechat), (on_wrong_platform, douyin)):
        releases.record_release(
            document=document, account=account, actor=admin, released_at=document.published_at
        )
    published_on = released.published_at.date()  # Monday 2026-11-16
    # Within three working days nothing is listed yet.
    assert consistency.missing({agency.pk}, published_on + datetime.timedelta(days=3)) == []
    later = published_on + datetime.timedelta(days=4)  # Friday: past Thursday's due day
    listed = {gap.document for gap in consistency.missing({agency.pk}, later)}
    assert listed == {on_wrong_platform, missing}
    assert not_for_new_media not in listed
    assert consistency.gap_counts({agency.pk}, later) == {agency.pk: 2}


def test_consistency_lists_releases_of_withdrawn_records_until_taken_down(agency, admin):
    account = make_open_account(agency, admin=admin)
    document = _new_media_record(agency)
    release = releases.record_release(
        document=document, account=account, actor=admin, released_at=document.published_at
    )
    with pytest.raises(NewMediaError):
        releases.record_takedown(release=release, actor=admin)
    document.status = Status.WITHDRAWN
    document.save(update_fields=["status"])
    gaps = consistency.withdrawn_still_out({agency.pk})
    assert [gap.release for gap in gaps] == [release]
    releases.record_takedown(release=release, actor=admin)
    assert consistency.withdrawn_still_out({agency.pk}) == []
    assert Release.objects.get().taken_down_at is not None


def test_the_command_reads_the_feeds_and_reports(agency, admin, monkeypatch):
    import io

    from django.core.management import call_command

    from gongkai.newmedia import feeds

    account = make_open_account(agency, admin=admin, feed_url="https://feeds.example/rss")
    monkeypatch.setattr(feeds, "fetch", lambda url: RSS)
    out = io.StringIO()
    call_command("read_newmedia_feeds", stdout=out)
    account.refresh_from_db()
    assert account.last_update_on == datetime.date(2026, 11, 13)
    assert "1 feed(s) read, 0 with a problem" in out.getvalue()


def test_consistency_asks_the_database_a_constant_number_of_questions(agency, admin):
    """A supervisor's list over a year of records loads only the gaps, in a fixed number of
    queries (it loaded every record of the year and sent their ids back in one IN list)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_open_account(agency, admin=admin)
    first = [_new_media_record(agency) for _ in range(2)]
    later = first[0].published_at.date() + datetime.timedelta(days=10)
    with CaptureQueriesContext(connection) as few:
        assert len(consistency.missing({agency.pk}, later)) == 2
    for _ in range(4):
        _new_media_record(agency)
    with CaptureQueriesContext(connection) as more:
        assert len(consistency.missing({agency.pk}, later)) == 6
    assert len(more.captured_queries) == len(few.captured_queries)
