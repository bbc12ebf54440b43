"""The record page as users know it from government sites: 内容概述 and 有效期, the breadcrumb
down to the catalogue item, 字号 大/中/小 without JavaScript, attachments to download, 相关文件,
and the annual report's figures as charts."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.documents import services
from gongkai.documents.models import DocumentLink, DocumentType, LinkKind, Status, Validity
from gongkai.documents.tests.factories import (
    make_agency_item,
    make_document,
    make_published_document,
    pdf_bytes,
)
from gongkai.factories import make_agency, make_user
from gongkai.reports.computation import compute_report
from gongkai.reports.models import AnnualReport
from gongkai.reports.models import Status as ReportStatus
from gongkai.reports.tests.factories import make_application

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency(db):
    return make_agency(code="HX-WJJ", name="和县卫生健康委员会", short_name="和县卫健委")


@pytest.fixture
def item(agency):
    return make_agency_item(agency, name="行政规范性文件", code="T0107")


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


def publish(item, reviewer, **overrides):
    return make_published_document(catalogue_item=item, reviewer=reviewer, **overrides)


def page_of(client, document) -> str:
    response = client.get(reverse("portal:document-detail", args=[document.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_metadata_shows_the_summary_and_the_validity_period(client, item, reviewer):
    document = publish(
        item,
        reviewer,
        summary="规范家庭医生签约服务的对象、内容和流程。",
        effective_on=datetime.date(2026, 4, 1),
    )

    page = page_of(client, document)

    assert '<th scope="row">内容概述</th><td colspan="3" lang="zh-Hans">规范家庭医生签约' in page
    assert '<th scope="row">有效期</th><td colspan="3">2026-04-01 起施行</td>' in page
    assert '<th scope="row">有效性</th><td>有效</td>' in page


def test_a_repealed_record_shows_when_its_validity_ended(client, item, reviewer):
    old = publish(item, reviewer, effective_on=datetime.date(2025, 1, 1))
    new = publish(item, reviewer, title="新的管理办法")
    services.change_validity(
        document=old,
        actor=reviewer,
        validity=Validity.REPEALED,
        changed_on=datetime.date(2026, 3, 1),
        by_document=new,
    )

    page = page_of(client, old)

    assert '<td colspan="3">2025-01-01 起施行，2026-03-01 已废止</td>' in page
    assert '<th scope="row">有效性</th><td>已废止</td>' in page


def test_the_breadcrumb_leads_down_to_the_catalogue_item(client, agency, item, reviewer):
    document = publish(item, reviewer, title="关于印发预防接种工作方案的通知")

    page = page_of(client, document)

    crumbs = page[
        page.index('class="breadcrumbs"') : page.index("</nav>", page.index("breadcrumbs"))
    ]
    catalogue = reverse("portal:agency-catalogue", args=[agency.code])
    item_page = reverse("portal:agency-catalogue-item", args=[agency.code, "T0107"])
    order = [crumbs.index(word) for word in ("首页", "和县卫生健康委员会", "法定主动公开内容")]
    assert order == sorted(order)
    assert f'href="{catalogue}"' in crumbs
    assert f'href="{item_page}">行政规范性文件</a>' in crumbs
    assert 'aria-current="page">关于印发预防接种工作方案的通知' in crumbs


def test_text_size_links_and_a_print_button_sit_on_the_record(client, item, reviewer):
    document = publish(item, reviewer)

    page = page_of(client, document)

    preference = reverse("portal:display-preference")
    for size, label in [("large", "大"), ("medium", "中"), ("small", "小")]:
        assert f'href="{preference}?size={size}&amp;next=/records/{document.pk}/"' in page
        assert f">{label}</a>" in page
    assert 'href="/display-preference/?size=medium&amp;next=/records/' in page
    assert page.count('aria-current="true"') == 1  # 中, the default
    assert "data-print" in page


@pytest.mark.parametrize(
    ("size", "html_class"),
    [("small", ' class="small-text"'), ("large", ' class="large-text"'), ("medium", "")],
)
def test_the_chosen_text_size_is_remembered_and_varies_the_validator(
    client, item, reviewer, size, html_class
):
    document = publish(item, reviewer)
    url = reverse("portal:document-detail", args=[document.pk])
    standard = client.get(url)["ETag"]

    answer = client.get(reverse("portal:display-preference"), {"size": size, "next": url})

    assert answer.status_code == 302
    assert answer["Location"] == url
    page = client.get(url)
    assert f'<html lang="zh-Hans"{html_class}>' in page.content.decode()
    assert (page["ETag"] == standard) == (size == "medium")
    assert "Cookie" in page["Vary"]


def test_the_old_large_text_cookie_and_link_still_mean_large(client, item, reviewer):
    document = publish(item, reviewer)
    url = reverse("portal:document-detail", args=[document.pk])

    client.get(reverse("portal:display-preference"), {"large_text": "1", "next": url})
    assert client.cookies["text_size"].value == "large"
    client.cookies.pop("text_size")
    client.cookies["large_text"] = "1"

    assert 'class="large-text"' in client.get(url).content.decode()


def test_attachments_are_listed_with_type_and_size_and_download(client, item, reviewer):
    document = make_document(catalogue_item=item)
    data = pdf_bytes()
    attachment = services.add_attachment(
        document=document, actor=None, name="工作方案.pdf", data=data
    )
    document.status = Status.IN_REVIEW
    document.save(update_fields=["status"])
    services.publish(document=document, actor=reviewer)

    page = page_of(client, document)

    assert '<th scope="row" lang="zh-Hans">工作方案.pdf</th>' in page
    assert '<td data-label="类型">PDF</td>' in page
    assert f'href="{attachment.file.url}" download="工作方案.pdf"' in page
    download = client.get(attachment.file.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data


def test_related_files_show_links_both_ways_and_the_same_catalogue_item(
    client, agency, item, reviewer
):
    policy = make_document(
        catalogue_item=item,
        title="家庭医生签约服务规范",
        document_type=DocumentType.POLICY,
        status=Status.IN_REVIEW,
    )
    interpretation = make_document(
        catalogue_item=make_agency_item(agency, name="政策解读"),
        title="《家庭医生签约服务规范》解读",
        document_type=DocumentType.INTERPRETATION,
        status=Status.IN_REVIEW,
    )
    DocumentLink.objects.create(source=interpretation, target=policy, kind=LinkKind.INTERPRETS)
    services.publish(document=policy, actor=reviewer)
    policy.refresh_from_db()
    neighbour = publish(item, reviewer, title="同一事项的另一份文件")
    draft = make_document(catalogue_item=item, title="尚未发布的草稿")
    repealed = publish(item, reviewer, title="被废止的旧规范")
    DocumentLink.objects.create(source=policy, target=repealed, kind=LinkKind.REPEALS)

    policy_page = page_of(client, policy)
    interpretation_page = page_of(client, interpretation)

    related = policy_page[policy_page.index("相关文件") :]
    assert "<h3>政策解读</h3>" in related
    assert "《家庭医生签约服务规范》解读" in related
    assert "<h3>本文件废止的文件</h3>" in related
    assert "同一目录事项（行政规范性文件）的其他信息" in related
    assert "同一事项的另一份文件" in related
    assert draft.title not in related
    assert related.count(f'href="/records/{policy.pk}/"') == 0  # not itself
    assert "<h3>解读的政策文件</h3>" in interpretation_page
    assert "<h3>废止本文件的文件</h3>" in page_of(client, repealed)
    assert neighbour.title in page_of(client, repealed)


def test_a_record_without_links_or_neighbours_has_no_related_section(client, agency, reviewer):
    document = publish(make_agency_item(agency), reviewer)

    assert "相关文件" not in page_of(client, document)


@pytest.fixture
def annual_report(agency, reviewer):
    make_application(agency, received="2025-03-01", closed="2025-03-20", outcome="granted")
    make_application(agency, received="2025-05-01", closed="2025-05-20", outcome="granted")
    make_application(agency, received="2025-12-20")
    record = publish(
        make_agency_item(agency, name="政府信息公开工作年度报告"),
        reviewer,
        title="和县卫生健康委员会2025年政府信息公开工作年度报告",
        document_type=DocumentType.ANNUAL_REPORT,
    )
    return AnnualReport.objects.create(
        agency=agency,
        year=2025,
        status=ReportStatus.PUBLISHED,
        data=compute_report([agency.pk], 2025).to_json(),
        published_document=record,
    )


def test_a_published_annual_report_links_its_figures_drawn_as_charts(client, annual_report):
    record_page = page_of(client, annual_report.published_document)
    figures_url = reverse("portal:annual-report-figures", args=[annual_report.pk])
    assert f'href="{figures_url}"' in record_page

    response = client.get(figures_url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "主要数据图解" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2  # applications, results
    assert page.count("暂无数据") == 2  # no rules issued, no review or litigation
    assert '<td data-label="申请数量">3</td>' in page  # 本年新收
    assert '<td data-label="数量">2</td>' in page  # 予以公开


def test_figures_of_a_draft_report_or_a_withdrawn_record_are_not_public(
    client, annual_report, reviewer
):
    url = reverse("portal:annual-report-figures", args=[annual_report.pk])
    services.withdraw(document=annual_report.published_document, actor=reviewer, reason="更正。")
    assert client.get(url).status_code == 404

    annual_report.status = ReportStatus.DRAFT
    annual_report.save(update_fields=["status"])
    assert client.get(url).status_code == 404
