"""Enforcement decisions benchmark: bulk import (a 5,000-row XLSX, then 100,000 rows in all)
and the public 双公示 list and search at that size, on SQLite.

A benchmark, not a test. Run from the project directory:

    .venv/bin/python bench/enforcement.py [--quick] [--rows 100000] [--agencies 4]
                                          [--repeat 5] [--workdir DIR] [--keep] [--json FILE]

What it does (bench/README.md has the details):

1. generates realistic licensing and penalty rows (clinics, hotels, pharmacies, water suppliers;
   natural persons with valid ID numbers; valid credit codes; 2024-01 to yesterday) for a few
   county commissions, written as XLSX files of 5,000 rows (the console's limit);
2. imports them through `gongkai.enforcement.importing.import_file`, exactly as the console
   page does (read, check every row with the model's validation, create in one transaction,
   ledger rows, search outbox, audit), published by a reviewer: the first file alone (the
   5,000-row target: under a minute), then the rest; rows/s per file and overall; the
   reference is reading the same XLSX with openpyxl alone (the floor of any XLSX import);
3. applies the search outbox (Tantivy) and times, through Django's test Client (server side),
   the public list's first page, a filtered page, a deep page, an agency's list, the list
   filtered by a party name and the site search for that name; references in the same run: a
   bare `SELECT COUNT(*)` of the decisions, and a plain Django view (/health/search, two small
   queries through the whole middleware stack).

It never touches the project's data: DATABASE_URL points to a SQLite file in the work
directory; GONGKAI_DATA_DIR, MEDIA_ROOT and SEARCH_INDEX_DIR point into it too.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FILE_ROWS = 5000
TARGET_SECONDS = 60.0


def _words(text: str) -> list[str]:
    return text.split()


SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
)
GIVEN = [
    *_words("伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 建华"),
    *_words("志强 海燕 玉兰 国庆 红梅 晓东 春生 文博 子涵 浩然 欣怡 雨轩 建国 淑珍 立新 永红"),
]
PLACES = [
    *_words("城关 东城 西城 南关 北关 新华 人民 建设 解放 和平"),
    *_words("胜利 朝阳 红旗 向阳 东风 龙泉 清河 柳林 石桥 河东"),
]
BRANDS = [
    *_words("仁和 康宁 济民 同仁 惠民 益康 百姓 安泰 佳美 金鼎 华美 博爱 长青 德仁 福寿"),
    *_words("瑞丰 天和 鑫源 恒信 宏达 顺发 永安 新世纪 阳光 清泉 碧水 丽人 名流 时代 万家"),
]
LICENCES = [
    # (weight, business kind, certificate, content, category, years valid)
    (30, "诊所", "医疗机构执业许可证", "医疗机构执业登记：{scope}", "登记", 5),
    (12, "卫生院", "医疗机构执业许可证", "医疗机构校验：{scope}", "登记", 5),
    (8, "口腔门诊部", "医疗机构执业许可证", "医疗机构执业登记：口腔科", "登记", 5),
    (20, "宾馆", "公共场所卫生许可证", "住宿场所", "普通", 4),
    (10, "美容美发店", "公共场所卫生许可证", "美容美发场所", "普通", 4),
    (5, "游泳馆", "公共场所卫生许可证", "游泳场所", "普通", 4),
    (5, "浴池", "公共场所卫生许可证", "沐浴场所", "普通", 4),
    (4, "医院有限公司", "放射诊疗许可证", "X射线影像诊断", "普通", 5),
    (3, "供水有限公司", "供水单位卫生许可证", "集中式供水", "普通", 4),
    (2, "消毒用品有限公司", "消毒产品生产企业卫生许可证", "消毒剂、卫生用品生产", "普通", 4),
    (1, "妇幼保健院", "母婴保健技术服务执业许可证", "产前筛查、助产技术", "认可", 3),
]
SCOPES = ["内科", "外科", "中医科", "全科医疗科", "预防保健科", "内科；外科；妇产科", "口腔科"]
PENALTIES = [
    # (weight, violation type, facts, basis, categories, fine range 万元 or None)
    (
        25,
        "公共场所未取得卫生许可证擅自营业",
        "当事人未取得公共场所卫生许可证，擅自从事{what}经营活动。",
        "《公共场所卫生管理条例实施细则》第三十五条第一款",
        "警告、罚款",
        (0.05, 3),
    ),
    (
        20,
        "公共场所从业人员未取得有效健康合格证明",
        "当事人安排未获得有效健康合格证明的从业人员从事直接为顾客服务的工作。",
        "《公共场所卫生管理条例实施细则》第三十八条",
        "警告、罚款",
        (0.05, 0.5),
    ),
    (
        15,
        "医疗机构使用非卫生技术人员从事医疗卫生技术工作",
        "当事人使用非卫生技术人员从事医疗卫生技术工作。",
        "《医疗机构管理条例》第四十七条",
        "罚款",
        (0.5, 10),
    ),
    (
        10,
        "未取得医疗机构执业许可证擅自执业",
        "当事人未取得医疗机构执业许可证，擅自开展诊疗活动，违法所得{gain}元。",
        "《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款",
        "没收违法所得、罚款",
        (5, 20),
    ),
    (
        10,
        "医疗废物未按规定分类收集",
        "当事人未将医疗废物按照类别分置于专用包装物或者容器。",
        "《医疗废物管理条例》第四十六条",
        "警告",
        None,
    ),
    (
        10,
        "集中式供水单位未按规定进行水质检测",
        "当事人未按规定对出厂水进行日常水质检测。",
        "《生活饮用水卫生监督管理办法》第二十六条",
        "警告、罚款",
        (0.2, 2),
    ),
    (
        10,
        "放射诊疗场所未设置警示标志",
        "当事人放射诊疗工作场所未按规定设置电离辐射警告标志。",
        "《放射诊疗管理规定》第四十一条",
        "警告、罚款",
        (0.1, 1),
    ),
]


def log(message: str = "") -> None:
    print(message, flush=True)


def load_average() -> str:
    with contextlib.suppress(OSError):
        return "/".join(f"{value:.1f}" for value in os.getloadavg())
    return "?"


# --- data ------------------------------------------------------------------------------------


class Generator:
    """Seeded rows in the import layouts; every code carries a valid check character."""

    def __init__(self, seed: int, agencies: list[tuple[str, str, str]]):
        from stdnum.cn import ric, uscc

        self.random = random.Random(seed)
        self.ric, self.uscc = ric, uscc
        self.agencies = agencies  # (code, name, credit code)
        self.serial = 0
        self.first_day = datetime.date(2024, 1, 2)
        self.last_day = datetime.date.today() - datetime.timedelta(days=1)  # noqa: DTZ011

    def credit_code(self, kind: str, region: str) -> str:
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = kind + region + "".join(self.random.choice(alphabet) for _ in range(9))
        return body + self.uscc.calc_check_digit(body)

    def resident_id(self, region: str) -> str:
        born = datetime.date(1950, 1, 1) + datetime.timedelta(days=self.random.randrange(20000))
        body = f"{region}{born:%Y%m%d}{self.random.randrange(1000):03d}"
        return body + self.ric.calc_check_digit(body + "0")

    def person(self) -> str:
        return self.random.choice(SURNAMES) + self.random.choice(GIVEN)

    def day(self) -> datetime.date:
        span = (self.last_day - self.first_day).days
        return self.first_day + datetime.timedelta(days=self.random.randrange(span + 1))

    def party(self, business: str, region: str, *, natural_share: float) -> dict[str, str]:
        roll = self.random.random()
        if roll < natural_share:
            return {
                "行政相对人名称": self.person(),
                "行政相对人类别": "自然人",
                "证件类型": "居民身份证",
                "证件号码": self.resident_id(region),
            }
        name = f"{self.random.choice(PLACES)}{self.random.choice(BRANDS)}{business}"
        if roll < natural_share + 0.3:
            return {
                "行政相对人名称": name,
                "行政相对人类别": "个体工商户",
                "统一社会信用代码": self.credit_code("92", region),
            }
        return {
            "行政相对人名称": name,
            "行政相对人类别": "法人及非法人组织",
            "统一社会信用代码": self.credit_code("91", region),
            "法定代表人": self.person(),
        }

    def authority(self, agency: tuple[str, str, str]) -> dict[str, str]:
        _code, name, credit = agency
        return {"数据来源单位": name, "数据来源单位统一社会信用代码": credit}

    def licence(self, agency: tuple[str, str, str], region: str) -> dict[str, str]:
        self.serial += 1
        weights = [entry[0] for entry in LICENCES]
        _w, business, certificate, content, category, years = self.random.choices(
            LICENCES, weights
        )[0]
        decided = self.day()
        return {
            **self.party(business, region, natural_share=0.0),
            "行政许可决定文书名称": "准予行政许可决定书",
            "行政许可决定文书号": f"{agency[1][:2]}卫许〔{decided.year}〕{self.serial}号",
            "许可类别": category,
            "许可证书名称": certificate,
            "许可编号": f"{agency[0]}{decided.year}{self.serial:07d}",
            "许可内容": content.format(scope=self.random.choice(SCOPES)),
            "许可决定日期": decided.isoformat(),
            "有效期自": decided.isoformat(),
            "有效期至": (
                decided.replace(year=decided.year + years, day=min(decided.day, 28))
                - datetime.timedelta(days=1)
            ).isoformat(),
            "许可机关": agency[1],
            "许可机关统一社会信用代码": agency[2],
            **self.authority(agency),
        }

    def penalty(self, agency: tuple[str, str, str], region: str) -> dict[str, str]:
        self.serial += 1
        weights = [entry[0] for entry in PENALTIES]
        _w, violation, facts, basis, categories, fines = self.random.choices(PENALTIES, weights)[0]
        decided = self.day()
        business = self.random.choice(["宾馆", "诊所", "美容美发店", "供水站", "口腔诊所"])
        fine = round(self.random.uniform(*fines), 4) if fines else None
        gain = self.random.randrange(500, 20000)
        row = {
            **self.party(business, region, natural_share=0.15),
            "行政处罚决定书文号": f"{agency[1][:2]}卫罚〔{decided.year}〕{self.serial}号",
            "违法行为类型": violation,
            "违法事实": facts.format(what=business, gain=gain),
            "处罚依据": basis,
            "处罚类别": categories,
            "处罚内容": categories.replace("、", "，")
            + (f"，罚款人民币{fine * 10000:.0f}元" if fine else ""),
            "罚款金额（万元）": f"{fine:g}" if fine else "",
            "处罚决定日期": decided.isoformat(),
            "处罚机关": agency[1],
            "处罚机关统一社会信用代码": agency[2],
            **self.authority(agency),
        }
        if "没收" in categories:
            row["没收违法所得、没收非法财物的金额（万元）"] = f"{gain / 10000:g}"
        return row


def xlsx(rows: list[dict[str, str]]) -> bytes:
    import openpyxl

    headers = list(dict.fromkeys(header for row in rows for header in row))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- environment -----------------------------------------------------------------------------


def prepare_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["GONGKAI_DATA_DIR"] = str(workdir / "data")
    os.environ["MEDIA_ROOT"] = str(workdir / "data" / "media")
    os.environ["SEARCH_INDEX_DIR"] = str(workdir / "search-index")
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"  # queued, never run here
    os.environ.setdefault("DEBUG", "true")  # the test Client speaks plain HTTP
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    (workdir / "data" / "static").mkdir(parents=True, exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if str(settings.DATABASES["default"]["NAME"]) != str(workdir / "bench.sqlite3"):
        raise SystemExit("Refusing to run: the database is not the throwaway one.")
    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(
        f"Throwaway database {workdir / 'bench.sqlite3'} (DATABASE_URL set by this script), "
        f"migrated in {time.perf_counter() - start:.1f} s; the project's database is not used."
    )


def timed(function: Callable[[], Any], repeat: int) -> dict[str, Any]:
    """One warm-up run, then `repeat` timed runs (seconds)."""
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return {"median": statistics.median(runs), "max": max(runs), "runs": runs}


def fetch_time(connection, sql: str) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()
    return time.perf_counter() - start


def explain(connection, sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(f"    {row[-1]}" for row in cursor.fetchall())


# An index the app does not have, created in the bench database only (--what-if-index) to
# measure a proposal: the public list walks it backwards in its own order and stops at 20 rows.
# A second one, covering the list's filter, keeps the paginator's COUNT from reading the table
# in that (date) order: without it the count is ~4x slower with the first index.
WHAT_IF_INDEXES = {
    "bench_whatif_decision_status_decided": "status, decided_on, id",
    "bench_whatif_decision_public_cover": (
        "status, is_shown, credit_repaired_on, publicity_ends_on, agency_id"
    ),
}
WHAT_IF_COLUMNS = " and ".join(f"({columns})" for columns in WHAT_IF_INDEXES.values())


def time_pages(client, pages: dict[str, str], repeat: int, reference_sql) -> dict[str, Any]:
    """Each page through the test Client, printed with its ratios to the two references."""
    timings: dict[str, Any] = {}
    for label, url in pages.items():
        statuses: set[int] = set()

        def get(url=url, statuses=statuses) -> None:
            statuses.add(client.get(url).status_code)

        timings[label] = {**timed(get, repeat), "url": url, "status": sorted(statuses)}
    reference_view = timings["reference: plain view /health/search"]["median"]
    log(f"{'what':<45} {'median':>9} {'max':>9} {'× view':>7} {'× COUNT':>8}  status")
    log(
        f"{'reference: SELECT COUNT(*) (raw SQL)':<45} {reference_sql['median'] * 1000:>7.1f}ms "
        f"{reference_sql['max'] * 1000:>7.1f}ms {'':>7} {1:>8.1f}"
    )
    for label, figure in timings.items():
        log(
            f"{label:<45} {figure['median'] * 1000:>7.1f}ms {figure['max'] * 1000:>7.1f}ms "
            f"{figure['median'] / reference_view:>7.1f} "
            f"{figure['median'] / reference_sql['median']:>8.1f}  {figure['status']}"
        )
    return timings


def diagnose(client, connection, timings: dict[str, Any]) -> dict[str, Any]:
    """Two list pages' SQL queries again, rows fetched, and the slowest one's plan (SQLite
    does much of its work while the rows are fetched)."""
    from django.test.utils import CaptureQueriesContext

    diagnosis = {}
    for label in ("list, first page (/enforcement/all/)", "list filtered by party name"):
        with CaptureQueriesContext(connection) as captured:
            client.get(timings[label]["url"])
        queries = [q["sql"] for q in captured.captured_queries]
        spent = sorted(((fetch_time(connection, sql), sql) for sql in queries), reverse=True)
        total = sum(seconds for seconds, _sql in spent)
        seconds, sql = spent[0]
        plan = explain(connection, sql)
        log(
            f"\n{label}: {len(queries)} queries, {total * 1000:.1f} ms of SQL in all "
            f"(page {timings[label]['median'] * 1000:.1f} ms); "
            f"the slowest, {seconds * 1000:.1f} ms:"
        )
        log("    " + sql[:1200] + (" …" if len(sql) > 1200 else ""))
        log(plan)
        diagnosis[label] = {
            "queries": len(queries),
            "sql_seconds": total,
            "slowest": {"seconds": seconds, "sql": sql, "plan": plan},
        }
    return diagnosis


# --- the run ---------------------------------------------------------------------------------


def make_agencies(count: int, generator_seed: int):
    from gongkai.agencies.models import Level, Role
    from gongkai.factories import make_agency, make_user

    regions = ["140105", "140106", "140107", "140108", "140109", "140110", "140121", "140122"]
    rng = random.Random(generator_seed)
    from stdnum.cn import uscc

    agencies = []
    for number in range(count):
        region = regions[number % len(regions)]
        body = "11" + region + "".join(rng.choice("0123456789") for _ in range(9))
        agency = make_agency(
            code=f"BENCH{number + 1:02d}",
            name=f"演示{'东西南北中'[number % 5]}{number + 1}县卫生健康局",
            level=Level.COUNTY,
        )
        reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
        agencies.append((agency, reviewer, region, body + uscc.calc_check_digit(body)))
    return agencies


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    prepare_django(workdir)
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()  # lets the test Client's host through ALLOWED_HOSTS
    with override_settings(DEBUG=False):  # as served: no query log
        return _run(args)


def import_all(args: argparse.Namespace, results: dict[str, Any]) -> str:
    """Generate the files, import them one by one, apply the search outbox; the first
    agency's code."""
    from gongkai.enforcement import importing
    from gongkai.enforcement.models import Decision, DecisionKind
    from gongkai.search.index import apply_outbox

    agencies = make_agencies(args.agencies, args.seed)
    generator = Generator(
        args.seed, [(a.code, a.name, credit) for a, _r, _region, credit in agencies]
    )
    files: list[tuple[Any, Any, str, bytes]] = []
    start = time.perf_counter()
    remaining = args.rows
    number = 0
    while remaining > 0:
        size = min(FILE_ROWS, remaining)
        agency, reviewer, region, credit = agencies[number % len(agencies)]
        kind = DecisionKind.PENALTY if number % 4 == 1 else DecisionKind.LICENSING  # 1:3
        pair = (agency.code, agency.name, credit)
        make = generator.licence if kind == DecisionKind.LICENSING else generator.penalty
        files.append((agency, reviewer, kind, xlsx([make(pair, region) for _ in range(size)])))
        remaining -= size
        number += 1
    generation_seconds = time.perf_counter() - start
    log(
        f"Generated {args.rows:,} rows in {len(files)} XLSX files of up to {FILE_ROWS:,} rows "
        f"in {generation_seconds:.1f} s ({sum(len(f[3]) for f in files) / 1e6:.1f} MB)."
    )

    # Reference: reading the first file with openpyxl alone, cell values only.
    def read_only() -> int:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(files[0][3]), read_only=True)
        count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
        return count

    reference_read = timed(read_only, 1)["median"]

    imports = []
    log(f"\nImporting (load {load_average()}) …")
    log(f"{'file':>5} {'kind':<10} {'rows':>6} {'seconds':>8} {'rows/s':>8} {'decisions':>10}")
    for position, (agency, reviewer, kind, data) in enumerate(files, start=1):
        start = time.perf_counter()
        try:
            result = importing.import_file(
                agency=agency,
                kind=kind,
                actor=reviewer,
                filename=f"bench-{position}.xlsx",
                data=data,
                publish=True,
            )
        except importing.ImportFailed as exc:
            raise SystemExit(f"The generated file {position} was refused:\n{exc}") from exc
        seconds = time.perf_counter() - start
        imports.append({"kind": kind, "rows": result.count, "seconds": seconds})
        log(
            f"{position:>5} {kind:<10} {result.count:>6,} {seconds:>8.1f} "
            f"{result.count / seconds:>8.0f} {Decision.objects.count():>10,}"
        )
    first = imports[0]
    total_rows = sum(entry["rows"] for entry in imports)
    total_seconds = sum(entry["seconds"] for entry in imports)
    log(
        f"\nFirst file ({first['rows']:,} rows, empty database): {first['seconds']:.1f} s, "
        f"{first['rows'] / first['seconds']:.0f} rows/s; target under {TARGET_SECONDS:.0f} s: "
        f"{'MET' if first['seconds'] < TARGET_SECONDS else 'MISSED'}. Reading that file with "
        f"openpyxl alone: {reference_read:.1f} s "
        f"(import = {first['seconds'] / reference_read:.1f}× it)."
    )
    log(
        f"All {total_rows:,} rows: {total_seconds:.1f} s, {total_rows / total_seconds:.0f} rows/s; "
        f"last file {imports[-1]['seconds']:.1f} s with {Decision.objects.count():,} decisions "
        f"in the database. Load {load_average()}."
    )

    start = time.perf_counter()
    indexed = apply_outbox(batch_size=2000)
    index_seconds = time.perf_counter() - start
    log(
        f"\nSearch outbox applied: {indexed:,} entries in {index_seconds:.1f} s "
        f"({indexed / max(index_seconds, 1e-9):.0f}/s)."
    )

    results.update(
        generation_seconds=generation_seconds,
        reference_read_seconds=reference_read,
        imports=imports,
        first_file_target_met=first["seconds"] < TARGET_SECONDS,
        total_rows_per_second=total_rows / total_seconds,
        index={"entries": indexed, "seconds": index_seconds},
    )
    return agencies[0][0].code


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    from gongkai.enforcement.models import Decision, DecisionKind

    results: dict[str, Any] = {"rows": args.rows, "agencies": args.agencies}
    with contextlib.suppress(Exception):
        import subprocess

        results["commit"] = subprocess.run(  # noqa: S603
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    with connection.cursor() as cursor:
        cursor.execute("select sqlite_version()")
        sqlite_version = cursor.fetchone()[0]
    log(f"Commit {results.get('commit', '?')}; {os.cpu_count()} CPUs; SQLite {sqlite_version}")
    log(f"Load average before: {load_average()}")

    if args.reuse:
        log("Reusing the decisions imported and indexed by the earlier --keep run.")
        agency_code = "BENCH01"
    else:
        agency_code = import_all(args, results)

    public = Decision.objects.public(on=datetime.date.today())  # noqa: DTZ011
    public_count = public.count()
    # A business's name (natural persons show as 张某 in public and are not searched by name).
    organisations = public.exclude(party_category="natural_person").order_by("pk")
    some = organisations.filter(kind=DecisionKind.PENALTY).first() or organisations.first()
    party = some.party_name if some else "康宁"
    deep_page = max(1, min(public_count // 20, 50))
    client = Client()
    pages = {
        "list, first page (/enforcement/all/)": "/enforcement/all/",
        "licensing list, first page": "/enforcement/licensing/",
        "penalties, filtered by date range": (
            "/enforcement/penalties/?decided_from=2026-01-01&decided_to=2026-06-30"
        ),
        f"list, deep page ({deep_page})": f"/enforcement/all/?page={deep_page}",
        "an agency's licensing list": f"/agencies/{agency_code}/enforcement/licensing/",
        "list filtered by party name": f"/enforcement/all/?party={party}",
        "site search for the party name": f"/search/?q={party}",
        "reference: plain view /health/search": "/health/search",
    }
    log(
        f"\nPublic pages over {Decision.objects.count():,} decisions ({public_count:,} on the "
        f"public list today); party name searched: {party}. 1 warm-up + {args.repeat} runs, "
        f"load {load_average()}."
    )

    def count_all() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM enforcement_decision")
            return cursor.fetchone()[0]

    reference_sql = timed(count_all, args.repeat)
    timings = time_pages(client, pages, args.repeat, reference_sql)
    # Where a page's time goes: each of its SQL queries again, rows fetched, and the plan of
    # the slowest one (SQLite does much of its work while the rows are fetched).

    diagnosis = diagnose(client, connection, timings)
    results["diagnosis"] = diagnosis
    if args.what_if_index:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for name, columns in WHAT_IF_INDEXES.items():
                cursor.execute(f"CREATE INDEX {name} ON enforcement_decision ({columns})")
        log(
            f"\nWhat-if indexes on enforcement_decision {WHAT_IF_COLUMNS} created in the bench "
            f"database in {time.perf_counter() - start:.1f} s; the pages again "
            f"(load {load_average()}):"
        )
        results["what_if"] = time_pages(client, pages, args.repeat, reference_sql)
        results["what_if_diagnosis"] = diagnose(client, connection, results["what_if"])
        with connection.cursor() as cursor:
            for name in WHAT_IF_INDEXES:
                cursor.execute(f"DROP INDEX {name}")
    log(f"Load average after: {load_average()}")
    results.update(
        public_count=public_count,
        party=party,
        reference_sql=reference_sql,
        pages=timings,
        load_after=load_average(),
        date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 10,000 rows")
    parser.add_argument("--rows", type=int, default=100_000, help="decisions to import in all")
    parser.add_argument("--agencies", type=int, default=4, help="county commissions")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs after one warm-up")
    parser.add_argument("--workdir", help="where the SQLite database and the index go")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument(
        "--what-if-index",
        action="store_true",
        help=f"time the pages again with indexes on {WHAT_IF_COLUMNS}, then drop them",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="with --workdir of a --keep run: pages only"
    )
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--json", help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows = 10_000
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-enf-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.reuse and not (args.workdir and args.keep):
        parser.error("--reuse needs --workdir and --keep (the data of an earlier --keep run)")
    if (workdir / "bench.sqlite3").exists() and not args.reuse:
        raise SystemExit(f"{workdir} already holds a bench database: use another --workdir.")
    log(f"Work directory: {workdir}{' (kept)' if args.keep else ' (removed at the end)'}")
    try:
        results = run(args, workdir)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if results.get("first_file_target_met", True) else 1


if __name__ == "__main__":
    sys.exit(main())
