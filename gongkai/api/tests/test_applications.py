"""Contract of the staff API for information applications (/api/staff/applications, bearer
token) and of the applicant's public progress check (/api/applications/progress)."""

import datetime
import hashlib
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Role
from gongkai.api.auth import issue_token
from gongkai.api.models import ApiToken
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.foi import services
from gongkai.foi.models import Application, LogKind, Status
from gongkai.foi.tests.test_services import applicant

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
STAFF = "/api/staff/applications"
# A fictional ID number whose check digit is right (GB 11643: body 11010519491231002).
RESIDENT_ID = "11010519491231002X"
TODAY = datetime.date(2026, 3, 2)  # the conftest's moment: Monday 2 March 2026


@pytest.fixture
def handler(agency):
    return make_user(agency=agency, roles=(Role.FOI_HANDLER,), first_name="承办人甲")


@pytest.fixture
def handler_key(handler):
    return issue_token(user=handler, name="办公系统")[1]


@pytest.fixture
def reviewer_key(reviewer):
    return issue_token(user=reviewer)[1]


@pytest.fixture
def other_key(db):
    other = make_agency(code="OTHER", name="另一个卫生健康局")
    return issue_token(user=make_user(agency=other, roles=(Role.FOI_HANDLER, Role.ADMIN)))[1]


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def new_application(**overrides) -> dict:
    values = {
        "agency": "HX-WJJ",
        "channel": "in_person",
        "submitted_on": "2026-03-02",
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13800000000",
        "email": "zhang@example.org",
        "address": "某市某路1号",
        "description": "2025年本县公共场所卫生监督抽查结果",
        "delivery_form": "email",
    }
    values.update(overrides)
    return values


def register(client, key: str, **overrides):
    return client.post(
        STAFF, new_application(**overrides), content_type="application/json", **bearer(key)
    )


def post_event(client, key: str, application_id: int, **payload):
    return client.post(
        f"{STAFF}/{application_id}/events",
        payload,
        content_type="application/json",
        **bearer(key),
    )


@pytest.fixture
def application(client, handler_key) -> dict:
    response = register(client, handler_key)
    assert response.status_code == 201, response.content
    return response.json()


# --- tokens ------------------------------------------------------------------------------


def test_only_the_hash_of_the_key_is_stored(handler):
    token, key = issue_token(user=handler, name="办公系统")

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key.startswith("gk_")
    assert len(key) > 40
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(value) for value in stored.values()}
    assert AuditEvent.objects.filter(action="api.token_issued").count() == 1


def test_the_command_prints_a_working_key_once(client, handler):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", handler.username, name="接口", stdout=out, stderr=err)

    key = out.getvalue().strip()
    assert ApiToken.objects.get().name == "接口"
    assert key not in err.getvalue()
    assert client.get(STAFF, **bearer(key)).status_code == 200


def test_a_used_token_records_when(client, handler):
    token, key = issue_token(user=handler)

    client.get(STAFF, **bearer(key))

    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [None, "Token abc", "Bearer ", "Bearer gk_not-a-key"],
)
def test_without_a_valid_token_it_is_401_in_chinese(client, handler_key, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}

    response = client.get(STAFF, **extra)

    assert response.status_code == 401
    assert "令牌" in response.json()["detail"]


def test_an_inactive_token_is_401(client, handler):
    token, key = issue_token(user=handler)
    ApiToken.objects.filter(pk=token.pk).update(is_active=False)

    assert client.get(STAFF, **bearer(key)).status_code == 401


def test_a_token_of_an_inactive_user_is_401(client, handler, handler_key):
    handler.is_active = False
    handler.save(update_fields=["is_active"])

    assert client.get(STAFF, **bearer(handler_key)).status_code == 401


def test_every_staff_operation_needs_the_token(client, application):
    pk = application["id"]
    calls = [
        client.get(STAFF),
        client.post(STAFF, new_application(), content_type="application/json"),
        client.get(f"{STAFF}/{pk}"),
        client.post(
            f"{STAFF}/{pk}/events",
            {"kind": "supplement_received", "on": "2026-03-03"},
            content_type="application/json",
        ),
    ]

    assert [response.status_code for response in calls] == [401, 401, 401, 401]


# --- registering -------------------------------------------------------------------------


