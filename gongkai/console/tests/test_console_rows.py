"""The console's tables written in Python ({% document_rows %}, {% foi_rows %}, {% message_rows
%}): each cell
labelled for the phone's cards, every value escaped, long texts cut at 40 characters, the
clock's cell from the ledger, the empty table's text, English."""

import datetime

import lxml.html
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import translation
from django.utils.text import Truncator

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import AgencyItem
from gongkai.console.mailbox_views import MessageRow
from gongkai.documents.models import Attribute, Document
from gongkai.documents.models import Status as RecordStatus
from gongkai.foi.models import Application, Status
from gongkai.foi.outcomes import Outcome
from gongkai.foi.receipt import Channel
from gongkai.obligations.ledger import Clock
from gongkai.obligations.models import Obligation
from gongkai.obligations.rules import State
from gongkai.participation.models import MessageCategory, MessageStatus, PublicMessage

AGENCY = Agency(name="和县卫生健康委员会", short_name="和县<卫健委>")
LONG = "请公开" + "<b>二〇二五年</b>" * 8  # 3 + 8 × 14 characters, with markup


def render(source: str, **context) -> lxml.html.HtmlElement:
    html = Template("{% load console_rows %}" + source).render(Context(context))
    return lxml.html.fragment_fromstring(html, create_parent="div")


def cells(row: lxml.html.HtmlElement) -> dict[str, str]:
    return {td.get("data-label"): td.text_content() for td in row.xpath("./td")}


def test_an_application_row_shows_each_cell_under_its_label():
    answered = Application(
        pk=41,
        agency=AGENCY,
        query_code="YSQ-2026-0041",
        channel=Channel.IN_PERSON,
        description=LONG,
        received_on=datetime.date(2026, 3, 2),
        status=Status.CLOSED,
        outcome=Outcome.GRANTED,
        due_on=datetime.date(2026, 3, 30),
        handler=get_user_model()(username="li", first_name="李小红"),
    )
    done = Obligation(done_on=datetime.date(2026, 3, 20), is_late=False)
    answered.clock = Clock(row=done, state=State.DONE_ON_TIME)
    waiting = Application(
        pk=42,
        agency=AGENCY,
        query_code="YSQ-2026-0042",
        channel=Channel.IN_PERSON,
        description="短的申请",
        received_on=None,
        status=Status.REGISTERED,
        due_on=None,
        due_problem="2027年节假日安排尚未载入",
    )
    waiting.clock = None

    tree = render("{% foi_rows applications '没有申请。' %}", applications=[answered, waiting])

    first, second = tree.xpath("//table[@class='console-cards']/tbody/tr")
    shown = cells(first)
    assert list(shown) == ["查询码", "申请内容", "收到申请之日", "答复期限", "办理状态", "承办人"]
    assert first.xpath(".//a/@href") == ["/console/applications/41/"]
    # Cut as `truncatechars:40` cuts (the ellipsis is Django's, translated), as text.
    cut = Truncator(LONG).chars(40)
    assert len(cut) == 40
    assert shown["申请内容"] == cut + "和县<卫健委>"
    assert shown["收到申请之日"] == "2026-03-02"
    assert shown["答复期限"] == "2026-03-30 按时答复"
    assert shown["办理状态"] == "已办结" + Outcome.GRANTED.label
    assert shown["承办人"] == "李小红"
    shown = cells(second)
    assert shown["收到申请之日"] == ""
    assert shown["答复期限"] == "期限未定 2027年节假日安排尚未载入"
    assert shown["承办人"] == "—"
    assert render("{% foi_rows applications '没有申请。' %}", applications=[]).text_content() == (
        "没有申请。"
    )


