"""Pure scoring engine of callback_kpi (回访考核): no Odoo import.

The ORM layer (``callback_kpi.models``) turns its records into the plain
objects defined here and stores the results; every rule of SPEC section 3 that
is a calculation lives in this package and is tested without Odoo (``engine/tests``).
"""

from .annual import annual_score
from .criteria import (
    BonusMeasure,
    Criterion,
    CriterionResult,
    EventMeasure,
    RateMeasure,
    score_criterion,
)
from .deadlines import (
    add_working_days,
    analysis_report_due,
    period_bounds,
    scorecard_deadline,
)
from .grading import (
    BONUS_CAP,
    DEFAULT_SCALE,
    SHARES_TOTAL,
    GradeScale,
    ScoreResult,
    card_total,
    check_shares,
    score_card,
)
from .reports import ReportEvents, report_events
from .rewards import RewardOutcome, RewardPolicy, consecutive_e_count, reward_outcome

__all__ = [
    "BONUS_CAP",
    "DEFAULT_SCALE",
    "SHARES_TOTAL",
    "BonusMeasure",
    "Criterion",
    "CriterionResult",
    "EventMeasure",
    "GradeScale",
    "RateMeasure",
    "ReportEvents",
    "RewardOutcome",
    "RewardPolicy",
    "ScoreResult",
    "add_working_days",
    "analysis_report_due",
    "annual_score",
    "card_total",
    "check_shares",
    "consecutive_e_count",
    "period_bounds",
    "report_events",
    "reward_outcome",
    "score_card",
    "score_criterion",
    "scorecard_deadline",
]
