"""Screenshots of the demo site, desktop and phone, for reviews and the issue tracker.

`pages_to_shoot` lists what to photograph (portal pages by URL name, then the console
dashboard of each demo account); `take_screenshots` drives Debian's Chromium through
Playwright against a running site whose database this process also reads (to find a record,
an application's query code and the demo passwords). The `screenshots` command wraps it and
can start that site itself."""

import html
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse

from gongkai.demo.loading import DEMO_ACCOUNTS

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
COUNTY = "DEMO-COUNTY"


class ScreenshotError(Exception):
    """Something the person running the command can fix; the message says what."""


@dataclass(frozen=True)
class Shot:
    name: str  # file name part: NN-name-desktop.png
    title: str  # caption in index.html
    path: str  # URL path on the site
    account: str = ""  # log in as this demo account first
    then: Callable | None = None  # acts on the loaded page (fill and submit a form)


def _submit_empty_application(page) -> None:
    # The browser's own `required` checks would stop the form before the server answers.
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.locator("form:has([name=phone]) [type=submit]").first.click()
    page.wait_for_load_state()


def _check_progress(query_code: str, secret: str) -> Callable:
    def act(page) -> None:
        page.locator("[name=query_code]").fill(query_code)
        page.locator("[name=secret]").fill(secret)
        page.locator("form:has([name=query_code]) [type=submit]").first.click()
        page.wait_for_load_state()

    return act


def pages_to_shoot() -> list[Shot]:
    """What to photograph, found in the demo data this process reads."""
    from gongkai.documents.models import Document, Status
    from gongkai.foi.models import Application
    from gongkai.foi.models import Status as ApplicationStatus

    record = (
        Document.objects.filter(
            agency__code=COUNTY, status=Status.PUBLISHED, attachments__isnull=False
        )
        .order_by("-published_at")
        .first()
    )
    application = (
        Application.objects.filter(
            agency__code=COUNTY, status=ApplicationStatus.CLOSED, outcome="granted"
        )
        .order_by("-received_on")
        .first()
    )
    if record is None or application is None:
        raise ScreenshotError(
            "No demo data here: run `gongkai load_demo` on the database the site uses "
            "(or leave out --base-url and the command starts its own demo site)."
        )
    shots = [
        Shot("home", "首页", reverse("portal:home")),
        Shot("agency", "机关的政府信息公开栏目", reverse("portal:agency-home", args=[COUNTY])),
        Shot("catalogue", "公开目录", reverse("portal:agency-catalogue", args=[COUNTY])),
        Shot("record", "信息详情", reverse("portal:document-detail", args=[record.pk])),
        Shot("search", "搜索（有结果）", reverse("portal:search") + "?q=疫苗"),
        Shot("search-empty", "搜索（无结果）", reverse("portal:search") + "?q=鸡毛信箱"),
        Shot(
            "apply-errors",
            "依申请公开申请表（提交后的错误提示）",
            reverse("portal:foi-apply"),
            then=_submit_empty_application,
        ),
        Shot(
            "progress",
            "申请办理进度",
            reverse("portal:foi-progress"),
            then=_check_progress(application.query_code, application.phone),
        ),
        Shot("statistics", "留言办理统计", reverse("portal:message-stats")),
    ]
    shots += [
        Shot(
            "console-applications",
            "依申请公开申请列表（承办人）",
            reverse("console:foi-list"),
            account="county_foi",
        ),
        Shot(
            "console-applications-city",
            "依申请公开申请列表（市督查员）",
            reverse("console:foi-list"),
            account="city_supervisor",
        ),
        Shot(
            "console-messages-city",
            "留言列表（市督查员）",
            reverse("console:messages"),
            account="city_supervisor",
        ),
        Shot(
            "console-messages-answered",
            "留言列表：已答复，分页（市督查员）",
            reverse("console:messages") + "?stage=answered",
            account="city_supervisor",
        ),
    ]
    for account in DEMO_ACCOUNTS:
        shots.append(
            Shot(
                f"console-{account.username}",
                f"工作台：{account.name}",
                reverse("console:dashboard"),
                account=account.username,
            )
        )
    return shots


