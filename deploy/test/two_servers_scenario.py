"""The people for the two-server test, made in the shared database through gongkai's own code.

    python deploy/test/two_servers_scenario.py setup    # prints the agency, users and form as JSON

Runs with the environment of one of the servers (DATABASE_URL …). Only the people and the
catalogue item are made here: the record itself is drafted, submitted, published and withdrawn
through the console of server A, as a clerk does it.
"""

import json
import secrets
import sys

import django


def setup() -> dict:
    from gongkai.agencies.models import Role
    from gongkai.documents.models import Attribute, DocumentType, Topic
    from gongkai.documents.tests.factories import make_agency_item
    from gongkai.factories import make_agency, make_user

    agency = make_agency(code="TWO-SERVERS", name="双服务器测试县卫生健康局")
    item = make_agency_item(agency)
    publisher_password = secrets.token_urlsafe(16)
    reviewer_password = secrets.token_urlsafe(16)
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,), password=publisher_password)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,), password=reviewer_password)
    return {
        "agency": agency.pk,
        "publisher": {"username": publisher.username, "password": publisher_password},
        "reviewer": {"username": reviewer.username, "password": reviewer_password},
        # The draft form as a clerk fills it in (console:document-create), less the title.
        "draft": {
            "agency": str(agency.pk),
            "document_number": "",
            "issuers_text": agency.name,
            "document_type": DocumentType.NOTICE.value,
            "topic": Topic.DISEASE_CONTROL.value,
            "catalogue_entry": f"{item.pk}:",
            "formed_on": "2026-11-16",
            "changed_on": "",
            "effective_on": "",
            "summary": "两台应用服务器共用一个数据库的检索测试。",
            "body": "<p>各乡镇卫生院：在一台服务器上发布，在另一台服务器上检索。</p>",
            "attribute": Attribute.PROACTIVE.value,
            "scope": "full",
            "withholding_basis": "",
            "withholding_reason": "",
            "interpretation_form": "",
        },
    }


if __name__ == "__main__":
    django.setup()
    action = {"setup": setup}[sys.argv[1]]
    print(json.dumps(action()))