def test_registering_returns_the_application_with_its_clock(client, handler, handler_key):
    response = register(client, handler_key)

    assert response.status_code == 201
    body = response.json()
    application = Application.objects.get()
    assert body["id"] == application.pk
    assert body["query_code"] == application.query_code
    assert body["url"] == f"{BASE}{STAFF}/{application.pk}"
    assert body["agency"] == {"code": "HX-WJJ", "name": "和县卫生健康委员会"}
    assert body["status"] == {"value": "registered", "label": "已登记"}
    assert body["received_on"] == "2026-03-02"
    assert body["outcome"] is None
    assert body["handler"] is None
    assert body["clock"]["due_on"] == "2026-03-30"
    assert body["clock"]["limit_days"] == 20
    assert body["clock"]["is_overdue"] is False
    assert body["clock"]["explanation"][0] == "受理日 2026-03-02（不计入）"
    assert body["clock_error"] is None
    assert [event["kind"]["value"] for event in body["events"]] == ["received"]
    assert body["events"][0]["actor"]["id"] == handler.pk
    assert "supplement_requested" in body["allowed_events"]
    assert "reply_approved" not in body["allowed_events"]  # reviewers approve
    assert application.created_by == handler
    assert AuditEvent.objects.filter(action="foi.register", actor=handler).count() == 1


def test_the_receipt_date_follows_the_channel(client, handler_key):
    response = register(
        client,
        handler_key,
        channel="signed_mail",
        submitted_on="2026-02-26",
        signed_on="2026-02-27",
    )

    assert response.status_code == 201
    assert response.json()["received_on"] == "2026-02-27"


def test_a_letter_confirmed_after_it_arrived_needs_a_reason(client, handler_key):
    letter = {
        "channel": "ordinary_mail",
        "submitted_on": "2026-02-24",
        "arrived_on": "2026-02-26",
        "confirmed_on": "2026-02-27",
    }

    refused = register(client, handler_key, **letter)
    assert refused.status_code == 400
    assert refused.json()["field"] == "confirmation_delay_reason"
    response = register(client, handler_key, **letter, confirmation_delay_reason="电话未接通")

    assert response.status_code == 201, response.content
    assert response.json()["received_on"] == "2026-02-27"
    assert response.json()["arrived_on"] == "2026-02-26"
    assert response.json()["confirmation_delay_reason"] == "电话未接通"


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "校验位"),
        (
            {"channel": "fax", "confirmed_on": "2026-03-02"},
            "arrived_on",
            "须填写到达日期",
        ),
        ({"channel": "fax"}, "channel", "确认之日"),
        ({"submitted_on": "2026-02-30"}, "submitted_on", "YYYY-MM-DD"),
        ({"channel": "pigeon"}, "channel", "可填写：in_person、signed_mail、ordinary_mail"),
        ({"agency": "NOWHERE"}, "agency", "机关代码"),
        ({"email": "not-an-address"}, "email", "电子邮箱"),
        ({"applicant_name": "  "}, "applicant_name", "必填"),
        ({"description": None}, "description", "文字"),
    ],
)
def test_invalid_input_is_400_with_the_field_in_chinese(
    client, handler_key, overrides, field, words
):
    response = register(client, handler_key, **overrides)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert words in response.json()["detail"]
    assert not Application.objects.exists()


def test_a_missing_field_is_named(client, handler_key):
    values = new_application()
    del values["phone"]

    response = client.post(STAFF, values, content_type="application/json", **bearer(handler_key))

    assert response.status_code == 400
    assert response.json() == {"detail": "请填写“phone”。", "field": "phone"}


def test_malformed_json_is_400(client, handler_key):
    response = client.post(
        STAFF, "{not json", content_type="application/json", **bearer(handler_key)
    )

    assert response.status_code == 400
    assert response.json()["detail"]


def test_only_handlers_of_the_agency_may_register(client, reviewer_key, other_key):
    assert register(client, reviewer_key).status_code == 403
    response = register(client, other_key)

    assert response.status_code == 403
    assert "权限" in response.json()["detail"]
    assert not Application.objects.exists()


# --- listing -----------------------------------------------------------------------------


def make_applications(agency, handler, count: int, **overrides) -> list[Application]:
    values = new_application(**overrides)
    values.pop("agency")
    channel, submitted = values.pop("channel"), values.pop("submitted_on")
    return [
        services.register_application(
            agency=agency,
            actor=handler,
            values=values,
            channel=channel,
            submitted_on=datetime.date.fromisoformat(submitted),
        )
        for _ in range(count)
    ]


