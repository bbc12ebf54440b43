"""The client address behind nginx: X-Forwarded-For is believed only from trusted proxies."""

import pytest
from django.test import RequestFactory

from gongkai.http.client_ip import client_ip


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        # Straight from the internet: the header is the client's word, not evidence.
        ("203.0.113.7", "", "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        # Through nginx on the same host, which appends the address it saw.
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
        ("127.0.0.1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged entry on the left
        ("::1", "2001:db8::5", "2001:db8::5"),
        # Through a trusted load balancer (10.0.0.0/8) and then nginx.
        ("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.2.3", "203.0.113.7"),
        # Only proxies: the leftmost.
        ("127.0.0.1", "10.1.2.3", "10.1.2.3"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7:51234", "203.0.113.7"),
        ("127.0.0.1", "[2001:db8::5]:443", "2001:db8::5"),
        ("127.0.0.1", "garbage", "unknown"),
        # An IPv6 address whose bits look like 127.x is not the IPv4 proxy.
        ("::7f00:1", "203.0.113.7", "::7f00:1"),
    ],
)
def test_the_client_is_the_first_address_left_of_the_trusted_proxies(
    settings, remote, forwarded, client
):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == client


def test_with_no_trusted_proxy_the_connection_is_the_client(settings):
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert client_ip(request) == "127.0.0.1"
