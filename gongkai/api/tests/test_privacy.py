"""Nothing the public may not see leaks through any endpoint: drafts, records not proactively
disclosed, withholding reasons, staff names, review notes, audit data, console links."""

import pytest

from gongkai.agencies.models import Role
from gongkai.api.tests.conftest import index_documents, publish
from gongkai.audit.models import AuditEvent
from gongkai.documents import services
from gongkai.documents.models import Attribute, DocumentType, LinkKind, Status, WithholdingBasis
from gongkai.documents.tests.factories import make_document
from gongkai.factories import make_user

pytestmark = pytest.mark.django_db

SECRETS = [
    "草稿标题甲",
    "审核中标题乙",
    "依申请标题丙",
    "不予公开标题丁",
    "不予公开的理由戊",
    "起草人己",
    "审核人庚",
    "审核意见辛",
    "内部不作解读理由壬",
    "/console",
    "/admin",
]


@pytest.fixture
def secrets(agency, item):
    """Records in every non-public state, linked to a public one, all in the search index."""
    drafter = make_user(agency=agency, roles=(Role.PUBLISHER,), first_name="起草人己")
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,), first_name="审核人庚")
    basis = {
        "withholding_basis": WithholdingBasis.PROCESS_INFORMATION,
        "withholding_reason": "不予公开的理由戊",
    }
    policy = publish(
        item,
        reviewer,
        title="公开的政策文件",
        document_type=DocumentType.POLICY,
        drafted_by=drafter,
        review_comments="审核意见辛",
    )
    policy.interpretation_waiver = "内部不作解读理由壬"
    policy.save(update_fields=["interpretation_waiver"])
    hidden = [
        make_document(catalogue_item=item, title="草稿标题甲", drafted_by=drafter),
        make_document(
            catalogue_item=item,
            title="审核中标题乙",
            status=Status.IN_REVIEW,
            document_type=DocumentType.INTERPRETATION,
        ),
        publish(item, reviewer, title="依申请标题丙", attribute=Attribute.ON_REQUEST, **basis),
        publish(item, reviewer, title="不予公开标题丁", attribute=Attribute.WITHHELD, **basis),
    ]
    services.link_documents(
        source=hidden[1], target=policy, kind=LinkKind.INTERPRETS, actor=reviewer
    )
    index_documents(policy, *hidden)
    assert AuditEvent.objects.exists(), "publishing should have written audit events"
    return {"policy": policy, "hidden": hidden}


def every_response(client, secrets) -> list:
    policy = secrets["policy"]
    paths = [
        "/api/agencies",
        "/api/agencies/HX-WJJ",
        "/api/agencies/HX-WJJ/catalogue",
        "/api/records",
        "/api/records?page_size=100&agency=HX-WJJ",
        f"/api/records/{policy.pk}",
        "/api/search?q=标题",
        "/api/search?q=理由",
        "/api/search?q=公开",
        "/api/openapi.json",
        *(f"/api/records/{document.pk}" for document in secrets["hidden"]),
        *(f"/api/search?q={document.index_number}" for document in secrets["hidden"]),
    ]
    return [(path, client.get(path)) for path in paths]


def test_no_endpoint_shows_what_is_not_public(client, secrets):
    for path, response in every_response(client, secrets):
        text = response.content.decode()
        assert response.status_code in (200, 404), path
        for secret in SECRETS:
            assert secret not in text, (path, secret)


def test_hidden_records_are_404_and_never_listed(client, secrets):
    hidden_ids = {document.pk for document in secrets["hidden"]}
    listed = {r["id"] for r in client.get("/api/records", {"page_size": 100}).json()["results"]}
    found = {r["id"] for r in client.get("/api/search", {"q": "标题"}).json()["results"]}

    assert listed == {secrets["policy"].pk}
    assert not found & hidden_ids
    for pk in hidden_ids:
        assert client.get(f"/api/records/{pk}").status_code == 404


def test_catalogue_counts_only_public_records(client, secrets):
    body = client.get("/api/agencies/HX-WJJ/catalogue").json()

    counts = [i["public_record_count"] for c in body["categories"] for i in c["items"]]
    assert counts == [1]


def _referenced_schemas(document: dict, paths: set[str]) -> set[str]:
    """Names of the schemas the given paths use, directly or through other schemas."""
    schemas = document["components"]["schemas"]
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in found:
                    found.add(name)
                    walk(schemas[name])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in paths:
        walk(document["paths"][path])
    return found


def test_staff_and_audit_fields_are_not_in_the_public_contract(client):
    document = client.get("/api/openapi.json").json()
    public_paths = {path for path in document["paths"] if not path.startswith("/api/staff/")}
    public_paths.discard("/api/applications/progress")  # states and dates, checked below
    schemas = document["components"]["schemas"]
    properties = {
        name
        for schema_name in _referenced_schemas(document, public_paths)
        for name in schemas[schema_name].get("properties", {})
    }

    for internal in (
        "drafted_by",
        "reviewed_by",
        "review_comments",
        "withholding_reason",
        "interpretation_waiver",
        "due_on",
        "is_late",
        "attribute",
        "status",
        "extracted_text",
        "uploaded_by",
    ):
        assert internal not in properties, internal
