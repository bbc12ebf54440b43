"""Public pages of the mailbox: write, receipt, look up by query code, published replies,
statistics and the feed. The public never sees contact details or unpublished messages."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.participation import mailbox_services as services
from gongkai.participation import publication_services
from gongkai.participation.errors import ParticipationError
from gongkai.participation.models import MessageCategory, PublicMessage, RejectionGround
from gongkai.participation.tests.mailbox_factories import (
    SENDER,
    make_answered_message,
    make_mailbox_world,
    make_message,
    make_published_message,
)
from gongkai.ratelimits.form_tokens import issue_token

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)  # a Monday
FORM = {
    "category": MessageCategory.COMPLAINT,
    "subject": "卫生院挂号排队时间过长",
    "body": "上周三上午在城关卫生院挂号排队一个多小时，希望增加窗口。",
    "sender_name": "李四",
    "phone": "13800000000",
    "email": "li.si@example.org",
    "wants_public": "on",
}


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world():
    return make_mailbox_world()


def assert_no_contact_details(content: str) -> None:
    for value in (*SENDER.values(), FORM["sender_name"], FORM["phone"], FORM["email"]):
        assert value not in content, value


def test_the_form_labels_every_field_and_preselects_the_agency(client, world):
    page = client.get(reverse("portal:message-new"), {"agency": "SL-COUNTY"})

    content = page.content.decode()
    assert page.status_code == 200
    for name in ("agency", "category", "subject", "body", "sender_name", "phone", "email"):
        assert f'for="id_{name}"' in content
    assert 'for="id_wants_public"' in content
    assert "不显示您的姓名和联系方式" in content
    assert '<option value="SL-COUNTY" selected>' in content


def test_a_message_is_submitted_and_the_code_shown_once(client, world):
    response = client.post(
        reverse("portal:message-new"), {**FORM, "agency": "SL-COUNTY", "form_token": issue_token()}
    )

    message = PublicMessage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("portal:message-receipt")
    assert message.query_code not in response.url
    assert message.agency == world["county"]
    assert message.wants_public
    receipt = client.get(response.url).content.decode()
    assert message.query_code in receipt
    assert "2026-03-09" in receipt  # 5 working days after Monday 03-02
    assert "期限是怎样计算的" in receipt


def test_the_receipt_needs_the_session(client, world):
    make_message(world["county"])

    assert client.get(reverse("portal:message-receipt")).status_code == 404


def test_a_missing_field_comes_back_with_the_form_kept(client, world):
    data = {**FORM, "agency": "SL-COUNTY", "phone": ""}

    page = client.post(reverse("portal:message-new"), data)

    content = page.content.decode()
    assert page.status_code == 200
    assert 'aria-invalid="true"' in content
    assert 'href="#id_phone"' in content
    assert FORM["body"] in content  # nothing typed is lost
    assert not PublicMessage.objects.exists()


def test_a_rule_of_the_service_comes_back_on_its_field(client, world, monkeypatch):
    def refuse(**_values):
        raise ParticipationError("请填写有效的联系电话。", field="phone")

    monkeypatch.setattr(services, "submit_message", refuse)
    page = client.post(
        reverse("portal:message-new"),
        {**FORM, "agency": "SL-COUNTY", "form_token": issue_token()},
    )

    assert 'href="#id_phone"' in page.content.decode()
    assert "请填写有效的联系电话" in page.content.decode()
    assert not PublicMessage.objects.exists()


def test_a_phone_that_is_no_number_is_refused_by_the_form_with_what_is_expected(client, world):
    page = client.post(
        reverse("portal:message-new"),
        {**FORM, "agency": "SL-COUNTY", "phone": "电话", "form_token": issue_token()},
    )

    assert "带区号的固定电话（如 010-12345678）" in page.content.decode()
    assert not PublicMessage.objects.exists()


def test_lookup_by_code_shows_status_and_due_date_but_no_contact_details(client, world):
    message = make_message(world["county"])

    page = client.post(reverse("portal:message-lookup"), {"query_code": message.query_code.lower()})

    content = page.content.decode()
    assert page.status_code == 200
    assert "待受理" in content
    assert "2026-03-09" in content
    assert_no_contact_details(content)


def test_lookup_of_an_unknown_code_says_so(client, world):
    page = client.post(reverse("portal:message-lookup"), {"query_code": "XXXXXXXXXX"})

    assert "没有找到这个查询码对应的留言" in page.content.decode()


def test_lookup_shows_the_reply_once_answered(client, world):
    message = make_answered_message(
        world["county"], handler=world["handler"], reviewer=world["reviewer"], wants_public=False
    )

    content = client.post(
        reverse("portal:message-lookup"), {"query_code": message.query_code}
    ).content.decode()

    assert "已答复" in content
    assert "周六上午可以接种" in content
    assert_no_contact_details(content)


def test_a_disclosure_application_is_pointed_to_the_application_form(client, world):
    message = make_message(world["county"])
    services.reject_message(
        message=message,
        actor=world["handler"],
        ground=RejectionGround.DISCLOSURE_APPLICATION,
        reason="您要获取的是政府信息，请提出政府信息公开申请。",
    )

    content = client.post(
        reverse("portal:message-lookup"), {"query_code": message.query_code}
    ).content.decode()

    assert "不予受理" in content
    assert "请提出政府信息公开申请" in content
    assert f'href="{reverse("portal:foi-apply")}?agency={world["county"].pk}"' in content


def test_a_petition_is_pointed_to_the_petition_channel(client, world):
    message = make_message(world["county"])
    services.reject_message(
        message=message,
        actor=world["handler"],
        ground=RejectionGround.PETITION,
        reason="属于信访事项。",
    )

    content = client.post(
        reverse("portal:message-lookup"), {"query_code": message.query_code}
    ).content.decode()

    assert "信访工作条例" in content
    assert "网上信访" in content


def test_a_forwarded_message_shows_where_it_went(client, world):
    message = make_message(world["county"])
    services.forward_message(message=message, actor=world["handler"], to_agency=world["other"])

    content = client.post(
        reverse("portal:message-lookup"), {"query_code": message.query_code}
    ).content.decode()

    assert "邻县卫生健康局" in content
    assert "由示例县卫生健康局转来办理" in content


@pytest.fixture
def listed(world):
    """One published, one answered but not published, one open, one unpublished again."""
    people = {"handler": world["handler"], "reviewer": world["reviewer"]}
    published = make_published_message(world["county"], **people, subject="疫苗接种时间")
    private = make_answered_message(world["county"], **people, subject="不公开的咨询")
    make_message(world["county"], subject="尚未答复的留言")
    withdrawn = make_published_message(world["county"], **people, subject="撤下的留言")
    publication_services.set_publication(message=withdrawn, actor=world["reviewer"], publish=False)
    other = make_published_message(
        world["other"],
        handler=world["other_handler"],
        reviewer=world["other_handler"],
        subject="邻县的建议",
        category=MessageCategory.SUGGESTION,
    )
    return {"published": published, "private": private, "withdrawn": withdrawn, "other": other}


def test_the_list_shows_only_published_messages(client, listed):
    content = client.get(reverse("portal:messages")).content.decode()

    assert "疫苗接种时间" in content
    assert "邻县的建议" in content
    for hidden in ("不公开的咨询", "尚未答复的留言", "撤下的留言"):
        assert hidden not in content
    assert_no_contact_details(content)


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"agency": "LX-COUNTY"}, "邻县的建议", "疫苗接种时间"),
        ({"category": MessageCategory.ENQUIRY}, "疫苗接种时间", "邻县的建议"),
        ({"agency": "NO-SUCH"}, "疫苗接种时间", "不公开的咨询"),  # a bad filter is ignored
    ],
)
def test_the_list_filters_by_agency_and_category(client, listed, params, shown, hidden):
    content = client.get(reverse("portal:messages"), params).content.decode()

    assert shown in content
    assert hidden not in content


def test_a_published_message_shows_the_public_text_and_no_names(client, world):
    message = make_answered_message(
        world["county"],
        handler=world["handler"],
        reviewer=world["reviewer"],
        body="我是张三，请问周末能否接种？",
    )
    publication_services.set_publication(
        message=message,
        actor=world["reviewer"],
        publish=True,
        public_subject="周末能否接种",
        public_body="请问周末能否接种？",
    )

    page = client.get(reverse("portal:message-detail", args=[message.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert "周末能否接种" in content
    assert "周六上午可以接种" in content
    assert "我是张三" not in content
    assert_no_contact_details(content)


def test_unpublished_messages_are_not_found(client, listed, world):
    open_message = PublicMessage.objects.get(subject="尚未答复的留言")
    for message in (listed["private"], listed["withdrawn"], open_message):
        assert client.get(reverse("portal:message-detail", args=[message.pk])).status_code == 404


def test_the_statistics_count_per_month_and_flag_overdue(client, world):
    people = {"handler": world["handler"], "reviewer": world["reviewer"]}
    # Received 02-13, answered today 03-02: 7 working days (02-14 and 02-28 worked), 17 days.
    with time_machine.travel(datetime.datetime(2026, 2, 13, 9, tzinfo=SHANGHAI), tick=False):
        slow = make_message(world["county"])
        services.accept_message(message=slow, actor=world["handler"])
        services.draft_reply(message=slow, actor=world["handler"], text="答复")
    services.approve_reply(message=slow, actor=world["reviewer"])
    make_answered_message(world["county"], **people)  # same day: 0
    make_message(world["county"], received_at=datetime.datetime(2025, 11, 20, tzinfo=SHANGHAI))

    page = client.get(reverse("portal:message-stats"), {"agency": "SL-COUNTY"})

    assert page.status_code == 200
    march = next(m for m in page.context["months"] if m.month == datetime.date(2026, 3, 1))
    assert (march.received, march.answered) == (1, 2)
    assert (march.average_working_days, march.slowest_working_days) == (3.5, 7)
    assert (march.average_days, march.slowest_days) == (8.5, 17)
    (row,) = page.context["by_agency"]
    assert (row["open_count"], row["overdue_count"], row["past_line_count"]) == (1, 1, 1)
    content = page.content.decode()
    assert "2026-03" in content
    assert "超过3个月未答复" in content
    received_and_answered, reply_time, on_time = page.context["charts"]
    assert received_and_answered.series[0].values[-1] == 1  # 2026-03, the last month drawn
    assert received_and_answered.series[1].values[-1] == 2
    assert reply_time.series[0].values[-1] == 3.5
    assert content.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert '<td data-label="答复">2</td>' in content  # the chart's data table
    # The same-day answer was on time; 7 working days is past the 5-day limit (the ledger).
    assert on_time.series[0].values == [1, 1]
    assert "按期答复 1（50.0%）" in content


def test_the_statistics_without_messages_say_there_is_no_data(client, world):
    content = client.get(reverse("portal:message-stats")).content.decode()

    assert content.count("暂无数据") == 3
    assert "<svg" not in content


def test_the_statistics_page_of_an_unknown_agency_is_all_agencies(client, world):
    page = client.get(reverse("portal:message-stats"), {"agency": "NO-SUCH"})

    assert page.status_code == 200
    assert page.context["agency"] is None


def test_the_feed_lists_published_replies_without_names(client, listed):
    response = client.get(reverse("portal:feed-messages"))

    content = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "疫苗接种时间" in content
    assert "周六上午可以接种" in content
    assert "不公开的咨询" not in content
    assert "撤下的留言" not in content
    assert_no_contact_details(content)


@pytest.mark.parametrize(
    "name",
    ["portal:message-new", "portal:message-lookup", "portal:messages", "portal:message-stats"],
)
def test_the_pages_answer_in_english_too(client, world, name):
    path = reverse(name)

    response = client.get(f"/en{path}")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def current_step(content: str) -> str:
    match = re.search(r'aria-current="step">.*?class="step-label">([^<]+)<', content, re.S)
    assert match, "no step is marked current"
    return match.group(1)


def step_labels(content: str) -> list[str]:
    return re.findall(r'class="step-label">([^<]+)<', content)


def lookup(client, message) -> str:
    return client.post(
        reverse("portal:message-lookup"), {"query_code": message.query_code}
    ).content.decode()


def test_lookup_shows_the_steps_of_a_new_message(client, world):
    content = lookup(client, make_message(world["county"], wants_public=True))

    assert step_labels(content) == ["已提交", "已受理", "已答复", "已公开"]
    assert current_step(content) == "已提交"
    assert content.count('aria-current="step"') == 1


def test_lookup_steps_of_an_answered_private_message_end_at_the_reply(client, world):
    message = make_answered_message(
        world["county"], handler=world["handler"], reviewer=world["reviewer"], wants_public=False
    )

    content = lookup(client, message)

    assert step_labels(content) == ["已提交", "已受理", "已答复"]
    assert current_step(content) == "已答复"


def test_lookup_steps_of_a_published_message_are_all_passed(client, world):
    message = make_published_message(
        world["county"], handler=world["handler"], reviewer=world["reviewer"]
    )

    content = lookup(client, message)

    assert current_step(content) == "已公开"
    assert "（当前步骤）" in content


def test_lookup_steps_of_a_rejected_message_end_at_the_rejection(client, world):
    message = make_message(world["county"])
    services.reject_message(
        message=message,
        actor=world["handler"],
        ground=RejectionGround.PETITION,
        reason="属于信访事项。",
    )

    content = lookup(client, message)

    assert step_labels(content) == ["已提交", "不予受理"]
    assert current_step(content) == "不予受理"
