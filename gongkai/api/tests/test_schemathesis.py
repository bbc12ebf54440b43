"""Every operation of /api/openapi.json under generated input (schemathesis): no server error
and a response that conforms to the documented schema, once anonymously and once with a staff
token. Requests go through the Django WSGI application; no live server."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from gongkai.agencies.models import Role
from gongkai.api.auth import issue_token
from gongkai.documents.tests.factories import make_agency_item, make_published_document
from gongkai.factories import make_agency, make_user
from gongkai.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

# Not status_code_conformance: the public routes answer malformed parameters with ninja's 422
# (and the staff detail route a non-integer id with 400), which the document does not list
# yet; reported in issue #11 rather than silenced here.
CHECKS = [not_a_server_error, response_schema_conformance]
# Bounded so that the ~15 operations × 2 callers stay within a minute or two of the suite.
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same inputs every run: a failure here is reproducible
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test Client does: the request signals must not close the connection that
    holds the test's transaction (on PostgreSQL every later query would fail)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_headers(db):
    """A FOI handler and reviewer of a county agency with a record, and their bearer header."""
    agency = make_agency(code="SCHEMA-WJJ", name="接口测试县卫生健康局")
    user = make_user(agency=agency, roles=(Role.FOI_HANDLER, Role.REVIEWER, Role.ADMIN))
    make_published_document(catalogue_item=make_agency_item(agency), title="接口测试公开信息")
    _token, key = issue_token(user=user, name="schemathesis")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_every_operation_anonymously(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_every_operation_with_a_staff_token(case, staff_headers):
    case.call_and_validate(headers=staff_headers, checks=CHECKS)
