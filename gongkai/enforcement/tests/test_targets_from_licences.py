"""The double-random pool takes the holders of the agency's published licences: organisations
with a credit code, once each, never a natural person, never one already in the pool."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.enforcement import inspection_pool as pool
from gongkai.enforcement.models import DecisionKind, InspectionTarget, RiskGrade
from gongkai.enforcement.tests.factories import COMPANY_CODE, make_decision_row, person_values
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
OTHER_CODE = "91110108551385082Q"


@pytest.fixture
def agency():
    return make_agency(name="测试县卫生健康局", region="测试县")


def test_licence_holders_join_the_pool_once(agency):
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,))
    make_decision_row(agency=agency, kind=DecisionKind.LICENSING, decided_on=D(2026, 3, 1))
    make_decision_row(  # the same holder's later licence
        agency=agency,
        kind=DecisionKind.LICENSING,
        decided_on=D(2026, 6, 1),
        document_number="测卫许〔2026〕9号",
    )
    make_decision_row(
        agency=agency,
        kind=DecisionKind.LICENSING,
        decided_on=D(2026, 6, 1),
        party_credit_code=OTHER_CODE,
        party_name="测试县游泳馆",
        certificate_name="公共场所卫生许可证",
        document_number="测卫许〔2026〕10号",
    )
    make_decision_row(  # a draft is not a licence yet
        agency=agency,
        kind=DecisionKind.LICENSING,
        decided_on=D(2026, 6, 2),
        status="draft",
        party_credit_code="91110000802100433B",
        document_number="测卫许〔2026〕11号",
    )
    person = person_values(DecisionKind.LICENSING, document_number="测卫许〔2026〕12号")
    person.pop("kind")
    person.pop("decided_on")
    make_decision_row(
        agency=agency, kind=DecisionKind.LICENSING, decided_on=D(2026, 6, 3), **person
    )
    make_decision_row(  # a penalty is no licence
        agency=agency,
        kind=DecisionKind.PENALTY,
        decided_on=D(2026, 6, 3),
        party_credit_code="91110000802100433B",
    )

    assert pool.add_targets_from_licences(agency=agency, actor=clerk) == 2
    assert pool.add_targets_from_licences(agency=agency, actor=clerk) == 0  # once each
    targets = {t.credit_code: t for t in InspectionTarget.objects.filter(agency=agency)}
    assert set(targets) == {COMPANY_CODE, OTHER_CODE}
    assert targets[COMPANY_CODE].source_reference == "行政许可 测卫许〔2026〕9号"
    assert targets[OTHER_CODE].kind == "公共场所"
    assert targets[OTHER_CODE].district == "测试县"
    assert targets[OTHER_CODE].risk_grade == RiskGrade.MEDIUM
    assert AuditEvent.objects.filter(action="enforcement.target.from_licences").count() == 1


def test_the_console_button_adds_them(client, agency):
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,))
    make_decision_row(agency=agency, kind=DecisionKind.LICENSING, decided_on=D(2026, 3, 1))
    client.force_login(clerk)
    url = reverse("console:inspections") + f"?agency={agency.pk}"
    assert "从本机关已公示的行政许可决定加入持证单位" in client.get(url).content.decode()
    response = client.post(url, {"form": "licences"}, follow=True)
    assert "已从行政许可决定加入 1 个检查对象" in response.content.decode()
    assert InspectionTarget.objects.filter(agency=agency).count() == 1
