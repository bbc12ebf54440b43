"""System checks: the rate-limit settings parse, and the trusted proxies are addresses."""

import ipaddress

from django.conf import settings
from django.core.checks import Error, register

from gongkai.ratelimits.rates import RateSyntaxError, parse_rates


@register()
def check_rate_limit_settings(app_configs, **kwargs):
    errors = []
    for rule, text in settings.RATE_LIMITS.items():
        try:
            parse_rates(text)
        except RateSyntaxError as exc:
            errors.append(
                Error(f"Rate limit {rule!r}: {exc}", hint="See .env.example.", id="ratelimits.E001")
            )
    for proxy in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"TRUSTED_PROXIES: {proxy!r} is not an address or network",
                    id="ratelimits.E002",
                )
            )
    return errors
