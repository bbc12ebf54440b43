"""Applicants' personal data as staff see it: whole, masked or not at all.

Who sees which (`Visibility`) is decided in `gongkai.foi.access.personal_data_visibility`;
this module only applies a decision. Its functions are pure: they read no database, no
settings and no request, and they never change the application they are given.

- FULL: the receiving agency's FOI handlers and administrators, who handle the case.
- MASKED: the agency's other staff (reviewers, publishers): the name, and the rest masked —
  ID number 110***********4522, phone 138****5678, address down to the district and ****,
  e-mail z***@example.com, postcode 2410**; the ID copy is neither shown nor downloadable.
- HIDDEN: everyone else who may read the case (督查员, a parent agency's supervisors, system
  administrators without a role in the agency): the applicant type only, no contact at all.

See the foi README, "Who sees applicants' personal data".
"""

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MASK = "****"
# Characters kept of an address when no administrative division can be read from it.
ADDRESS_FALLBACK_CHARS = 6
# The longest administrative prefix kept (e.g. 内蒙古自治区呼和浩特市赛罕区 is 14).
ADDRESS_PREFIX_MAX_CHARS = 16


class Visibility(models.TextChoices):
    FULL = "full", gettext_lazy("完整显示")
    MASKED = "masked", gettext_lazy("部分隐去")
    HIDDEN = "hidden", gettext_lazy("不显示")


def _keep_ends(value: str, head: int, tail: int) -> str:
    """`head` characters, one * per hidden character, `tail` characters; all * if too short."""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_id_number(value: str) -> str:
    """110***********4522: the first three (province and city code) and the last four."""
    return _keep_ends((value or "").strip(), 3, 4)


def mask_phone(value: str) -> str:
    """138****5678: the first three and the last four, as banks and couriers print them."""
    compact = "".join((value or "").split())
    if len(compact) < 8:
        return _keep_ends(compact, 0, 2)
    return _keep_ends(compact, 3, 4)


def mask_email(value: str) -> str:
    """z***@example.com: the first character of the mailbox name and the domain."""
    name, at, domain = (value or "").strip().partition("@")
    if not at:
        return _keep_ends(name, 1, 0)
    return f"{name[:1]}***@{domain}" if name else f"***@{domain}"


# Province, prefecture and county levels in that order, each optional: a name of at least
# one character ending in its suffix. Digits and spaces end a name, so a street number never
# becomes part of one; a fourth level (街道, 小区) is never read.
_DIVISIONS = re.compile(
    r"^(?:[^\d\s]{1,7}?(?:特别行政区|自治区|省))?"
    r"(?:[^\d\s]{1,8}?(?:自治州|地区|市|州|盟))?"
    r"(?:[^\d\s]{1,7}?(?:自治县|区|县|旗|市))?"
)


def mask_address(value: str) -> str:
    """北京市东城区****: the administrative divisions at its start (province, city, district
    or county) and **** for the rest; without divisions, at most the first six characters
    and never more than half. Four stars whatever the length, so the length is not told."""
    text = (value or "").strip()
    if not text:
        return ""
    found = _DIVISIONS.match(text)
    prefix = found.group(0) if found else ""
    if not prefix or len(prefix) > ADDRESS_PREFIX_MAX_CHARS or len(prefix) >= len(text):
        prefix = text[: min(ADDRESS_FALLBACK_CHARS, len(text) // 2)]
    return prefix + MASK


def mask_postcode(value: str) -> str:
    """2410**: the first four digits name the county-level area, like the address's prefix."""
    return _keep_ends((value or "").strip(), 4, 0)


def mask_id_copy(value: str) -> str:
    """Only whether there is one: its file name carries the query code."""
    return _("（已提交）") if value else ""


def hidden_applicant_name() -> str:
    return _("申请人（已隐去）")


# The applicant's fields as an audit snapshot names them, and how MASKED shows each.
MASKS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "email": mask_email,
    "address": mask_address,
    "postcode": mask_postcode,
    "id_copy": mask_id_copy,
}
# Left out altogether for HIDDEN (the applicant type stays: the annual report counts it).
PERSONAL_FIELDS = frozenset({*MASKS, "applicant_name", "contact_person", "id_type"})


@dataclass(frozen=True)
class ApplicantView:
    """The applicant as one member of staff may see them; '' where there is nothing to show."""

    visibility: Visibility
    applicant_type: str
    name: str
    contact_person: str
    id_type: str
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str
    has_id_copy: bool
    id_copy_url: str  # FULL only: nobody else may download it

    @property
    def is_full(self) -> bool:
        return self.visibility == Visibility.FULL

    @property
    def is_masked(self) -> bool:
        return self.visibility == Visibility.MASKED

    @property
    def is_hidden(self) -> bool:
        return self.visibility == Visibility.HIDDEN


def applicant_view(application, visibility: Visibility | str) -> ApplicantView:
    """The applicant of `application` at `visibility` (see the module docstring)."""
    visibility = Visibility(visibility)
    applicant_type = str(application.get_applicant_type_display())
    if visibility == Visibility.HIDDEN:
        return ApplicantView(
            visibility=visibility,
            applicant_type=applicant_type,
            name=hidden_applicant_name(),
            contact_person="",
            id_type="",
            id_number="",
            phone="",
            email="",
            address="",
            postcode="",
            has_id_copy=False,
            id_copy_url="",
        )
    values = {name: getattr(application, name) or "" for name in MASKS if name != "id_copy"}
    if visibility == Visibility.MASKED:
        values = {name: MASKS[name](value) for name, value in values.items()}
    has_copy = bool(application.id_copy)
    return ApplicantView(
        visibility=visibility,
        applicant_type=applicant_type,
        name=application.applicant_name,
        contact_person=application.contact_person,
        id_type=str(application.get_id_type_display()),
        has_id_copy=has_copy,
        id_copy_url=application.id_copy.url if has_copy and visibility == Visibility.FULL else "",
        **values,
    )


def mask_snapshot(
    values: Mapping[str, Any] | None, visibility: Visibility | str
) -> dict[str, Any] | None:
    """An audit event's before/after of an application at `visibility`: whole, with the
    applicant's fields masked, or without them."""
    if values is None:
        return None
    visibility = Visibility(visibility)
    if visibility == Visibility.FULL:
        return dict(values)
    if visibility == Visibility.HIDDEN:
        return {key: value for key, value in values.items() if key not in PERSONAL_FIELDS}
    return {
        key: MASKS[key](str(value or "")) if key in MASKS else value
        for key, value in values.items()
    }


def mask_trail(events: Iterable, visibility: Visibility | str) -> list:
    """Audit events of an application with their before/after at `visibility`; copies, so
    the append-only rows themselves are never changed."""
    if Visibility(visibility) == Visibility.FULL:
        return list(events)
    shown = []
    for event in events:
        shown_event = copy.copy(event)
        shown_event.before = mask_snapshot(event.before, visibility)
        shown_event.after = mask_snapshot(event.after, visibility)
        shown.append(shown_event)
    return shown
