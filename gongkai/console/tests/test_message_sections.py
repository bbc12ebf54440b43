"""留言办理: each message in exactly one stage of the list, and the clock badge of an answered
message from the ledger (已按时答复 / 超期答复); no list shows "无法计算" for a done duty."""

import datetime
import html
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.console import mailbox_views
from gongkai.documents.tests.factories import make_published_document
from gongkai.participation import mailbox_services, publication_services
from gongkai.participation.models import PublicMessage, RejectionGround
from gongkai.participation.tests.mailbox_factories import (
    make_answered_message,
    make_mailbox_world,
    make_message,
)

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def world():
    world = make_mailbox_world()
    county, handler, reviewer = world["county"], world["handler"], world["reviewer"]
    world["received"] = make_message(county, subject="待受理的留言")
    world["accepted"] = make_message(county, subject="办理中的留言")
    mailbox_services.accept_message(message=world["accepted"], actor=handler)
    world["drafted"] = make_message(county, subject="答复待审核的留言")
    mailbox_services.accept_message(message=world["drafted"], actor=handler)
    mailbox_services.draft_reply(message=world["drafted"], actor=handler, text="答复稿")
    world["to_publish"] = make_answered_message(
        county, handler=handler, reviewer=reviewer, subject="同意公开尚未公开的留言"
    )
    world["published"] = publication_services.set_publication(
        message=make_answered_message(
            county, handler=handler, reviewer=reviewer, subject="已公开的留言"
        ),
        actor=reviewer,
        publish=True,
    )
    world["private"] = make_answered_message(
        county, handler=handler, reviewer=reviewer, subject="不公开的留言", wants_public=False
    )
    world["late"] = make_answered_message(
        county,
        handler=handler,
        reviewer=reviewer,
        subject="超期答复的留言",
        wants_public=False,
        received_at=datetime.datetime(2026, 1, 5, 9, tzinfo=SHANGHAI),
    )
    world["rejected"] = make_message(county, subject="不予受理的留言")
    mailbox_services.reject_message(
        message=world["rejected"],
        actor=handler,
        ground=RejectionGround.PETITION,
        reason="请通过信访渠道反映。",
    )
    return world


def sections(page) -> dict[str, list[int]]:
    return {s["slug"]: [row.message.pk for row in s["rows"]] for s in page.context["sections"]}


def test_every_message_is_in_exactly_one_section(client, world):
    client.force_login(world["reviewer"])

    page = client.get(reverse("console:messages"))

    found = sections(page)
    listed = [pk for pks in found.values() for pk in pks]
    assert sorted(listed) == sorted(PublicMessage.objects.values_list("pk", flat=True))
    assert len(listed) == len(set(listed))  # none twice
    pk = {name: world[name].pk for name in world if hasattr(world[name], "query_code")}
    assert found["received"] == [pk["received"]]
    assert found["accepted"] == [pk["accepted"]]
    assert sorted(found["review"]) == sorted([pk["drafted"], pk["to_publish"]])
    assert sorted(found["answered"]) == sorted(
        [pk["published"], pk["private"], pk["late"], pk["rejected"]]
    )
    content = page.content.decode()
    for message in PublicMessage.objects.all():
        assert content.count(f">{message.query_code}</a>") == 1


def test_the_answers_are_counted_up_to_the_cap_and_listed_newest_first(client, world, monkeypatch):
    monkeypatch.setattr(mailbox_views, "COUNT_CAP", 3)  # four answers: published, private…
    client.force_login(world["reviewer"])

    page = client.get(reverse("console:messages"))

    (answered,) = [s for s in page.context["sections"] if s["slug"] == "answered"]
    assert (answered["count"], answered["capped"]) == (3, True)
    assert len(answered["rows"]) == 4  # the rows are not capped by the count
    assert "已答复 (3+)" in page.content.decode()
    assert [row.message.pk for row in answered["rows"]] == list(
        PublicMessage.objects.filter(pk__in=[row.message.pk for row in answered["rows"]])
        .order_by("-updated_at", "-pk")
        .values_list("pk", flat=True)
    )
    (review,) = [s for s in page.context["sections"] if s["slug"] == "review"]
    assert (review["count"], review["capped"]) == (2, False)


def test_an_answered_message_shows_whether_it_was_answered_in_time(client, world):
    client.force_login(world["reviewer"])

    page = client.get(reverse("console:messages"))

    rows = {row.message.pk: row for s in page.context["sections"] for row in s["rows"]}
    assert rows[world["published"].pk].clock.state == "done_on_time"
    assert rows[world["late"].pk].clock.state == "done_late"
    content = page.content.decode()
    published_row = content.split(f">{world['published'].query_code}</a>")[1].split("</tr>")[0]
    late_row = content.split(f">{world['late'].query_code}</a>")[1].split("</tr>")[0]
    assert "已按时答复" in published_row
    assert "超期答复" in late_row
    assert "无法计算" not in content


