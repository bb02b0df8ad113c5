"""CB-19 (dealer customer files, deposit deductions) and CB-15 per dealer."""

from datetime import date

from ..dealers import (
    DEDUCTION_MAX,
    DEDUCTION_MIN,
    FALSIFICATION_AMOUNT,
    check_deduction,
    dealer_figures,
    file_late,
    missing_file_fields,
)
from ..errors import CallbackRuleError
from ..figures import ranking
from . import EngineCase

COMPLETE = {"name": "Li Lei", "phone": "13800000000", "street": "1 Road", "city": "X"}


class TestDealers(EngineCase):
    def test_cb19_complete_file_misses_nothing(self):
        assert missing_file_fields(COMPLETE) == []

    def test_cb19_each_missing_field_is_named(self):
        for field in ["name", "phone", "street", "city"]:
            with self.subTest(field=field):
                values = dict(COMPLETE, **{field: False})
                assert missing_file_fields(values) == [field]

    def test_cb19_blank_text_is_missing_and_mobile_stands_for_phone(self):
        assert missing_file_fields(dict(COMPLETE, name="   ")) == ["name"]
        assert missing_file_fields(dict(COMPLETE, phone="", mobile="139")) == []
        assert missing_file_fields({}) == ["name", "phone", "street", "city"]

    def test_cb19_file_on_the_event_day_is_on_time_the_day_after_late(self):
        day = date(2026, 3, 2)
        assert not file_late(day, day)
        assert not file_late(date(2026, 3, 1), day)
        assert file_late(date(2026, 3, 3), day)

    def test_cb19_unknown_days_are_never_late(self):
        assert not file_late(None, date(2026, 3, 2))
        assert not file_late(date(2026, 3, 2), None)

    def test_cb19_deduction_between_1000_and_10000(self):
        for amount in [DEDUCTION_MIN, 5000.0, DEDUCTION_MAX]:
            with self.subTest(amount=amount):
                assert check_deduction(amount) == amount

    def test_cb19_deduction_outside_range_refused(self):
        for amount in [0.0, 999.99, 10000.01, -1000.0, None]:
            with self.subTest(amount=amount), self.assertRaises(CallbackRuleError):
                check_deduction(amount)

    def test_cb19_falsification_costs_exactly_10000(self):
        assert check_deduction(FALSIFICATION_AMOUNT, falsification=True) == 10000.0
        with self.assertRaises(CallbackRuleError) as error:
            check_deduction(5000.0, falsification=True)
        assert error.exception.code == "deduction_falsification"

    def test_cb19_figures_per_dealer_and_quarter(self):
        files = [
            ("A", "2026-Q1", False, False),
            ("A", "2026-Q1", True, False),
            ("A", "2026-Q1", True, True),
            ("A", "2026-Q2", False, True),
            ("B", "2026-Q1", False, False),
        ]
        deductions = [("A", "2026-Q1", 1000.0), ("A", "2026-Q1", 10000.0)]
        result = dealer_figures(files, deductions)
        assert result[("A", "2026-Q1")] == {
            "files": 3,
            "late": 2,
            "incomplete": 1,
            "flagged": 2,
            "deducted": 11000.0,
        }
        assert result[("A", "2026-Q2")]["incomplete"] == 1
        assert result[("B", "2026-Q1")]["flagged"] == 0

    def test_cb19_deduction_without_files_still_counts(self):
        result = dealer_figures([], [("C", "2026-Q3", 2000.0)])
        assert result[("C", "2026-Q3")] == {
            "files": 0,
            "late": 0,
            "incomplete": 0,
            "flagged": 0,
            "deducted": 2000.0,
        }

    def test_cb15_dealers_ranked_not_customers(self):
        """CB-15: two customers of one dealer are one entry of the ranking."""
        ranked = ranking({"Dealer A": (80.0, 90.0), "Dealer B": (100.0, 70.0)})
        assert ranked == [(1, "Dealer A", 87.0), (2, "Dealer B", 79.0)]
