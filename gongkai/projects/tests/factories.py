"""make_<model>() factories for projects (tests)."""

import itertools
from decimal import Decimal
from typing import Any

from gongkai.documents.tests.factories import standard_item
from gongkai.projects import services

_sequence = itertools.count(1)


def project_values(**overrides: Any) -> dict[str, Any]:
    n = next(_sequence)
    values: dict[str, Any] = {
        "name": f"测试镇卫生院业务用房建设项目{n}",
        "code": f"2026-000000-84-01-{n:06d}",
        "location": "测试镇",
        "investment": Decimal("800.00"),
        "owner_unit": "测试镇卫生院",
    }
    values.update(overrides)
    return values


def make_project(agency, actor=None, **overrides: Any):
    standard_item(agency, "P0303")  # derives the agency's catalogue with 项目建设
    return services.create_project(agency=agency, actor=actor, values=project_values(**overrides))


APPROVAL_SERVICE = {"requirements": "编制可行性研究报告。", "materials": "可行性研究报告。"}
APPROVAL_RESULT = {
    "approval": "可行性研究报告批复",
    "authority": "测试县发展和改革局",
    "document_number": "测发改〔2026〕1号",
    "approved_on": "2026-10-09",
}
TENDERING = {"summary": "公开招标。"}
