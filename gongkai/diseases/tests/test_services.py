import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent as Event
from gongkai.diseases import importing, obligations, publication, rules, services, tables
from gongkai.diseases.errors import DiseaseError
from gongkai.diseases.models import DiseaseCount, MonthlyReport, ReportStatus
from gongkai.diseases.tests.factories import make_published, make_report, rows, xlsx
from gongkai.documents.importing import ImportFailed
from gongkai.documents.models import Status as DocumentStatus
from gongkai.documents.models import Validity
from gongkai.factories import make_agency, make_user
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db
OCT = datetime.date(2026, 10, 1)
HEADER = ("病种", "类别", "发病数", "死亡数")


def test_publication_through_review_makes_a_record_under_the_catalogue_item():
    agency = make_agency()
    report = make_report(agency, OCT, 肺结核=12, 流行性感冒=40)
    services.submit_report(report=report, actor=report.drafted_by)
    with pytest.raises(DiseaseError, match="起草人不能审核"):
        publication.publish_report(report=report, actor=report.drafted_by)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    publication.publish_report(report=report, actor=reviewer)
    report.refresh_from_db()
    document = report.document
    assert report.status == ReportStatus.PUBLISHED
    assert document.status == DocumentStatus.PUBLISHED
    assert document.index_number.startswith(agency.code)
    assert document.catalogue_item.code == "G1001"
    assert "2026年10月法定传染病疫情概况" in document.title
    assert "肺结核" in document.body
    assert "去年同期无数据" in document.body
    assert Event.objects.filter(action="diseases.publish").exists()


def test_correction_is_a_new_version_that_supersedes():
    agency = make_agency()
    first = make_published(agency, OCT, 肺结核=12)
    with pytest.raises(DiseaseError, match="理由"):
        services.start_correction(report=first, actor=first.drafted_by, reason=" ")
    draft = services.start_correction(report=first, actor=first.drafted_by, reason="补报2例")
    assert draft.version == 2
    assert services.rows_of(draft) == services.rows_of(first)
    services.update_report(report=draft, actor=draft.drafted_by, rows=rows(肺结核=14))
    services.submit_report(report=draft, actor=draft.drafted_by)
    publication.publish_report(report=draft, actor=first.reviewed_by)
    first.refresh_from_db()
    assert first.status == ReportStatus.SUPERSEDED
    assert first.document.validity == Validity.AMENDED
    assert services.published_month(agency, OCT).pk == draft.pk


def test_withdraw_takes_the_record_down_with_a_reason():
    report = make_published(make_agency(), OCT, 肺结核=1)
    with pytest.raises(DiseaseError):
        publication.withdraw_report(report=report, actor=report.reviewed_by, reason="")
    publication.withdraw_report(report=report, actor=report.reviewed_by, reason="数据有误")
    report.document.refresh_from_db()
    assert report.status == ReportStatus.WITHDRAWN
    assert report.document.status == DocumentStatus.WITHDRAWN


def test_same_month_comparison_reads_last_years_published_month():
    agency = make_agency()
    make_published(agency, OCT.replace(year=2025), 肺结核=10, 麻疹=2)
    report = make_report(agency, OCT, 肺结核=12)
    table = tables.month_table(report)
    assert table.has_previous
    b_rows = {c.disease: c for c in table.groups[1][1]}
    assert b_rows["肺结核"].cases.difference == 2
    assert b_rows["肺结核"].cases.percent == 20
    assert table.groups[1][3][1].previous == 12  # 乙类 last year: 10 + 2
    assert "麻疹" in b_rows  # none now, 2 last year: a row
    assert "鼠疫" in table.groups[0][2]  # nothing now or then: named, not a row of zeros


