"""make_<model>() factories for budget tables (tests)."""

from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency, Role
from gongkai.budgets import publication, services
from gongkai.budgets.models import BudgetTable, Kind
from gongkai.catalogue.services import derive_catalogue
from gongkai.factories import make_user

D = Decimal


def lines(scale: str = "1") -> list[dict[str, Any]]:
    """A small table that adds up: 210 = 21001 + 21004; 21001 = its two 项."""
    k = D(scale)
    return [
        {"code": "210", "name": "卫生健康支出", "amount": D("300.00") * k},
        {"code": "21001", "name": "卫生健康管理事务", "amount": D("100.00") * k},
        {"code": "2100101", "name": "行政运行", "amount": D("80.00") * k},
        {"code": "2100199", "name": "其他卫生健康管理事务支出", "amount": D("20.00") * k},
        {"code": "21004", "name": "公共卫生", "amount": D("200.00") * k},
    ]


def values(**overrides: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "title": "",
        "income_total": D("300.00"),
        "expenditure_total": D("300.00"),
        "abroad": D("0"),
        "vehicle_purchase": D("0"),
        "vehicle_operation": D("8.50"),
        "reception": D("4.20"),
        "explanation": "",
    }
    result.update(overrides)
    return result


def make_table(
    agency: Agency,
    actor=None,
    *,
    year: int = 2025,
    kind: str = Kind.BUDGET,
    table_lines=None,
    **overrides: Any,
) -> BudgetTable:
    derive_catalogue(agency=agency, actor=None)
    table = services.start_table(agency=agency, year=year, kind=kind, actor=actor)
    services.update_table(
        table=table,
        actor=actor,
        values=values(**overrides),
        lines=lines() if table_lines is None else table_lines,
    )
    return table


def make_published_table(agency: Agency, *, drafter=None, reviewer=None, **kwargs) -> BudgetTable:
    drafter = drafter or make_user(agency=agency, roles=(Role.PUBLISHER,))
    reviewer = reviewer or make_user(agency=agency, roles=(Role.REVIEWER,))
    table = make_table(agency, drafter, **kwargs)
    services.submit_table(table=table, actor=drafter)
    return publication.publish_table(table=table, actor=reviewer)
