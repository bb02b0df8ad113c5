"""KPI-01 periods and KPI-09 deadlines.

* quarterly scorecard: done by the 10th (setting) of the first month of the
  next quarter; annual one by 15 January (setting) of the next year;
* analysis report: due 10 working days (quarter) or 15 (year) after the end of
  the period. Working days come from a callable (the Odoo layer passes the
  company's resource calendar); by default Monday to Friday.
"""

import datetime

from .errors import EngineError

# KPI-09: the scorecards' due days; KPI-03: the reports' working days
DEADLINE_DAY_QUARTER = 10
DEADLINE_DAY_YEAR = 15
REPORT_DAYS_QUARTER = 10
REPORT_DAYS_YEAR = 15


def _check_period(period, quarter):
    if period not in ("quarter", "year"):
        raise EngineError("period", "Unknown period type %(p)s.", p=period)
    if period == "quarter" and quarter not in (1, 2, 3, 4):
        raise EngineError("quarter", "A quarter is 1 to 4 (got %(q)s).", q=quarter)


def period_key(period_type, year, quarter=None):
    """KPI-01: the key of a period, ``2025`` or ``2025-Q1``."""
    if period_type == "year":
        return "%04d" % year
    return "%04d-Q%s" % (year, quarter)


def previous_period(period_type, year, quarter=None):
    """The (year, quarter) of the period before; quarters as the scorecards
    hold them ("1" to "4"), None for years."""
    if period_type == "year":
        return year - 1, None
    quarter = int(quarter)
    if quarter == 1:
        return year - 1, "4"
    return year, str(quarter - 1)


def period_bounds(year, period="quarter", quarter=None):
    """First and last day of a quarter or a year."""
    _check_period(period, quarter)
    if period == "year":
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    first = datetime.date(year, 3 * quarter - 2, 1)
    if quarter == 4:
        last = datetime.date(year, 12, 31)
    else:
        last = datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)
    return first, last


def scorecard_deadline(
    year,
    period="quarter",
    quarter=None,
    day_quarter=DEADLINE_DAY_QUARTER,
    day_year=DEADLINE_DAY_YEAR,
):
    """KPI-09: the date by which the scorecard must be done."""
    _check_period(period, quarter)
    if period == "year":
        return datetime.date(year + 1, 1, day_year)
    if quarter == 4:
        return datetime.date(year + 1, 1, day_quarter)
    return datetime.date(year, 3 * quarter + 1, day_quarter)


def _weekday(day):
    return day.weekday() < 5


def add_working_days(start, days, is_working_day=_weekday):
    """The ``days``-th working day after ``start`` (``start`` itself not
    counted)."""
    if days < 0:
        raise EngineError("days", "A number of days cannot be negative.")
    current = start
    remaining = days
    guard = 0
    while remaining:
        current += datetime.timedelta(days=1)
        guard += 1
        if guard > 3660:
            raise EngineError("calendar", "The working calendar has no working day.")
        if is_working_day(current):
            remaining -= 1
    return current


def analysis_report_due(
    year,
    period="quarter",
    quarter=None,
    days_quarter=REPORT_DAYS_QUARTER,
    days_year=REPORT_DAYS_YEAR,
    is_working_day=_weekday,
):
    """KPI-03: due date of the analysis report of a period."""
    __, last = period_bounds(year, period, quarter)
    days = days_year if period == "year" else days_quarter
    return add_working_days(last, days, is_working_day)
