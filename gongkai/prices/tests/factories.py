"""make_<model>() helpers for the price lists (tests)."""

import datetime
from decimal import Decimal

from gongkai.agencies.models import Level, Role
from gongkai.documents.tests.factories import standard_item
from gongkai.factories import make_agency, make_user
from gongkai.prices import publication, rules, services
from gongkai.prices.models import PriceKind, PriceList, PriceVersion

DAY = datetime.date(2026, 1, 1)


def item(code: str, price: str, name: str = "", on=DAY) -> rules.ItemValues:
    return rules.ItemValues(code, name or f"项目{code}", "", "次", Decimal(price), on)


def make_list(agency=None, kind=PriceKind.SERVICE) -> PriceList:
    agency = agency or make_agency()
    standard_item(agency, publication.CATALOGUE_CODE)  # derives the agency's catalogue
    hospital = make_agency(level=Level.INSTITUTION, parent=agency, name="测试县人民医院")
    return services.create_list(agency=agency, institution=hospital, kind=kind, actor=None)


def publish(price_list: PriceList, rows, drafter=None, reviewer=None) -> PriceVersion:
    agency = price_list.agency
    drafter = drafter or make_user(agency=agency, roles=(Role.PUBLISHER,))
    version = services.replace_items(price_list=price_list, actor=drafter, rows=rows)
    services.submit_version(version=version, actor=drafter)
    reviewer = reviewer or make_user(agency=agency, roles=(Role.REVIEWER,))
    return publication.publish_version(version=version, actor=reviewer)
