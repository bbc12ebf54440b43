"""Console pages of the yearly review: the review list and its filters, the decision form,
the frequent requests with their one-click draft; who may read and act."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.models import Document
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.foi.outcomes import Outcome
from gongkai.reports.tests.factories import make_application
from gongkai.yearly_review import services
from gongkai.yearly_review.models import Decision, RequestDraft, YearlyReview
from gongkai.yearly_review.tests.factories import make_filed_record, make_reply

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 12, 31)


@pytest.fixture
def city():
    return make_agency(level=Level.CITY, name="测试市卫生健康委员会")


@pytest.fixture
def county(city):
    return make_agency(parent=city, name="测试县卫生健康局")


@pytest.fixture
def people(city, county):
    other = make_agency(name="无关机关")
    return {
        "admin": make_user(agency=county, roles=(Role.ADMIN,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=other, roles=(Role.ADMIN, Role.REVIEWER)),
    }


@pytest.fixture
def review(county, people):
    make_filed_record(county, title="内部讨论纪要")
    make_reply(county, outcome=Outcome.WITHHELD_THIRD_PARTY, description="某企业的商业秘密")
    return services.open_review(agency=county, year=2026, due_on=DUE, actor=people["admin"])


def test_the_admin_opens_the_review_with_a_due_date(client, county, people):
    make_filed_record(county)
    client.force_login(people["admin"])
    home = client.get(reverse("console:yearly-review-home") + "?year=2026")
    assert home.status_code == 200
    assert "发起自查" in home.content.decode()
    url = reverse("console:yearly-review-open", args=[county.pk, 2026])
    bad = client.post(url, {"due_on": ""})
    assert bad.status_code == 400
    assert "error-summary" in bad.content.decode()
    assert "请填写完成期限。" in bad.content.decode()
    past = client.post(url, {"due_on": "2026-01-01"})
    assert "完成期限不能早于今天。" in past.content.decode()
    response = client.post(url, {"due_on": "2026-12-31"})
    review = YearlyReview.objects.get(agency=county, year=2026)
    assert response.status_code == 302
    assert response.url == reverse("console:yearly-review-detail", args=[review.pk])
    assert review.due_on == DUE
    assert review.items.count() == 1


@pytest.mark.parametrize("role", ["reviewer", "publisher", "supervisor"])
def test_only_the_agencys_admin_opens_a_review(client, county, people, role):
    client.force_login(people[role])
    url = reverse("console:yearly-review-open", args=[county.pk, 2026])
    assert client.post(url, {"due_on": "2026-12-31"}).status_code == 403
    assert not YearlyReview.objects.exists()


def test_the_review_list_and_its_filters(client, review, people):
    client.force_login(people["reviewer"])
    url = reverse("console:yearly-review-detail", args=[review.pk])
    page = client.get(url).content.decode()
    assert "内部讨论纪要" in page
    assert "某企业的商业秘密" in page
    assert "共2项：继续不予公开0项，予以公开0项，部分公开0项，未作结论2项。" in page
    records = client.get(url + "?kind=record_withheld").content.decode()
    assert "内部讨论纪要" in records
    assert "某企业的商业秘密" not in records
    decided = client.get(url + "?decision=keep").content.decode()
    assert "没有符合条件的事项。" in decided


def test_the_decision_form_shows_all_errors_at_once_then_saves(client, review, people):
    item = review.items.get(document__isnull=False)
    client.force_login(people["reviewer"])
    url = reverse("console:yearly-review-item", args=[item.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"decision": "keep", "reason": ""})
    assert bad.status_code == 400
    content = bad.content.decode()
    assert "error-summary" in content
    assert "继续不予公开的，必须写明不予公开的理由仍然成立的依据。" in content
    nothing = client.post(url, {})
    assert "请选择自查结论。" in nothing.content.decode()
    response = client.post(url, {"decision": "release", "reason": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.decision == Decision.RELEASE
    assert item.release_draft is not None
    page = client.get(reverse("console:yearly-review-detail", args=[review.pk])).content.decode()
    assert reverse("console:document-detail", args=[item.release_draft_id]) in page


@pytest.mark.parametrize("role", ["publisher", "supervisor"])
def test_only_admins_and_reviewers_decide(client, review, people, role):
    item = review.items.first()
    client.force_login(people[role])
    url = reverse("console:yearly-review-item", args=[item.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "保存结论" not in page.content.decode()
    assert client.post(url, {"decision": "release"}).status_code == 403


def test_other_agencies_see_nothing(client, review, people):
    client.force_login(people["outsider"])
    item = review.items.first()
    assert client.get(reverse("console:yearly-review-detail", args=[review.pk])).status_code == 404
    assert client.get(reverse("console:yearly-review-item", args=[item.pk])).status_code == 404
    assert (
        client.get(reverse("console:frequent-requests", args=[review.agency_id])).status_code == 404
    )
    home = client.get(reverse("console:yearly-review-home") + "?year=2026").content.decode()
    assert "测试县卫生健康局" not in home


def test_the_supervisor_reads_the_subordinates_review(client, review, people):
    client.force_login(people["supervisor"])
    home = client.get(reverse("console:yearly-review-home") + "?year=2026").content.decode()
    assert reverse("console:yearly-review-detail", args=[review.pk]) in home
    assert client.get(reverse("console:yearly-review-detail", args=[review.pk])).status_code == 200


@pytest.mark.parametrize("role", ["admin", "supervisor"])
def test_the_ledger_row_links_to_the_review(client, review, people, role):
    client.force_login(people[role])
    page = client.get(reverse("console:obligations") + "?state=open").content.decode()
    assert "2026年度不予公开信息自查" in page
    assert reverse("console:yearly-review-detail", args=[review.pk]) in page


@pytest.fixture
def frequent(county):
    for n, text in enumerate(
        ["申请公开2026年本县医疗机构名单", "请提供本县2026年医疗机构名单及地址"]
    ):
        make_application(
            county,
            received="2026-05-06",
            description=text,
            applicant_name=f"张三{n}",
            id_number=f"11010519491231{n:04d}",
        )
    return make_agency_item(county)


def test_the_frequent_requests_page_and_its_one_click_draft(client, county, people, frequent):
    client.force_login(people["publisher"])
    url = reverse("console:frequent-requests", args=[county.pk]) + "?year=2026"
    page = client.get(url).content.decode()
    assert "第四十四条" in page
    assert "2位申请人，2件申请" in page
    assert "张某" in page
    assert "张三0" not in page  # the applicant masked
    assert "生成主动公开草稿" in page
    ids = ",".join(str(pk) for pk in services.frequent_groups(county, 2026)[0].group.ids)
    draft_url = reverse("console:frequent-requests-draft", args=[county.pk, 2026])
    response = client.post(draft_url, {"applications": ids, "catalogue_item": frequent.pk})
    draft = RequestDraft.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("console:document-detail", args=[draft.document_id])
    assert Document.objects.filter(pk=draft.document_id, drafted_by=people["publisher"]).exists()
    page = client.get(url).content.decode()
    assert "已生成主动公开草稿" in page
    assert draft.document.title in page


def test_the_supervisor_reads_frequent_requests_without_applicants(
    client, county, people, frequent
):
    client.force_login(people["supervisor"])
    url = reverse("console:frequent-requests", args=[county.pk]) + "?year=2026"
    page = client.get(url).content.decode()
    assert "申请人（已隐去）" in page
    assert "张某" not in page
    assert "生成主动公开草稿" not in page
    draft_url = reverse("console:frequent-requests-draft", args=[county.pk, 2026])
    assert (
        client.post(draft_url, {"applications": "1,2", "catalogue_item": frequent.pk}).status_code
        == 403
    )
