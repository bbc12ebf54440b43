"""The league table ranks the subordinates by the scheme's indicators (or the default scheme),
in a number of queries that does not grow with the agencies; circulars name the laggards."""

import io
from decimal import Decimal

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.documents.models import DocumentType, Status
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user
from gongkai.supervision import access, circulars, league, services
from gongkai.supervision.periods import Period
from gongkai.supervision.scoring import Method
from gongkai.supervision.tests.world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def table(world, period=None):
    now = timezone.now()
    return league.league_table(
        world["city"], period or Period.year(2026), today=timezone.localdate(now), now=now
    )


def test_default_scheme_ranks_the_lagging_county_last(world):
    result = table(world)
    assert result.scheme is None
    assert result.full_marks == Decimal(100)
    assert [row.agency for row in result.rows] == [world["b"], world["a"]]
    assert [row.rank for row in result.rows] == [1, 2]
    a_row = result.rows[1]
    cell = {c.indicator.finding: c for c in a_row.cells}
    assert (cell["late_records"].count, cell["late_records"].base) == (1, 2)
    assert cell["late_records"].points == Decimal("5.00")
    assert cell["messages_past_veto"].points == Decimal("0.00")
    assert a_row.total == sum(c.points for c in a_row.cells)


def test_a_configured_scheme_is_used(world):
    services.save_scheme(
        agency=world["city"],
        year=2026,
        name="2026年政务公开考核",
        is_ranking_public=True,
        stale_months=6,
        indicators=[
            league.IndicatorSpec(
                "records_overdue", "信息按时发布", Decimal(60), Method.DEDUCTION, Decimal(30)
            ),
            league.IndicatorSpec(
                "applications_late", "依申请按时答复", Decimal(40), Method.RATE, Decimal(0)
            ),
        ],
        actor=world["city_admin"],
    )
    result = table(world)
    assert result.scheme.name == "2026年政务公开考核"
    totals = {row.agency: row.total for row in result.rows}
    # A: 60 + 40 (no reply given, full marks); B: 60 - 30 + 0 (its only reply late).
    assert totals == {world["a"]: Decimal("100.00"), world["b"]: Decimal("30.00")}
    assert result.rows[0].agency == world["a"]


def test_queries_do_not_grow_with_the_agencies(world):
    with CaptureQueriesContext(connection) as few:
        table(world)
    for n in range(5):
        county = make_agency(name=f"新增县{n}", parent=world["city"])
        make_agency_item(county)
    with CaptureQueriesContext(connection) as many:
        result = table(world)
    assert len(result.rows) == 7
    assert len(many.captured_queries) == len(few.captured_queries)
    # The scheme, the subordinates, then one query per source whatever the kinds it serves:
    # the monthly counters, the ledger's overdue rows, messages, policies, agency facts
    # (annual report, catalogue), columns (bench/supervision.py: 8 at a million records).
    assert len(few.captured_queries) <= 8


def test_only_the_supervising_agency_sees_its_table(world):
    assert access.can_supervise_agency(world["supervisor"], world["city"])
    assert not access.can_supervise_agency(world["a_admin"], world["city"])
    assert list(access.supervising_agencies(world["supervisor"])) == [world["city"]]
    assert list(access.supervising_agencies(world["a_admin"])) == []
    # The navigation's question, from the roles: an admin of a county (no children) is not.
    assert access.supervises_anyone(world["supervisor"])
    assert access.supervises_anyone(world["city_admin"])
    assert not access.supervises_anyone(world["a_admin"])
    assert access.can_edit_scheme(world["city_admin"], world["city"])
    assert not access.can_edit_scheme(world["supervisor"], world["city"])


def test_circular_names_the_agencies_and_becomes_a_draft_record(world):
    make_agency_item(world["city"], name="通知公告")
    now = timezone.now()
    result = table(world)
    circular = circulars.draft_circular(
        result,
        ["messages_past_veto", "applications_overdue", "records_overdue"],
        today=timezone.localdate(now),
        now=now,
    )
    headings = [s.heading for s in circular.sections]
    assert headings == ["一、基本情况", "二、存在问题", "三、整改要求"]
    text = "\n".join(p for s in circular.sections for p in s.paragraphs)
    assert "留言超过3个月未答复1项（涉及1个单位）" in text
    problems = circular.sections[1].paragraphs
    assert any("甲县1项" in p and "留言" in p for p in problems)
    assert any("乙县1项" in p and "逾期未发布" in p for p in problems)
    assert "乙县得分最高" in text
    assert "甲县得分最低" in text

    body = docx.Document(io.BytesIO(circulars.render_docx(circular)))
    paragraphs = [p.text for p in body.paragraphs]
    assert paragraphs[0] == circular.title
    assert "二、存在问题" in paragraphs

    author = make_user(agency=world["city"], roles=(Role.PUBLISHER, Role.SUPERVISOR))
    record = circulars.create_circular_record(agency=world["city"], circular=circular, actor=author)
    assert record.status == Status.DRAFT
    assert record.document_type == DocumentType.NOTICE
    assert record.catalogue_item.name == "通知公告"
    assert record.title == "关于2026年政务公开工作情况的通报"
    assert "甲县1项" in record.body