def test_the_list_shows_the_user_s_agencies_only(client, agency, handler, handler_key, other_key):
    mine = make_applications(agency, handler, 2)

    body = client.get(STAFF, **bearer(handler_key)).json()
    other = client.get(STAFF, **bearer(other_key)).json()

    assert body["count"] == 2
    assert {item["id"] for item in body["results"]} == {a.pk for a in mine}
    assert set(body["results"][0]) == {
        "id",
        "query_code",
        "agency",
        "status",
        "applicant_type",
        "applicant_name",
        "personal_data",
        "description",
        "channel",
        "received_on",
        "due_on",
        "due_is_provisional",
        "is_overdue",
        "outcome",
        "replied_on",
        "closed_on",
        "handler",
        "url",
    }
    assert other == {
        "count": 0,
        "page": 1,
        "page_size": 20,
        "pages": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_a_supervisor_of_the_city_sees_the_county_s_applications(client, city, agency, handler):
    make_applications(agency, handler, 1)
    supervisor = make_user(agency=city, roles=(Role.SUPERVISOR,))
    key = issue_token(user=supervisor)[1]

    assert client.get(STAFF, **bearer(key)).json()["count"] == 1


def test_filters_status_agency_and_overdue(client, agency, handler, handler_key):
    late = make_applications(agency, handler, 1, submitted_on="2026-01-05")[0]
    fresh = make_applications(agency, handler, 1)[0]
    services.request_supplement(
        application=fresh, actor=handler, on=TODAY, items="请说明年份", deadline_days=10
    )

    def ids(**params):
        response = client.get(STAFF, params, **bearer(handler_key))
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["results"]]

    assert ids(overdue="true") == [late.pk]
    assert ids(overdue="false") == [fresh.pk]
    assert ids(status="awaiting_supplement") == [fresh.pk]
    assert ids(agency="HX-WJJ") == [fresh.pk, late.pk]
    assert ids(agency="OTHER") == []
    late_item = client.get(STAFF, {"overdue": "true"}, **bearer(handler_key)).json()["results"]
    assert late_item[0]["is_overdue"] is True
    assert late_item[0]["due_on"] == "2026-02-02"


def test_paging_is_bounded(client, agency, handler, handler_key):
    make_applications(agency, handler, 3)

    page = client.get(STAFF, {"page_size": 2}, **bearer(handler_key)).json()
    assert page["pages"] == 2
    assert page["next"] == f"{BASE}{STAFF}?page_size=2&page=2"
    assert client.get(STAFF, {"page": 51}, **bearer(handler_key)).status_code == 400
    assert client.get(STAFF, {"page_size": 101}, **bearer(handler_key)).status_code == 400


def test_the_list_takes_the_same_number_of_queries_for_any_page(
    client, agency, handler, handler_key
):
    make_applications(agency, handler, 2)
    client.get(STAFF, **bearer(handler_key))  # the first use also stamps last_used_at
    with CaptureQueriesContext(connection) as few:
        assert client.get(STAFF, **bearer(handler_key)).json()["count"] == 2
    make_applications(agency, handler, 8)
    Application.objects.update(handler=handler)
    with CaptureQueriesContext(connection) as many:
        assert client.get(STAFF, **bearer(handler_key)).json()["count"] == 10

    # token + sign-in lock + memberships (read once for the readable agencies and the roles
    # that decide how much of each applicant they see) + count + one page with agency and
    # handler joined + the page's overdue flags from the ledger
    assert len(many) == len(few) == 6


# --- one application ---------------------------------------------------------------------


def test_another_agency_s_staff_get_404(client, application, other_key):
    pk = application["id"]

    assert client.get(f"{STAFF}/{pk}", **bearer(other_key)).status_code == 404
    response = post_event(client, other_key, pk, kind="supplement_received", on="2026-03-03")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该申请。"}


def test_a_supervisor_may_read_but_not_act(client, city, application):
    key = issue_token(user=make_user(agency=city, roles=(Role.SUPERVISOR,)))[1]
    pk = application["id"]

    detail = client.get(f"{STAFF}/{pk}", **bearer(key))
    assert detail.status_code == 200
    assert detail.json()["allowed_events"] == []
    response = post_event(
        client, key, pk, kind="extended", on="2026-03-03", days=5, approved_by="王"
    )
    assert response.status_code == 403


def test_an_unknown_application_is_404(client, handler_key):
    assert client.get(f"{STAFF}/999999", **bearer(handler_key)).status_code == 404


# --- events ------------------------------------------------------------------------------


