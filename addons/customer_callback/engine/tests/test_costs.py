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
            "budget_use": 50.0,
        }
        # no budget set: no percentage
        assert result[("Team B", "2026-Q1")]["budget_use"] is None
