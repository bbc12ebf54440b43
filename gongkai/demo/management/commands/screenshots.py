import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.demo.screenshots import CHROMIUM, ScreenshotError, take_screenshots


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"The demo server stopped (exit code {server.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise CommandError(f"The demo server did not answer at {url} within {seconds:.0f} s.")


class Command(BaseCommand):
    help = (
        "Save full-page screenshots (desktop 1366×900 and phone 390×844) of the portal's main "
        "pages and each demo role's console dashboard into DIR, with an index.html. Without "
        "--base-url it starts its own demo site (temporary data directory: migrate, load_demo, "
        "search index) on a free port; with it, the site must use this checkout's database."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path, help="where the PNG files and index.html go")
        parser.add_argument(
            "--base-url", default="", help="a running gongkai site, e.g. http://127.0.0.1:8000"
        )
        parser.add_argument(
            "--only", nargs="+", metavar="PAGE", help="only these pages (e.g. home record)"
        )
        parser.add_argument("--chromium", default=CHROMIUM, help="the Chromium to drive")

    def handle(self, *args, **options):
        out_dir = options["dir"].resolve()
        if options["base_url"]:
            try:
                files = take_screenshots(
                    out_dir,
                    options["base_url"],
                    only=options["only"],
                    chromium=options["chromium"],
                    log=self.stdout.write,
                )
            except ScreenshotError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                self.style.SUCCESS(f"{len(files)} screenshots and index.html in {out_dir}")
            )
            return
        if not Path(options["chromium"]).exists():
            raise CommandError(
                f"No Chromium at {options['chromium']}: install Debian's (apt-get install "
                "chromium) or give its path with --chromium."
            )
        self._with_own_server(out_dir, options)

    def _with_own_server(self, out_dir: Path, options) -> None:
        """Set up a throw-away demo site, then run this command against it in a process that
        reads the same database."""
        gongkai = [sys.executable, "-m", "gongkai"]
        with tempfile.TemporaryDirectory(prefix="gongkai-screenshots-") as data_dir:
            env = {**os.environ, "GONGKAI_DATA_DIR": data_dir, "DEBUG": "true"}
            env.pop("DATABASE_URL", None)  # a fresh SQLite file in the temporary directory
            for step in (["migrate", "--noinput"], ["load_demo"], ["search_index", "rebuild"]):
                self.stdout.write(f"==> gongkai {' '.join(step)}")
                done = subprocess.run(  # noqa: S603 - our own program, fixed arguments
                    [*gongkai, *step], env=env, capture_output=True, text=True, check=False
                )
                if done.returncode:
                    raise CommandError(f"gongkai {' '.join(step)} failed:\n{done.stderr[-3000:]}")
            port = _free_port()
            base_url = f"http://127.0.0.1:{port}"
            self.stdout.write(f"==> demo site at {base_url}")
            server = subprocess.Popen(  # noqa: S603
                [*gongkai, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env={**env, "SITE_URL": base_url},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                _wait_until_up(base_url + "/", server)
                command = [*gongkai, "screenshots", str(out_dir), "--base-url", base_url]
                command += ["--chromium", options["chromium"]]
                if options["only"]:
                    command += ["--only", *options["only"]]
                done = subprocess.run(command, env=env, check=False)  # noqa: S603
                if done.returncode:
                    raise CommandError("Taking the screenshots failed (see above).")
            finally:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
