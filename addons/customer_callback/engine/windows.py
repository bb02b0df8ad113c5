"""CB-02 / CB-03: deadline windows counted from an event.

A window is ``(start, end)`` offsets in a unit: ``hours``, calendar ``days`` or
``working_days``. Working days need to know which dates are worked: pass a
callable ``date -> bool`` or a set/frozenset of dates (the ORM builds it from
the company's resource calendar, leaves included).
"""

from datetime import datetime, timedelta

from .errors import CallbackRuleError

HOURS = "hours"
DAYS = "days"
WORKING_DAYS = "working_days"
UNITS = (HOURS, DAYS, WORKING_DAYS)

#: Safety bound: never look further than this for the next working day.
MAX_SCAN_DAYS = 3660


def _as_predicate(working_days):
    if working_days is None:
        return lambda day: day.weekday() < 5
    if callable(working_days):
        return working_days
    days = frozenset(working_days)
    return lambda day: day in days


def check_window(start, end):
    """Raise when a window is negative or ends before it starts (X-03)."""
    if start is None or end is None:
        raise CallbackRuleError("window_missing", "A window needs a start and an end.")
    if start < 0 or end < 0:
        raise CallbackRuleError(
            "window_negative", "A window cannot start or end before the event."
        )
    if end < start:
        raise CallbackRuleError(
            "window_order",
            "The window ends (%(end)s) before it starts (%(start)s).",
            start=start,
            end=end,
        )


def add_working_days(moment, days, working_days=None):
    """The moment ``days`` working days after ``moment`` (same time of day).

    Zero working days is the moment itself. Days are counted from the day
    after the event: an event on Friday + 1 working day is Monday (with a
    Monday-Friday week).
    """
    if days < 0:
        raise CallbackRuleError("window_negative", "Cannot count days backwards.")
    is_working = _as_predicate(working_days)
    day = moment.date() if isinstance(moment, datetime) else moment
    counted = 0
    scanned = 0
    while counted < days:
        day += timedelta(days=1)
        scanned += 1
        if scanned > MAX_SCAN_DAYS:
            raise CallbackRuleError(
                "no_working_day", "The working calendar has no working day."
            )
        if is_working(day):
            counted += 1
    if isinstance(moment, datetime):
        return datetime.combine(day, moment.time())
    return day


def offset(moment, amount, unit, working_days=None):
    """``moment`` moved forward by ``amount`` of ``unit``."""
    if unit == HOURS:
        return moment + timedelta(hours=amount)
    if unit == DAYS:
        return moment + timedelta(days=amount)
    if unit == WORKING_DAYS:
        return add_working_days(moment, int(amount), working_days)
    raise CallbackRuleError("unit", "Unknown window unit %(unit)s.", unit=unit)


def compute_window(event, start, end, unit, working_days=None):
    """CB-02: the (window start, window end) datetimes of a callback."""
    check_window(start, end)
    return (
        offset(event, start, unit, working_days),
        offset(event, end, unit, working_days),
    )


def at_preferred_time(moment, preferred_hour):
    """CB-16: the same day at the customer's preferred hour (float, 14.5 =
    14:30). ``None`` or a falsy-but-not-zero value leaves the moment alone."""
    if preferred_hour is None or preferred_hour is False:
        return moment
    if not 0 <= preferred_hour < 24:
        raise CallbackRuleError(
            "preferred_time", "A preferred hour is between 0 and 24."
        )
    hours = int(preferred_hour)
    minutes = round((preferred_hour - hours) * 60)
    if minutes == 60:
        hours, minutes = hours + 1, 0
    day = moment.date() if isinstance(moment, datetime) else moment
    return datetime.combine(day, datetime.min.time()).replace(
        hour=min(hours, 23), minute=minutes if hours < 24 else 59
    )


def window_working_dates(start_day, span_days, is_working):
    """Helper for callers that build the set of working dates: the worked
    dates among ``span_days`` days from ``start_day``."""
    if isinstance(start_day, datetime):
        start_day = start_day.date()
    return {
        start_day + timedelta(days=i)
        for i in range(span_days + 1)
        if is_working(start_day + timedelta(days=i))
    }


def todo_opens(window_start, deadline, days_ahead):
    """CB-22: the moment a plan's to-do reaches its assignee: ``days_ahead``
    days before its window opens (the deadline when it has no window start).
    """
    if days_ahead is None or days_ahead < 0:
        raise CallbackRuleError("todo_days", "Days ahead cannot be negative.")
    return (window_start or deadline) - timedelta(days=days_ahead)


def todo_is_due(window_start, deadline, days_ahead, now):
    """CB-22: True when the plan's to-do should exist at ``now``."""
    return todo_opens(window_start, deadline, days_ahead) <= now


__all__ = [
    "DAYS",
    "HOURS",
    "UNITS",
    "WORKING_DAYS",
    "add_working_days",
    "at_preferred_time",
    "check_window",
    "compute_window",
    "offset",
    "todo_is_due",
    "todo_opens",
    "window_working_dates",
]
