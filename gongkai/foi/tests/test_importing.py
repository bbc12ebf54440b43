"""Import of historic applications: every row checked, every problem reported with its row,
nothing written unless the whole file is valid; logs, outcomes and due dates as given."""

import csv
import datetime
import io
import zoneinfo
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.foi import importing, services
from gongkai.foi.importing import ApplicationImportFailed, import_file
from gongkai.foi.models import Application, Event, LogKind, Status

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DOCS = Path(__file__).resolve().parents[3] / "docs"
# Fictional numbers with correct check characters (GB 11643-1999, GB 32100-2015).
RESIDENT_ID = "11010519491231002X"
USCC = "91350100M000100Y43"


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


@pytest.fixture(autouse=True)
def _in_july_2026():
    # The agency moves to gongkai in the middle of the year.
    with time_machine.travel(datetime.datetime(2026, 7, 15, 10, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def agency():
    return make_agency(code="HX-WJJ")


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,), username="clerk")


def row(**values) -> dict[str, str]:
    """A valid open application received in person on 2026-07-01; override by column."""
    base = {
        "申请人类型": "自然人",
        "姓名或名称": "张三",
        "证件类型": "居民身份证",
        "证件号码": RESIDENT_ID,
        "联系电话": "13800000000",
        "申请内容": "2025年本县公共场所卫生监督抽查结果",
        "提交方式": "当面提交",
        "收到申请日期": "2026-07-01",
    }
    base.update(values)
    return base


def to_csv(rows: list[dict[str, str]]) -> bytes:
    headers = list(dict.fromkeys(key for values in rows for key in values))
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=headers, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue().encode("utf-8-sig")


def run(agency, actor, rows, **options):
    return import_file(
        agency=agency, actor=actor, filename="历史申请.csv", data=to_csv(rows), **options
    )


def problems(agency, actor, rows, **options) -> list[tuple[int, str, str]]:
    with pytest.raises(ApplicationImportFailed) as caught:
        run(agency, actor, rows, **options)
    assert not Application.objects.exists()
    assert not Event.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="foi.import").exists()
    return [(error.row, error.column, error.message) for error in caught.value.errors]


# --- happy paths -------------------------------------------------------------------------

HISTORY = [
    row(
        查询码="old-001",
        处理结果="予以公开",
        是否已主动公开="是",
        答复日期="2026-01-20",
        收到申请日期="2026-01-06",
        答复内容="已在本局网站公开，网址见附件。",
    ),
    row(
        申请人类型="商业企业",
        姓名或名称="某某医药有限公司",
        联系人="李四",
        证件类型="统一社会信用代码",
        证件号码=USCC,
        提交方式="邮寄（需签收）",
        提交日期="2026-02-02",
        收到申请日期="2026-02-04",
        征求意见日期="2026-02-10",
        征求意见对象="某第三方公司",
        收到意见日期="2026-02-26",
        延长天数="10",
        延长日期="2026-03-02",
        延长批准人="王主任",
        答复日期="2026-03-20",
        处理结果="withheld.4",
    ),
    row(
        收到申请日期="2026-04-01",
        补正告知日期="2026-04-03",
        补正事项="请说明所需信息的年份",
        办结日期="2026-05-06",
        处理结果="其他处理：逾期不补正，不再处理",
    ),
    row(收到申请日期="2026-07-01"),
    row(收到申请日期="2026-06-22", 补正告知日期="2026-06-24", 收到补正日期="2026-07-02"),
    row(收到申请日期="2026-07-06", 征求意见日期="2026-07-08", 征求意见对象="市疾控中心"),
]


