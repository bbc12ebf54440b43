"""Console pages (every role's access, the form with its lines in one round, the import page)
and the portal's 预决算 pages: the table, the 三公 page and their charts — parsed, the SVG
shows the same numbers as the tables."""

import io
import re
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.budgets import publication
from gongkai.budgets.models import BudgetTable, Kind, TableStatus
from gongkai.budgets.tests.factories import make_published_table, make_table
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
D = Decimal
SVG = "{http://www.w3.org/2000/svg}"


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
    return make_user(agency=make_agency(code="OTHER"), roles=(Role.PUBLISHER, Role.REVIEWER))


@pytest.fixture
def two_years(agency, clerk, reviewer):
    """2024 and 2025 budgets published; 2025's reception fell and the explanation says why."""
    make_published_table(agency, drafter=clerk, reviewer=reviewer, year=2024)
    return make_published_table(
        agency,
        drafter=clerk,
        reviewer=reviewer,
        year=2025,
        reception=D("3.60"),
        vehicle_purchase=D("18.00"),
        explanation="更新一辆执法车辆；压减接待。",
    )


# --- console: access per role ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "detail", "edit"),
    [("clerk", 200, 200), ("reviewer", 200, 403), ("supervisor", 200, 403), ("outsider", 404, 404)],
)
def test_console_access_per_role(client, request, agency, clerk, who, detail, edit):
    table = make_table(agency, clerk)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("console:budget-table-detail", args=[table.pk])).status_code == detail
    assert client.get(reverse("console:budget-table-edit", args=[table.pk])).status_code == edit


def test_the_list_shows_only_readable_tables(client, agency, clerk, outsider):
    make_table(agency, clerk)
    client.force_login(outsider)
    response = client.get(reverse("console:budget-table-list"))
    assert response.status_code == 200
    assert "测试县卫生健康局2025年部门预算" not in response.content.decode()
    client.force_login(clerk)
    assert (
        "测试县卫生健康局2025年部门预算"
        in client.get(reverse("console:budget-table-list")).content.decode()
    )


def test_only_a_reviewer_publishes(client, agency, clerk, reviewer, supervisor):
    table = make_table(agency, clerk)
    client.force_login(clerk)
    client.post(reverse("console:budget-table-action", args=[table.pk]), {"action": "submit"})
    url = reverse("console:budget-table-action", args=[table.pk])
    for user in (clerk, supervisor):
        client.force_login(user)
        assert client.post(url, {"action": "publish"}).status_code == 403
    client.force_login(reviewer)
    assert client.post(url, {"action": "publish"}).status_code == 302
    table.refresh_from_db()
    assert table.status == TableStatus.PUBLISHED
    assert table.document.index_number


def _form_data(lines, **values):
    data = {
        "title": "",
        "income_total": "300",
        "expenditure_total": "300",
        "abroad": "0",
        "vehicle_purchase": "0",
        "vehicle_operation": "8.5",
        "reception": "4.2",
        "explanation": "",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "400",
    }
    for i, (code, name, amount) in enumerate(lines):
        data |= {f"lines-{i}-code": code, f"lines-{i}-name": name, f"lines-{i}-amount": amount}
    data.update(values)
    return data


