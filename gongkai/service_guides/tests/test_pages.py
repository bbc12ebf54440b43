"""The console pages (every role's access, the one-page form in one round) and the portal's
办事服务 column and guide page with its QR code."""

import pytest
from django.conf import settings
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.models import Document
from gongkai.factories import make_agency, make_user
from gongkai.service_guides import publication, services
from gongkai.service_guides.models import Guide, GuideStatus
from gongkai.service_guides.qr import qr_code
from gongkai.service_guides.tests.factories import make_guide, make_item, make_published_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_agency(code="CITY", name="测试市卫生健康委员会", level=Level.CITY)


@pytest.fixture
def agency(city):
    return make_agency(code="HC-COUNTY", name="测试县卫生健康局", parent=city)


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def supervisor(city):
    return make_user(agency=city, roles=(Role.SUPERVISOR,))


@pytest.fixture
def outsider():
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER,))


@pytest.fixture
def item(agency, clerk):
    return make_item(agency, clerk)


def form_data(**changes):
    data = {
        "name": "医疗机构执业登记",
        "legal_basis": "《医疗机构管理条例》第十五条",
        "implementing_body": "测试县卫生健康局",
        "conditions": "已取得设置医疗机构批准书。",
        "channels": ["window"],
        "statutory_days": "45",
        "promised_days": "20",
        "fee_mode": "free",
        "place": "县政务服务中心",
        "hours": "工作日 9:00—17:00",
        "consult_phone": "0356-2021234",
        "materials-TOTAL_FORMS": "2",
        "materials-INITIAL_FORMS": "0",
        "materials-0-name": "申请书",
        "materials-0-form": "paper",
        "materials-0-copy_kind": "original",
        "materials-0-copies": "1",
        "materials-0-is_required": "on",
        "materials-1-name": "",
        "materials-1-form": "paper",
        "materials-1-copy_kind": "original",
        "materials-1-copies": "1",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-0-name": "受理",
        "steps-1-name": "决定",
    }
    data.update(changes)
    return data


def test_list_and_detail_by_role(client, item, clerk, supervisor, outsider):
    list_url = reverse("console:service-item-list")
    detail_url = reverse("console:service-item-detail", args=[item.pk])
    for user, status in [(clerk, 200), (supervisor, 200), (outsider, 404)]:
        client.force_login(user)
        assert client.get(list_url).status_code == 200
        assert client.get(detail_url).status_code == status
    client.force_login(outsider)
    assert item.name not in client.get(list_url).content.decode()
    client.logout()
    assert client.get(list_url).status_code == 302  # to the login page


def test_supervisors_read_but_do_not_draft(client, item, supervisor):
    client.force_login(supervisor)
    response = client.post(reverse("console:service-item-new-version", args=[item.pk]))
    assert response.status_code == 403
    assert client.get(reverse("console:service-item-create")).status_code == 403


def test_the_form_saves_a_draft_and_lists_what_is_missing(client, item, clerk):
    guide = services.start_version(service_item=item, actor=clerk)
    client.force_login(clerk)
    url = reverse("console:service-guide-edit", args=[guide.pk])
    page = client.get(url).content.decode()
    for heading in ["基本信息", "受理条件和申请材料", "办理方式和流程", "办理时限和收费"]:
        assert f"<legend>{heading}</legend>" in page
    response = client.post(url, form_data(hours=""), follow=True)
    assert "尚缺关键要素：办理时间" in response.content.decode()
    guide.refresh_from_db()
    assert guide.consult_phone == "0356-2021234"
    assert [m.name for m in guide.materials.all()] == ["申请书"]
    assert [s.name for s in guide.steps.all()] == ["受理", "决定"]


