"""How long an account may stay silent. Pure rules: no database, no settings.

国办秘函〔2019〕19号 (《政府网站与政务新媒体检查指标、监管工作年度考核指标》) makes "2周内无更新"
a single-veto failure of a 政务新媒体 (spec/regulations.md §5.2). Two weeks are calendar days:
the inspections count them so, holidays included."""

import datetime

SILENT_DAYS = 14  # 国办秘函〔2019〕19号: 两周内无更新 → 单项否决


def last_sign_of_life(
    last_update_on: datetime.date | None, opened_on: datetime.date | None
) -> datetime.date | None:
    """The day the silence is counted from: the last update, or the opening when none is known
    (an account just opened owes its first post within two weeks too)."""
    days = [day for day in (last_update_on, opened_on) if day is not None]
    return max(days) if days else None


def next_update_due(
    last_update_on: datetime.date | None, opened_on: datetime.date | None
) -> datetime.date | None:
    """The last day by which the next update must appear: the silence may last SILENT_DAYS."""
    start = last_sign_of_life(last_update_on, opened_on)
    return None if start is None else start + datetime.timedelta(days=SILENT_DAYS)


def silent_days(
    last_update_on: datetime.date | None, opened_on: datetime.date | None, today: datetime.date
) -> int | None:
    start = last_sign_of_life(last_update_on, opened_on)
    return None if start is None else (today - start).days


def is_silent(
    last_update_on: datetime.date | None, opened_on: datetime.date | None, today: datetime.date
) -> bool:
    """Silent longer than the rule allows: past the day the next update was due."""
    due = next_update_due(last_update_on, opened_on)
    return due is not None and today > due
