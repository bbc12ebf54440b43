"""Every public output of decisions: lists, page, 410 notice, feeds, API, search. A crawl over
all of them finds no natural person's full name or ID number (unmasked)."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from gongkai.enforcement import services
from gongkai.enforcement.models import ChangeKind, DecisionKind
from gongkai.enforcement.tests.factories import (
    OTHER_PERSON_ID,
    PERSON_ID,
    make_published,
    person_values,
)
from gongkai.privacy import review_services
from gongkai.privacy.models import Resolution
from gongkai.search import index
from gongkai.search.models import OutboxEntry

pytestmark = pytest.mark.django_db

FULL_NAME = "张三丰"
PHONE = "13912345678"


@pytest.fixture
def published(agency, publisher, reviewer):
    """A natural person's penalty whose free texts repeat the name, the ID and a phone, a
    licence of a company, and a withdrawn penalty of another person."""
    person = services.create_draft(
        agency=agency,
        actor=publisher,
        values=person_values(
            violation_facts=f"当事人{FULL_NAME}（身份证号{PERSON_ID}，电话{PHONE}）无证行医。",
            penalty_content=f"对{FULL_NAME}罚款人民币五万元。",
        ),
    )
    # The secrecy review finds them; the reviewer keeps them because every public output
    # masks them (what the tests below check).
    kept = {
        finding.id: (Resolution.KEEP, "公示时按规则遮盖姓名、证件号码和电话")
        for finding in review_services.scan_for_release(person)
    }
    services.publish(decision=person, actor=reviewer, resolutions=kept)
    licence = make_published(agency=agency, drafter=publisher, reviewer=reviewer)
    gone = services.create_draft(
        agency=agency,
        actor=publisher,
        values=person_values(
            party_name="李四光",
            party_id_number=OTHER_PERSON_ID,
            document_number="测卫罚〔2026〕9号",
        ),
    )
    services.publish(decision=gone, actor=reviewer)
    services.record_change(
        decision=gone,
        actor=reviewer,
        kind=ChangeKind.REVOKED,
        changed_on=datetime.date(2026, 11, 13),
        basis="测复决〔2026〕1号",
    )
    services.withdraw(
        decision=gone,
        actor=reviewer,
        reason="复议撤销",
        explanation="李四光的处罚决定已被复议机关撤销，依法撤回。",
    )
    index.apply_outbox()
    return {"person": person, "licence": licence, "gone": gone}


def _public_urls(agency, published):
    person, gone = published["person"], published["gone"]
    urls = [
        reverse("portal:decisions", args=[section]) for section in ("all", "licensing", "penalties")
    ]
    urls += [
        reverse("portal:agency-decisions", args=[agency.code, "penalties"]),
        reverse("portal:decisions", args=["all"]) + "?decided_from=2026-01-01",
        reverse("portal:decision-detail", args=[person.pk]),
        reverse("portal:decision-detail", args=[gone.pk]),
        reverse("portal:feed-decisions", args=["all"]),
        reverse("portal:feed-decisions", args=["penalties"]),
        reverse("api:decision-list"),
        reverse("api:decision-list") + "?kind=penalty",
        reverse("api:decision-detail", args=[person.pk]),
        reverse("api:decision-detail", args=[gone.pk]),
        reverse("portal:search") + "?q=无证行医",
        reverse("portal:search") + "?q=罚款",
    ]
    return urls


def test_no_public_output_shows_a_full_name_or_id_number(client, agency, published):
    leaks = re.compile("|".join([FULL_NAME, "李四光", PERSON_ID, OTHER_PERSON_ID, PHONE]))
    seen = 0
    for url in _public_urls(agency, published):
        response = client.get(url)
        assert response.status_code in (200, 410), url
        text = response.content.decode()
        assert not leaks.search(text), (url, leaks.search(text).group())
        seen += 1
    payloads = [json.dumps(e.payload, ensure_ascii=False) for e in OutboxEntry.objects.all()]
    assert payloads
    for payload in payloads:
        assert not leaks.search(payload), payload
    assert seen == len(_public_urls(agency, published))


def test_the_masked_forms_are_shown(client, published):
    response = client.get(reverse("portal:decision-detail", args=[published["person"].pk]))
    text = response.content.decode()
    assert "张某" in text
    assert "110***********002X" in text
    assert "139****5678" in text


def test_search_finds_a_published_decision(client, published):
    response = client.get(reverse("portal:search") + "?q=无证行医")
    assert (
        reverse("portal:decision-detail", args=[published["person"].pk])
        in response.content.decode()
    )


def test_a_withdrawn_decision_answers_410_with_its_notice(client, published):
    gone = published["gone"]
    response = client.get(reverse("portal:decision-detail", args=[gone.pk]))
    assert response.status_code == 410
    assert "依法撤回" in response.content.decode()
    api = client.get(reverse("api:decision-detail", args=[gone.pk]))
    assert api.status_code == 410
    assert "依法撤回" in api.json()["explanation"]


def test_a_withdrawn_decision_leaves_the_lists_and_the_index(client, published):
    gone = published["gone"]
    listed = client.get(reverse("api:decision-list")).json()
    assert gone.pk not in {row["id"] for row in listed["results"]}
    last = OutboxEntry.objects.filter(object_id=str(gone.pk)).order_by("pk").last()
    assert last.operation == "delete"


def test_a_draft_is_not_found(client, agency, publisher):
    draft = services.create_draft(agency=agency, actor=publisher, values=person_values())
    assert client.get(reverse("portal:decision-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("api:decision-detail", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=licensing", {"licensing"}),
        ("?kind=penalty", {"penalty"}),
        ("?credit_code=91110000101623741k", {"licensing"}),
        ("?number=卫许", {"licensing"}),
        ("?party=康宁", {"licensing"}),
        ("?party=张三丰", set()),
        ("?decided_from=2026-11-11", set()),
        ("?decided_to=2026-11-10", {"licensing", "penalty"}),
    ],
)
def test_api_filters(client, published, query, expected):
    rows = client.get(reverse("api:decision-list") + query).json()["results"]
    assert {row["kind"]["value"] for row in rows} == expected


def test_api_refuses_a_bad_date_with_422(client, published):
    response = client.get(reverse("api:decision-list") + "?decided_from=yesterday")
    assert response.status_code == 422


def test_portal_list_filters_and_section(client, agency, published):
    response = client.get(reverse("portal:decisions", args=["licensing"]))
    text = response.content.decode()
    assert "演示市康宁医院有限公司" in text
    assert "张某" not in text
    response = client.get(reverse("portal:decisions", args=["all"]) + "?kind=penalty")
    assert "演示市康宁医院有限公司" not in response.content.decode()
    assert client.get(reverse("portal:decisions", args=["nonsense"])).status_code == 404


def test_agency_page_links_to_its_lists(client, agency):
    response = client.get(reverse("portal:agency-home", args=[agency.code]))
    assert reverse("portal:agency-decisions", args=[agency.code, "licensing"]) in (
        response.content.decode()
    )


def test_publicity_ended_leaves_the_public_pages(client, agency, publisher, reviewer):
    old = make_published(
        agency=agency,
        drafter=publisher,
        reviewer=reviewer,
        kind=DecisionKind.PENALTY,
        decided_on=datetime.date(2025, 10, 1),
    )
    assert old.publicity_ends_on == datetime.date(2026, 9, 30)
    assert client.get(reverse("portal:decision-detail", args=[old.pk])).status_code == 404
    rows = client.get(reverse("api:decision-list")).json()["results"]
    assert old.pk not in {row["id"] for row in rows}


def test_name_mask_is_configurable(client, published, settings):
    settings.ENFORCEMENT_NAME_MASK = "full"
    response = client.get(reverse("portal:decision-detail", args=[published["person"].pk]))
    assert "某某" in response.content.decode()
