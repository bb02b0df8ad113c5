"""KPI-07 rewards and penalties, and consecutive E grades.

A and B earn a bonus amount; C and D neither; E requires an improvement plan
with a deadline; two consecutive E grades deduct a percentage of performance
pay. All amounts are settings."""

import datetime
from dataclasses import dataclass

from .errors import EngineError


@dataclass(frozen=True)
class RewardPolicy:
    amount_a: float = 1000.0
    amount_b: float = 500.0
    improvement_days: int = 30
    pay_deduction_pct: float = 10.0
    consecutive_e: int = 2

    def __post_init__(self):
        if min(self.amount_a, self.amount_b, self.improvement_days) < 0 or not (
            0 <= self.pay_deduction_pct <= 100
        ):
            raise EngineError(
                "reward_policy",
                "Reward amounts and days cannot be negative and the pay "
                "deduction is a percentage between 0 and 100.",
            )


@dataclass
class RewardOutcome:
    reward_amount: float = 0.0
    improvement_plan: bool = False
    improvement_deadline: datetime.date | None = None
    pay_deduction_pct: float = 0.0
    consecutive_e: int = 0


def consecutive_e_count(grades):
    """Length of the run of E grades at the end of ``grades`` (oldest first;
    ``None`` entries, e.g. a period without scorecard, break the run)."""
    count = 0
    for grade in reversed(list(grades)):
        if grade != "E":
            break
        count += 1
    return count


def reward_outcome(grade, previous_grades=(), policy=None, approved_on=None):
    """KPI-07 outcome of ``grade`` given the grades of the previous periods
    (oldest first)."""
    policy = policy or RewardPolicy()
    outcome = RewardOutcome()
    if grade == "A":
        outcome.reward_amount = policy.amount_a
    elif grade == "B":
        outcome.reward_amount = policy.amount_b
    elif grade == "E":
        outcome.improvement_plan = True
        if approved_on is not None:
            outcome.improvement_deadline = approved_on + datetime.timedelta(
                days=policy.improvement_days
            )
        outcome.consecutive_e = consecutive_e_count([*previous_grades, grade])
        if outcome.consecutive_e >= policy.consecutive_e:
            outcome.pay_deduction_pct = policy.pay_deduction_pct
    return outcome
