"""KPI-06 annual formula, KPI-07 rewards and consecutive E (pure engine)."""

import datetime

from ..annual import annual_score
from ..errors import EngineError
from ..rewards import (
    RewardPolicy,
    consecutive_e_count,
    reward_outcome,
)
from . import EngineCase


class TestAnnual(EngineCase):
    def test_kpi06_annual_is_quarter_average_60_and_year_end_40(self):
        # avg(80, 90, 70, 100) = 85 -> 51 + 0.4 * 75 = 30 -> 81
        assert annual_score([80, 90, 70, 100], 75) == 81
        self.assertAlmostEqual(annual_score([95.5], 90), 93.3)

    def test_kpi06_missing_quarters_not_counted_as_zero(self):
        assert annual_score([80, None, 90, None], 85) == 85

    def test_kpi06_weights_are_settings(self):
        assert annual_score([80], 100, quarter_weight=50, year_end_weight=50) == 90
        with self.assertRaises(EngineError):
            annual_score([80], 100, quarter_weight=70, year_end_weight=40)

    def test_kpi06_x03_bad_input_rejected(self):
        with self.assertRaises(EngineError):
            annual_score([], 80)
        with self.assertRaises(EngineError):
            annual_score([80, 80, 80, 80, 80], 80)
        with self.assertRaises(EngineError):
            annual_score([80], -1)

    def test_kpi07_a_and_b_earn_bonus_c_d_neither(self):
        policy = RewardPolicy(amount_a=800, amount_b=300)
        assert reward_outcome("A", policy=policy).reward_amount == 800
        assert reward_outcome("B", policy=policy).reward_amount == 300
        for grade in ("C", "D"):
            outcome = reward_outcome(grade, ["E"], policy=policy)
            assert outcome.reward_amount == 0
            assert not outcome.improvement_plan
            assert outcome.pay_deduction_pct == 0

    def test_kpi07_e_requires_improvement_plan_with_deadline(self):
        outcome = reward_outcome(
            "E",
            ["A", "C"],
            RewardPolicy(improvement_days=20),
            approved_on=datetime.date(2026, 4, 8),
        )
        assert outcome.improvement_plan
        assert outcome.improvement_deadline == datetime.date(2026, 4, 28)
        assert outcome.pay_deduction_pct == 0
        assert outcome.reward_amount == 0

    def test_kpi07_two_consecutive_e_deduct_pay(self):
        policy = RewardPolicy(pay_deduction_pct=15)
        outcome = reward_outcome("E", ["B", "E"], policy)
        assert outcome.consecutive_e == 2
        assert outcome.pay_deduction_pct == 15
        # an E, then a D, then an E again is not consecutive
        assert reward_outcome("E", ["E", "D"], policy).pay_deduction_pct == 0
        # a gap (no scorecard) breaks the run
        assert reward_outcome("E", ["E", None], policy).pay_deduction_pct == 0

    def test_kpi07_consecutive_e_count(self):
        assert consecutive_e_count([]) == 0
        assert consecutive_e_count(["E", "E", "A"]) == 0
        assert consecutive_e_count(["A", "E", "E", "E"]) == 3
        assert consecutive_e_count(["E"]) == 1

    def test_kpi07_x03_bad_policy_rejected(self):
        with self.assertRaises(EngineError):
            RewardPolicy(amount_a=-1)
        with self.assertRaises(EngineError):
            RewardPolicy(pay_deduction_pct=120)
