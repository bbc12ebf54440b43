"""A skipped deployment test says so at the end of the run, in red (as the browser tests do)."""

SKIPPED: dict[str, str] = {}  # node id -> why


def pytest_runtest_logreport(report):
    if report.skipped and "DEPLOYMENT TEST SKIPPED" in str(report.longrepr):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        SKIPPED[report.nodeid] = reason.removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if SKIPPED:
        terminalreporter.section("DEPLOYMENT TEST SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(SKIPPED)} deployment check(s) did not run. CI=true makes this a failure.",
            red=True,
            bold=True,
        )
        for reason in sorted(set(SKIPPED.values())):
            terminalreporter.write_line(f"  {reason}", red=True, bold=True)