def test_the_form_saves_lines_and_reports_bad_rows_in_one_round(client, agency, clerk):
    table = make_table(agency, clerk)
    client.force_login(clerk)
    url = reverse("console:budget-table-edit", args=[table.pk])
    response = client.post(
        url, _form_data([("210", "卫生健康支出", "300"), ("2100", "坏", "x"), ("", "", "")])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "第2条科目" in text
    assert "不正确" in text
    assert "不是数字" in text
    response = client.post(
        url,
        _form_data([("210", "卫生健康支出", "300"), ("21004", "公共卫生", "300"), ("", "", "")]),
    )
    assert response.status_code == 302
    assert [line.code for line in table.lines.all()] == ["210", "21004"]


def test_import_page_reports_the_row_and_imports_nothing(client, agency, clerk):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["科目编码", "科目名称", "金额（万元）"])
    sheet.append(["210", "卫生健康支出", "300"])
    sheet.append(["210", "重复", "1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "表.xlsx"
    client.force_login(clerk)
    response = client.post(
        reverse("console:budget-table-import"),
        {"agency": agency.pk, "year": 2025, "kind": "budget", "file": buffer},
    )
    assert response.status_code == 200
    assert "第3行" in response.content.decode(), response.context["form"].errors
    assert not BudgetTable.objects.exists()
    template = client.get(reverse("console:budget-table-import-template"))
    assert template.status_code == 200
    assert template.content.startswith(b"PK")


def test_import_is_for_the_drafting_roles(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("console:budget-table-import")).status_code == 403


# --- portal ----------------------------------------------------------------------------------


def _numbers(text: str) -> list[Decimal]:
    return [D(n.replace(",", "")) for n in re.findall(r"-?[\d,]+\.\d+|-?\d+", text)]


def _svgs(html: str) -> list[ElementTree.Element]:
    # Our own markup, not outside input.
    found = re.findall(r"<svg.*?</svg>", html, re.S)
    return [ElementTree.fromstring(svg) for svg in found]  # noqa: S314


def _bar_values(svg) -> list[Decimal]:
    return [
        D(rect.get("data-value")) for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "bar"
    ]


def test_the_sangong_page_charts_the_numbers_of_its_table(client, two_years):
    response = client.get(reverse("portal:budget-sangong", args=["HC-COUNTY", 2025, "budget"]))
    assert response.status_code == 200
    html = response.content.decode()
    # The numbers table: this year, last year, the change.
    table = re.search(r'<table class="card-table sangong-table".*?</table>', html, re.S).group(0)
    rows = {
        key: re.search(rf'data-item="{key}">.*?</tr>', table, re.S).group(0)
        for key in ("abroad", "vehicles", "reception", "total")
    }
    this_year = {
        key: _numbers(re.findall(r'data-amount="([\d.]+)"', row)[0])[0] for key, row in rows.items()
    }
    assert this_year == {
        "abroad": D("0"),
        "vehicles": D("26.50"),
        "reception": D("3.60"),
        "total": D("30.10"),
    }
    assert "+18.00" in rows["vehicles"]
    assert "−0.60" in rows["reception"]
    assert "−14.3%" in rows["reception"]
    assert "更新一辆执法车辆" in html
    # The chart: per item last year's bar, then this year's — the numbers of the table's
    # cells, read from the page (a zero has no bar, but its value is written over the axis).
    cells = {
        key: [_numbers(cell)[0] for cell in re.findall(r"<td[^>]*>([^<]*)</td>", rows[key])[:2]]
        for key in ("abroad", "vehicles", "reception")
    }
    expected = [value for key in ("abroad", "vehicles", "reception") for value in cells[key][::-1]]
    (svg,) = _svgs(html)
    assert _bar_values(svg) == [value for value in expected if value]
    labels = [
        _numbers(t.text)[0] for t in svg.iter(f"{SVG}text") if re.fullmatch(r"[\d.]+", t.text)
    ]
    for value in expected:
        assert value in labels
    assert _bar_values(svg) == [D("8.50"), D("26.50"), D("4.20"), D("3.60")]
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "2024年" in labels
    assert "2025年" in labels


def test_the_table_page_charts_the_classes_and_the_totals(client, two_years):
    response = client.get(reverse("portal:budget-table", args=["HC-COUNTY", 2025, "budget"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert two_years.document.index_number in html
    amounts = dict(
        re.findall(
            r'<th scope="row" class="nowrap">(\d+)</th>.*?data-amount="([\d.]+)"', html, re.S
        )
    )
    class_svg, totals_svg = _svgs(html)
    assert _bar_values(class_svg) == [D(amounts["210"])]
    assert [c.get("cy") for c in totals_svg.iter(f"{SVG}circle")]  # two years of totals drawn
    assert "2024年" in [t.text for t in totals_svg.iter(f"{SVG}text")]


def test_no_previous_year_says_so(client, agency):
    make_published_table(agency, year=2025, kind=Kind.FINAL)
    html = client.get(
        reverse("portal:budget-sangong", args=["HC-COUNTY", 2025, "final"])
    ).content.decode()
    assert "上年无数据" in html


def test_the_agency_page_lists_years_and_kinds(client, two_years):
    response = client.get(reverse("portal:agency-budgets", args=["HC-COUNTY"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("portal:budget-table", args=["HC-COUNTY", 2024, "budget"]) in html
    assert reverse("portal:budget-sangong", args=["HC-COUNTY", 2025, "budget"]) in html
    (svg,) = _svgs(html)  # 支出总计 of the budgets: one line through both years
    (line,) = svg.iter(f"{SVG}polyline")
    assert len(line.get("points").split()) == 2
    assert "历年支出总计：预算与决算" in html


def test_drafts_are_not_public_and_withdrawn_tables_say_so(client, agency, clerk, reviewer):
    make_table(agency, clerk, year=2023)
    assert (
        client.get(reverse("portal:budget-table", args=["HC-COUNTY", 2023, "budget"])).status_code
        == 404
    )
    assert (
        client.get(reverse("portal:budget-table", args=["HC-COUNTY", 2025, "nope"])).status_code
        == 404
    )
    table = make_published_table(agency, drafter=clerk, reviewer=reviewer)
    publication.withdraw_table(table=table, actor=reviewer, reason="数据有误。")
    response = client.get(reverse("portal:budget-table", args=["HC-COUNTY", 2025, "budget"]))
    assert response.status_code == 410
    assert "数据有误" in response.content.decode()


def test_open_data_sources_give_only_published_rows(agency, two_years, clerk):
    from gongkai.opendata import sources

    make_table(agency, clerk, year=2026)
    lines = sources.get("budgets.lines").build(agency)
    assert {row[0] for row in lines.rows} == {2024, 2025}
    sangong = sources.get("budgets.sangong").build(agency)
    total_2025 = next(row for row in sangong.rows if row[0] == 2025 and row[2] == "合计")
    assert total_2025[3:6] == (30.1, 12.7, 17.4)
    first = next(row for row in sangong.rows if row[0] == 2024)
    assert first[4] is None  # 上年无数据


def test_the_sitemap_lists_published_tables(client, two_years):
    sitemap = client.get("/sitemap-budgets.xml").content.decode()
    assert reverse("portal:budget-table", args=["HC-COUNTY", 2025, "budget"]) in sitemap
    assert reverse("portal:budget-sangong", args=["HC-COUNTY", 2024, "budget"]) in sitemap
    agencies = client.get("/sitemap-agencies.xml").content.decode()
    assert reverse("portal:agency-budgets", args=["HC-COUNTY"]) in agencies
