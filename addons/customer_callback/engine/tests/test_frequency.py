"""CB-01 / CB-04: tier frequencies and quarters in the customer_callback engine."""

from datetime import date, datetime

from ..errors import CallbackRuleError
from ..frequency import (
    add_months,
    due_in_quarter,
    due_partners,
    is_due,
    months_for,
    next_due_date,
    next_quarter,
    parse_quarter,
    quarter_bounds,
    quarter_key,
    quarter_keys,
    quarter_of,
)
from . import EngineCase


class TestFrequency(EngineCase):
    def test_cb01_default_frequency_per_tier(self):
        for tier, months in [("high", 3), ("medium", 6), ("low", 12)]:
            with self.subTest(tier=tier, months=months):
                assert months_for(tier) == months

    def test_cb01_frequency_is_a_setting(self):
        assert months_for("high", {"high": 2}) == 2

    def test_cb01_unknown_tier_refused(self):
        with self.assertRaises(CallbackRuleError):
            months_for("vip")

    def test_cb01_zero_frequency_refused(self):
        with self.assertRaises(CallbackRuleError):
            months_for("low", {"low": 0})

    def test_cb01_next_due_high_one_quarter_later(self):
        assert next_due_date(date(2026, 1, 15), "high") == date(2026, 4, 15)

    def test_cb01_next_due_medium_six_months(self):
        assert next_due_date(date(2026, 1, 15), "medium") == date(2026, 7, 15)

    def test_cb01_next_due_low_one_year(self):
        assert next_due_date(datetime(2026, 1, 15, 10), "low") == date(2027, 1, 15)

    def test_cb01_never_called_is_due_today(self):
        assert next_due_date(None, "low", today=date(2026, 5, 1)) == date(2026, 5, 1)
        assert is_due(None, "high", date(2026, 5, 1))

    def test_cb01_not_due_before_the_frequency(self):
        assert not is_due(date(2026, 1, 15), "high", date(2026, 4, 14))
        assert is_due(date(2026, 1, 15), "high", date(2026, 4, 15))

    def test_cb01_month_end_is_clamped(self):
        assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
        assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)

    def test_cb01_due_partners_mixed_tiers(self):
        today = date(2026, 7, 1)
        tiers = {1: "high", 2: "medium", 3: "low", 4: "low"}
        last = {1: date(2026, 3, 31), 2: date(2026, 3, 1), 3: date(2026, 1, 1)}
        assert due_partners(last, tiers, today) == [1, 4]

    def test_cb04_quarter_of_and_bounds(self):
        assert quarter_of(date(2026, 5, 17)) == (2026, 2)
        assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
        assert quarter_bounds(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))

    def test_cb04_quarter_label_and_next(self):
        assert quarter_key(datetime(2026, 12, 31, 23, 59)) == "2026-Q4"
        assert next_quarter(2026, 4) == (2027, 1)
        assert next_quarter(2026, 2) == (2026, 3)

    def test_cb04_bad_quarter_refused(self):
        with self.assertRaises(CallbackRuleError):
            quarter_bounds(2026, 5)

    def test_cb04_due_in_quarter_uses_quarter_end(self):
        assert due_in_quarter(date(2026, 3, 20), "high", 2026, 2)
        assert not due_in_quarter(date(2026, 4, 2), "high", 2026, 2)

    def test_cb04_property_every_month_in_its_quarter(self):
        for month in range(1, 13):
            with self.subTest(month=month):
                year, quarter = quarter_of(date(2026, month, 10))
                first, last = quarter_bounds(year, quarter)
                assert first <= date(2026, month, 10) <= last

    def test_cb14_quarter_keys_of_a_period(self):
        # KPI-04 reads a period's callback figures quarter by quarter
        assert quarter_keys(date(2026, 1, 1), date(2026, 3, 31)) == ["2026-Q1"]
        assert quarter_keys(date(2026, 1, 1), date(2026, 12, 31)) == [
            "2026-Q1",
            "2026-Q2",
            "2026-Q3",
            "2026-Q4",
        ]
        assert quarter_keys(date(2025, 11, 5), datetime(2026, 2, 1, 8)) == [
            "2025-Q4",
            "2026-Q1",
        ]
        assert quarter_keys(date(2026, 4, 1), date(2026, 3, 31)) == []

    def test_cb21_x07_a_quarter_is_written_exactly(self):
        """CB-21 CB-19 X-07: a quarter key is compared as text (one spot
        check a quarter, the deductions of a quarter): a text that reads as
        the same quarter (spaces, full-width digits) is refused, not taken
        for another quarter."""
        assert parse_quarter("2026-Q1") == (2026, 1)
        assert parse_quarter("1999-Q4") == (1999, 4)
        for bad in (
            "2026-Q1 ",
            " 2026-Q1",
            "2026-Q1\n",
            "2026-Q1\u00a0",
            "\uff12\uff10\uff12\uff16-Q1",
            "2026-q1",
            "2026-Q5",
            "26-Q1",
            "",
            None,
            20261,
        ):
            with self.subTest(bad=bad), self.assertRaises(CallbackRuleError) as err:
                parse_quarter(bad)
            assert err.exception.code == "quarter_key"
