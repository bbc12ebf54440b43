"""What bench/load.py prints and checks at the end: the lost-submission check in the database,
the per-page table with the static-file reference, the machine's load and gunicorn's CPU."""

import dataclasses
import math
import os
from collections import defaultdict
from pathlib import Path


@dataclasses.dataclass
class Stats:
    times: dict[str, list[float]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    accepted: dict[str, list[str]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    loads: list[tuple[float, float, float]] = dataclasses.field(default_factory=list)

    def error(self, page: str, what: str) -> None:
        self.errors[page].append(what)


def verify(env: dict[str, str], stats: Stats) -> dict[str, tuple[int, int]]:
    """For each kind of submission: (accepted, found in the database)."""
    os.environ.update(env)
    import django

    django.setup()
    from gongkai.foi.models import Application, Event
    from gongkai.participation.models import Comment, PublicMessage

    found = {}
    codes = stats.accepted["application"]
    found["application"] = Application.objects.filter(query_code__in=codes).count()
    # A receipt that showed no query code leaves the marker, which is in no query code: lost.
    found["message"] = PublicMessage.objects.filter(
        query_code__in=stats.accepted["message"]
    ).count()
    found["comment"] = sum(
        Comment.objects.filter(body__endswith=marker).count()
        for marker in stats.accepted["comment"]
    )
    found["staff application"] = Application.objects.filter(
        pk__in=[int(pk) for pk in stats.accepted["staff application"]]
    ).count()
    found["staff event"] = sum(
        Event.objects.filter(kind="supplement_requested", note__endswith=marker).count()
        for marker in stats.accepted["staff event"]
    )
    return {kind: (len(stats.accepted[kind]), found[kind]) for kind in found}


def app_cpu_seconds(master: int) -> float:
    """User + system CPU seconds of gunicorn's master and its workers (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended meanwhile
        pid, parent = int(stat.parent.name), int(fields[1])
        if master in (pid, parent):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    # Nearest rank, as bench/search.py.
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def report(stats: Stats, checked: dict, args, elapsed: float, start_load, end_load) -> dict:
    static = stats.times.get("static (reference)", [])
    reference = percentile(static, 0.95) if static else None
    lines = [
        f"{'page':22} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'max ms':>8} {'p95/static':>10}"
    ]
    table = {}
    for page in sorted(set(stats.times) | set(stats.errors)):
        times = stats.times.get(page, [])
        p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
        worst = max(times, default=0) * 1000
        ratio = f"{p95 / (reference * 1000):.0f}×" if reference else "-"
        table[page] = {
            "requests": len(times),
            "errors": len(stats.errors.get(page, [])),
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "max_ms": round(worst, 1),
        }
        lines.append(
            f"{page:22} {len(times):8} {len(stats.errors.get(page, [])):6} "
            f"{p50:8.1f} {p95:8.1f} {worst:8.1f} {ratio:>10}"
        )
    total = sum(len(t) for t in stats.times.values())
    errors = sum(len(e) for e in stats.errors.values())
    lost = sum(accepted - found for accepted, found in checked.values())
    peak = max((load[0] for load in stats.loads), default=end_load[0])
    print("\n".join(lines))
    print(
        f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s), "
        f"{args.users} users ({args.staff} staff), think time {args.think} s"
    )
    print(
        f"errors: {errors}"
        + "".join(
            f"\n  {page}: {len(items)} e.g. {items[:3]}" for page, items in stats.errors.items()
        )
    )
    for kind, (accepted, found) in checked.items():
        print(f"submissions {kind}: {accepted} accepted, {found} in the database")
    print(f"lost submissions: {lost}")
    print(
        f"reference: nginx static file p95 {reference * 1000 if reference else 0:.1f} ms "
        "under the same load (ratio column)"
    )
    print(
        f"machine: {os.cpu_count()} cores, load {start_load[0]:.2f} at start, "
        f"peak 1-min {peak:.2f}, {end_load[0]:.2f} at end"
    )
    return {
        "pages": table,
        "requests": total,
        "errors": errors,
        "lost": lost,
        "submissions": checked,
        "static_p95_ms": reference and reference * 1000,
        "cores": os.cpu_count(),
        "load_start": start_load,
        "load_peak": peak,
        "load_end": end_load,
        "duration_s": elapsed,
        "users": args.users,
    }