@pytest.mark.parametrize(
    ("bad_row", "text"),
    [
        (rules.Row("鼠疫", "A", 1, 0), "重复"),
        (rules.Row("普通感冒", "C", 1, 0), "不是法定传染病"),
        (rules.Row("猴痘", "C", 1, 0), "属于乙类"),
    ],
)
def test_a_form_with_a_bad_row_changes_nothing(bad_row, text):
    report = make_report(make_agency(), OCT, 肺结核=3)
    good = [r for r in rows(肺结核=5) if r.disease != bad_row.disease]
    with pytest.raises(DiseaseError, match=text):
        services.update_report(report=report, actor=None, rows=[*good, bad_row, bad_row][:41])
    assert {r.disease: r.cases for r in services.rows_of(report)}["肺结核"] == 3


@pytest.mark.parametrize(
    ("line", "column", "text"),
    [
        (("普通感冒", "丙类", 1, 0), "病种", "不是法定传染病"),
        (("肺结核", "甲类", 1, 0), "类别", "属于乙类"),
        (("肺结核", "乙类", -1, 0), "发病数", "整数"),
        (("肺结核", "乙类", 1.5, 0), "发病数", "整数"),
        (("肺结核", "乙类", "三", 0), "发病数", "整数"),
        (("肺结核", "乙类", 1, "x"), "死亡数", "整数"),
        (("梅毒", "乙类", 1, 0), "病种", "重复"),
    ],
)
def test_import_with_a_bad_row_names_it_and_imports_nothing(line, column, text):
    agency = make_agency()
    make_report(agency, OCT.replace(month=9))  # the catalogue is derived
    user = make_user(agency=agency, roles=(Role.PUBLISHER,))
    data = xlsx(HEADER, ("梅毒", "乙类", 3, 0), ("鼠疫", "甲类", 0, 0), line)
    before = (MonthlyReport.objects.count(), DiseaseCount.objects.count())
    with pytest.raises(ImportFailed) as failed:
        importing.import_month(agency=agency, month=OCT, actor=user, filename="a.xlsx", data=data)
    (error,) = failed.value.errors
    assert (error.row, error.column) == (4, column)
    assert text in error.message
    assert (MonthlyReport.objects.count(), DiseaseCount.objects.count()) == before


def test_import_fills_a_draft_and_former_names_map():
    agency = make_agency()
    make_report(agency, OCT.replace(month=9))
    user = make_user(agency=agency, roles=(Role.PUBLISHER,))
    data = xlsx(HEADER, ("人感染H7N9禽流感", "乙类", 1, 0), ("流行性感冒", "丙", "120", "0"))
    report = importing.import_month(
        agency=agency, month=OCT, actor=user, filename="a.xlsx", data=data
    )
    counts = {r.disease: r.cases for r in services.rows_of(report)}
    assert counts["人感染新亚型流感"] == 1
    assert counts["流行性感冒"] == 120
    assert counts["鼠疫"] == 0
    assert len(counts) == 40
    assert importing.template_xlsx().startswith(b"PK")


def test_the_monthly_duty_follows_the_setting():
    agency = make_agency()
    admin = make_user(agency=agency, roles=(Role.ADMIN,))
    assert obligations.open_monthly_reports(today=datetime.date(2026, 11, 3)) == 0
    services.update_setting(agency=agency, actor=admin, publishes_monthly=True, due_day=15)
    with pytest.raises(DiseaseError):
        services.update_setting(agency=agency, actor=admin, publishes_monthly=True, due_day=31)
    # The setting was turned on in the test clock's month; open the month just ended after it.
    setting = services.setting_of(agency)
    today = setting.since.replace(month=setting.since.month % 12 + 1)
    if today.month == 1:
        today = today.replace(year=today.year + 1)
    assert obligations.open_monthly_reports(today=today) == 1
    assert obligations.open_monthly_reports(today=today) == 0
    row = Obligation.objects.get(kind=obligations.MONTHLY, agency=agency)
    assert row.due_on == today.replace(day=15)
    assert row.done_on is None
    services.update_setting(agency=agency, actor=admin, publishes_monthly=False, due_day=15)
    assert not Obligation.objects.filter(kind=obligations.MONTHLY, agency=agency).exists()
