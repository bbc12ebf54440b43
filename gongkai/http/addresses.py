"""The client's address, for counting failed sign-ins per address (gongkai.accounts)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind our reverse proxy, the address it appended to X-Forwarded-For.

    Only the last entry is the proxy's own (deploy/nginx/gongkai.conf uses
    $proxy_add_x_forwarded_for); earlier entries come from the client and may be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
