"""The console's new-media pages and the portal's 政务新媒体矩阵 for every role."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.audit.models import AuditEvent
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.newmedia.models import Account, AccountStatus, Platform, ProcedureState, Release
from gongkai.newmedia.tests.factories import account_values, make_open_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_agency(code="CITY", name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局", parent=city)


@pytest.fixture
def users(agency, city):
    return {
        "clerk": make_user(agency=agency, roles=(Role.PUBLISHER,)),
        "reviewer": make_user(agency=agency, roles=(Role.REVIEWER,)),
        "admin": make_user(agency=agency, roles=(Role.ADMIN,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=make_agency(), roles=(Role.PUBLISHER, Role.ADMIN)),
        "citizen": make_user(),
    }


@pytest.fixture
def account(agency, users):
    return make_open_account(agency, admin=users["admin"], name="健康测试县", feed_url="")


@pytest.fixture
def record(agency):
    item = make_agency_item(agency, channels=["政府网站", "两微一端"])
    return make_published_document(agency=agency, catalogue_item=item, title="冬季流感疫苗接种通知")


def _login(client, users, who):
    if who:
        client.force_login(users[who])


@pytest.mark.parametrize(
    ("who", "listing", "detail", "create", "releases", "consistency"),
    [
        ("clerk", 200, 200, 200, 200, 200),
        ("reviewer", 200, 200, 403, 200, 200),
        ("admin", 200, 200, 200, 200, 200),
        ("supervisor", 200, 200, 403, 200, 200),
        ("outsider", 200, 404, 200, 404, 200),  # its own agency only: this one does not exist
        ("citizen", 403, 403, 403, 403, 403),
        (None, 302, 302, 302, 302, 302),
    ],
)
def test_console_pages_per_role(
    client, users, account, record, who, listing, detail, create, releases, consistency
):
    _login(client, users, who)
    assert client.get(reverse("console:newmedia-list")).status_code == listing
    assert client.get(reverse("console:newmedia-account", args=[account.pk])).status_code == detail
    assert client.get(reverse("console:newmedia-create")).status_code == create
    response = client.get(reverse("console:newmedia-document", args=[record.pk]))
    assert response.status_code == releases
    assert client.get(reverse("console:newmedia-consistency")).status_code == consistency


def test_outsider_and_supervisor_see_what_they_should_in_the_list(client, users, account):
    client.force_login(users["outsider"])
    assert "健康测试县" not in client.get(reverse("console:newmedia-list")).content.decode()
    client.force_login(users["supervisor"])
    page = client.get(reverse("console:newmedia-list")).content.decode()
    assert "健康测试县" in page
    assert "下级机关报备的开设、变更、注销" in page
    assert "备2026-1" in page  # the filing of the opening


def test_clerk_requests_and_admin_approves_and_files(client, users, agency):
    client.force_login(users["clerk"])
    values = account_values(name="测试县健康微博", platform=Platform.WEIBO)
    response = client.post(reverse("console:newmedia-create"), {**values, "agency": agency.pk})
    account = Account.objects.get(name="测试县健康微博")
    assert response.status_code == 302
    procedure = account.procedures.get()
    url = reverse("console:newmedia-account-action", args=[account.pk, "approve"])
    assert client.post(url, {"procedure": procedure.pk}).status_code == 403  # a clerk can't
    client.force_login(users["admin"])
    assert client.post(url, {"procedure": procedure.pk}).status_code == 302
    file_url = reverse("console:newmedia-account-action", args=[account.pk, "file"])
    response = client.post(file_url, {"procedure": procedure.pk, "filing_number": "市备-9"})
    assert response.status_code == 302
    procedure.refresh_from_db()
    account.refresh_from_db()
    assert procedure.state == ProcedureState.FILED
    assert account.status == AccountStatus.OPEN


def test_supervisor_cannot_change_anything(client, users, account):
    client.force_login(users["supervisor"])
    url = reverse("console:newmedia-account-action", args=[account.pk, "update"])
    assert client.post(url, {"updated_on": "2026-11-10"}).status_code == 403
    close = reverse("console:newmedia-account-action", args=[account.pk, "close"])
    assert client.post(close, {"reason": "x"}).status_code == 403


def test_bad_input_gets_a_chinese_error_and_keeps_what_was_typed(client, users, agency):
    client.force_login(users["clerk"])
    values = account_values(name="保留的名称", feed_url="not a url")
    response = client.post(reverse("console:newmedia-create"), {**values, "agency": agency.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "保留的名称" in page
    assert "有 1 处需要修改" in page
    assert not Account.objects.filter(name="保留的名称").exists()


def test_future_update_is_refused_with_a_message(client, users, account):
    client.force_login(users["clerk"])
    url = reverse("console:newmedia-account-action", args=[account.pk, "update"])
    response = client.post(url, {"updated_on": "2030-01-01"})
    assert response.status_code == 400
    assert "最近更新日期不能晚于今天" in response.content.decode()


def test_release_page_shows_packages_and_records_a_release(client, users, account, record):
    client.force_login(users["reviewer"])
    url = reverse("console:newmedia-document", args=[record.pk])
    page = client.get(url).content.decode()
    assert "冬季流感疫苗接种通知" in page
    assert record.index_number in page
    assert f"/records/{record.pk}/" in page
    assert "<script" not in page.split("<main", 1)[-1]  # no JavaScript needed to copy
    released_at = record.published_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "account": account.pk,
            "released_at": released_at,
            "post_url": "https://mp.weixin.qq.com/s/x",
        },
    )
    assert response.status_code == 302
    assert Release.objects.get().post_url == "https://mp.weixin.qq.com/s/x"
    assert AuditEvent.objects.filter(action="newmedia.release.record").exists()


def test_supervisor_cannot_record_a_release(client, users, account, record):
    client.force_login(users["supervisor"])
    url = reverse("console:newmedia-document", args=[record.pk])
    response = client.post(url, {"account": account.pk, "released_at": "2026-11-16T10:00"})
    assert response.status_code == 403
    assert not Release.objects.exists()


def test_consistency_list_shows_the_missing_record_to_the_supervisor(
    client, users, account, record
):
    client.force_login(users["supervisor"])
    with time_machine.travel(record.published_at + datetime.timedelta(days=7)):
        page = client.get(reverse("console:newmedia-consistency")).content.decode()
    assert "冬季流感疫苗接种通知" in page
    assert "网站已发布，新媒体未发布" in page


@pytest.mark.parametrize("who", [None, "citizen", "clerk"])
def test_public_matrix_shows_only_running_accounts(client, users, agency, account, who):
    _login(client, users, who)
    admin = users["admin"]
    from gongkai.newmedia import services

    services.request_opening(agency=agency, actor=admin, values=account_values(name="待批账号"))
    response = client.get(reverse("portal:agency-newmedia", args=[agency.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "健康测试县" in page
    assert "待批账号" not in page


def test_public_matrix_of_an_unknown_agency_is_404(client):
    assert client.get(reverse("portal:agency-newmedia", args=["NOPE"])).status_code == 404


def test_published_record_page_links_to_its_release_packages(client, users, record):
    client.force_login(users["clerk"])
    page = client.get(reverse("console:document-detail", args=[record.pk])).content.decode()
    assert reverse("console:newmedia-document", args=[record.pk]) in page


def test_ledger_row_of_an_account_opens_its_page(client, users, account):
    from gongkai.console.obligation_links import attach_links
    from gongkai.obligations.models import Obligation

    [row] = attach_links(Obligation.objects.of_kind("newmedia.update").filter(object_id=account.pk))
    assert row.link == reverse("console:newmedia-account", args=[account.pk])


def test_supervisor_filters_the_consistency_list_by_subordinate(client, users, city, record):
    other = make_agency(code="HC-OTHER", name="测试另一县卫生健康局", parent=city)
    client.force_login(users["supervisor"])
    url = reverse("console:newmedia-consistency")
    with time_machine.travel(record.published_at + datetime.timedelta(days=7)):
        everyone = client.get(url).content.decode()
        only_other = client.get(url, {"agency": other.pk}).content.decode()
        bad = client.get(url, {"agency": "x"})
    assert "冬季流感疫苗接种通知" in everyone
    assert "测试另一县卫生健康局" in everyone  # offered in the filter
    assert "冬季流感疫苗接种通知" not in only_other
    assert bad.status_code == 200
