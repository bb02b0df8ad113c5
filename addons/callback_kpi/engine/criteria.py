"""KPI-02 / KPI-03: deduction scoring of one criterion from its figures.

A criterion starts at its maximum points and loses points:

* per *event* (late callback, violation, missing record, late report...):
  ``deduction`` points each; more than ``zero_above`` events zero the criterion;
* per *step* of a rate away from its target (callback rate below target, cost
  over budget...): every full ``step`` percentage points cost ``deduction``
  points (``step`` 0 means a flat deduction once the target is missed); a rate
  beyond its ``floor`` breaches the floor, and when every rate measure of a
  criterion that has floors is breached (``zero_when_floors``), it scores 0.

Points never go below 0 nor above the maximum. Bonus measures (adopted
suggestions) add bonus points that the card total caps (see ``grading``).
"""

import math
from dataclasses import dataclass, field

from .errors import EngineError

EPSILON = 1e-9


@dataclass(frozen=True)
class EventMeasure:
    """Each event of figure ``key`` deducts ``deduction`` points; more than
    ``zero_above`` events (``None``: no threshold) zero the criterion."""

    key: str
    deduction: float
    zero_above: int | None = None


@dataclass(frozen=True)
class RateMeasure:
    """A percentage figure compared with ``target``.

    ``direction`` "below": the figure should reach the target (callback rate);
    "above": it should not exceed it (cost overrun %). ``floor`` is the value
    beyond which the floor is breached (below it for "below", above it for
    "above"); ``None`` means no floor."""

    key: str
    target: float
    step: float
    deduction: float
    floor: float | None = None
    direction: str = "below"

    def gap(self, value):
        """Percentage points on the wrong side of the target (>= 0)."""
        if self.direction == "below":
            return max(0.0, self.target - value)
        return max(0.0, value - self.target)

    def steps(self, value):
        gap = self.gap(value)
        if gap <= EPSILON:
            return 0
        if not self.step:
            return 1
        return math.floor(gap / self.step + EPSILON)

    def floor_breached(self, value):
        if self.floor is None:
            return False
        if self.direction == "below":
            return value < self.floor - EPSILON
        return value > self.floor + EPSILON


@dataclass(frozen=True)
class BonusMeasure:
    """Each event of figure ``key`` adds ``points`` bonus points (KPI-03
    analysis reports: adopted suggestions)."""

    key: str
    points: float


@dataclass(frozen=True)
class Criterion:
    code: str
    max_points: float
    events: tuple = ()
    rates: tuple = ()
    bonuses: tuple = ()
    zero_when_floors: bool = False
    name: str = ""

    def __post_init__(self):
        if self.max_points < 0:
            raise EngineError(
                "negative_max",
                "Criterion %(code)s: maximum points cannot be negative.",
                code=self.code,
            )
        for measure in self.events:
            if measure.deduction < 0 or (
                measure.zero_above is not None and measure.zero_above < 0
            ):
                raise EngineError(
                    "negative_deduction",
                    "Criterion %(code)s: deductions and thresholds cannot be "
                    "negative.",
                    code=self.code,
                )
        for measure in self.rates:
            if measure.deduction < 0 or measure.step < 0:
                raise EngineError(
                    "negative_deduction",
                    "Criterion %(code)s: deductions and steps cannot be negative.",
                    code=self.code,
                )
            if measure.direction not in ("below", "above"):
                raise EngineError(
                    "direction",
                    "Criterion %(code)s: unknown direction %(direction)s.",
                    code=self.code,
                    direction=measure.direction,
                )


@dataclass
class CriterionResult:
    code: str
    max_points: float
    points: float
    deduction: float
    events: int = 0
    bonus: float = 0.0
    zeroed: bool = False
    reasons: list = field(default_factory=list)


def _count(figures, key):
    value = figures.get(key) or 0
    if value < 0:
        raise EngineError(
            "negative_figure",
            "Figure %(key)s cannot be negative.",
            key=key,
        )
    return value


def score_criterion(criterion, figures):
    """Score ``criterion`` (KPI-03) from ``figures`` (dict key -> number; a
    missing rate or ``None`` means "no data", which deducts nothing)."""
    deduction = 0.0
    events_total = 0
    zeroed = False
    reasons = []
    for measure in criterion.events:
        count = int(_count(figures, measure.key))
        events_total += count
        deduction += count * measure.deduction
        if measure.zero_above is not None and count > measure.zero_above:
            zeroed = True
            reasons.append(f"{measure.key}>{measure.zero_above}")
    floors = []
    for measure in criterion.rates:
        value = figures.get(measure.key)
        if value is None:
            continue
        deduction += measure.steps(value) * measure.deduction
        if measure.floor is not None:
            floors.append(measure.floor_breached(value))
    if criterion.zero_when_floors and floors and all(floors):
        zeroed = True
        reasons.append("floors")
    bonus = sum(_count(figures, b.key) * b.points for b in criterion.bonuses)
    deduction = min(deduction, criterion.max_points)
    points = 0.0 if zeroed else criterion.max_points - deduction
    if zeroed:
        deduction = criterion.max_points
    return CriterionResult(
        code=criterion.code,
        max_points=criterion.max_points,
        points=round(points, 2),
        deduction=round(deduction, 2),
        events=events_total,
        bonus=round(bonus, 2),
        zeroed=zeroed,
        reasons=reasons,
    )
