"""A skipped deployment test says so at the end of the run, in red (as the browser tests do)."""

SKIPPED: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and "DEPLOYMENT TEST SKIPPED" in str(report.longrepr):
        SKIPPED.append(report.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if SKIPPED:
        terminalreporter.section("DEPLOYMENT TEST SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(SKIPPED)} deployment check(s) did not run: Debian's nginx is not installed "
            "(apt-get install nginx). CI=true makes this a failure.",
            red=True,
            bold=True,
        )