def test_a_csv_imports_applications_with_their_logs(agency, clerk):
    result = run(agency, clerk, HISTORY)

    assert result.count == 6
    granted, withheld, abandoned, fresh, restarted, consulting = result.applications
    assert all(a.created_by == clerk and a.agency == agency for a in result.applications)

    assert granted.query_code == "OLD-001"
    assert (granted.status, granted.outcome, granted.already_public) == ("closed", "granted", True)
    assert (granted.replied_on, granted.closed_on) == (day("2026-01-20"), day("2026-01-20"))
    assert [e.kind for e in granted.events.all()] == [LogKind.RECEIVED, LogKind.REPLIED]
    assert granted.events.first().note == "历史数据导入（当面提交）"

    assert withheld.applicant_type == "business"
    assert (withheld.submitted_on, withheld.signed_on) == (day("2026-02-02"), day("2026-02-04"))
    assert withheld.received_on == day("2026-02-04")
    assert [(e.kind, e.on, e.days, e.note) for e in withheld.events.all()] == [
        ("received", day("2026-02-04"), 0, "历史数据导入（邮寄（需签收））"),
        ("consultation_started", day("2026-02-10"), 0, "某第三方公司"),
        ("consultation_ended", day("2026-02-26"), 0, ""),
        ("extended", day("2026-03-02"), 10, "经王主任同意"),
        ("replied", day("2026-03-20"), 0, "不予公开：保护第三方合法权益"),
    ]
    reading = services.read_clock(withheld)
    assert reading.limit_days == 30
    assert reading.replied_on == day("2026-03-20")
    assert withheld.due_on == reading.due_on

    assert (abandoned.status, abandoned.outcome) == (Status.CLOSED, "other.1")
    assert (abandoned.replied_on, abandoned.closed_on) == (None, day("2026-05-06"))
    assert [e.kind for e in abandoned.events.all()] == [
        "received",
        "supplement_requested",
        "closed",
    ]

    assert fresh.status == Status.REGISTERED
    assert fresh.outcome == ""
    assert fresh.due_on == day("2026-07-29")  # derived: 20 working days after 07-01
    assert len(fresh.query_code) == services.QUERY_CODE_LENGTH

    assert restarted.due_on == day("2026-07-30")  # counted afresh from the supplement, 07-02
    assert consulting.status == Status.CONSULTING
    assert consulting.due_on is None
    assert "征求" in consulting.due_problem

    assert AuditEvent.objects.filter(action="foi.import", actor=clerk).count() == 6
    summary = AuditEvent.objects.get(action="foi.import_file")
    assert summary.after["count"] == 6
    assert summary.after["applications"] == [a.pk for a in result.applications]
    assert summary.note == "从文件“历史申请.csv”导入 6 件政府信息公开申请。"


def test_an_xlsx_with_date_and_number_cells_imports(agency, clerk):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    headers = [*row(), "延长天数", "延长日期", "答复日期", "处理结果"]
    sheet.append(headers)
    sheet.append([])  # a blank line is skipped, row numbers stay those of the sheet
    excel_date = datetime.datetime(2026, 5, 6)  # noqa: DTZ001 - Excel cells are naive
    values = row(收到申请日期=excel_date, 联系电话=13800000000)
    sheet.append([*values.values(), 5, datetime.date(2026, 5, 20), "2026年6月1日", "部分公开"])
    data = io.BytesIO()
    workbook.save(data)

    result = import_file(agency=agency, actor=clerk, filename="历史.xlsx", data=data.getvalue())

    application = result.applications[0]
    assert application.received_on == day("2026-05-06")
    assert application.phone == "13800000000"
    assert application.replied_on == day("2026-06-01")
    assert application.outcome == "partial"
    assert application.events.get(kind=LogKind.EXTENDED).days == 5
    assert "第3行导入" in AuditEvent.objects.get(action="foi.import").note


def test_outcomes_are_counted_as_given(agency, clerk):
    given = [
        ("自然人", "granted"),
        ("自然人", "予以公开"),
        ("商业企业", "部分公开"),
        ("科研机构", "不予公开：属于国家秘密"),
        ("社会公益组织", "保护第三方合法权益"),
        ("法律服务机构", "（三）4"),
        ("其他", "unable.1"),
        ("其他", "不予处理：重复申请"),
        ("自然人", "other.3"),
    ]
    rows = [
        row(
            申请人类型=kind,
            证件类型="其他",
            证件号码=f"X{n}",
            收到申请日期="2026-03-02",
            答复日期="2026-03-16",
            处理结果=outcome,
        )
        for n, (kind, outcome) in enumerate(given)
    ]

    run(agency, clerk, rows)

    counted = Counter(
        Application.objects.filter(agency=agency, closed_on__year=2026).values_list(
            "applicant_type", "outcome"
        )
    )
    assert counted == {
        ("natural", "granted"): 2,
        ("business", "partial"): 1,
        ("research", "withheld.1"): 1,
        ("public_interest", "withheld.4"): 1,
        ("legal_service", "withheld.4"): 1,
        ("other", "unable.1"): 1,
        ("other", "not_handled.2"): 1,
        ("natural", "other.3"): 1,
    }