def test_the_form_reports_every_problem_in_one_round(client, item, clerk):
    guide = services.start_version(service_item=item, actor=clerk)
    client.force_login(clerk)
    response = client.post(
        reverse("console:service-guide-edit", args=[guide.pk]),
        form_data(promised_days="60", consult_phone="问前台", **{"materials-0-copies": "0"}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "第1项申请材料（份数）" in page
    assert "承诺时限不能长于法定时限" in page
    assert "咨询电话只能包含数字" in page
    guide.refresh_from_db()
    assert guide.promised_days is None


def test_the_review_page_refuses_an_incomplete_guide(client, item, reviewer):
    guide = make_guide(item, values={"name": item.name})
    services.submit_guide(guide=guide, actor=guide.drafted_by)
    client.force_login(reviewer)
    response = client.post(
        reverse("console:service-guide-action", args=[guide.pk]), {"action": "publish"}, follow=True
    )
    assert "缺少关键要素，不能发布" in response.content.decode()
    guide.refresh_from_db()
    assert guide.status == GuideStatus.IN_REVIEW


def test_the_clerk_cannot_publish(client, item, clerk):
    guide = make_guide(item, drafter=clerk)
    services.submit_guide(guide=guide, actor=clerk)
    client.force_login(clerk)
    response = client.post(
        reverse("console:service-guide-action", args=[guide.pk]), {"action": "publish"}
    )
    assert response.status_code == 403


def test_the_incomplete_list(client, agency, clerk, reviewer):
    complete = make_item(agency, clerk, name="医疗机构执业登记")
    make_published_guide(complete, reviewer=reviewer)
    lacking = make_item(agency, clerk, name="公共场所卫生许可")
    make_guide(lacking, values={"name": "公共场所卫生许可"})
    client.force_login(clerk)
    page = client.get(reverse("console:service-item-list") + "?incomplete=1").content.decode()
    assert "公共场所卫生许可" in page
    assert "设定依据" in page
    assert complete.code not in page


def test_the_portal_column_and_the_guide_page_with_its_qr_code(client, agency, item, reviewer):
    guide = make_published_guide(item, reviewer=reviewer)
    column = client.get(reverse("portal:agency-services", args=[agency.code]))
    assert column.status_code == 200
    assert "行政许可" in column.content.decode()
    path = reverse("portal:service-guide", args=[agency.code, item.code])
    assert path in column.content.decode()
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "医疗机构执业登记",
        "《医疗机构管理条例》第十五条",
        "0356-2021234",
        "45个工作日",
        "不收费",
        guide.document.index_number,
        "<svg",
        "扫码在手机上查看本指南",
    ]:
        assert text in page, text
    url = f"{settings.SITE_URL}{path}"
    assert url in page
    assert qr_code(url).data_list[0].data == url.encode()
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_guide_is_in_the_catalogue_under_its_item(client, agency, item, reviewer):
    guide = make_published_guide(item, reviewer=reviewer)
    sitemap = client.get("/sitemap-services.xml").content.decode()
    assert reverse("portal:service-guide", args=[agency.code, item.code]) in sitemap
    page = client.get(
        reverse("portal:agency-catalogue-item", args=[agency.code, item.catalogue_item.code])
    ).content.decode()
    assert guide.document.title in page
    record = client.get(
        reverse("portal:document-detail", args=[guide.document_id])
    ).content.decode()
    assert reverse("portal:service-guide", args=[agency.code, item.code]) in record


def test_unpublished_and_withdrawn_guides(client, agency, item, reviewer):
    path = reverse("portal:service-guide", args=[agency.code, item.code])
    make_guide(item)
    assert client.get(path).status_code == 404
    Guide.objects.filter(service_item=item).delete()
    guide = make_published_guide(item, reviewer=reviewer)
    publication.withdraw_guide(guide=guide, actor=reviewer, reason="事项已取消")
    response = client.get(path)
    assert response.status_code == 410
    assert "事项已取消" in response.content.decode()
    assert Document.objects.public().count() == 0


def test_material_files_are_public_only_when_published(client, agency, item, reviewer):
    guide = make_guide(item)
    material = guide.materials.first()
    services.attach_material_file(
        material=material,
        actor=guide.drafted_by,
        which="blank_form",
        name="申请书.pdf",
        data=b"%PDF-1.4\n%%EOF\n",
    )
    url = reverse(
        "portal:service-material-file", args=[agency.code, item.code, material.pk, "blank_form"]
    )
    assert client.get(url).status_code == 404
    services.submit_guide(guide=guide, actor=guide.drafted_by)
    publication.publish_guide(guide=guide, actor=reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_a_licensing_decision_page_links_to_the_guide(client, agency, item, clerk, reviewer):
    from gongkai.enforcement import services as enforcement
    from gongkai.enforcement.tests.factories import make_decision

    make_published_guide(item, reviewer=reviewer)
    decision = make_decision(agency=agency, actor=clerk)
    services.link_decision(decision=decision, service_item=item, actor=clerk)
    enforcement.publish(decision=decision, actor=reviewer)
    page = client.get(reverse("portal:decision-detail", args=[decision.pk])).content.decode()
    assert reverse("portal:service-guide", args=[agency.code, item.code]) in page
    client.force_login(clerk)
    console = client.get(reverse("console:decision-detail", args=[decision.pk])).content.decode()
    assert reverse("console:service-item-detail", args=[item.pk]) in console


def test_the_clerk_links_a_licensing_decision_from_the_console(client, agency, item, clerk):
    from gongkai.enforcement.tests.factories import make_decision

    decision = make_decision(agency=agency, actor=clerk)
    client.force_login(clerk)
    url = reverse("console:decision-service-item", args=[decision.pk])
    assert (
        url in client.get(reverse("console:decision-detail", args=[decision.pk])).content.decode()
    )
    assert client.post(url, {"service_item": item.pk}).status_code == 302
    decision.refresh_from_db()
    assert decision.service_item == item
    client.post(url, {"service_item": ""})
    decision.refresh_from_db()
    assert decision.service_item is None
    client.force_login(make_user(agency=agency, roles=(Role.REVIEWER,)))
    assert client.get(url).status_code == 403


def test_the_published_guide_is_found_by_search(
    client, agency, item, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guide = make_published_guide(item, reviewer=reviewer)
    page = client.get(reverse("portal:search"), {"q": "医疗机构执业登记"}).content.decode()
    assert reverse("portal:document-detail", args=[guide.document_id]) in page


def test_the_clerk_uploads_a_blank_form_from_the_item_page(client, item, clerk):
    import io

    guide = make_guide(item, drafter=clerk)
    material = guide.materials.first()
    client.force_login(clerk)
    url = reverse("console:service-guide-action", args=[guide.pk])
    upload = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    upload.name = "申请书.pdf"
    data = {"action": "upload", "material": material.pk, "which": "blank_form", "file": upload}
    page = client.post(url, data, follow=True).content.decode()
    assert "已上传。" in page
    material.refresh_from_db()
    assert material.blank_form_name == "申请书.pdf"
    bad = io.BytesIO(b"#!/bin/sh\n")
    bad.name = "x.pdf"
    data = {"action": "upload", "material": material.pk, "which": "sample", "file": bad}
    assert "不接受此类文件" in client.post(url, data, follow=True).content.decode()
