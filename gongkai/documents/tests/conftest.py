"""An agency with its staff for the document tests, at a fixed moment of 2026."""

import datetime
import zoneinfo

import pytest
import time_machine

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import make_agency_item
from gongkai.factories import make_agency, make_user

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(iso: str, hour: int = 10) -> datetime.datetime:
    """`iso` at `hour` o'clock, Beijing time (what timezone.localdate() will report)."""
    return datetime.datetime.combine(
        datetime.date.fromisoformat(iso), datetime.time(hour), tzinfo=SHANGHAI
    )


@pytest.fixture
def in_march_2026():
    """A working Monday of a loaded year, so that default due dates can be computed.

    Not autouse: test modules that want it say `pytest.mark.usefixtures("in_march_2026")`.
    """
    with time_machine.travel(at("2026-03-02"), tick=False):
        yield


@pytest.fixture
def agency(db):
    return make_agency(name="测试县卫生健康局", level=Level.COUNTY)


@pytest.fixture
def publisher(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def item(agency):
    """An item of 20 working days with a 7-day “结果信息” element."""
    return make_agency_item(agency)
