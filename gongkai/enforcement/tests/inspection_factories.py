"""Factories for enforcement lists and inspections: `make_<thing>(**overrides)`."""

import datetime

from stdnum.cn import uscc

from gongkai.agencies.models import Role
from gongkai.enforcement import inspection_pool, inspection_services, list_services
from gongkai.enforcement.models import InspectionTarget, RiskGrade
from gongkai.factories import make_agency, make_user


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码 numbered n."""
    body = f"91140500MA0K{n:05d}"
    return body + uscc.calc_check_digit(body)


def make_team(agency=None):
    """An agency with a publisher (drafts, draws) and a reviewer (publishes lists)."""
    agency = agency or make_agency()
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER, Role.ADMIN))
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    return agency, publisher, reviewer


def make_published_list(
    agency, publisher, reviewer, *, inspectors=4, effective_from=datetime.date(2026, 1, 1)
):
    enforcement_list = list_services.draft_list(
        agency=agency, actor=publisher, title="执法公示清单", effective_from=effective_from
    )
    list_services.add_row(
        enforcement_list=enforcement_list,
        part="subjects",
        values={"name": agency.name, "credit_code": credit_code(99999), "legal_basis": "依据"},
        actor=publisher,
    )
    for n in range(inspectors):
        list_services.add_row(
            enforcement_list=enforcement_list,
            part="inspectors",
            values={
                "name": f"执法员{n}",
                "certificate_number": f"ZF{n:04d}",
                "certificate_valid_until": datetime.date(2028, 12, 31),
                "area": "全县",
            },
            actor=publisher,
        )
    list_services.submit_list(enforcement_list=enforcement_list, actor=publisher)
    return list_services.publish_list(enforcement_list=enforcement_list, actor=reviewer)


def make_target(agency, n: int, **overrides) -> InspectionTarget:
    values = {
        "name": f"单位{n}",
        "credit_code": credit_code(n),
        "kind": "公共场所",
        "district": "城关镇" if n % 2 else "北留镇",
        "risk_grade": RiskGrade.LOW,
    }
    values.update(overrides)
    return InspectionTarget.objects.create(agency=agency, **values)


def make_plan(agency, actor, **overrides):
    values = {
        "year": 2026,
        "title": "2026年公共场所卫生双随机抽查",
        "matter": "公共场所卫生监督检查",
        "count": 2,
        "window_start": datetime.date(2026, 11, 1),
        "window_end": datetime.date(2026, 12, 31),
    }
    values.update(overrides)
    return inspection_services.create_plan(agency=agency, actor=actor, **values)


def make_drawn_plan(targets=8, conflicts=(), **plan_overrides):
    """An agency with a published list, a pool, a plan, and its committed and performed draw."""
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    pool = [make_target(agency, n) for n in range(targets)]
    for inspector, target in conflicts:
        inspection_pool.declare_conflict(
            target=pool[target], inspector_certificate=inspector, reason="亲属", actor=publisher
        )
    plan = make_plan(agency, publisher, **plan_overrides)
    draw = inspection_services.commit_draw(plan=plan, actor=publisher)
    draw = inspection_services.perform_draw(draw=draw, actor=publisher)
    return plan, draw, publisher, reviewer, pool
