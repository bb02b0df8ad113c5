"""CB-01: minimum callback frequency per value tier; quarter helpers (CB-04)."""

import calendar
import re
from datetime import date, datetime, timedelta

from .errors import CallbackRuleError

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
TIERS = (HIGH, MEDIUM, LOW)

#: Default minimum frequency in months (company settings override it).
DEFAULT_MONTHS = {HIGH: 3, MEDIUM: 6, LOW: 12}


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def add_months(day, months):
    """``day`` moved by ``months`` months, clamped to the month's last day."""
    day = _day(day)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def months_for(tier, months_by_tier=None):
    """The frequency of ``tier`` in months (CB-01)."""
    table = dict(DEFAULT_MONTHS)
    table.update(months_by_tier or {})
    if tier not in table:
        raise CallbackRuleError("tier", "Unknown value tier %(tier)s.", tier=tier)
    months = table[tier]
    if not months or months <= 0:
        raise CallbackRuleError(
            "frequency", "The frequency of tier %(tier)s must be positive.", tier=tier
        )
    return months


def next_due_date(last_callback, tier, months_by_tier=None, today=None):
    """CB-01: the date a customer is next due. Never called back: due today."""
    if not last_callback:
        return _day(today) if today else None
    return add_months(last_callback, months_for(tier, months_by_tier))


def is_due(last_callback, tier, today, months_by_tier=None):
    """CB-01: True when the customer must be called back by ``today``."""
    if not last_callback:
        return True
    return next_due_date(last_callback, tier, months_by_tier) <= _day(today)


def due_partners(last_by_partner, tier_by_partner, today, months_by_tier=None):
    """The ids (sorted) of partners due at ``today``.

    ``tier_by_partner``: every candidate id -> tier; ``last_by_partner``: id ->
    date of its latest callback (missing = never).
    """
    return sorted(
        pid
        for pid, tier in tier_by_partner.items()
        if is_due(last_by_partner.get(pid), tier, today, months_by_tier)
    )


def periodic_deadline(last_callback, tier, today, ahead_days, months_by_tier=None):
    """CB-01 CB-04: the deadline of a periodic plan is the customer's due date,
    the plan being made ``ahead_days`` before it. A customer never called
    back, or already overdue (the job did not run, the tier was raised), gets
    ``ahead_days`` from today. None when not due within ``ahead_days``."""
    today = _day(today)
    if ahead_days < 0:
        raise CallbackRuleError("ahead", "Days ahead cannot be negative.")
    horizon = today + timedelta(days=ahead_days)
    if not last_callback:
        return horizon
    due = next_due_date(last_callback, tier, months_by_tier)
    if due > horizon:
        return None
    return due if due >= today else horizon


def quarter_deadline(last_callback, tier, year, quarter, months_by_tier=None):
    """CB-04: the deadline of a quarterly plan: the customer's due date when
    it falls in the quarter, else (never called, overdue) the quarter's last
    day. None when the customer is not due in the quarter."""
    first, last = quarter_bounds(year, quarter)
    if not last_callback:
        return last
    due = next_due_date(last_callback, tier, months_by_tier)
    if due > last:
        return None
    return due if due >= first else last


# ---------------------------------------------------------------- quarters
def quarter_of(day):
    """(year, quarter 1-4) of a date or datetime."""
    day = _day(day)
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year, quarter):
    """First and last date of a quarter."""
    if quarter not in (1, 2, 3, 4):
        raise CallbackRuleError("quarter", "A quarter is 1 to 4, not %(q)s.", q=quarter)
    first = date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    return first, date(year, last_month, calendar.monthrange(year, last_month)[1])


def quarter_label(year, quarter):
    """ "2026-Q1"."""
    return f"{year}-Q{quarter}"


#: "2026-Q1", ASCII digits, nothing around it: a quarter is a key that the
#: figures, the spot checks and the deductions compare as text (X-07)
QUARTER_KEY = re.compile(r"([0-9]{4})-Q([1-4])")


def parse_quarter(key):
    """(year, quarter) of a quarter key like "2026-Q1", written exactly so:
    no space around it and no other digits, or a text that reads as the same
    quarter would count as another one."""
    match = isinstance(key, str) and QUARTER_KEY.fullmatch(key)
    if not match:
        raise CallbackRuleError(
            "quarter_key",
            "A quarter is written like 2026-Q1 (not %(quarter)s).",
            quarter=key,
        )
    return int(match.group(1)), int(match.group(2))


def quarter_key(day):
    """The label of the quarter holding ``day``."""
    return quarter_label(*quarter_of(day))


def next_quarter(year, quarter):
    """The quarter after (year, quarter)."""
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def quarter_keys(first, last):
    """The labels of the quarters from the one holding ``first`` to the one
    holding ``last`` (none when ``last`` comes first)."""
    year, quarter = quarter_of(first)
    end = quarter_of(last)
    keys = []
    while (year, quarter) <= end:
        keys.append(quarter_label(year, quarter))
        year, quarter = next_quarter(year, quarter)
    return keys


def due_in_quarter(last_callback, tier, year, quarter, months_by_tier=None):
    """CB-04: True when the customer falls due on or before the quarter's end."""
    _first, last = quarter_bounds(year, quarter)
    return is_due(last_callback, tier, last, months_by_tier)