def kinds(body: dict) -> list[str]:
    return [event["kind"]["value"] for event in body["events"]]


def test_supplement_requested_then_received_restarts_the_clock(client, application, handler_key):
    pk = application["id"]

    asked = post_event(
        client,
        handler_key,
        pk,
        kind="supplement_requested",
        on="2026-03-03",
        items="请说明所需信息的年份",
        deadline_days=10,
    )
    assert asked.status_code == 200, asked.content
    assert asked.json()["status"]["value"] == "awaiting_supplement"
    assert asked.json()["clock"]["due_on"] is None
    assert asked.json()["clock"]["paused_since"] == "2026-03-03"
    assert asked.json()["events"][-1]["details"] == {"deadline": "2026-03-17"}

    received = post_event(client, handler_key, pk, kind="supplement_received", on="2026-03-05")
    body = received.json()
    assert received.status_code == 200
    assert body["status"]["value"] == "in_progress"
    assert body["clock"]["start_on"] == "2026-03-05"
    assert body["clock"]["due_on"] == "2026-04-02"  # 20 working days counted from 03-06
    assert kinds(body) == ["received", "supplement_requested", "supplement_received"]


def test_closed_abandoned_after_the_supplement_deadline(client, application, handler_key):
    pk = application["id"]
    post_event(
        client,
        handler_key,
        pk,
        kind="supplement_requested",
        on="2026-03-03",
        items="年份",
        deadline_days=5,
    )

    early = post_event(client, handler_key, pk, kind="closed_abandoned", on="2026-03-10")
    assert early.status_code == 400
    assert early.json()["detail"] == "补正期限 2026-03-10 尚未届满，不能按逾期不补正办结。"
    closed = post_event(client, handler_key, pk, kind="closed_abandoned", on="2026-03-11")
    assert closed.status_code == 200
    assert closed.json()["status"]["value"] == "closed"
    assert closed.json()["outcome"] == {
        "value": "other.1",
        "label": "其他处理：逾期不补正，不再处理",
    }
    assert closed.json()["closed_on"] == "2026-03-11"


def test_a_consultation_pauses_the_clock(client, application, handler_key):
    pk = application["id"]

    started = post_event(
        client, handler_key, pk, kind="consultation_started", on="2026-03-04", party="某公司"
    )
    assert started.json()["status"]["value"] == "consulting"
    assert started.json()["clock"]["paused_since"] == "2026-03-04"
    ended = post_event(
        client, handler_key, pk, kind="consultation_ended", on="2026-03-11", note="已回复"
    )
    assert ended.json()["status"]["value"] == "in_progress"
    # 03-05..03-11 (5 working days) not counted: 03-30 + 5 = 04-07, past the 清明 holiday.
    assert ended.json()["clock"]["due_on"] == "2026-04-07"
    assert kinds(ended.json())[-2:] == ["consultation_started", "consultation_ended"]


def test_an_extension_and_its_limit(client, application, handler_key):
    pk = application["id"]

    extended = post_event(
        client, handler_key, pk, kind="extended", on="2026-03-20", days=15, approved_by="王主任"
    )
    assert extended.status_code == 200
    assert extended.json()["clock"]["limit_days"] == 35
    too_long = post_event(
        client, handler_key, pk, kind="extended", on="2026-03-21", days=10, approved_by="王主任"
    )
    assert too_long.status_code == 400
    assert too_long.json()["field"] == "days"
    assert "最多还可延长5个工作日" in too_long.json()["detail"]


def test_fee_notified_then_paid(client, application, handler_key):
    pk = application["id"]

    notified = post_event(
        client,
        handler_key,
        pk,
        kind="fee_notified",
        on="2026-03-05",
        method="per_page",
        quantity=50,
    )
    assert notified.status_code == 200, notified.content
    assert notified.json()["status"]["value"] == "awaiting_fee"
    assert notified.json()["fee_amount"] == 200
    paid = post_event(client, handler_key, pk, kind="fee_paid", on="2026-03-09", amount=200)
    assert paid.json()["status"]["value"] == "in_progress"
    assert paid.json()["fee_paid_amount"] == 200


