"""Load run on the deployed stack (issue #11): N simulated users for T seconds through nginx +
gunicorn + PostgreSQL, browsing, searching, filing applications, commenting, writing messages,
and staff handling applications in the console and through the staff API.

    .venv/bin/python bench/load.py                       # 50 users × 300 s, starts the stack
    .venv/bin/python bench/load.py --users 10 --duration 30          # a short run
    .venv/bin/python bench/load.py --url http://host --database-url postgres://…/db  # a stack
    .venv/bin/python bench/load.py --app-env RATE_LIMIT_X=10000     # env for the app servers

It prints, per page: requests, errors, p50/p95/max; every accepted submission (query code or
id) is checked in the database at the end (lost = 0 is the target); the machine's load; and a
reference measured in the same run under the same load: nginx serving a static file.
See bench/README.md and docs/performance.md.
"""

import argparse
import asyncio
import dataclasses
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_report import Stats, app_cpu_seconds, report, verify
from load_stack import (
    DEFAULT_DATABASE_URL,
    STAFF_AGENCY,
    STAFF_PASSWORD,
    STAFF_USERNAME,
    deployed_stack,
)

QUERIES = ["政务公开", "卫生", "通知", "依申请公开", "疫苗", "医疗机构", "2026", "健康", "规范"]
RESIDENT_ID = "11010519491231002X"  # fictional, with a correct check digit
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HIDDEN_INPUT = re.compile(r"<input\b[^>]*\btype=\"hidden\"[^>]*>")
ATTRIBUTE = re.compile(r'\b(name|value)="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    """Every hidden input of the page (the CSRF token, the one-time form token …)."""
    fields = {}
    for tag in HIDDEN_INPUT.findall(html):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    return fields


QUERY_CODE = re.compile(r'class="query-code">([^<]+)<')
ERROR_LIST = re.compile(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)
AGENCY_SELECT = re.compile(r'<select name="agency"[^>]*>(.*?)</select>', re.S)
TIMEOUT = 30.0


@dataclasses.dataclass
class Site:
    """What the users pick from, read once from the public API before the run."""

    records: list[int]
    agencies: list[str]
    consultation: int | None
    static: str
    staff_key: str


class User:
    """One simulated visitor (or clerk) with its own cookies."""

    def __init__(self, number: int, client: httpx.AsyncClient, site: Site, stats: Stats, run: str):
        self.number, self.client, self.site, self.stats, self.run = number, client, site, stats, run
        self.serial = 0

    def marker(self) -> str:
        self.serial += 1
        return f"LOAD-{self.run}-{self.number}-{self.serial}"

    async def fetch(self, page: str, method: str, path: str, ok=(200, 302), **kwargs):
        start = time.perf_counter()
        try:
            response = await self.client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self.stats.error(page, f"{type(exc).__name__} {method} {path}")
            return None
        self.stats.times[page].append(time.perf_counter() - start)
        if response.status_code not in ok:
            self.stats.error(page, f"{response.status_code} {method} {path}")
            return None
        return response

    async def form_post(self, page: str, path: str, data: dict, form_page: str):
        """GET the form, POST it with its CSRF token; the response (a 302 when accepted)."""
        form = await self.fetch(form_page, "GET", path)
        if form is None:
            return None
        token = CSRF.search(form.text)
        if token is None:
            self.stats.error(form_page, f"no CSRF token in {path}")
            return None
        # The CSRF token and the one-time form token (a form sent twice files once).
        hidden = {**hidden_fields(form.text), "csrfmiddlewaretoken": token.group(1)}
        response = await self.fetch(page, "POST", path, data={**hidden, **data})
        if response is not None and response.status_code != 302:
            # The form came back: our valid input was refused. That is an error too.
            reason = ERROR_LIST.search(response.text)
            why = re.sub(r"<[^>]+>", " ", reason.group(1)).strip() if reason else "?"
            self.stats.error(page, f"form refused at {path}: {why[:80]}")
            return None
        return response

    # --- the public -------------------------------------------------------------------

    async def browse(self) -> None:
        choice = random.choices(
            ["home", "record", "agency", "search", "policies", "api", "consultation"],
            weights=[15, 25, 8, 15, 8, 6, 5],
        )[0]
        site = self.site
        path = {
            "home": "/",
            "record": f"/records/{random.choice(site.records)}/",
            "agency": f"/agencies/{random.choice(site.agencies)}/",
            "search": f"/search/?q={random.choice(QUERIES)}",
            "policies": "/policies/",
            "api": "/api/records?page_size=20",
            "consultation": f"/consultations/{site.consultation}/" if site.consultation else "/",
        }[choice]
        await self.fetch(choice, "GET", path)

    async def apply(self) -> None:
        marker = self.marker()
        answer = await self.form_post(
            "apply POST",
            "/apply/",
            {
                "agency": random.choice(self.site_agency_ids or [""]),
                "applicant_type": "natural",
                "applicant_name": "压测申请人",
                "id_type": "resident_id",
                "id_number": RESIDENT_ID,
                "phone": "13800000000",
                "email": "load@example.org",
                "description": f"申请公开卫生统计资料 {marker}",
                "delivery_form": "email",
                "confirm": "on",
            },
            "apply form",
        )
        if answer is not None:
            receipt = await self.fetch("apply receipt", "GET", answer.headers["location"])
            code = QUERY_CODE.search(receipt.text) if receipt is not None else None
            self.stats.accepted["application"].append(code.group(1) if code else marker)

    async def write_message(self) -> None:
        marker = self.marker()
        answer = await self.form_post(
            "message POST",
            "/messages/new/",
            {
                "agency": random.choice(self.site.agencies),
                "category": "enquiry",
                "subject": f"压测咨询 {marker}",
                "body": f"请问预防接种门诊的开放时间？{marker}",
                "sender_name": "压测用户",
                "phone": "13900000000",
            },
            "message form",
        )
        if answer is not None:
            receipt = await self.fetch("message receipt", "GET", answer.headers["location"])
            code = QUERY_CODE.search(receipt.text) if receipt is not None else None
            self.stats.accepted["message"].append(code.group(1) if code else marker)

    async def comment(self) -> None:
        if self.site.consultation is None:
            return
        marker = self.marker()
        path = f"/consultations/{self.site.consultation}/"
        answer = await self.form_post(
            "comment POST", path, {"body": f"建议延长服务时间。{marker}"}, "consultation"
        )
        if answer is not None:
            self.stats.accepted["comment"].append(marker)

    async def act(self) -> None:
        roll = random.random()
        if roll < 0.06:
            await self.apply()
        elif roll < 0.10:
            await self.write_message()
        elif roll < 0.14:
            await self.comment()
        else:
            await self.browse()

    site_agency_ids: list[str] = []

    # --- staff --------------------------------------------------------------------------

    async def log_in(self) -> None:
        await self.form_post(
            "console login",
            "/console/login/",
            {"username": STAFF_USERNAME, "password": STAFF_PASSWORD},
            "console login form",
        )

    async def handle(self) -> None:
        """A clerk: the console's lists and one application, then a step through the API."""
        bearer = {"Authorization": f"Bearer {self.site.staff_key}"}
        roll = random.random()
        if roll < 0.3:
            await self.fetch("console dashboard", "GET", "/console/")
        elif roll < 0.6:
            await self.fetch("console applications", "GET", "/console/applications/")
        else:
            await self.register(bearer)
        listing = await self.fetch(
            "staff API list", "GET", "/api/staff/applications?status=registered", headers=bearer
        )
        if listing is None or not listing.json()["results"]:
            return
        application = random.choice(listing.json()["results"])["id"]
        await self.fetch("console application", "GET", f"/console/applications/{application}/")
        marker = self.marker()
        answer = await self.fetch(
            "staff API event",
            "POST",
            f"/api/staff/applications/{application}/events",
            ok=(200, 400),  # 400: another clerk asked for the supplement first
            headers=bearer,
            json={
                "kind": "supplement_requested",
                "on": time.strftime("%Y-%m-%d"),
                "items": f"请补充身份证明。{marker}",
                "deadline_days": 10,
            },
        )
        if answer is not None and answer.status_code == 200:
            self.stats.accepted["staff event"].append(marker)

    async def register(self, bearer: dict) -> None:
        """A letter that came in person, registered through the staff API."""
        marker = self.marker()
        answer = await self.fetch(
            "staff API register",
            "POST",
            "/api/staff/applications",
            ok=(201,),
            headers=bearer,
            json={
                "agency": STAFF_AGENCY,
                "channel": "in_person",
                "submitted_on": time.strftime("%Y-%m-%d"),
                "applicant_type": "natural",
                "applicant_name": "到场申请人",
                "id_type": "resident_id",
                "id_number": RESIDENT_ID,
                "phone": "13700000000",
                "description": f"申请公开本县医疗机构名录 {marker}",
                "delivery_form": "paper",
                "address": "演示县人民路1号",
            },
        )
        if answer is not None:
            self.stats.accepted["staff application"].append(str(answer.json()["id"]))


async def read_site(client: httpx.AsyncClient, staff_key: str) -> tuple[Site, str]:
    records = (await client.get("/api/records?page_size=100")).json()["results"]
    agencies = [a["code"] for a in (await client.get("/api/agencies")).json()]
    consultations = (await client.get("/api/consultations")).json()["results"]
    open_ones = [c["id"] for c in consultations if c.get("is_open")] or [
        c["id"] for c in consultations
    ]
    home = (await client.get("/")).text
    static = re.search(r'href="(/static/[^"]+\.css)"', home)
    form = (await client.get("/apply/")).text
    # The form's own agency list (the page header has an agency switcher of its own).
    select = AGENCY_SELECT.search(form)
    agency_options = re.findall(r'<option value="(\d+)"', select.group(1) if select else "")
    site = Site(
        records=[r["id"] for r in records],
        agencies=agencies,
        consultation=open_ones[0] if open_ones else None,
        static=static.group(1) if static else "/",
        staff_key=staff_key,
    )
    return site, agency_options


async def simulate(
    url: str,
    staff_key: str,
    users: int,
    staff: int,
    duration: float,
    think: float,
    spread_ips: bool,
    stats: Stats,
) -> None:
    run = time.strftime("%H%M%S")
    limits = httpx.Limits(max_connections=4)
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as probe:
        site, agency_ids = await read_site(probe, staff_key)
    User.site_agency_ids = agency_ids
    deadline = time.monotonic() + duration

    async def one(number: int) -> None:
        headers = {"X-Forwarded-For": f"10.{number // 250}.{number % 250}.7"} if spread_ips else {}
        async with httpx.AsyncClient(
            base_url=url, timeout=TIMEOUT, limits=limits, headers=headers
        ) as client:
            user = User(number, client, site, stats, run)
            is_staff = number < staff
            await asyncio.sleep(random.uniform(0, min(5.0, duration / 10)))  # ramp up
            if is_staff:
                await user.log_in()
            while time.monotonic() < deadline:
                await (user.handle() if is_staff else user.act())
                await asyncio.sleep(random.expovariate(1 / think) if think else 0)

    async def sample_load() -> None:
        while time.monotonic() < deadline:
            stats.loads.append(os.getloadavg())
            await asyncio.sleep(10)

    async def reference() -> None:
        # The floor under the same load: nginx sending a static file, once a second.
        async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as client:
            user = User(-1, client, site, stats, run)
            while time.monotonic() < deadline:
                await user.fetch("static (reference)", "GET", site.static)
                await asyncio.sleep(1)

    await asyncio.gather(sample_load(), reference(), *(one(n) for n in range(users)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--staff", type=int, default=5, help="how many of the users are clerks")
    parser.add_argument("--duration", type=float, default=300.0, help="seconds")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time, seconds")
    parser.add_argument("--url", help="a running stack instead of starting one")
    parser.add_argument("--staff-key", help="with --url: a staff API key (create_api_token)")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument(
        "--app-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="environment of the app servers, e.g. to raise rate limits",
    )
    parser.add_argument(
        "--spread-ips",
        action="store_true",
        help="a different X-Forwarded-For per user (see bench/README.md)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    app_env = dict(item.split("=", 1) for item in args.app_env)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
    ).stdout.strip()
    print(f"load run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit}")
    stats = Stats()

    def go(url: str, staff_key: str) -> tuple[float, tuple, tuple]:
        start_load, started = os.getloadavg(), time.monotonic()
        asyncio.run(
            simulate(
                url,
                staff_key,
                args.users,
                args.staff,
                args.duration,
                args.think,
                args.spread_ips,
                stats,
            )
        )
        return time.monotonic() - started, start_load, os.getloadavg()

    if args.url:
        env = {"DATABASE_URL": args.database_url, **app_env}
        elapsed, start_load, end_load = go(args.url, args.staff_key or "")
    else:
        with (
            tempfile.TemporaryDirectory(prefix="gongkai-load-") as directory,
            deployed_stack(
                Path(directory),
                database_url=args.database_url,
                workers=args.gunicorn_workers,
                app_env=app_env,
            ) as stack,
        ):
            print(
                f"stack at {stack.url}: nginx, gunicorn ×{args.gunicorn_workers}, worker, "
                "index applier, PostgreSQL"
            )
            env = stack.env
            app = stack.processes[0].pid
            cpu_before = app_cpu_seconds(app)
            elapsed, start_load, end_load = go(stack.url, stack.staff_key)
            cpu = app_cpu_seconds(app) - cpu_before
            server_errors = (Path(directory) / "gunicorn.log").read_text().count("Traceback")
            print(f"tracebacks in the gunicorn log: {server_errors}")
    figures = report(stats, verify(env, stats), args, elapsed, start_load, end_load)
    if not args.url:
        # CPU the app servers used per request: a figure the machine's other work does not
        # inflate as much as it inflates latency (PostgreSQL's own CPU is not included).
        per_request = cpu / figures["requests"] * 1000 if figures["requests"] else 0
        print(f"gunicorn CPU: {cpu:.0f} s in all, {per_request:.0f} ms per request")
        figures["gunicorn_cpu_ms_per_request"] = round(per_request, 1)
    figures["commit"] = commit
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2, default=str))
    return 1 if figures["errors"] or figures["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