def test_lenient_ids_are_imported_as_they_are_and_noted(agency, clerk):
    wrong = "110105194912310021"  # wrong check digit

    assert problems(agency, clerk, [row(证件号码=wrong)]) == [
        (2, "证件号码", "居民身份证号码校验位不正确，请核对号码是否抄错。")
    ]
    application = run(agency, clerk, [row(证件号码=wrong)], lenient_ids=True).applications[0]

    assert application.id_number == wrong
    assert application.events.get(kind=LogKind.RECEIVED).note == (
        "历史数据导入（当面提交） 证件号码未通过校验（居民身份证号码校验位不正确，"
        "请核对号码是否抄错），按历史数据原样导入。"
    )
    assert AuditEvent.objects.get(action="foi.import_file").after["lenient_ids"] is True


def test_a_dry_run_writes_nothing(agency, clerk):
    result = run(agency, clerk, HISTORY, dry_run=True)

    assert result.count == 6
    assert not Application.objects.exists()
    assert not AuditEvent.objects.exists()


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "column", "words"),
    [
        ({"收到申请日期": "2026-02-30"}, "收到申请日期", "无法识别的日期"),
        ({"收到申请日期": "2026-07-16"}, "收到申请日期", "晚于今天"),
        ({"申请人类型": "个体户"}, "申请人类型", "无法识别的取值“个体户”"),
        ({"提交方式": "飞鸽传书"}, "提交方式", "可填写：“当面提交”"),
        ({"处理结果": "同意", "答复日期": "2026-07-02"}, "处理结果", "granted、partial"),
        ({"证件号码": "123"}, "证件号码", "应为18位"),
        ({"姓名或名称": ""}, "姓名或名称", "必须填写"),
        ({"电子邮箱": "zhang@"}, "电子邮箱", "电子邮箱"),
        ({"联系电话": "1" * 41}, "联系电话", "联系电话不能超过 40 字（当前 41 字）"),
        ({"查询码": "码 1"}, "查询码", "只能由字母"),
        ({"答复日期": "2026-07-02"}, "处理结果", "须填写处理结果"),
        ({"处理结果": "granted"}, "答复日期", "须填写答复日期"),
        ({"处理结果": "partial", "答复日期": "2026-06-30"}, "答复日期", "早于收到申请日期"),
        (
            {"处理结果": "partial", "答复日期": "2026-07-03", "办结日期": "2026-07-02"},
            "办结日期",
            "早于答复日期",
        ),
        (
            {"处理结果": "partial", "答复日期": "2026-07-03", "是否已主动公开": "是"},
            "是否已主动公开",
            "只适用于予以公开",
        ),
        ({"是否已主动公开": "也许"}, "是否已主动公开", "“是”或“否”"),
        ({"延长天数": "21", "延长日期": "2026-07-02"}, "延长天数", "1至20"),
        ({"延长天数": "5"}, "延长日期", "须同时填写延长日期"),
        ({"收到补正日期": "2026-07-03"}, "收到补正日期", "须同时填写补正告知日期"),
        (
            {"征求意见日期": "2026-07-06", "收到意见日期": "2026-07-03"},
            "收到意见日期",
            "早于征求意见日期",
        ),
        ({"补正告知日期": "2026-07-03", "征求意见日期": "2026-07-06"}, "收到意见日期", "不能同时"),
        ({"提交日期": "2026-06-30"}, "提交日期", "就是提交之日"),
        ({"提交方式": "邮寄（需签收）", "提交日期": "2026-07-02"}, "提交日期", "早于提交日期"),
        ({"处理结果": "other.1", "办结日期": "2026-07-10"}, "处理结果", "须有补正告知日期"),
        (
            {"处理结果": "other.2", "答复日期": "2026-07-10", "办结日期": "2026-07-10"},
            "答复日期",
            "答复日期应留空",
        ),
        ({"处理结果": "other.2"}, "办结日期", "须填写办结日期"),
        (
            {"处理结果": "granted", "答复日期": "2026-07-03", "征求意见日期": "2026-07-06"},
            "征求意见日期",
            "晚于答复或办结日期",
        ),
    ],
)
def test_each_problem_is_reported_with_its_row_and_column(agency, clerk, values, column, words):
    found = problems(agency, clerk, [row(), row(**values)])

    assert [(number, name) for number, name, _message in found] == [(3, column)]
    assert words in found[0][2]


