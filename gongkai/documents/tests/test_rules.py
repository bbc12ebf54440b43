"""Pure rules of the document library: attributes, body sanitising, 索引号, the clock."""

import datetime

import pytest

from gongkai.documents.models import Attribute, Scope, WithholdingBasis
from gongkai.documents.rules import (
    attribute_problems,
    clean_body,
    format_index_number,
    is_published_late,
    plain_text_to_body,
    publication_due_on,
)
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.errors import YearNotLoaded

BASIS = WithholdingBasis.THIRD_PARTY
REASON = "含有申请人的个人信息。"
NEEDS_BOTH = {"withholding_basis", "withholding_reason"}


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


# --- publication attribute -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("attribute", "scope", "basis", "reason", "problem_fields"),
    [
        # Full proactive disclosure needs no reason or basis, given or not.
        (Attribute.PROACTIVE, Scope.FULL, "", "", set()),
        (Attribute.PROACTIVE, Scope.FULL, BASIS, REASON, set()),
        # Everything else needs both (条例 Art.14–16, 37).
        (Attribute.PROACTIVE, Scope.REDACTED, "", "", NEEDS_BOTH),
        (Attribute.PROACTIVE, Scope.REDACTED, BASIS, "", {"withholding_reason"}),
        (Attribute.PROACTIVE, Scope.REDACTED, "", REASON, {"withholding_basis"}),
        (Attribute.PROACTIVE, Scope.REDACTED, BASIS, REASON, set()),
        (Attribute.ON_REQUEST, Scope.FULL, "", "", NEEDS_BOTH),
        (Attribute.ON_REQUEST, Scope.FULL, BASIS, "   ", {"withholding_reason"}),
        (Attribute.ON_REQUEST, Scope.FULL, BASIS, REASON, set()),
        (Attribute.ON_REQUEST, Scope.REDACTED, "", "", NEEDS_BOTH),
        (Attribute.ON_REQUEST, Scope.REDACTED, BASIS, REASON, set()),
        (Attribute.WITHHELD, Scope.FULL, "", "", NEEDS_BOTH),
        (Attribute.WITHHELD, Scope.FULL, "", REASON, {"withholding_basis"}),
        (Attribute.WITHHELD, Scope.FULL, BASIS, REASON, set()),
        (Attribute.WITHHELD, Scope.REDACTED, "", "", NEEDS_BOTH),
        (Attribute.WITHHELD, Scope.REDACTED, BASIS, REASON, set()),
    ],
)
def test_attribute_problems_for_every_attribute_and_scope(
    attribute, scope, basis, reason, problem_fields
):
    problems = attribute_problems(attribute=attribute, scope=scope, basis=basis, reason=reason)

    assert set(problems) == problem_fields


def test_attribute_problems_are_chinese_sentences_naming_what_is_missing():
    problems = attribute_problems(
        attribute=Attribute.WITHHELD, scope=Scope.FULL, basis="", reason=""
    )

    assert "法律依据" in problems["withholding_basis"]
    assert "理由" in problems["withholding_reason"]


