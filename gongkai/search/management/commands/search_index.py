"""This server's search index: apply the outbox, rebuild from the records, show the lag.

gongkai search_index apply [--every SECONDS]   apply pending changes (cron, or a loop)
gongkai search_index rebuild [--workers N]     build afresh from every registered source
gongkai search_index status                    applied id, outbox max id, pending (fails
                                               when the index needs a rebuild)
"""

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.utils.translation import gettext as _

from gongkai.search import index, registry
from gongkai.search.errors import SearchError


class TextProgress:
    """A one-line progress bar on a stream: count/total and percentage."""

    def __init__(self, stream: OutputWrapper, width: int = 30) -> None:
        self.stream = stream
        self.width = width

    def __call__(self, done: int, total: int | None) -> None:
        if total:
            share = min(done / total, 1.0)
            bar = "#" * int(share * self.width)
            line = f"\r[{bar:<{self.width}}] {done}/{total} ({share:.0%})"
        else:
            line = f"\r{done}"
        self.stream.write(line, ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = "Apply, rebuild or inspect this server's search index (全文检索索引)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        apply = actions.add_parser("apply", help="apply pending outbox entries")
        apply.add_argument("--batch-size", type=int, default=500)
        apply.add_argument(
            "--every",
            type=float,
            default=0,
            help="keep running, applying every SECONDS (a per-server service instead of cron)",
        )
        rebuild = actions.add_parser(
            "rebuild", help="rebuild from all registered sources, then swap"
        )
        rebuild.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes segmenting the text (default: setting SEARCH_REBUILD_WORKERS, else "
            "one per CPU; 1 = no worker processes)",
        )
        status = actions.add_parser("status", help="show how far the index lags the outbox")
        status.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except SearchError as exc:
            raise CommandError(str(exc.message)) from exc

    def _apply(self, options: dict[str, Any]) -> None:
        while True:
            applied = index.apply_outbox(batch_size=options["batch_size"])
            if applied or not options["every"]:
                self.stdout.write(_("已应用 %(count)d 条索引变更。") % {"count": applied})
            if not options["every"]:
                return
            time.sleep(options["every"])

    def _rebuild(self, options: dict[str, Any]) -> None:
        if not registry.registered_sources():
            # An empty rebuild would silently empty the index.
            raise CommandError(_("没有登记任何数据来源，未重建索引。"))
        progress = TextProgress(self.stderr)
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError(_("--workers 至少为 1。"))
        count = registry.rebuild_from_sources(progress=progress, workers=options["workers"])
        self.stderr.write("")
        self.stdout.write(_("索引已重建：%(count)d 条记录。") % {"count": count})

    def _status(self, options: dict[str, Any]) -> None:
        lag = index.index_lag()
        if options["json"]:
            self.stdout.write(json.dumps(lag))
            return
        self.stdout.write(
            _("已应用至 %(applied)d，变更表最大编号 %(max)d，待应用 %(pending)d 条。")
            % {"applied": lag["applied_id"], "max": lag["outbox_max_id"], "pending": lag["pending"]}
        )
        if lag["gap_ids"]:
            self.stdout.write(
                _("另有 %(count)d 个编号尚未提交，仍在等待。") % {"count": lag["gap_ids"]}
            )
        if lag["rebuild_needed"]:
            # Searches and applies refuse such an index (IndexOutdatedError) until it is rebuilt.
            raise CommandError(
                _("索引的结构版本与程序不符，请运行 search_index rebuild 重建索引。")
            )
