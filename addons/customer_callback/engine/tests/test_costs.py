"""CB-20: callback costs, the per-callback limit and the team budget."""

from ..costs import check_amount, split_claim, team_figures
from ..errors import CallbackRuleError
from . import EngineCase


class TestCosts(EngineCase):
    def test_cb20_within_limit_all_reimbursed(self):
        assert split_claim(80.0, 0.0, 100.0) == (80.0, 0.0)

    def test_cb20_excess_above_limit_is_the_staff_members(self):
        assert split_claim(130.0, 0.0, 100.0) == (100.0, 30.0)

    def test_cb20_limit_is_per_callback_across_claims(self):
        assert split_claim(50.0, 80.0, 100.0) == (20.0, 30.0)
        assert split_claim(50.0, 100.0, 100.0) == (0.0, 50.0)
        assert split_claim(50.0, 120.0, 100.0) == (0.0, 50.0)

    def test_cb20_no_limit_reimburses_all(self):
        assert split_claim(5000.0, 0.0, 0.0) == (5000.0, 0.0)

    def test_cb20_cost_must_be_positive(self):
        for amount in [0, -5, None]:
            with self.subTest(amount=amount):
                with self.assertRaises(CallbackRuleError):
                    check_amount(amount)
                with self.assertRaises(CallbackRuleError):
                    split_claim(amount, 0.0, 100.0)

    def test_cb20_negative_limit_refused(self):
        with self.assertRaises(CallbackRuleError):
            split_claim(10.0, 0.0, -1.0)

    def test_cb20_reimbursed_plus_excess_is_the_claim(self):
        for amount in (0.01, 1.0, 99.99, 100.0, 100.01, 250.5):
            for before in (0.0, 30.0, 100.0):
                paid, excess = split_claim(amount, before, 100.0)
                assert round(paid + excess, 2) == round(amount, 2)
                assert paid >= 0 and excess >= 0
                assert before + paid <= 100.0 + 1e-9 or paid == 0

    def test_cb20_team_cost_against_team_budget(self):
        costs = [
            ("Team A", "2026-Q1", 100.0, 0.0),
            ("Team A", "2026-Q1", 200.0, 30.0),
            ("Team B", "2026-Q1", 50.0, 0.0),
        ]
        result = team_figures(costs, {"Team A": 600.0})
        assert result[("Team A", "2026-Q1")] == {
            "cost": 300.0,
            "excess": 30.0,
            "budget": 600.0,
            "difference": 300.0,
            "budget_use": 50.0,
        }
        # no budget set: no percentage
        assert result[("Team B", "2026-Q1")]["budget_use"] is None

    def test_cb20_overspent_team_has_a_negative_difference(self):
        result = team_figures([("T", "2026-Q2", 450.0, 20.0)], {"T": 400.0})
        row = result[("T", "2026-Q2")]
        assert (row["difference"], row["budget_use"], row["excess"]) == (
            -50.0,
            112.5,
            20.0,
        )

    def test_cb20_a_budgeted_team_that_spent_nothing_shows_its_quarters(self):
        """CB-20: the screen lists each budgeted team in each quarter asked for,
        even without a claim; a team without budget nor claim is left out."""
        result = team_figures(
            [("A", "2026-Q1", 100.0, 0.0)],
            {"A": 300.0, "B": 200.0, "C": 0.0},
            quarters=["2026-Q1", "2026-Q2"],
        )
        assert set(result) == {
            ("A", "2026-Q1"),
            ("A", "2026-Q2"),
            ("B", "2026-Q1"),
            ("B", "2026-Q2"),
        }
        assert result[("B", "2026-Q2")] == {
            "cost": 0.0,
            "excess": 0.0,
            "budget": 200.0,
            "difference": 200.0,
            "budget_use": 0.0,
        }
        assert result[("A", "2026-Q1")]["difference"] == 200.0

    def test_cb20_property_difference_and_use_follow_cost_and_budget(self):
        import random

        rng = random.Random(20)
        for _ in range(200):
            budget = rng.choice([0.0, 100.0, 250.0, 1000.0])
            claims = [
                (
                    "T",
                    "2026-Q1",
                    round(rng.uniform(0, 300), 2),
                    round(rng.uniform(0, 50), 2),
                )
                for _ in range(rng.randint(1, 6))
            ]
            row = team_figures(claims, {"T": budget})[("T", "2026-Q1")]
            cost = round(sum(c[2] for c in claims), 2)
            assert row["cost"] == cost
            assert abs(row["difference"] - (budget - cost)) < 0.011
            assert row["excess"] == round(sum(c[3] for c in claims), 2)
            if budget:
                assert abs(row["budget_use"] - 100 * cost / budget) < 0.011
            else:
                assert row["budget_use"] is None
