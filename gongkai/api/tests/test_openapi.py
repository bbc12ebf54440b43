"""The OpenAPI document and the docs page are served at stable URLs and describe every path."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/agencies",
    "/api/agencies/{code}",
    "/api/agencies/{code}/catalogue",
    "/api/records",
    "/api/records/{record_id}",
    "/api/search",
    "/api/applications/progress",
    "/api/consultations",
    "/api/consultations/{consultation_id}",
    "/api/messages",
    "/api/messages/{message_id}",
    "/api/enforcement/decisions",
    "/api/enforcement/decisions/{decision_id}",
    "/api/proposals",
    "/api/proposals/counts/{code}",
    "/api/services",
    "/api/services/{agency}/{code}",
}
# The staff API: bearer token required.
STAFF_PATHS = {
    "/api/staff/applications",
    "/api/staff/applications/{application_id}",
    "/api/staff/applications/{application_id}/events",
}


# The one public POST: the progress check, whose phone or ID number must not be in a URL.
POST_PATHS = {"/api/applications/progress"}


def test_openapi_document_lists_every_path_as_get_only_but_the_progress_check(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "gongkai 政务公开 API"
    assert document["info"]["version"] == "1"
    assert document["info"]["description"]
    assert set(document["paths"]) == PATHS | STAFF_PATHS
    for path in PATHS:
        operations = document["paths"][path]
        method = "post" if path in POST_PATHS else "get"
        assert set(operations) == {method}, path
        assert "security" not in operations[method], path
    for path in STAFF_PATHS:
        for operation in document["paths"][path].values():
            assert operation["security"] == [{"StaffToken": []}], path


def test_openapi_document_states_the_error_responses(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert set(paths["/api/records/{record_id}"]["get"]["responses"]) == {"200", "404", "410"}
    assert "400" in paths["/api/records"]["get"]["responses"]
    assert "400" in paths["/api/search"]["get"]["responses"]


def test_docs_page_loads(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    assert "/api/openapi.json" in response.content.decode()


def test_operation_ids_are_stable_names(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    operation_ids = {
        operation["operationId"]
        for operations in paths.values()
        for operation in operations.values()
    }
    assert operation_ids == {
        "list_agencies",
        "get_agency",
        "get_agency_catalogue",
        "list_records",
        "get_record",
        "search_records",
        "check_application_progress",
        "register_application",
        "list_applications",
        "get_application",
        "record_application_event",
        "list_consultations",
        "get_consultation",
        "list_messages",
        "get_message",
        "list_decisions",
        "get_decision",
        "list_proposals",
        "get_proposal_counts",
        "list_services",
        "get_service_guide",
    }
