"""The engine's defaults, which the addon ships as data and settings.

KPI-03: the seven criteria shipped as default data (the regulation's table
leaves the numbers blank; these are the defaults, all editable settings).
``DEFAULT_CRITERIA`` is ``data/kpi_criterion_data.xml`` and
``DEFAULT_COMPANY_SETTINGS`` the defaults of the company's ``kpi_*`` settings:
the addon's tests compare both with the installed data.
"""

from .annual import QUARTER_WEIGHT, YEAR_END_WEIGHT
from .criteria import BonusMeasure, Criterion, EventMeasure, RateMeasure
from .deadlines import (
    DEADLINE_DAY_QUARTER,
    DEADLINE_DAY_YEAR,
    REPORT_DAYS_QUARTER,
    REPORT_DAYS_YEAR,
)
from .grading import BONUS_CAP, DEFAULT_SCALE
from .rewards import RewardPolicy

DEFAULT_REWARD_POLICY = RewardPolicy()

# res.company field -> default (KPI-02, 05, 06, 07, 09, 03)
DEFAULT_COMPANY_SETTINGS = {
    "kpi_grade_a": DEFAULT_SCALE.a,
    "kpi_grade_b": DEFAULT_SCALE.b,
    "kpi_grade_c": DEFAULT_SCALE.c,
    "kpi_grade_d": DEFAULT_SCALE.d,
    "kpi_bonus_cap": BONUS_CAP,
    "kpi_annual_quarter_weight": QUARTER_WEIGHT,
    "kpi_annual_year_end_weight": YEAR_END_WEIGHT,
    "kpi_reward_a": DEFAULT_REWARD_POLICY.amount_a,
    "kpi_reward_b": DEFAULT_REWARD_POLICY.amount_b,
    "kpi_improvement_days": DEFAULT_REWARD_POLICY.improvement_days,
    "kpi_pay_deduction_pct": DEFAULT_REWARD_POLICY.pay_deduction_pct,
    "kpi_deadline_day_quarter": DEADLINE_DAY_QUARTER,
    "kpi_deadline_day_year": DEADLINE_DAY_YEAR,
    "kpi_report_days_quarter": REPORT_DAYS_QUARTER,
    "kpi_report_days_year": REPORT_DAYS_YEAR,
}

DEFAULT_CRITERIA = (
    Criterion(
        "TIME",
        20,
        events=(EventMeasure("late_callbacks", 2, zero_above=10),),
        name="Timeliness",
    ),
    Criterion(
        "QTY",
        25,
        rates=(
            RateMeasure("callback_rate", 100, 5, 2, floor=80),
            RateMeasure("success_rate", 90, 5, 2, floor=60),
        ),
        zero_when_floors=True,
        name="Quantity and quality",
    ),
    Criterion(
        "PROC",
        15,
        events=(EventMeasure("manual", 3, zero_above=5),),
        name="Process compliance",
    ),
    Criterion(
        "DESIGN",
        10,
        events=(EventMeasure("manual", 2, zero_above=5),),
        name="Content design",
    ),
    Criterion(
        "REC",
        10,
        events=(EventMeasure("missing_records", 1, zero_above=10),),
        rates=(RateMeasure("questionnaire_return", 80, 10, 1),),
        name="Records",
    ),
    Criterion(
        "REPORT",
        10,
        events=(EventMeasure("late_reports", 5, zero_above=2),),
        bonuses=(BonusMeasure("adopted_suggestions", 1),),
        name="Analysis reports",
    ),
    Criterion(
        "COST",
        10,
        events=(EventMeasure("manual", 2),),
        rates=(RateMeasure("cost_overrun", 0, 5, 2, direction="above"),),
        name="Cost control",
    ),
)