def test_every_row_s_problems_are_reported_and_nothing_is_written(agency, clerk):
    rows = [
        row(收到申请日期="昨天"),
        row(),
        row(申请人类型="个体户", 证件号码="123"),
    ]

    found = problems(agency, clerk, rows)

    assert [(number, column) for number, column, _message in found] == [
        (2, "收到申请日期"),
        (4, "申请人类型"),
        (4, "证件号码"),
    ]


def test_query_codes_must_be_new(agency, clerk):
    taken = run(agency, clerk, [row(查询码="OLD-1")]).applications[0]
    Application.objects.exclude(pk=taken.pk).delete()
    before = Application.objects.count()

    with pytest.raises(ApplicationImportFailed) as caught:
        run(agency, clerk, [row(查询码="old-1"), row(查询码="NEW-1"), row(查询码="new-1")])

    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "查询码"), (4, "查询码")]
    assert "已被系统中的其他申请使用" in caught.value.errors[0].message
    assert "与第3行重复" in caught.value.errors[1].message
    assert Application.objects.count() == before


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "文件是空的"),
        ("申请人类型,姓名或名称\n自然人,张三\n".encode(), "缺少必填的列"),
        (to_csv([row(备注="无")]), "未知的列名"),
        ((",".join(row()) + "\n").encode(), "没有可导入的数据行"),
    ],
)
def test_file_level_problems(agency, clerk, data, words):
    with pytest.raises(ApplicationImportFailed) as caught:
        import_file(agency=agency, actor=clerk, filename="a.csv", data=data)

    assert words in " ".join(error.message for error in caught.value.errors)
    assert "没有导入任何申请" in caught.value.message


def test_a_failure_while_saving_leaves_nothing_half_imported(agency, clerk, monkeypatch):
    calls = []
    real = importing.record_event

    def fail_on_the_third(**kwargs):
        calls.append(kwargs["action"])
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(importing, "record_event", fail_on_the_third)

    with pytest.raises(RuntimeError):
        run(agency, clerk, HISTORY)

    assert len(calls) == 3
    assert not Application.objects.exists()
    assert not Event.objects.exists()
    assert not AuditEvent.objects.exists()


# --- the command -------------------------------------------------------------------------


@pytest.fixture
def history_file(tmp_path):
    path = tmp_path / "history.csv"
    path.write_bytes(to_csv(HISTORY))
    return path


def test_the_command_imports_as_the_named_user(agency, clerk, history_file):
    out = io.StringIO()

    call_command(
        "import_applications", str(history_file), agency="HX-WJJ", user="clerk", stdout=out
    )

    assert out.getvalue().strip() == "imported 6 applications into HX-WJJ (3 closed, 3 open)"
    assert set(Application.objects.values_list("created_by__username", flat=True)) == {"clerk"}


def test_the_command_s_dry_run_writes_nothing(agency, history_file):
    out = io.StringIO()

    call_command(
        "import_applications", str(history_file), agency="HX-WJJ", dry_run=True, stdout=out
    )

    assert "6 rows are valid" in out.getvalue()
    assert not Application.objects.exists()


def test_the_command_lists_every_problem(agency, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(to_csv([row(), row(证件号码="123"), row(收到申请日期="2026-13-01")]))
    err = io.StringIO()

    with pytest.raises(CommandError, match="发现 2 处问题"):
        call_command("import_applications", str(path), agency="HX-WJJ", stderr=err)

    assert err.getvalue().splitlines() == [
        "第3行“证件号码”：居民身份证号码应为18位，现为3位。",
        "第4行“收到申请日期”：无法识别的日期“2026-13-01”，请使用 YYYY-MM-DD 格式。",
    ]
    assert not Application.objects.exists()


def test_the_command_checks_the_user_s_role(agency, history_file):
    make_user(agency=make_agency(), roles=(Role.FOI_HANDLER,), username="elsewhere")

    with pytest.raises(CommandError, match="neither an FOI handler"):
        call_command("import_applications", str(history_file), agency="HX-WJJ", user="elsewhere")
    with pytest.raises(CommandError, match="no agency"):
        call_command("import_applications", str(history_file), agency="NOPE")
    assert not Application.objects.exists()


def test_the_documented_example_imports(agency, clerk):
    document = (DOCS / "foi-import-format.md").read_text(encoding="utf-8")
    example = document.split("```csv\n", 1)[1].split("```", 1)[0]

    result = import_file(agency=agency, actor=clerk, filename="示例.csv", data=example.encode())

    assert [a.outcome for a in result.applications] == ["granted", "withheld.4", ""]
    assert result.applications[0].query_code == "OLD-001"
