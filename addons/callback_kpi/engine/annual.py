"""KPI-06: annual score = average of the year's quarterly scores x 60 % +
year-end assessment x 40 % (weights are settings)."""

from .errors import EngineError

QUARTER_WEIGHT = 60.0
YEAR_END_WEIGHT = 40.0


def annual_score(
    quarterly, year_end, quarter_weight=QUARTER_WEIGHT, year_end_weight=YEAR_END_WEIGHT
):
    """``quarterly``: the quarterly totals of the year (1 to 4 of them; the
    missing ones are not counted as 0). Returns the annual score rounded to
    2 decimals."""
    if round(quarter_weight + year_end_weight, 6) != 100:
        raise EngineError(
            "weights",
            "The annual weights must add up to 100 %% (got %(q)s + %(y)s).",
            q=quarter_weight,
            y=year_end_weight,
        )
    scores = [s for s in quarterly if s is not None]
    if not scores:
        raise EngineError("no_quarter", "No quarterly score for the year.")
    if len(scores) > 4:
        raise EngineError("quarters", "A year has at most four quarterly scores.")
    if any(s < 0 for s in [*scores, year_end]):
        raise EngineError("negative_score", "Scores cannot be negative.")
    average = sum(scores) / len(scores)
    return round(
        average * quarter_weight / 100.0 + year_end * year_end_weight / 100.0, 2
    )