def test_a_published_record_without_a_computable_due_day_is_not_unknown(client, world):
    # The demo's imported records: their time limit fell in a year whose calendar was never
    # loaded, so the due day could not be counted. Published, the duty is done.
    document = make_published_document(agency=world["county"], title="导入的历史文件")
    document.due_on = None
    document.due_problem = "2015年的节假日安排尚未载入，无法计算期限。"
    document.save(update_fields=["due_on", "due_problem"])
    on_time = make_published_document(agency=world["county"], title="按时发布的文件")
    client.force_login(world["admin"])

    content = client.get(reverse("console:dashboard")).content.decode()

    assert "无法计算" not in content
    row = content.split(document.title)[1].split("</tr>")[0]
    assert "未能核对是否按时" in row  # neither 按时 nor 逾期 can be claimed
    assert "按时发布" not in row
    assert "逾期发布" not in row
    on_time_row = content.split(on_time.title)[1].split("</tr>")[0]
    assert "按时发布" in on_time_row


def _next_link(content: str) -> str | None:
    """The pager's 下一页 target, as a browser would follow it."""
    match = re.search(r'<a href="([^"]*)" rel="next">', content)
    return html.unescape(match.group(1)) if match else None


def _walk(client, first_url: str) -> list[list[int]]:
    """Every page of a stage by following 下一页 from the first: the message ids of each."""
    pages, url = [], first_url
    while url is not None:
        page = client.get(reverse("console:messages") + url if url.startswith("?") else url)
        assert page.status_code == 200
        pages.append([row.message.pk for row in page.context["stage"]["rows"]])
        url = _next_link(page.content.decode())
        assert len(pages) < 20
    return pages


def test_the_overview_shows_each_stages_first_rows_and_links_to_the_whole_stage(
    client, world, monkeypatch
):
    monkeypatch.setattr(mailbox_views, "SECTION_ROWS", 1)
    client.force_login(world["reviewer"])

    page = client.get(reverse("console:messages"))

    found = sections(page)
    assert {slug: len(pks) for slug, pks in found.items()} == {
        "received": 1,
        "accepted": 1,
        "review": 1,
        "answered": 1,
    }
    content = page.content.decode()
    assert "?stage=review" in content  # two in review: the link to all of them
    assert "查看全部 2 条（分页）" in content
    assert "查看全部 4 条（分页）" in content
    assert "?stage=received" not in content  # one in all: nothing more to see


def test_a_stage_is_listed_page_by_page_each_message_once_in_the_overviews_order(
    client, world, monkeypatch
):
    monkeypatch.setattr(mailbox_views, "PAGE_SIZE", 1)
    client.force_login(world["reviewer"])
    overview = sections(client.get(reverse("console:messages")))

    answered_pages = _walk(client, "?stage=answered")
    review_pages = _walk(client, "?stage=review")

    assert answered_pages == [[pk] for pk in overview["answered"]]
    assert review_pages == [[pk] for pk in overview["review"]]
    page = client.get(reverse("console:messages"), {"stage": "answered", "page": "2"})
    content = page.content.decode()
    assert "已答复 (4)" in content
    assert "第 2–2 条" in content
    assert 'aria-current="page">已答复</span>' in content
    assert "下级机关留言办理情况" not in content  # the overview's summary stays there
    assert '<input type="hidden" name="stage" value="answered">' in content  # filters keep it


def test_a_page_out_of_range_or_not_a_number_shows_the_last_or_the_first(
    client, world, monkeypatch
):
    monkeypatch.setattr(mailbox_views, "PAGE_SIZE", 1)
    client.force_login(world["reviewer"])
    review = sections(client.get(reverse("console:messages")))["review"]

    for page, expected in [("99", review[-1]), ("0", review[0]), ("二", review[0])]:
        response = client.get(reverse("console:messages"), {"stage": "review", "page": page})
        assert [row.message.pk for row in response.context["stage"]["rows"]] == [expected]


def test_an_unknown_stage_shows_the_overview(client, world):
    client.force_login(world["reviewer"])

    page = client.get(reverse("console:messages"), {"stage": "nonsense"})

    assert page.status_code == 200
    assert "stage" not in page.context
    assert len(page.context["sections"]) == 4


def test_a_stage_with_a_wrong_filter_shows_the_error_and_only_readable_messages(client, world):
    other = make_message(world["other"], subject="别的机关的留言")
    client.force_login(world["reviewer"])

    page = client.get(reverse("console:messages"), {"stage": "received", "category": "nonsense"})

    assert page.status_code == 200  # an invalid filter is shown, not a server error
    pks = [row.message.pk for row in page.context["stage"]["rows"]]
    assert pks == [world["received"].pk]
    assert other.pk not in pks
    assert "category" in page.context["form"].errors


def test_a_supervisor_filters_by_an_agency_below_and_not_by_one_elsewhere(client, world):
    other = make_message(world["other"], subject="别的机关的留言")
    city = make_message(world["city"], subject="市里的留言")
    client.force_login(world["supervisor"])

    everything = sections(client.get(reverse("console:messages")))
    county = client.get(reverse("console:messages"), {"agency": world["county"].pk})
    elsewhere = client.get(reverse("console:messages"), {"agency": world["other"].pk})

    listed = {pk for pks in everything.values() for pk in pks}
    assert city.pk in listed
    assert other.pk not in listed
    in_county = {pk for pks in sections(county).values() for pk in pks}
    assert world["received"].pk in in_county
    assert city.pk not in in_county
    options = county.context["form"].fields["agency"].choices
    assert {value for value, _label in options if value} == {world["city"].pk, world["county"].pk}
    assert f'<option value="{world["county"].pk}" selected>' in county.content.decode()
    assert "agency" in elsewhere.context["form"].errors  # not one the supervisor reads
    assert other.pk not in {pk for pks in sections(elsewhere).values() for pk in pks}
