"""The fields an owning app hands to the index for one record (pure: no database).

The engine knows no record type. An owning app describes each record with this mapping; every
key is optional:

    title        str            searched, boosted ×3, shown
    numbers      str | [str]    文号 and 索引号: searched as words and kept whole for lookup
    summary      str            searched, shown when the body has no match
    body         str            searched, the snippet comes from here
    attachments  str | [str]    text extracted from attachments, searched
    agency       str            filter value (e.g. the agency's code)
    agency_name  str            shown
    category     str            filter value (e.g. 主题分类 or catalogue item code)
    validity     str            filter value (有效/已修改/已废止/已失效 as the owner codes them)
    doc_type     str            filter value
    year         int            filter value
    published_on date | "YYYY-MM-DD"   date sort and date filters, shown
    url          str            where a hit links to
"""

import datetime
from collections.abc import Mapping
from typing import Any

TEXT_FIELDS = ("title", "numbers", "summary", "body", "attachments")
LIST_FIELDS = ("numbers", "attachments")
FILTER_FIELDS = ("agency", "category", "validity", "doc_type")
DISPLAY_FIELDS = ("agency_name", "url")
PAYLOAD_FIELDS = frozenset((*TEXT_FIELDS, *FILTER_FIELDS, *DISPLAY_FIELDS, "year", "published_on"))


def clean_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload in JSON form, checked; raises ValueError for unknown fields or wrong types."""
    unknown = set(payload) - PAYLOAD_FIELDS
    if unknown:
        raise ValueError(f"Unknown search payload fields: {', '.join(sorted(unknown))}")
    cleaned: dict[str, Any] = {}
    for name, value in payload.items():
        if value is None or value == "" or value == []:
            continue
        if name in LIST_FIELDS:
            values = [value] if isinstance(value, str) else list(value)
            if not all(isinstance(item, str) for item in values):
                raise ValueError(f"Search payload field {name} must be text or a list of text")
            cleaned[name] = [item for item in values if item.strip()]
        elif name == "year":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("Search payload field year must be an integer")
            cleaned[name] = value
        elif name == "published_on":
            cleaned[name] = parse_date(value).isoformat()
        else:
            if not isinstance(value, str):
                raise ValueError(f"Search payload field {name} must be text")
            cleaned[name] = value
    return cleaned


def parse_date(value: datetime.date | str) -> datetime.date:
    """A date from a date or an ISO string; a datetime is refused (pass its local date)."""
    if isinstance(value, datetime.datetime):
        raise ValueError("published_on must be a date, not a datetime")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    raise ValueError("published_on must be a date or an ISO date string")


def text_values(payload: Mapping[str, Any], name: str) -> list[str]:
    """The values of a text field as a list (list fields may hold several)."""
    value = payload.get(name)
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)
