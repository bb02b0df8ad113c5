"""CB-19 (dealer customer files, deposit deductions) and CB-15 per dealer."""

from datetime import date

from ..dealers import (
    DEDUCTION_MAX,
    DEDUCTION_MIN,
    FALSIFICATION_AMOUNT,
    check_deduction,
    dealer_figures,
    dealer_rows,
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

    def test_cb15_cb19_dealer_screen_rows(self):
        """CB-15 CB-19: per dealer and quarter, the weighted satisfaction (0.3
        after-sale + 0.7 after-service) ranked within the quarter, the late or
        incomplete files, the deductions recorded and confirmed."""
        files = [
            ("A", "2026-Q1", True, False),
            ("A", "2026-Q1", False, True),
            ("B", "2026-Q1", False, False),
        ]
        figures = dealer_figures(files, [("A", "2026-Q1", 2000.0)])
        deductions = [
            ("A", "2026-Q1", True, 1, 2000.0),
            ("A", "2026-Q1", False, 2, 9000.0),
            ("C", "2026-Q2", False, 1, 1000.0),
        ]
        satisfaction = {
            ("A", "2026-Q1"): (80.0, 90.0),  # 87
            ("B", "2026-Q1"): (100.0, 80.0),  # 86
            ("B", "2026-Q2"): (None, 70.0),  # 70, alone in Q2
        }
        rows = dealer_rows(figures, deductions, satisfaction, 0.3, 0.7)
        a1 = rows[("A", "2026-Q1")]
        assert (a1["weighted"], a1["rank"]) == (87.0, 1)
        assert (a1["files"], a1["late"], a1["incomplete"], a1["flagged"]) == (
            2,
            1,
            1,
            2,
        )
        assert (a1["recorded_count"], a1["recorded_amount"]) == (3, 11000.0)
        assert (a1["confirmed_count"], a1["confirmed_amount"]) == (1, 2000.0)
        assert a1["deducted"] == 2000.0
        b1 = rows[("B", "2026-Q1")]
        assert (b1["weighted"], b1["rank"], b1["flagged"]) == (86.0, 2, 0)
        assert (rows[("B", "2026-Q2")]["rank"], rows[("B", "2026-Q2")]["weighted"]) == (
            1,
            70.0,
        )
        c2 = rows[("C", "2026-Q2")]
        assert (c2["rank"], c2["weighted"], c2["files"]) == (None, None, 0)
        assert (c2["recorded_count"], c2["confirmed_count"]) == (1, 0)
        assert set(rows) == {
            ("A", "2026-Q1"),
            ("B", "2026-Q1"),
            ("B", "2026-Q2"),
            ("C", "2026-Q2"),
        }

    def test_cb15_dealer_screen_ties_share_a_rank_and_weights_are_the_companys(self):
        satisfaction = {("A", "Q"): (90.0, 70.0), ("B", "Q"): (70.0, 90.0)}
        # 0.5 / 0.5: both 80, both first
        rows = dealer_rows({}, (), satisfaction, 0.5, 0.5)
        assert rows[("A", "Q")]["rank"] == rows[("B", "Q")]["rank"] == 1
        # the default weights (0.3 / 0.7): B first
        rows = dealer_rows({}, (), satisfaction)
        assert (rows[("B", "Q")]["rank"], rows[("A", "Q")]["rank"]) == (1, 2)
        assert rows[("B", "Q")]["weighted"] == 84.0

    def test_cb15_property_rank_order_follows_weighted(self):
        import random

        rng = random.Random(15)
        for _ in range(100):
            satisfaction = {
                (f"D{i}", "Q"): (
                    rng.choice([None, rng.randint(0, 100)]),
                    rng.choice([None, rng.randint(0, 100)]),
                )
                for i in range(rng.randint(1, 8))
            }
            rows = dealer_rows({}, (), satisfaction)
            ranked = [r for r in rows.values() if r["rank"] is not None]
            for x in ranked:
                for y in ranked:
                    if x["weighted"] > y["weighted"]:
                        assert x["rank"] < y["rank"]
                    if x["weighted"] == y["weighted"]:
                        assert x["rank"] == y["rank"]
            for row in rows.values():
                assert (row["rank"] is None) == (row["weighted"] is None)
