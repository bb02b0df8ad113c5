"""CB-14 / CB-15: figures and weighted satisfaction ranking."""

from ..errors import CallbackRuleError
from ..figures import (
    average,
    budget_use,
    callback_rate,
    check_weights,
    figures,
    ranking,
    rates,
    success_rate,
    weighted_satisfaction,
)
from . import EngineCase


class TestFigures(EngineCase):
    def test_cb14_callback_rate(self):
        assert callback_rate(8, 10) == 80.0
        assert callback_rate(0, 0) == 0.0

    def test_cb14_success_rate(self):
        assert success_rate(2, 3) == 66.67

    def test_cb14_budget_use(self):
        assert budget_use(1500, 1000) == 150.0
        assert budget_use(10, 0) is None

    def test_cb14_all_figures(self):
        result = figures(
            due=10,
            done=8,
            late=2,
            reached=6,
            attempted=8,
            answered=4,
            satisfaction_sum=160.0,
            satisfaction_count=2,
            cost=50,
            budget=100,
        )
        assert result["callback_rate"] == 80.0
        assert result["success_rate"] == 75.0
        assert result["on_time_rate"] == 75.0
        assert result["return_rate"] == 50.0
        assert result["avg_satisfaction"] == 80.0
        assert result["budget_use"] == 50.0

    def test_cb14_empty_group(self):
        result = figures()
        assert result["callback_rate"] == 0.0
        assert result["avg_satisfaction"] == 0.0

    def test_cb14_average_skips_empty(self):
        assert average([80, None, 60]) == 70.0
        assert average([]) is None

    def test_cb15_default_weights(self):
        assert weighted_satisfaction(80, 90) == 87.0

    def test_cb15_configurable_weights(self):
        assert weighted_satisfaction(80, 90, 0.5, 0.5) == 85.0

    def test_cb15_one_side_missing(self):
        assert weighted_satisfaction(None, 90) == 90.0
        assert weighted_satisfaction(70, None) == 70.0
        assert weighted_satisfaction(None, None) is None

    def test_x03_bad_weights_refused(self):
        for sale, service in [(0.5, 0.6), (-0.1, 1.1), (None, 1)]:
            with (
                self.subTest(sale=sale, service=service),
                self.assertRaises(CallbackRuleError),
            ):
                check_weights(sale, service)

    def test_cb15_ranking_best_first_ties_share_rank(self):
        result = ranking(
            {
                "north": (80, 90),
                "south": (90, 80),
                "east": (100, 80),
                "west": (None, None),
            }
        )
        assert result == [
            (1, "north", 87.0),
            (2, "east", 86.0),
            (3, "south", 83.0),
            (None, "west", None),
        ]

    def test_cb15_ranking_ties(self):
        result = ranking({"a": (80, 80), "b": (80, 80), "c": (50, 50)})
        assert [r[0] for r in result] == [1, 1, 3]

    def test_cb14_rates_from_summed_counts_unrounded(self):
        counts = {
            "due_count": 10,
            "done_count": 8,
            "on_time_count": 5,
            "record_count": 7,
            "reached_count": 5,
            "returned_count": 4,
            "answered_count": 4,
            "satisfaction_sum": 320.0,
            "cost": 1400.0,
            "budget": 1000.0,
        }
        assert rates(counts) == {
            "callback_rate": 80.0,
            "success_rate": 500 / 7,
            "on_time_rate": 62.5,
            "return_rate": 400 / 7,
            "avg_satisfaction": 80.0,
            "budget_use": 140.0,
        }

    def test_cb14_rates_unknown_without_denominator(self):
        counts = dict.fromkeys(
            (
                "due_count",
                "done_count",
                "on_time_count",
                "record_count",
                "reached_count",
                "returned_count",
                "answered_count",
                "satisfaction_sum",
                "cost",
                "budget",
            ),
            0,
        )
        counts["cost"] = 50.0
        assert set(rates(counts).values()) == {None}