# --- body ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>各单位：</p><script>alert(1)</script>", "<p>各单位：</p>"),
        ("<style>p{color:red}</style><p>正文</p>", "<p>正文</p>"),
        ('<p onclick="steal()">正文</p>', "<p>正文</p>"),
        ('<p style="color:red">正文</p>', "<p>正文</p>"),
        ('<a href="javascript:alert(1)">点击</a>', '<a rel="noopener noreferrer">点击</a>'),
        (
            '<a href="https://www.gov.cn/" onmouseover="x()">中国政府网</a>',
            '<a href="https://www.gov.cn/" rel="noopener noreferrer">中国政府网</a>',
        ),
        ('<img src="x" onerror="alert(1)">', ""),
        ('<iframe src="https://evil.example"></iframe>正文', "正文"),
        (
            '<table><tr><th scope="col">疫苗</th><td colspan="2">120</td></tr></table>',
            '<table><tbody><tr><th scope="col">疫苗</th><td colspan="2">120</td></tr></tbody>'
            "</table>",
        ),
        ("<h2>一、总则</h2><ul><li>第一条</li></ul>", "<h2>一、总则</h2><ul><li>第一条</li></ul>"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_body_keeps_structure_and_drops_active_content(html, expected):
    assert clean_body(html) == expected


def test_plain_text_becomes_escaped_paragraphs():
    assert plain_text_to_body("第一段\n\n <b>第二段</b> & 附件\n") == (
        "<p>第一段</p><p>&lt;b&gt;第二段&lt;/b&gt; &amp; 附件</p>"
    )


# --- 索引号 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "year", "serial", "expected"),
    [
        ("000014349", 2017, 110, "000014349/2017-00110"),
        ("T00001", 2026, 1, "T00001/2026-00001"),
        ("T00001", 2026, 99999, "T00001/2026-99999"),
        ("T00001", 2026, 123456, "T00001/2026-123456"),
    ],
)
def test_format_index_number(code, year, serial, expected):
    assert format_index_number(code, year, serial) == expected


# --- the clock, on the real seeded calendar (schedules in workdays/tests/spec_schedules.py) ---


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Fri before Spring Festival 2026: Sat 02-14 (调休) is day 1, 02-15..02-23 are skipped,
        # Sat 02-28 (调休) is day 6, … day 20 is Thu 03-19.
        ("2026-02-13", 20, "2026-03-19"),
        # Same start, 7 days (licensing/penalty results): 02-14, 02-24..02-27, 02-28, 03-02.
        ("2026-02-13", 7, "2026-03-02"),
        # Tue before National Day 2025: 10-01..10-08 skipped, 10-09, 10-10, Sat 10-11 (调休),
        # 10-13..10-16.
        ("2025-09-30", 7, "2025-10-16"),
        # Fri 2026-09-18: Sun 09-20 (调休) counts, so day 5 is Thu 09-24, before 中秋 09-25.
        ("2026-09-18", 5, "2026-09-24"),
        # … and 20 days run over 中秋 (09-25..27), 国庆 (10-01..07) and Sat 10-10 (调休).
        ("2026-09-18", 20, "2026-10-22"),
        # Across the new year: 2026-01-01..03 holidays, Sun 2026-01-04 (调休) is day 1.
        ("2025-12-31", 3, "2026-01-06"),
        # The start day is not counted (Civil Code Art.201); a Friday's next working day is Monday.
        ("2026-03-02", 1, "2026-03-03"),
        ("2026-03-06", 1, "2026-03-09"),
        # Formed on a holiday: counting starts after it.
        ("2026-10-03", 1, "2026-10-08"),
    ],
)
def test_publication_due_on_with_the_seeded_calendar(start, days, due):
    assert publication_due_on(day(start), days, get_calendar()) == day(due)


@pytest.mark.django_db
def test_publication_due_on_counts_next_year_provisionally_and_refuses_further():
    calendar = get_calendar()
    assert publication_due_on(day("2026-12-20"), 20, calendar) == day("2027-01-18")
    assert calendar.provisional_between(day("2026-12-20"), day("2027-01-18")) == [2027]
    with pytest.raises(YearNotLoaded) as caught:
        publication_due_on(day("2027-12-20"), 20, calendar)

    assert caught.value.year == 2028
    assert "2028年" in caught.value.message


@pytest.mark.parametrize(
    ("published", "due", "late"),
    [
        ("2026-03-18", "2026-03-19", False),
        ("2026-03-19", "2026-03-19", False),  # the due day itself is on time
        ("2026-03-20", "2026-03-19", True),
        ("2027-01-05", "2026-03-19", True),
        ("2026-03-20", None, False),  # no due date (year not loaded): never marked late
    ],
)
def test_is_published_late(published, due, late):
    assert is_published_late(day(published), day(due) if due else None) is late
