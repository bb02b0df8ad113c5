"""CB-12: the callback report is due the day after the callback."""

from datetime import datetime, timedelta


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def report_due_date(callback_moment):
    """The last day the report may be filed on time."""
    return _day(callback_moment) + timedelta(days=1)


def is_report_late(callback_moment, report_moment):
    """True when the report's date is later than the day after the callback.
    No report yet: not late (the plan's own lateness covers it)."""
    if not callback_moment or not report_moment:
        return False
    return _day(report_moment) > report_due_date(callback_moment)


def is_plan_late(state, date_done, date_deadline):
    """CB-13/CB-14: a plan is late when missed, or done after its deadline."""
    if state == "missed":
        return True
    return bool(
        state == "done" and date_done and date_deadline and date_done > date_deadline
    )


def overdue(plans, now):
    """CB-13: the keys of planned plans whose deadline is past.

    ``plans``: (key, state, deadline) triples.
    """
    return [
        key for key, state, deadline in plans if state == "planned" and deadline < now
    ]