def test_a_message_row_flags_three_months_and_publication_in_english():
    message = PublicMessage(
        pk=7,
        agency=AGENCY,
        query_code="LY-7",
        subject='"医保"<报销>',
        responsible_unit="医政科",
        category=MessageCategory.ENQUIRY,
        status=MessageStatus.ANSWERED,
        is_published=True,
        due_on=datetime.date(2026, 4, 1),
        due_is_provisional=True,
    )
    row = MessageRow(
        message=message,
        received_on=datetime.date(2025, 12, 1),
        clock=Clock(row=Obligation(), state=State.OVERDUE),
        is_past_line=True,
    )

    with translation.override("en"):
        tree = render("{% message_rows rows 'none' %}", rows=[row])
        category = str(MessageCategory.ENQUIRY.label)

    (tr,) = tree.xpath("//tbody/tr")
    shown = list(cells(tr).values())
    assert tr.xpath(".//a/@href") == ["/en/console/messages/7/"]
    assert shown[1] == '"医保"<报销>和县<卫健委> · 医政科'
    assert shown[2] == category
    assert tr.xpath("./td[4]/span[@class='badge bad']")  # more than three months unanswered
    assert tr.xpath("./td[5]/span[@class='badge warn']/@title")  # provisional due day
    assert tr.xpath("./td[5]/span[@class='badge bad']")  # overdue
    assert tr.xpath("./td[6]/br/following-sibling::span[@class='muted']")  # published
    assert not any("报销" in label for label in cells(tr))
    assert all(label and not "\u4e00" <= label[0] <= "\u9fff" for label in cells(tr))


ITEM = AgencyItem(code="B01-03", name="医疗机构<执业>登记、变更、注销等行政许可信息")
# 16:30 UTC is the next day in Shanghai, as the `date` filter shows it.
EVENING = datetime.datetime(2026, 3, 3, 16, 30, tzinfo=datetime.UTC)


def record(**values) -> Document:
    return Document(agency=AGENCY, catalogue_item=ITEM, updated_at=EVENING, **values)


def test_a_record_row_shows_each_cell_under_its_label_with_or_without_dates():
    item = ITEM
    published = record(
        pk=5,
        title='关于"医保"<报销>的通知',
        status=RecordStatus.PUBLISHED,
        attribute=Attribute.PROACTIVE,
        due_on=datetime.date(2026, 3, 9),
        index_number="000014349/2026-00005",
        published_at=EVENING,
    )
    published.clock = Clock(
        row=Obligation(done_on=datetime.date(2026, 3, 4), is_late=False), state=State.DONE_ON_TIME
    )
    draft = record(pk=6, title="草稿", status=RecordStatus.DRAFT, attribute=Attribute.WITHHELD)

    tree = render(
        "{% document_rows documents '没有信息。' show_agency=True show_dates=True %}",
        documents=[published, draft],
    )

    first, second = tree.xpath("//tbody/tr")
    shown = cells(first)
    assert list(shown) == [
        "标题",
        "目录事项",
        "状态",
        "应公开日期",
        "修改时间",
        "发布日期",
        "索引号",
    ]
    assert first.xpath(".//a/@href") == ["/console/documents/5/"]
    assert shown["标题"] == '关于"医保"<报销>的通知和县<卫健委>'
    assert shown["目录事项"] == Truncator(item.name).chars(24) + " B01-03"
    assert shown["状态"] == "已发布 · 主动公开"
    assert shown["应公开日期"] == "2026-03-09 按时发布"
    assert (shown["修改时间"], shown["发布日期"]) == ("2026-03-04 00:30", "2026-03-04")
    assert shown["索引号"] == "000014349/2026-00005"
    shown = cells(second)
    assert (shown["状态"], shown["发布日期"], shown["索引号"]) == ("草稿 · 不予公开", "—", "—")

    with translation.override("en"):
        tree = render("{% document_rows documents 'none' %}", documents=[draft])
    (row,) = tree.xpath("//tbody/tr")
    assert list(cells(row)) == [
        "Title",
        "Catalogue item",
        "Status",
        "Disclosure due date",
        "Index number",
    ]
    assert not row.xpath(".//span[@class='muted']/preceding-sibling::br")  # no agency
    assert render("{% document_rows documents '没有信息。' %}", documents=[]).text_content() == (
        "没有信息。"
    )
