"""The WSGI wrapper that freezes a worker's long-lived objects once it has warmed up
(gongkai/http/warm_heap.py)."""

import gc

import pytest

from gongkai.http import warm_heap


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [environ["PATH_INFO"].encode()]


@pytest.fixture
def calls(monkeypatch):
    made = []
    monkeypatch.setattr(gc, "collect", lambda *args: made.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: made.append("freeze"))
    return made


def serve(application, path: str) -> bytes:
    return b"".join(application({"PATH_INFO": path}, lambda status, headers: None))


@pytest.mark.parametrize(
    ("after", "requests", "expected"),
    [
        (3, 2, []),  # still warming up
        (3, 3, ["collect", "freeze"]),  # collected, then frozen, before the third is served
        (3, 10, ["collect", "freeze"]),  # once only
        (1, 1, ["collect", "freeze"]),
    ],
)
def test_the_heap_is_frozen_once_at_the_given_request(calls, after, requests, expected):
    application = warm_heap.warm_heap_frozen(hello, after=after)
    answers = [serve(application, f"/{n}") for n in range(requests)]
    assert calls == expected
    assert answers == [f"/{n}".encode() for n in range(requests)]  # every request served


def test_zero_leaves_the_application_as_it_is(calls):
    assert warm_heap.warm_heap_frozen(hello, after=0) is hello
    assert serve(warm_heap.warm_heap_frozen(hello, after=0), "/x") == b"/x"
    assert calls == []


def test_the_deployment_freezes_after_twenty_requests_unless_told(settings):
    assert settings.GC_FREEZE_AFTER_REQUESTS == 20


def test_the_wsgi_application_gunicorn_serves_is_wrapped(settings):
    import importlib

    settings.DEBUG = True  # wsgi.py refuses the development SECRET_KEY otherwise
    from gongkai import wsgi

    wsgi = importlib.reload(wsgi)
    assert isinstance(wsgi.application, warm_heap.FreezeAfterWarmUp)
    assert wsgi.application.after == 20
