"""make_<model>() factories for new media (tests)."""

import itertools
from typing import Any

from gongkai.agencies.models import Role
from gongkai.factories import make_user
from gongkai.newmedia import services
from gongkai.newmedia.models import Account, Platform

_sequence = itertools.count(1)


def account_values(**overrides: Any) -> dict[str, Any]:
    n = next(_sequence)
    values: dict[str, Any] = {
        "platform": Platform.WECHAT,
        "name": f"测试县卫生健康{n}",
        "account_id": f"cswsjk{n}",
        "operator": "测试县卫生健康局办公室",
        "purpose": "发布卫生健康政策、解读和服务信息。",
    }
    values.update(overrides)
    return values


def make_open_account(agency, *, admin=None, **overrides: Any) -> Account:
    """An account requested, approved and filed by the real services."""
    admin = admin or make_user(agency=agency, roles=(Role.ADMIN,))
    procedure = services.request_opening(
        agency=agency, actor=admin, values=account_values(**overrides)
    )
    services.approve(procedure=procedure, actor=admin)
    services.file_procedure(procedure=procedure, actor=admin, filing_number="备2026-1")
    procedure.account.refresh_from_db()
    return procedure.account
