"""KPI-01 periods and KPI-09 / KPI-03 deadlines (pure engine)."""

import datetime

from ..deadlines import (
    add_working_days,
    analysis_report_due,
    period_bounds,
    period_key,
    previous_period,
    scorecard_deadline,
)
from ..errors import EngineError
from . import EngineCase

D = datetime.date


class TestDeadlines(EngineCase):
    def test_kpi01_quarter_bounds(self):
        for quarter, bounds in [
            (1, (D(2026, 1, 1), D(2026, 3, 31))),
            (2, (D(2026, 4, 1), D(2026, 6, 30))),
            (3, (D(2026, 7, 1), D(2026, 9, 30))),
            (4, (D(2026, 10, 1), D(2026, 12, 31))),
        ]:
            with self.subTest(quarter=quarter, bounds=bounds):
                assert period_bounds(2026, "quarter", quarter) == bounds

    def test_kpi01_year_bounds_and_bad_quarter(self):
        assert period_bounds(2026, "year") == (D(2026, 1, 1), D(2026, 12, 31))
        with self.assertRaises(EngineError):
            period_bounds(2026, "quarter", 5)
        with self.assertRaises(EngineError):
            period_bounds(2026, "month", 1)

    def test_kpi09_quarterly_deadline_10th_of_next_quarter(self):
        for quarter, deadline in [
            (1, D(2026, 4, 10)),
            (2, D(2026, 7, 10)),
            (3, D(2026, 10, 10)),
            (4, D(2027, 1, 10)),
        ]:
            with self.subTest(quarter=quarter, deadline=deadline):
                assert scorecard_deadline(2026, "quarter", quarter) == deadline

    def test_kpi09_annual_deadline_15_january(self):
        assert scorecard_deadline(2026, "year") == D(2027, 1, 15)
        assert scorecard_deadline(2026, "year", day_year=20) == D(2027, 1, 20)

    def test_kpi09_working_days_skip_weekends(self):
        # Friday 2026-01-02 + 1 working day = Monday 2026-01-05
        assert add_working_days(D(2026, 1, 2), 1) == D(2026, 1, 5)
        assert add_working_days(D(2026, 1, 2), 0) == D(2026, 1, 2)
        with self.assertRaises(EngineError):
            add_working_days(D(2026, 1, 2), -1)

    def test_kpi03_analysis_report_due_10_working_days_after_quarter(self):
        # Q1 2026 ends Tuesday 31 March; 10 working days -> Tuesday 14 April
        assert analysis_report_due(2026, "quarter", 1) == D(2026, 4, 14)
        # annual: 31 Dec 2026 (Thursday) + 15 working days -> Thursday 21 Jan 2027
        assert analysis_report_due(2026, "year") == D(2027, 1, 21)

    def test_kpi03_analysis_report_due_honours_calendar_holidays(self):
        holidays = {D(2026, 4, 6), D(2026, 4, 7)}  # e.g. Qingming days off

        def working(day):
            return day.weekday() < 5 and day not in holidays

        assert analysis_report_due(2026, "quarter", 1, is_working_day=working) == D(
            2026, 4, 16
        )

    def test_kpi09_calendar_without_working_day_rejected(self):
        with self.assertRaises(EngineError):
            add_working_days(D(2026, 1, 1), 1, is_working_day=lambda day: False)

    def test_kpi01_period_keys_and_previous_periods(self):
        assert period_key("quarter", 2025, "1") == "2025-Q1"
        assert period_key("year", 2025) == "2025"
        assert previous_period("quarter", 2025, "1") == (2024, "4")
        assert previous_period("quarter", 2025, 3) == (2025, "2")
        assert previous_period("year", 2025) == (2024, None)
        # property: walking back four quarters is the same quarter a year before
        for quarter in "1234":
            year, back = 2025, quarter
            for __ in range(4):
                year, back = previous_period("quarter", year, back)
            assert (year, back) == (2024, quarter)
            # and the keys sort as the periods do
            assert period_key("quarter", 2024, quarter) < period_key(
                "quarter", 2025, "1"
            )
