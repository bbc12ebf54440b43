"""Security review #11, findings 8 and 13: the API's progress check is a POST (the phone or ID
number never sits in a URL), limited per client and per query code, with a lockout."""

import datetime

import pytest
import time_machine

from gongkai.api.tests.conftest import NOW
from gongkai.foi import services
from gongkai.foi.tests.test_services import applicant

pytestmark = pytest.mark.django_db
URL = "/api/applications/progress"


@pytest.fixture
def code(agency) -> str:
    return services.submit_online(agency=agency, values=applicant(phone="13800000000")).query_code


def check(client, code: str, secret: str, **headers):
    return client.post(
        URL, {"code": code, "secret": secret}, content_type="application/json", **headers
    )


def test_a_get_answers_405_and_says_to_post(client, code):
    response = client.get(URL, {"code": code, "secret": "13800000000"})

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "POST" in response.json()["detail"]
    assert "query_code" not in response.content.decode()


def test_the_openapi_document_offers_only_the_post(client):
    operations = client.get("/api/openapi.json").json()["paths"][URL]

    assert set(operations) == {"post"}
    body = operations["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert operations["post"].get("parameters", []) == []  # nothing in the query string
    assert "429" in operations["post"]["responses"]
    assert body


def test_two_hundred_guesses_get_429_and_lock_the_code(client, code):
    guesses = [check(client, code, f"1370000{n:04d}") for n in range(200)]

    assert [g.status_code for g in guesses[:5]] == [404] * 5
    assert {g.status_code for g in guesses[5:]} == {429}
    assert guesses[5].json() == {"detail": "该查询码的查询次数过多，已暂时锁定，请 15 分钟后再试。"}
    assert guesses[5]["Retry-After"] == str(15 * 60)
    # Locked even for the applicant, from another address, until the lockout ends.
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert check(client, code, "13800000000", **other).status_code == 429
    with time_machine.travel(NOW + datetime.timedelta(minutes=15), tick=False):
        assert check(client, code, "13800000000", **other).status_code == 200


def test_one_client_is_limited_across_codes(client, code):
    statuses = [check(client, f"CODE{n:04d}", "13800000000").status_code for n in range(11)]

    assert statuses == [404] * 10 + [429]
    refused = check(client, code, "13800000000")
    assert refused.status_code == 429
    assert refused.json()["detail"] == "查询过于频繁，请 1 分钟后再试。"
    assert refused["Retry-After"] == "60"


def test_the_portal_and_the_api_share_the_count(client, code):
    for _ in range(5):
        client.post("/apply/progress/", {"query_code": code, "secret": "13999999999"})

    assert check(client, code, "13800000000").status_code == 429
