"""Bodies the staff API cannot read come back as JSON in Chinese (security review #11,
finding 15): malformed JSON was answered in English, an oversized body with an HTML page."""

import json

import pytest
from django.db import connection

from gongkai.agencies.models import Role
from gongkai.api.auth import issue_token
from gongkai.factories import make_user

pytestmark = pytest.mark.django_db

STAFF = "/api/staff/applications"


@pytest.fixture
def key(agency):
    return issue_token(user=make_user(agency=agency, roles=(Role.FOI_HANDLER,)))[1]


@pytest.mark.parametrize("body", [b"{bad", b'{"agency": "HX-WJJ",', b"\xff\xfe{}"])
def test_malformed_json_is_a_400_in_chinese(client, key, body):
    response = client.post(
        STAFF, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "请求内容不是有效的 JSON。", "field": None}


def test_an_oversized_body_is_a_413_in_json(client, key, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = json.dumps({"description": "x" * (2 * 1024 * 1024)})

    response = client.post(
        STAFF, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "请求内容过大，不能超过 1 MB。"}
    assert response["Cache-Control"] == "private, no-store"


def test_other_refusals_keep_their_messages(client, key):
    response = client.get(f"{STAFF}/999999", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该申请。"}


def test_a_value_the_database_cannot_take_is_the_requests_fault(client):
    # PostgreSQL refuses a NUL character in a text comparison (found by the fuzzer on
    # /api/messages); SQLite compares it and finds nothing. Never a server error.
    response = client.get("/api/messages", {"agency": "A\x00B"})

    if connection.vendor == "postgresql":
        assert response.status_code == 400
        assert "空字符" in response.json()["detail"]
    else:
        assert response.status_code == 200
