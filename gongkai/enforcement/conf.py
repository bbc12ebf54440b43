"""The enforcement settings, read in one place with their defaults (README.md lists them)."""

from collections.abc import Mapping

from django.conf import settings

from gongkai.enforcement.rules import WORKING_DAYS, PublicityPeriod

NAME_MASK_SURNAME = "surname"  # 张某
NAME_MASK_FULL = "full"  # 某某
NAME_MASK_NONE = "none"  # the name as recorded (only where a rule allows it)


def publication_overrides() -> Mapping[str, int]:
    """ENFORCEMENT_PUBLICATION_WORKING_DAYS: {kind: working days} where a law says otherwise."""
    return getattr(settings, "ENFORCEMENT_PUBLICATION_WORKING_DAYS", {}) or {}


def withdrawal_counting() -> str:
    """ENFORCEMENT_WITHDRAWAL_COUNTING: "working_days" (行政处罚法第八十五条, the default) or
    "calendar_days" (calendar days, a last day on a rest day moved to the next working day)."""
    return getattr(settings, "ENFORCEMENT_WITHDRAWAL_COUNTING", WORKING_DAYS)


def publicity_periods() -> Mapping[str, PublicityPeriod | None]:
    """ENFORCEMENT_PUBLICITY_MONTHS: {severity: (minimum, maximum) months, or None: not shown}."""
    configured = getattr(settings, "ENFORCEMENT_PUBLICITY_MONTHS", {}) or {}
    return {
        severity: None if months is None else PublicityPeriod(*months)
        for severity, months in configured.items()
    }


def name_mask() -> str:
    """ENFORCEMENT_NAME_MASK: how a natural person's name shows in public (default 张某)."""
    return getattr(settings, "ENFORCEMENT_NAME_MASK", NAME_MASK_SURNAME)
