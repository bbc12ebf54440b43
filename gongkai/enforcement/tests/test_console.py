"""The back office: the form's per-field messages, the actions, and who may see what."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Level, Role
from gongkai.enforcement.models import Decision, DecisionKind, DecisionStatus
from gongkai.enforcement.tests.factories import decision_values, make_decision, make_published
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


def _post_data(values: dict) -> dict:
    data = {}
    for name, value in values.items():
        if value is None:
            continue
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return data


def test_create_form_saves_a_draft(client, agency, publisher):
    client.force_login(publisher)
    url = reverse("console:decision-create") + f"?agency={agency.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, _post_data({"agency": agency.pk, **decision_values()}))
    assert response.status_code == 302, response.context["form"].errors
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("console:decision-detail", args=[decision.pk])


def test_create_form_shows_a_message_per_field(client, agency, publisher):
    client.force_login(publisher)
    values = decision_values(
        DecisionKind.PENALTY, fine_amount=None, party_credit_code="91110000101623741J"
    )
    response = client.post(
        reverse("console:decision-create"), _post_data({"agency": agency.pk, **values})
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "校验码" in " ".join(form.errors["party_credit_code"])
    assert "罚款金额" in " ".join(form.errors["fine_amount"])
    assert not Decision.objects.exists()


def test_reviewer_publishes_from_the_page(client, agency, publisher, reviewer):
    decision = make_decision(agency=agency, actor=publisher)
    client.force_login(reviewer)
    page = client.get(reverse("console:decision-detail", args=[decision.pk]))
    assert reverse("console:decision-publish", args=[decision.pk]) in page.content.decode()
    client.post(reverse("console:decision-publish", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PUBLISHED


def test_the_publisher_cannot_publish(client, agency, publisher):
    decision = make_decision(agency=agency, actor=publisher)
    client.force_login(publisher)
    response = client.post(reverse("console:decision-publish", args=[decision.pk]))
    assert response.status_code == 403


def test_change_then_withdraw_from_the_page(client, agency, publisher, reviewer):
    decision = make_published(
        agency=agency, drafter=publisher, reviewer=reviewer, kind=DecisionKind.PENALTY
    )
    client.force_login(reviewer)
    response = client.post(
        reverse("console:decision-change", args=[decision.pk]),
        {"change-kind": "revoked", "change-changed_on": "2026-11-13", "change-basis": "判决书"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("console:decision-withdraw", args=[decision.pk]),
        {"withdraw-reason": "", "withdraw-explanation": ""},
    )
    assert response.status_code == 422
    assert response.context["withdraw_form"].errors["explanation"]
    client.post(
        reverse("console:decision-withdraw", args=[decision.pk]),
        {"withdraw-explanation": "已被撤销"},
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.WITHDRAWN


def test_credit_repair_error_is_shown_on_its_field(client, agency, publisher, reviewer):
    decision = make_published(
        agency=agency, drafter=publisher, reviewer=reviewer, kind=DecisionKind.PENALTY
    )
    client.force_login(reviewer)
    response = client.post(
        reverse("console:decision-repair", args=[decision.pk]),
        {"repair-repaired_on": "2026-11-16", "repair-basis": "修复"},
    )
    assert response.status_code == 422
    assert "最短公示期" in " ".join(response.context["repair_form"].errors["repaired_on"])


def test_staff_see_their_agency_and_supervisors_their_subordinates(client, agency, publisher):
    city = make_agency(name="测试市卫生健康委", level=Level.CITY)
    agency.parent = city
    agency.save()
    other = make_agency(name="另一县卫生健康局")
    mine = make_decision(agency=agency, actor=publisher)
    theirs = make_decision(agency=other, actor=None, party_name="另一家医院有限公司")

    client.force_login(publisher)
    listing = client.get(reverse("console:decision-list")).content.decode()
    assert mine.party_name in listing
    assert theirs.party_name not in listing
    assert client.get(reverse("console:decision-detail", args=[theirs.pk])).status_code == 404

    supervisor = make_user(agency=city, roles=(Role.SUPERVISOR,))
    client.force_login(supervisor)
    assert client.get(reverse("console:decision-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("console:decision-detail", args=[theirs.pk])).status_code == 404
    # Supervising is reading, not entering.
    create = reverse("console:decision-create") + f"?agency={agency.pk}"
    assert client.get(create).status_code == 403


def test_menu_and_ledger_link(client, agency, publisher):
    decision = make_decision(agency=agency, actor=publisher, decided_on=datetime.date(2026, 10, 9))
    client.force_login(publisher)
    dashboard = client.get(reverse("console:dashboard")).content.decode()
    assert reverse("console:decision-list") in dashboard
    ledger = client.get(reverse("console:obligations")).content.decode()
    assert reverse("console:decision-detail", args=[decision.pk]) in ledger
