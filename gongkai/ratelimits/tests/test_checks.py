"""A malformed rate or proxy setting is reported by `gongkai check`, not at the first POST."""

from gongkai.ratelimits.checks import check_rate_limit_settings


def test_the_default_settings_pass(settings):
    assert check_rate_limit_settings(None) == []


def test_a_malformed_rate_and_proxy_are_reported(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "foi-apply": "5 per hour"}
    settings.TRUSTED_PROXIES = ["127.0.0.1", "nginx.local"]

    problems = check_rate_limit_settings(None)

    assert [problem.id for problem in problems] == ["ratelimits.E001", "ratelimits.E002"]
    assert "foi-apply" in problems[0].msg
    assert "nginx.local" in problems[1].msg
