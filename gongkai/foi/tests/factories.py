"""What an applicant fills in, for tests that submit applications through the services.

Older tests keep their own copies of these values (test_services.py, test_foi_worklists.py
and others); new ones take them from here."""

from typing import Any


def applicant_values(**overrides: Any) -> dict[str, Any]:
    """A natural person's online application with a valid resident id, `overrides` applied."""
    return {
        "applicant_type": "natural",
        "applicant_name": "王五",
        "contact_person": "",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13700000000",
        "email": "",
        "address": "",
        "postcode": "",
        "description": "本县2025年卫生监督抽查结果",
        "document_numbers": "",
        "delivery_form": "onsite",
        **overrides,
    }