def _log_in(page, base_url: str, username: str) -> None:
    password = {a.username: a.password for a in DEMO_ACCOUNTS}[username]
    page.context.clear_cookies()
    page.goto(base_url + reverse("console:login"))
    page.locator("[name=username]").fill(username)
    page.locator("[name=password]").fill(password)
    page.locator("form:has([name=password]) [type=submit]").first.click()
    page.wait_for_load_state()
    if "/login/" in page.url:
        raise ScreenshotError(f"Could not log in as {username} at {base_url}.")


def take_screenshots(
    out_dir: Path,
    base_url: str,
    *,
    only: list[str] | None = None,
    chromium: str = CHROMIUM,
    log: Callable[[str], None] = print,
) -> list[Path]:
    """Photograph every page at each viewport into `out_dir`; returns the PNG paths (and
    writes index.html beside them)."""
    if not Path(chromium).exists():
        raise ScreenshotError(
            f"No Chromium at {chromium}: install Debian's (apt-get install chromium) or give "
            "its path with --chromium (or GONGKAI_CHROMIUM). Never a downloaded browser."
        )
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ScreenshotError("Playwright is missing: pip install -e '.[test]'.") from exc
    base_url = base_url.rstrip("/")
    numbered = list(enumerate(pages_to_shoot(), start=1))
    if only:
        unknown = set(only) - {shot.name for _n, shot in numbered}
        if unknown:
            raise ScreenshotError(f"Unknown page(s): {', '.join(sorted(unknown))}")
        numbered = [(n, shot) for n, shot in numbered if shot.name in only]
    out_dir.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API runs an event loop; the ORM is done with before it starts.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    files: list[tuple[int, Shot, str, Path]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for viewport, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    locale="zh-CN",
                    viewport={"width": width, "height": height},
                    is_mobile=viewport == "phone",
                    has_touch=viewport == "phone",
                    device_scale_factor=1,
                )
                page = context.new_page()
                page.set_default_timeout(30000)
                for number, shot in numbered:
                    if shot.account:
                        _log_in(page, base_url, shot.account)
                    try:
                        page.goto(base_url + shot.path)
                        if shot.then is not None:
                            shot.then(page)
                    except PlaywrightError as exc:
                        raise ScreenshotError(f"{shot.name}: {exc}") from exc
                    path = out_dir / f"{number:02d}-{shot.name}-{viewport}.png"
                    page.screenshot(path=str(path), full_page=True)
                    files.append((number, shot, viewport, path))
                    log(f"  {path.name}")
                context.close()
        finally:
            browser.close()
    _write_index(out_dir, files)
    return [path for _n, _s, _v, path in files]


def _write_index(out_dir: Path, files: list[tuple[int, Shot, str, Path]]) -> None:
    rows = []
    for number, shot, viewport, path in sorted(files, key=lambda f: (f[0], f[2])):
        caption = html.escape(f"{number:02d} {shot.title}（{viewport}）")
        rows.append(
            f'<figure><a href="{html.escape(path.name)}"><img src="{html.escape(path.name)}" '
            f'alt="{caption}" loading="lazy"></a><figcaption>{caption}</figcaption></figure>'
        )
    page = (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>gongkai 截图</title><style>body{font-family:sans-serif;margin:1rem}"
        "figure{display:inline-block;vertical-align:top;margin:0 1rem 1rem 0;width:320px}"
        "img{width:100%;border:1px solid #888}</style></head><body>"
        "<h1>gongkai 截图</h1>\n" + "\n".join(rows) + "\n</body></html>\n"
    )
    (out_dir / "index.html").write_text(page, encoding="utf-8")
