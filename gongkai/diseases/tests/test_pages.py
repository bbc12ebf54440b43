"""Console and portal pages of the disease figures: every role's access, the form, the import,
publication through review, and the charts drawing the table's numbers."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.diseases import services
from gongkai.diseases.classification import DISEASES
from gongkai.diseases.models import MonthlyReport, ReportStatus
from gongkai.diseases.tests.factories import make_published, make_report, xlsx
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
OCT = datetime.date(2026, 10, 1)
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
    return make_user(agency=make_agency(), roles=(Role.PUBLISHER,))


def test_console_access_by_role(client, agency, clerk, reviewer, supervisor, outsider):
    report = make_report(agency, OCT, drafter=clerk, 肺结核=3)
    detail = reverse("console:disease-detail", args=[report.pk])
    for user, status in [(clerk, 200), (reviewer, 200), (supervisor, 200), (outsider, 404)]:
        client.force_login(user)
        assert client.get(reverse("console:disease-list")).status_code == 200
        assert client.get(detail).status_code == status
    client.force_login(supervisor)  # reads, changes nothing
    assert client.post(detail, {"note": ""}).status_code == 403
    assert client.get(reverse("console:disease-import")).status_code == 403
    assert client.get(reverse("console:disease-setting")).status_code == 403
    client.force_login(reviewer)
    response = client.post(
        reverse("console:disease-action", args=[report.pk]), {"action": "submit"}
    )
    assert response.status_code == 403
    client.logout()
    assert client.get(reverse("console:disease-list")).status_code == 302


def _form(**cases):
    data = {"note": "说明"}
    for index, (name, _value) in enumerate(DISEASES):
        data[f"cases_{index}"] = str(cases.get(name, 0))
        data[f"deaths_{index}"] = "0"
    return data


def test_the_form_then_review_publishes(client, agency, clerk, reviewer):
    report = make_report(agency, OCT, drafter=clerk)
    client.force_login(clerk)
    url = reverse("console:disease-detail", args=[report.pk])
    bad = _form(肺结核=5) | {"cases_0": "-1"}
    assert "不小于0" in client.post(url, bad).content.decode()
    assert client.post(url, _form(肺结核=5)).status_code == 302
    action = reverse("console:disease-action", args=[report.pk])
    client.post(action, {"action": "submit"})
    client.force_login(reviewer)
    client.post(action, {"action": "publish"})
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert {r.disease: r.cases for r in services.rows_of(report)}["肺结核"] == 5


def test_import_page_reports_the_row_and_imports_nothing(client, agency, clerk):
    make_report(agency, OCT.replace(month=9), drafter=clerk)
    client.force_login(clerk)
    data = xlsx(
        ("病种", "类别", "发病数", "死亡数"), ("肺结核", "乙类", 2, 0), ("霍乱", "乙类", 1, 0)
    )
    upload = _upload(data)
    response = client.post(reverse("console:disease-import"), {"month": "2026-10", "file": upload})
    page = response.content.decode()
    assert "第3行" in page
    assert "属于甲类" in page
    assert not MonthlyReport.objects.filter(month=OCT).exists()
    template = client.get(reverse("console:disease-template"))
    assert template.content.startswith(b"PK")


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "m.xlsx",
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_portal_month_page_table_and_charts_agree(client, agency):
    make_published(agency, OCT.replace(year=2025), 肺结核=10, 流行性感冒=50)
    make_published(agency, OCT, 肺结核=12, 流行性感冒=80, 梅毒=4)
    response = client.get(reverse("portal:disease-month", args=[agency.code, "2026-10"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "乙类合计" in page
    assert "+2（+20.0%）" in page  # 肺结核 against October 2025
    svgs = [ET.fromstring(part[: part.index("</svg>") + 6]) for part in _svg_parts(page)]  # noqa: S314 - our own markup
    bars = svgs[0]
    values = [
        rect.get("data-value") for rect in bars.iter(f"{SVG}rect") if rect.get("class") == "bar"
    ]
    assert values == ["80", "12", "4"]  # the month's top diseases
    labels = [t.text for t in bars.iter(f"{SVG}text") if t.text in ("流行性感冒", "肺结核", "梅毒")]
    assert labels == ["流行性感冒", "肺结核", "梅毒"]
    for name, value in zip(labels, values, strict=True):  # each bar is its row of the table
        assert re.search(
            rf'<th scope="row">{name}</th><td data-label="发病数">{value}</td>', page
        ), name
    line = svgs[1]
    assert line.find(f"{SVG}title") is not None
    assert "96" in ET.tostring(line, encoding="unicode")  # October 2026 total in the summary
    assert client.get(reverse("portal:agency-diseases", args=[agency.code])).status_code == 200
    assert (
        client.get(reverse("portal:disease-month", args=[agency.code, "2026-09"])).status_code
        == 404
    )
    assert client.get(reverse("portal:disease-month", args=[agency.code, "x"])).status_code == 404


def _svg_parts(page: str) -> list[str]:
    return ["<svg" + part for part in page.split("<svg")[1:]]


def test_a_draft_is_not_public_and_a_withdrawn_month_says_so(client, agency, clerk):
    make_report(agency, OCT, drafter=clerk, 肺结核=3)
    url = reverse("portal:disease-month", args=[agency.code, "2026-10"])
    assert client.get(url).status_code == 404
    report = make_published(agency, OCT.replace(month=8), 肺结核=1)
    from gongkai.diseases.publication import withdraw_report

    withdraw_report(report=report, actor=report.reviewed_by, reason="数据待核实")
    response = client.get(reverse("portal:disease-month", args=[agency.code, "2026-08"]))
    assert response.status_code == 410
    assert "数据待核实" in response.content.decode()


def test_sitemap_source_and_ledger_link(client, agency):
    from gongkai.console.obligation_links import DETAIL_URL
    from gongkai.opendata import sources

    report = make_published(agency, OCT, 肺结核=12)
    figures = client.get("/sitemap-figures.xml").content.decode()
    assert f"/agencies/{agency.code}/diseases/2026-10/" in figures
    table = sources.get("diseases.monthly").build(agency)
    assert [c.name for c in table.columns] == [
        "month",
        "disease",
        "disease_class",
        "cases",
        "deaths",
    ]
    assert ("2026-10", "肺结核", "乙类", 12, 0) in table.rows
    assert len(table.rows) == len(services.rows_of(report))
    assert DETAIL_URL["diseases.monthly"] == "console:disease-detail"


def test_only_the_agency_admin_sets_the_monthly_duty(client, agency, clerk):
    admin = make_user(agency=agency, roles=(Role.ADMIN,))
    url = reverse("console:disease-setting")
    client.force_login(clerk)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    assert "截止日" in client.post(url, {"due_day": "30"}).content.decode()
    response = client.post(url, {"publishes_monthly": "on", "due_day": "15"})
    assert response.status_code == 302
    setting = services.setting_of(agency)
    assert setting.publishes_monthly
    assert setting.due_day == 15


def test_the_english_month_page_names_its_month_in_english(client, agency):
    make_published(agency, OCT, 肺结核=12)
    chinese = client.get(reverse("portal:disease-month", args=[agency.code, "2026-10"]))
    assert "2026年10月" in chinese.content.decode()
    page = client.get("/en" + reverse("portal:disease-month", args=[agency.code, "2026-10"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "October 2026" in text
    assert "2026年10月" not in text
