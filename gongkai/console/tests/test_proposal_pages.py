"""Console pages of suggestions and proposals: the list and its filters, registering with all
problems in one round, each step from its form, and who may read and act."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents import services as documents
from gongkai.factories import make_agency, make_user
from gongkai.obligations.models import Obligation
from gongkai.proposals import services
from gongkai.proposals.models import Proposal, State
from gongkai.proposals.tests.factories import PDF, make_proposal, make_replied, proposals_item

pytestmark = pytest.mark.django_db


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
        "publisher": make_user(agency=county, roles=(Role.PUBLISHER,)),
        "reviewer": make_user(agency=county, roles=(Role.REVIEWER,)),
        "supervisor": make_user(agency=city, roles=(Role.SUPERVISOR,)),
        "outsider": make_user(agency=other, roles=(Role.ADMIN, Role.PUBLISHER, Role.REVIEWER)),
    }


def register_data(county, **changes):
    data = {
        "agency": county.pk,
        "kind": "suggestion",
        "year": "2026",
        "number": "15",
        "title": "关于加强村卫生室建设的建议",
        "members": "张某某、李某某",
        "assigning_body": "测试县人大常委会",
        "role": "host",
        "host_agency_name": "",
        "assigned_on": "2026-09-10",
        "due_on": "",
        "due_reason": "",
    }
    data.update(changes)
    return data


def test_register_shows_every_problem_at_once_then_registers(client, county, people):
    client.force_login(people["publisher"])
    url = reverse("console:proposal-register")
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        register_data(
            county, title="", role="co_host", due_on="2027-01-01", assigned_on="2026-09-10"
        ),
    )
    page = bad.content.decode()
    assert bad.status_code == 400
    assert "error-summary" in page
    for message in ("请填写标题。", "协办的，请填写主办单位名称。", "请写明调整的理由"):
        assert message in page
    assert not Proposal.objects.exists()
    response = client.post(url, register_data(county))
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("console:proposal-detail", args=[proposal.pk])
    assert proposal.due_on == datetime.date(2026, 12, 10)
    assert Obligation.objects.filter(kind="proposals.reply", object_id=proposal.pk).exists()


def test_list_filters_and_counts(client, county, people):
    make_replied(county, title="甲建议", classification="A")
    make_replied(county, title="乙提案", kind="proposal", classification="C")
    make_proposal(county, title="丙建议")
    make_proposal(county, title="往年建议", year=2025)
    client.force_login(people["supervisor"])
    url = reverse("console:proposal-list")
    page = client.get(url).content.decode()
    assert all(title in page for title in ("甲建议", "乙提案", "丙建议"))
    assert "往年建议" not in page
    assert "建议提案办理结果分类统计" in page
    page = client.get(url + "?kind=suggestion&state=replied").content.decode()
    assert "甲建议" in page
    assert "乙提案" not in page
    assert "丙建议" not in page
    page = client.get(url + "?classification=C").content.decode()
    assert "乙提案" in page
    assert "甲建议" not in page
    assert "往年建议" in client.get(url + "?year=2025").content.decode()
    # Nonsense filters fall back to everything of this year.
    assert client.get(url + "?year=x&kind=y&state=z&classification=Q").status_code == 200


def test_the_steps_from_their_forms(client, county, people):
    item = proposals_item(county)
    proposal = make_proposal(county, assigned_on=datetime.date(2026, 9, 1))
    client.force_login(people["publisher"])
    detail = reverse("console:proposal-detail", args=[proposal.pk])
    page = client.get(detail).content.decode()
    assert "登记答复" in page
    assert "调整答复期限" in page
    # The deadline: a reason is needed for anything but three months.
    url = reverse("console:proposal-deadline", args=[proposal.pk])
    bad = client.post(url, {"deadline-due_on": "2026-10-01", "deadline-due_reason": ""})
    assert bad.status_code == 400
    assert "请写明调整的理由" in bad.content.decode()
    ok = client.post(url, {"deadline-due_on": "2026-10-01", "deadline-due_reason": "协办件"})
    assert ok.status_code == 302
    # The reply: every problem at once, then the letter is checked by its content.
    url = reverse("console:proposal-reply", args=[proposal.pk])
    bad = client.post(url, {"reply-replied_on": "2026-08-01"})
    page = bad.content.decode()
    assert bad.status_code == 400
    for message in ("请选择办理结果分类", "答复日期不能早于交办日期", "请填写答复摘要", "答复函"):
        assert message in page
    fake = SimpleUploadedFile("答复函.pdf", b"MZ not a pdf")
    reply = {
        "reply-classification": "B",
        "reply-replied_on": "2026-09-20",
        "reply-reply_summary": "已列入明年计划。",
        "reply-reply_text": "张某某代表：您的建议已列入明年计划。",
    }
    bad = client.post(url, {**reply, "reply-reply_letter": fake})
    assert bad.status_code == 400
    assert "不接受此类文件" in bad.content.decode()
    letter = SimpleUploadedFile("答复函.pdf", PDF)
    assert client.post(url, {**reply, "reply-reply_letter": letter}).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.classification) == (State.REPLIED, "B")
    download = client.get(reverse("console:proposal-letter", args=[proposal.pk]))
    assert b"".join(download.streaming_content) == PDF
    # The feedback.
    url = reverse("console:proposal-feedback", args=[proposal.pk])
    ok = client.post(
        url, {"feedback-satisfaction": "satisfied", "feedback-feedback_on": "2026-10-08"}
    )
    assert ok.status_code == 302
    # The publication: the mode, then a reviewer publishes.
    url = reverse("console:proposal-publication", args=[proposal.pk])
    bad = client.post(url, {"publication-publication_mode": "withheld"})
    assert "不公开办理结果的，请写明理由。" in bad.content.decode()
    ok = client.post(
        url, {"publication-publication_mode": "full", "publication-catalogue_item": item.pk}
    )
    assert ok.status_code == 302
    publish = reverse("console:proposal-publish", args=[proposal.pk])
    assert client.post(publish).status_code == 403  # a publisher does not publish
    client.force_login(people["reviewer"])
    assert "审核发布" in client.get(detail).content.decode()
    assert client.post(publish).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED
    assert proposal.record.index_number in client.get(detail).content.decode()


def test_another_agencys_staff_see_nothing(client, county, people):
    proposal = make_replied(county, title="本县建议")
    client.force_login(people["outsider"])
    assert "本县建议" not in client.get(reverse("console:proposal-list")).content.decode()
    for name in ("proposal-detail", "proposal-letter"):
        assert client.get(reverse(f"console:{name}", args=[proposal.pk])).status_code == 404
    for name in ("proposal-feedback", "proposal-publication", "proposal-publish"):
        assert client.post(reverse(f"console:{name}", args=[proposal.pk])).status_code == 404


def test_the_supervisor_reads_but_does_not_act(client, county, people):
    proposal = make_proposal(county, title="本县建议")
    client.force_login(people["supervisor"])
    page = client.get(reverse("console:proposal-detail", args=[proposal.pk])).content.decode()
    assert "本县建议" in page
    assert "登记答复" not in page
    url = reverse("console:proposal-reply", args=[proposal.pk])
    assert client.post(url, {}).status_code == 403
    assert client.get(reverse("console:proposal-register")).status_code == 403


def test_the_ledger_row_links_to_the_proposal(client, county, people):
    proposal = make_proposal(county, assigned_on=datetime.date(2026, 8, 1))  # overdue
    client.force_login(people["admin"])
    page = client.get(reverse("console:obligations")).content.decode()
    assert "建议提案答复" in page
    assert reverse("console:proposal-detail", args=[proposal.pk]) in page


def test_a_record_published_on_its_own_page_is_caught_up_from_the_proposal(client, county, people):
    proposals_item(county)
    proposal = make_replied(county, actor=people["publisher"])
    proposal = services.prepare_publication(proposal=proposal, mode="full", actor=people["admin"])
    documents.publish(document=proposal.record, actor=people["reviewer"])
    client.force_login(people["reviewer"])
    detail = reverse("console:proposal-detail", args=[proposal.pk])
    assert "更新为已公开" in client.get(detail).content.decode()
    assert client.post(reverse("console:proposal-publish", args=[proposal.pk])).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED
    assert "更新为已公开" not in client.get(detail).content.decode()
