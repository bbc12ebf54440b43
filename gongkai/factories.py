"""Test and demo factories: `make_<model>(**overrides)`. Defaults are computed per call."""

import itertools

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, Level, Membership

_sequence = itertools.count(1)


def make_agency(**overrides) -> Agency:
    n = next(_sequence)
    values = {
        "code": f"T{n:05d}",
        "name": f"测试县卫生健康局{n}",
        "level": Level.COUNTY,
        "office_name": "办公室",
        "office_address": "测试路1号",
        "office_hours": "工作日 9:00-17:00",
        "office_telephone": "010-00000000",
        "office_fax": "010-00000001",
        "office_email": "gk@example.org",
        "office_online_contact": "https://example.org/contact",
    }
    values.update(overrides)
    return Agency.objects.create(**values)


def make_user(*, agency: Agency | None = None, roles: tuple[str, ...] = (), **overrides):
    n = next(_sequence)
    values = {"username": f"user{n}", "first_name": f"用户{n}"}
    password = overrides.pop("password", "pw-for-tests")
    values.update(overrides)
    user = get_user_model().objects.create_user(password=password, **values)
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user
