"""The open-data sources projects.list and projects.stages: registered, and only what is public."""

import datetime

import pytest

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.opendata import sources
from gongkai.projects import publication, services
from gongkai.projects.stages import StageKind
from gongkai.projects.tests.factories import APPROVAL_SERVICE, make_project

pytestmark = pytest.mark.django_db


def test_sources_give_published_rows_only():
    agency = make_agency()
    clerk = make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    shown = make_project(agency, clerk, name="已公开项目")
    make_project(agency, clerk, name="未公开项目")
    stage = services.record_stage(
        stage=shown.stages.get(kind=StageKind.APPROVAL_SERVICE),
        actor=clerk,
        details=APPROVAL_SERVICE,
        formed_on=datetime.date(2026, 11, 10),
    )
    stage = publication.publish_stage(stage=stage, actor=reviewer)

    listed = sources.get("projects.list").build(agency)
    assert [row[1] for row in listed.rows] == ["已公开项目"]
    assert [c.name for c in listed.columns][:2] == ["code", "name"]
    staged = sources.get("projects.stages").build(agency)
    assert staged.rows == [
        (
            shown.code,
            "已公开项目",
            "批准服务信息",
            datetime.date(2026, 11, 10),
            datetime.date(2026, 11, 16),
            stage.document.index_number,
        )
    ]