def test_closed_unpaid_after_the_payment_period(client, application, handler_key):
    pk = application["id"]
    post_event(
        client,
        handler_key,
        pk,
        kind="fee_notified",
        on="2026-03-05",
        method="per_page",
        quantity=50,
    )
    unknown = post_event(client, handler_key, pk, kind="closed_unpaid", on="2026-04-30")
    assert unknown.status_code == 400
    assert "尚未登记申请人收到收费通知的日期" in unknown.json()["detail"]
    # Sent by post; the signed receipt says 03-09: 20 working days from 03-10 end on 04-07.
    served = post_event(
        client, handler_key, pk, kind="fee_notice_served", on="2026-03-09", service="post"
    )
    assert served.status_code == 200, served.content
    assert served.json()["events"][-1]["details"]["pay_by"] == "2026-04-07"
    early = post_event(client, handler_key, pk, kind="closed_unpaid", on="2026-04-07")
    assert early.status_code == 400
    assert early.json()["field"] == "on"

    closed = post_event(client, handler_key, pk, kind="closed_unpaid", on="2026-04-30")

    assert closed.status_code == 200, closed.content
    assert closed.json()["outcome"]["value"] == "other.2"
    assert closed.json()["status"]["value"] == "closed"


def test_reply_drafted_then_approved_by_a_reviewer(
    client, application, handler_key, reviewer, reviewer_key
):
    pk = application["id"]

    drafted = post_event(
        client,
        handler_key,
        pk,
        kind="reply_drafted",
        outcome="partial",
        text="经审查，部分公开，附件见后。",
    )
    assert drafted.status_code == 200, drafted.content
    assert drafted.json()["status"]["value"] == "reply_drafted"
    assert drafted.json()["outcome"] == {"value": "partial", "label": "部分公开"}

    assert (
        post_event(client, handler_key, pk, kind="reply_approved", on="2026-03-10").status_code
        == 403
    )
    approved = post_event(client, reviewer_key, pk, kind="reply_approved", on="2026-03-10")
    body = approved.json()
    assert approved.status_code == 200, approved.content
    assert body["status"]["value"] == "closed"
    assert body["replied_on"] == "2026-03-10"
    assert body["clock"]["is_overdue"] is False
    assert body["clock"]["explanation"][-1] == "答复日 2026-03-10"
    assert kinds(body)[-2:] == ["reply_drafted", "replied"]
    assert body["events"][-1]["actor"]["id"] == reviewer.pk


def test_a_reply_is_drafted_today_only(client, application, handler_key):
    response = post_event(
        client,
        handler_key,
        application["id"],
        kind="reply_drafted",
        on="2026-03-01",
        outcome="granted",
        text="予以公开。",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "on"


def test_a_domain_error_is_400_with_the_reason(client, application, handler_key):
    response = post_event(
        client, handler_key, application["id"], kind="supplement_received", on="2026-03-03"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "申请当前状态为“已登记”，不能进行此操作。",
        "field": None,
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "teleported", "on": "2026-03-03"}, "kind"),
        ({"on": "2026-03-03"}, "kind"),
        ({"kind": "extended", "on": "2026-03-03", "days": 21, "approved_by": "王"}, "days"),
        ({"kind": "supplement_received", "on": "3 March"}, "on"),
        ({"kind": "fee_notified", "on": "2026-03-03", "method": "per_kg", "quantity": 1}, "method"),
    ],
)
def test_malformed_events_are_400_in_chinese(client, application, handler_key, payload, field):
    response = post_event(client, handler_key, application["id"], **payload)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["detail"].isascii() is False
    assert Application.objects.get().events.count() == 1


def test_every_event_kind_is_documented(client):
    request_body = client.get("/api/openapi.json").json()["paths"][
        f"{STAFF}/{{application_id}}/events"
    ]
    mapping = request_body["post"]["requestBody"]["content"]["application/json"]["schema"]

    assert set(mapping["discriminator"]["mapping"]) == {
        "supplement_requested",
        "supplement_received",
        "consultation_started",
        "consultation_delivered",
        "consultation_ended",
        "extended",
        "delayed",
        "fee_notified",
        "fee_notice_served",
        "fee_paid",
        "reply_drafted",
        "reply_approved",
        "closed_abandoned",
        "closed_unpaid",
    }


def test_openapi_shows_the_bearer_scheme_on_staff_operations_only(client):
    document = client.get("/api/openapi.json").json()

    assert document["components"]["securitySchemes"] == {
        "StaffToken": {"type": "http", "scheme": "bearer"}
    }
    for path, operations in document["paths"].items():
        for operation in operations.values():
            secured = operation.get("security") == [{"StaffToken": []}]
            assert secured == path.startswith(STAFF), path


# --- the public progress check -----------------------------------------------------------

