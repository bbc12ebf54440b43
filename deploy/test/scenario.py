"""Data for the deployment test, made through gongkai's own services in the test's database.

    python deploy/test/scenario.py setup    # prints the ids, keys and cookies as JSON
    python deploy/test/scenario.py change   # withdraws the record, unpublishes the message,
                                            # publishes a new record

Runs with the environment of the gunicorn under test (DATABASE_URL, MEDIA_ROOT, …). The
records are made on a fixed working day of a loaded calendar year, as the unit tests do, so
that the data never depends on which years the calendar knows today.
"""

import datetime
import json
import sys
import zoneinfo

import django
import time_machine

MADE_AT = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
# Later than MADE_AT, so that the pages' "last public change" validator moves forward.
CHANGED_AT = MADE_AT + datetime.timedelta(hours=1)
NEW_RECORD_TITLE = "关于部署测试的新发布通知"
RESIDENT_ID = "11010519491231002X"  # fictional, with a correct check digit
PHONE = "13800000000"


def setup() -> dict:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from gongkai.agencies.models import Role
    from gongkai.api.auth import issue_token
    from gongkai.documents import services as documents
    from gongkai.documents.models import Status
    from gongkai.documents.tests.factories import make_agency_item, make_document, pdf_bytes
    from gongkai.factories import make_agency, make_user
    from gongkai.foi import services as foi
    from gongkai.participation.tests.mailbox_factories import make_published_message

    with time_machine.travel(MADE_AT, tick=True):
        agency = make_agency(code="DEPLOY-TEST", name="部署测试县卫生健康局")
        clerk = make_user(agency=agency, roles=(Role.PUBLISHER, Role.FOI_HANDLER))
        reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
        item = make_agency_item(agency)

        record = make_document(catalogue_item=item, title="关于部署测试的公开通知")
        public_file = documents.add_attachment(
            document=record, actor=clerk, name="通知.pdf", data=pdf_bytes("public")
        )
        record.status = Status.IN_REVIEW
        record.save(update_fields=["status"])
        documents.publish(document=record, actor=reviewer, interpretation_waiver="测试。")

        draft = make_document(catalogue_item=item, title="尚未发布的草稿")
        draft_file = documents.add_attachment(
            document=draft, actor=clerk, name="草稿.pdf", data=pdf_bytes("draft")
        )
        message = make_published_message(
            agency, handler=clerk, reviewer=reviewer, subject="部署测试留言"
        )
        application = foi.register_application(
            agency=agency,
            actor=clerk,
            values={
                "applicant_type": "natural",
                "applicant_name": "张三",
                "id_type": "resident_id",
                "id_number": RESIDENT_ID,
                "phone": PHONE,
                "description": "部署测试的申请",
                "delivery_form": "email",
                "email": "zhang@example.org",
            },
            channel="in_person",
            submitted_on=MADE_AT.date(),
        )
        key = issue_token(user=clerk, name="deployment test")[1]

    # A signed-in clerk, made at the real time so that the session has not expired.
    session = SessionStore()
    session[SESSION_KEY] = str(clerk.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = clerk.get_session_auth_hash()
    session.create()
    return {
        "record": record.pk,
        "record_title": record.title,
        "agency": agency.code,
        "new_record_title": NEW_RECORD_TITLE,
        "public_file": public_file.file.url,
        "draft_file": draft_file.file.url,
        "message": message.pk,
        "message_subject": message.subject,
        "application": application.pk,
        "query_code": application.query_code,
        "phone": PHONE,
        "id_number": RESIDENT_ID,
        "key": key,
        "session": session.session_key,
    }


def change() -> dict:
    from gongkai.agencies.models import Role
    from gongkai.documents import services as documents
    from gongkai.documents.models import Document
    from gongkai.documents.tests.factories import make_published_document
    from gongkai.participation import mailbox_services
    from gongkai.participation.models import PublicMessage

    record = Document.objects.get(title="关于部署测试的公开通知")
    message = PublicMessage.objects.get(subject="部署测试留言")
    reviewer = record.agency.memberships.filter(role=Role.REVIEWER).get().user
    with time_machine.travel(CHANGED_AT, tick=True):
        documents.withdraw(document=record, actor=reviewer, reason="部署测试：撤回。")
        mailbox_services.set_publication(message=message, actor=reviewer, publish=False)
        new = make_published_document(
            catalogue_item=record.catalogue_item, reviewer=reviewer, title=NEW_RECORD_TITLE
        )
    return {"withdrawn": record.pk, "unpublished": message.pk, "published": new.pk}


if __name__ == "__main__":
    django.setup()
    action = {"setup": setup, "change": change}[sys.argv[1]]
    print(json.dumps(action()))
