"""The consultations API: the contract, and what it never shows."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Level, Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_services
from gongkai.participation import consultation_services as services
from gongkai.participation.tests.consultation_factories import make_consultation

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=SHANGHAI
    )


@pytest.fixture
def agency(db):
    return make_agency(code="000014349", name="测试县卫生健康局", level=Level.COUNTY)


@pytest.fixture
def staff(agency):
    return (
        make_user(agency=agency, roles=(Role.PUBLISHER,)),
        make_user(agency=agency, roles=(Role.REVIEWER,)),
    )


@pytest.fixture
def consultation(agency, staff):
    publisher, reviewer = staff
    with time_machine.travel(at("2026-11-02"), tick=False):
        return make_consultation(agency=agency, publisher=publisher, reviewer=reviewer)


def test_list_and_open_filter(client, consultation, agency, staff):
    with time_machine.travel(at("2026-11-02"), tick=False):
        make_consultation(agency=agency, publisher=staff[0])  # unpublished: never listed
    with time_machine.travel(at("2026-11-10"), tick=False):
        body = client.get("/api/consultations?state=open").json()
        assert client.get("/api/consultations?state=nonsense").status_code == 400
    assert body["count"] == 1
    result = body["results"][0]
    assert result["id"] == consultation.pk
    assert result["is_open"] is True
    assert result["has_feedback"] is False
    assert result["agency"] == {"code": "000014349", "name": "测试县卫生健康局"}
    assert result["index_number"]


def test_detail_feedback_and_no_personal_data(client, consultation, staff):
    publisher, reviewer = staff
    with time_machine.travel(at("2026-11-10"), tick=False):
        comment = comment_services.submit_comment(
            consultation=consultation,
            body="建议写明村卫生室。",
            clause=consultation.clauses.get(number=2),
            commenter_name="张三",
            contact="13800000000",
        )
        private = comment_services.submit_comment(consultation=consultation, body="未审核的意见")
        comment_services.moderate_comment(comment=comment, actor=publisher, decision="publish")
        comment_services.dispose_comment(comment=comment, actor=publisher, disposition="adopted")
        comment_services.moderate_comment(comment=private, actor=publisher, decision="keep_private")
        comment_services.dispose_comment(
            comment=private, actor=publisher, disposition="not_adopted", reason="不属于本办法。"
        )
        body = client.get(f"/api/consultations/{consultation.pk}").json()
    assert [c["body"] for c in body["comments"]] == ["建议写明村卫生室。"]
    assert body["comments"][0]["clause_number"] == 2
    assert [c["heading"] for c in body["clauses"]] == ["第一条", "第二条", "第三条"]
    assert body["feedback"] is None
    text = str(body)
    assert "13800000000" not in text
    assert "张三" not in text
    with time_machine.travel(at("2026-12-02"), tick=False):
        services.close_consultation(consultation=consultation, actor=publisher)
        services.publish_feedback(consultation=consultation, actor=reviewer)
        body = client.get(f"/api/consultations/{consultation.pk}").json()
        listed = client.get("/api/consultations?state=feedback").json()
    feedback = body["feedback"]
    assert (feedback["total"], feedback["adopted"], feedback["not_adopted"]) == (2, 1, 1)
    assert feedback["sections"][0]["items"][0]["reason"] == "不属于本办法。"
    assert listed["count"] == 1


def test_unpublished_consultation_is_404(client, agency, staff):
    with time_machine.travel(at("2026-11-02"), tick=False):
        draft = make_consultation(agency=agency, publisher=staff[0])
    response = client.get(f"/api/consultations/{draft.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该征求意见。"}