PERSONAL = [
    "张三",
    "13800000000",
    RESIDENT_ID,
    "zhang@example.org",
    "某市某路1号",
    "公共场所卫生监督抽查",
    "某第三方公司",
    "请补充所需信息的年份",
    "经审查予以公开全文",
    "承办人甲",
    "审核员甲",
]


@pytest.fixture
def handled(client, application, handler_key, reviewer_key) -> dict:
    """An application that went through a supplement, a consultation and a reply."""
    pk = application["id"]
    for payload in [
        {
            "kind": "supplement_requested",
            "on": "2026-03-03",
            "items": "请补充所需信息的年份",
            "deadline_days": 10,
        },
        {"kind": "supplement_received", "on": "2026-03-04"},
        {"kind": "consultation_started", "on": "2026-03-05", "party": "某第三方公司"},
        {"kind": "consultation_ended", "on": "2026-03-09", "note": "某第三方公司同意"},
        {"kind": "reply_drafted", "outcome": "granted", "text": "经审查予以公开全文"},
    ]:
        assert post_event(client, handler_key, pk, **payload).status_code == 200
    return application


def progress(client, **params):
    return client.post("/api/applications/progress", params, content_type="application/json")


def test_progress_shows_states_and_dates_only(client, handled, reviewer_key):
    code = handled["query_code"]

    response = progress(client, code=code.lower(), secret="13800000000")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body == {
        "query_code": code,
        "agency": {"code": "HX-WJJ", "name": "和县卫生健康委员会"},
        "status": {"value": "reply_drafted", "label": "答复待审核"},
        "received_on": "2026-03-02",
        "due_on": body["due_on"],
        "due_is_provisional": False,
        "paused_since": None,
        "replied_on": None,
        "closed_on": None,
        "outcome": None,  # not before the reply goes out
        "steps": [
            {"kind": {"value": kind, "label": label}, "on": on}
            for kind, label, on in [
                ("received", "收到申请", "2026-03-02"),
                ("supplement_requested", "补正告知", "2026-03-03"),
                ("supplement_received", "收到补正", "2026-03-04"),
                ("consultation_started", "征求意见（第三方/其他机关）", "2026-03-05"),
                ("consultation_ended", "收到意见或期满", "2026-03-09"),
            ]
        ],
    }
    for secret in PERSONAL:
        assert secret not in response.content.decode(), secret

    post_event(client, reviewer_key, handled["id"], kind="reply_approved", on="2026-03-10")
    closed = progress(client, code=code, secret=RESIDENT_ID.lower()).json()
    assert closed["outcome"] == {"value": "granted", "label": "予以公开"}
    assert closed["replied_on"] == "2026-03-10"
    assert closed["steps"][-1]["kind"]["value"] == LogKind.REPLIED


@pytest.mark.parametrize(
    "params",
    [
        {"code": "WRONGCODE1", "secret": "13800000000"},
        {"secret": "13900000000"},
        {"secret": "1380000000"},
        {"secret": "x" * 200},
    ],
)
def test_a_wrong_code_or_secret_is_the_same_404(client, handled, params):
    params = {"code": handled["query_code"], **params}

    response = progress(client, **params)

    assert response.status_code == 404
    assert response.json() == {"detail": "查询码与联系电话或证件号码不匹配。"}


def test_progress_needs_both_code_and_secret(client, handled):
    response = progress(client, code=handled["query_code"])

    assert response.status_code == 400
    assert "查询码" in response.json()["detail"]


def test_progress_of_an_open_pause_says_since_when(client, application, handler_key):
    post_event(
        client,
        handler_key,
        application["id"],
        kind="consultation_started",
        on="2026-03-04",
        party="某第三方公司",
    )

    body = progress(client, code=application["query_code"], secret="13800000000").json()

    assert body["status"]["value"] == Status.CONSULTING
    assert body["due_on"] is None
    assert body["paused_since"] == "2026-03-04"
    assert "某第三方公司" not in str(body)


def test_progress_marks_a_provisional_due_date(client):
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    with time_machine.travel(datetime.datetime(2026, 12, 15, 10, tzinfo=shanghai), tick=False):
        application = services.submit_online(
            agency=make_agency(), values=applicant(phone="13800000001")
        )
        response = progress(client, code=application.query_code, secret="13800000001")

    assert response.status_code == 200
    assert response.json()["due_on"] == "2027-01-13"
    assert response.json()["due_is_provisional"] is True
