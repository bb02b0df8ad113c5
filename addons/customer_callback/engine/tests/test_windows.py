"""CB-02 / CB-03 / CB-16: deadline windows of the customer_callback engine."""

from datetime import date, datetime

from ..errors import CallbackRuleError
from ..windows import (
    DAYS,
    HOURS,
    WORKING_DAYS,
    add_working_days,
    at_preferred_time,
    check_window,
    compute_window,
    window_working_dates,
)
from . import EngineCase

FRIDAY = datetime(2026, 1, 9, 15, 0)


class TestWindows(EngineCase):
    def test_cb02_sale_three_calendar_days(self):
        start, end = compute_window(FRIDAY, 0, 3, DAYS)
        assert start == FRIDAY
        assert end == datetime(2026, 1, 12, 15, 0)

    def test_cb02_repair_three_to_five_days(self):
        start, end = compute_window(FRIDAY, 3, 5, DAYS)
        assert (start.date(), end.date()) == (date(2026, 1, 12), date(2026, 1, 14))

    def test_cb02_complaint_two_days(self):
        assert compute_window(FRIDAY, 0, 2, DAYS)[1] == datetime(2026, 1, 11, 15, 0)

    def test_cb02_delivery_installation_24_hours(self):
        for trigger in ["delivery", "installation"]:
            with self.subTest(trigger=trigger):
                assert compute_window(FRIDAY, 0, 24, HOURS)[1] == datetime(
                    2026, 1, 10, 15, 0
                )

    def test_cb02_account_opening_three_working_days_skip_weekend(self):
        # Friday + 3 working days (Mon-Fri week) = Wednesday
        assert compute_window(FRIDAY, 0, 3, WORKING_DAYS)[1] == datetime(
            2026, 1, 14, 15, 0
        )

    def test_cb02_working_days_honour_a_holiday_set(self):
        worked = window_working_dates(date(2026, 1, 9), 20, lambda d: d.weekday() < 5)
        worked.discard(date(2026, 1, 12))  # a company holiday on Monday
        assert add_working_days(FRIDAY, 3, worked) == datetime(2026, 1, 15, 15, 0)

    def test_cb02_working_days_with_callable_six_day_week(self):
        def six_days(day):
            return day.weekday() < 6

        assert add_working_days(FRIDAY, 1, six_days).date() == date(2026, 1, 10)

    def test_cb02_zero_working_days_is_the_event(self):
        assert add_working_days(FRIDAY, 0) == FRIDAY

    def test_cb02_working_days_on_plain_dates(self):
        assert add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)

    def test_cb02_calendar_without_working_day_raises(self):
        with self.assertRaises(CallbackRuleError) as err:
            add_working_days(FRIDAY, 1, set())
        assert err.exception.code == "no_working_day"

    def test_cb03_second_level_after_first(self):
        first = compute_window(FRIDAY, 0, 3, DAYS)
        second = compute_window(FRIDAY, 4, 7, DAYS)
        assert second[0] > first[1] - (first[1] - first[0])
        assert second[1] == datetime(2026, 1, 16, 15, 0)

    def test_x03_window_end_before_start_refused(self):
        with self.assertRaises(CallbackRuleError) as err:
            check_window(5, 3)
        assert err.exception.code == "window_order"
        assert err.exception.params == {"start": 5, "end": 3}

    def test_x03_negative_window_refused(self):
        with self.assertRaises(CallbackRuleError):
            compute_window(FRIDAY, -1, 3, DAYS)

    def test_x03_missing_bound_refused(self):
        with self.assertRaises(CallbackRuleError):
            check_window(None, 3)

    def test_x03_unknown_unit_refused(self):
        with self.assertRaises(CallbackRuleError):
            compute_window(FRIDAY, 0, 3, "fortnights")

    def test_cb02_equal_bounds_allowed(self):
        start, end = compute_window(FRIDAY, 2, 2, DAYS)
        assert start == end

    def test_cb16_preferred_time_moves_to_that_hour(self):
        assert at_preferred_time(FRIDAY, 9.5) == datetime(2026, 1, 9, 9, 30)

    def test_cb16_no_preferred_time_keeps_moment(self):
        assert at_preferred_time(FRIDAY, None) == FRIDAY
        assert at_preferred_time(FRIDAY, False) == FRIDAY

    def test_cb16_midnight_is_a_preference(self):
        assert at_preferred_time(FRIDAY, 0.0) == datetime(2026, 1, 9, 0, 0)

    def test_cb16_preferred_time_out_of_range(self):
        with self.assertRaises(CallbackRuleError):
            at_preferred_time(FRIDAY, 25)

    def test_cb02_property_working_days_land_on_a_working_day(self):
        for days in range(15):
            with self.subTest(days=days):
                end = add_working_days(FRIDAY, days)
                assert days == 0 or end.weekday() < 5
                assert end >= FRIDAY
