"""Two tabs send the same application form at the same moment: one application is filed, and
both get its receipt (the used-token row is unique; the second insert waits for the first
transaction and then fails, rolling back its own application)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from gongkai.factories import make_agency
from gongkai.foi.models import Application
from gongkai.ratelimits.form_tokens import issue_token

RACERS = 4

pytestmark = [
    pytest.mark.postgres_only("concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_simultaneous_posts_of_one_form_file_one_application():
    agency = make_agency()
    data = {
        "agency": agency.pk,
        "applicant_type": "natural",
        "applicant_name": "李四",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13900000000",
        "email": "li@example.org",
        "description": "2025年本县医疗机构校验结果",
        "delivery_form": "email",
        "confirm": "on",
        "form_token": issue_token(),
    }
    barrier = threading.Barrier(RACERS)
    receipts: list[str] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            client = Client()
            barrier.wait(timeout=10)
            response = client.post(reverse("portal:foi-apply"), data, follow=True)
            receipts.append(response.content.decode())
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    application = Application.objects.get()
    assert len(receipts) == RACERS
    assert all(application.query_code in receipt for receipt in receipts)
