"""KPI-03: the seven criteria shipped as default data (the regulation's table
leaves the numbers blank; these are the defaults, all editable settings).
Must stay in line with ``data/kpi_criterion_data.xml``."""

from .criteria import BonusMeasure, Criterion, EventMeasure, RateMeasure

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
