"""The console record form and page for the rules of issue #10: dates after today are refused
at their field; licensing and penalty results are due 7 working days after the decision
whatever element is chosen; decision records carry a number of decisions."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.documents.models import Attribute, Document, DocumentType, Topic
from gongkai.documents.tests.factories import make_agency_item, make_document
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _on_a_monday_in_march():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency(db):
    return make_agency(name="测试县卫生健康局", level=Level.COUNTY)


@pytest.fixture
def item(agency):
    """20 working days, with a 20-day “法律法规和政策文件” and a 7-day “结果信息” element."""
    return make_agency_item(agency)


@pytest.fixture
def publisher(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


def form_data(item, **overrides) -> dict:
    data = {
        "agency": str(item.catalogue.agency_id),
        "title": "关于某诊所的行政处罚决定",
        "document_number": "测卫罚〔2026〕3号",
        "issuers_text": "测试县卫生健康局",
        "document_type": DocumentType.PENALTY,
        "topic": Topic.HEALTH,
        "catalogue_entry": f"{item.pk}:结果信息",
        "formed_on": "2026-02-13",
        "changed_on": "",
        "effective_on": "",
        "summary": "对某诊所作出警告。",
        "body": "<p>当事人：某诊所。</p>",
        "attribute": Attribute.PROACTIVE,
        "scope": "full",
        "withholding_basis": "",
        "withholding_reason": "",
        "interpretation_form": "",
    }
    data.update(overrides)
    return data


def create_url(agency) -> str:
    return reverse("console:document-create") + f"?agency={agency.pk}"


# --- point 11: no dates after today --------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"document_type": DocumentType.NOTICE, "formed_on": "2026-03-03"},
            "formed_on",
            "成文日期（2026-03-03）晚于今天（2026-03-02），请填写信息实际形成的日期。",
        ),
        (
            {"formed_on": "2026-03-03"},
            "formed_on",
            "决定日期（成文日期，2026-03-03）晚于今天（2026-03-02），请填写已经作出决定的日期。",
        ),
        (
            {"changed_on": "2026-12-01"},
            "changed_on",
            "变更日期（2026-12-01）晚于今天（2026-03-02），请填写信息实际变更的日期。",
        ),
    ],
)
def test_a_date_after_today_is_refused_at_its_field(
    client, publisher, item, overrides, field, message
):
    client.force_login(publisher)
    response = client.post(create_url(item.catalogue.agency), form_data(item, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_the_date_inputs_stop_at_today_and_explain_the_decision_date(client, publisher, item):
    client.force_login(publisher)
    page = client.get(create_url(item.catalogue.agency))
    content = page.content.decode()

    assert page.status_code == 200
    assert 'name="formed_on" max="2026-03-02"' in content
    assert 'name="changed_on" max="2026-03-02"' in content
    assert "行政许可、行政处罚、行政强制决定以成文日期作为决定日期" in content


def test_editing_an_old_draft_with_a_future_date_shows_why_it_cannot_be_saved(
    client, publisher, item
):
    draft = make_document(
        catalogue_item=item,
        drafted_by=publisher,
        document_type=DocumentType.NOTICE,
        formed_on=datetime.date(2026, 4, 1),
    )
    client.force_login(publisher)
    url = reverse("console:document-edit", args=[draft.pk])
    response = client.post(
        url,
        form_data(
            item, document_type=DocumentType.NOTICE, formed_on="2026-04-01", title="改了标题"
        ),
    )

    assert response.status_code == 200
    assert "成文日期（2026-04-01）晚于今天" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title != "改了标题"
    response = client.post(
        url,
        form_data(
            item, document_type=DocumentType.NOTICE, formed_on="2026-02-27", title="改了标题"
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.formed_on) == ("改了标题", datetime.date(2026, 2, 27))


# --- point 4: 7 working days for licensing and penalty results ------------------------------


def test_a_penalty_under_a_20_day_element_is_due_in_7_working_days(client, publisher, item):
    client.force_login(publisher)
    form = client.get(create_url(item.catalogue.agency)).content.decode()
    assert "行政许可、行政处罚决定不论选择哪个要素，均自作出决定之日起7个工作日内公开" in form

    response = client.post(
        create_url(item.catalogue.agency),
        form_data(item, catalogue_entry=f"{item.pk}:法律法规和政策文件", formed_on="2026-03-02"),
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.catalogue_element == "法律法规和政策文件"  # the clerk's choice is kept
    assert document.due_on == datetime.date(2026, 3, 11)  # 7 working days, not 20
    page = client.get(reverse("console:document-detail", args=[document.pk])).content.decode()
    assert "2026-03-11" in page
    assert (
        "7个工作日（公开目录为20个工作日；行政许可、行政处罚决定自作出决定之日起7个工作日内公开）"
        in page
    )


def test_a_notice_keeps_its_elements_time_limit_on_the_page(client, publisher, item):
    notice = make_document(
        catalogue_item=item,
        drafted_by=publisher,
        document_type=DocumentType.NOTICE,
        catalogue_element="法律法规和政策文件",
    )
    client.force_login(publisher)
    page = client.get(reverse("console:document-detail", args=[notice.pk])).content.decode()

    assert '<th scope="row">公开时限</th><td>20个工作日</td>' in page


# --- point 3: the number of decisions a result record lists ---------------------------------


def test_a_penalty_record_lists_several_decisions(client, publisher, item):
    client.force_login(publisher)
    form = client.get(create_url(item.catalogue.agency)).content.decode()
    assert '<label for="id_decision_count">决定数量</label>' in form
    assert 'name="decision_count" value="1"' in form

    response = client.post(create_url(item.catalogue.agency), form_data(item, decision_count="5"))

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.decision_count == 5
    page = client.get(reverse("console:document-detail", args=[document.pk])).content.decode()
    assert '<th scope="row">决定数量</th><td>5</td>' in page
    assert '<th scope="row">成文日期（决定日期）</th><td>2026-02-13</td>' in page

    edit = reverse("console:document-edit", args=[document.pk])
    assert 'name="decision_count" value="5"' in client.get(edit).content.decode()
    response = client.post(edit, form_data(item, decision_count="6"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.decision_count == 6
    event = document_event(document, "document.update")
    assert (event.before["decision_count"], event.after["decision_count"]) == (5, 6)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"decision_count": "0"}, "决定数量必须是不小于1的整数。"),
        ({"decision_count": "两个"}, "决定数量必须是不小于1的整数。"),
        (
            {"decision_count": "3", "document_type": DocumentType.NOTICE},
            "只有行政许可、行政处罚、行政强制决定填写决定数量；其他类型的信息决定数量为1。",
        ),
    ],
)
def test_a_wrong_decision_count_is_refused_at_its_field(
    client, publisher, item, overrides, message
):
    client.force_login(publisher)
    response = client.post(create_url(item.catalogue.agency), form_data(item, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors["decision_count"] == [message]
    assert not Document.objects.exists()


def test_a_blank_decision_count_is_one_and_a_notice_shows_none(client, publisher, item):
    client.force_login(publisher)
    response = client.post(
        create_url(item.catalogue.agency),
        form_data(item, document_type=DocumentType.NOTICE, decision_count=""),
    )

    assert response.status_code == 302
    notice = Document.objects.get()
    assert notice.decision_count == 1
    page = client.get(reverse("console:document-detail", args=[notice.pk])).content.decode()
    assert "决定数量</th>" not in page
    assert '<th scope="row">成文日期</th>' in page


def document_event(document, action):
    from gongkai.audit.models import AuditEvent

    return AuditEvent.objects.for_object(document).get(action=action)
