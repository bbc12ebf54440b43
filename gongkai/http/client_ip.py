"""The address of the client, as rate limits count it.

Behind nginx the connection comes from the proxy, and nginx appends the address it saw to
X-Forwarded-For (`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`,
deploy/nginx/gongkai.conf). Everything left of that entry was written by the client and can
be anything. So: start from the connection's address; while it is one of TRUSTED_PROXIES,
step one entry leftwards in X-Forwarded-For. The first address that is not a trusted proxy is
the client. A request straight from the internet (REMOTE_ADDR not a proxy) is never taken at
its header's word.

Written here rather than taken from django-ipware, whose default prefers the leftmost
(client-written) entry; this rule is a few lines and says exactly what it trusts.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address (module docstring); "unknown" if nothing readable."""
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _address(request.META.get("REMOTE_ADDR", ""))
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    while address is not None and forwarded and _is_trusted(address, trusted):
        address = _address(forwarded.pop())
    return str(address) if address is not None else "unknown"
