"""KPI-02 total and KPI-05 grades.

Total = sum of the criteria's points (shares of 100) + bonus points capped at
``bonus_cap`` (10: maximum 110). Grades: A above ``a``; B above ``b`` up to
``a`` included; ... E at ``d`` or below. 90.0 is B, 90.01 is A.
"""

from dataclasses import dataclass, field

from .criteria import score_criterion
from .errors import EngineError

GRADES = ("A", "B", "C", "D", "E")


@dataclass(frozen=True)
class GradeScale:
    a: float = 90.0
    b: float = 80.0
    c: float = 70.0
    d: float = 60.0

    def __post_init__(self):
        values = (self.a, self.b, self.c, self.d)
        if any(v < 0 for v in values) or not (self.a > self.b > self.c > self.d):
            raise EngineError(
                "boundaries",
                "Grade boundaries must be positive and strictly decreasing "
                "from A to D (got A %(a)s, B %(b)s, C %(c)s, D %(d)s).",
                a=self.a,
                b=self.b,
                c=self.c,
                d=self.d,
            )

    def grade(self, score):
        score = round(score, 2)
        for letter, bound in zip(
            GRADES[:4], (self.a, self.b, self.c, self.d), strict=True
        ):
            if score > bound:
                return letter
        return "E"


DEFAULT_SCALE = GradeScale()


# KPI-02: the criteria share 100 points; bonus points add up to 10 on top
SHARES_TOTAL = 100.0
BONUS_CAP = 10.0


@dataclass
class ScoreResult:
    base: float
    bonus: float
    total: float
    grade: str
    lines: list = field(default_factory=list)
    earned: float = 0.0


def check_shares(shares, total=SHARES_TOTAL, exact=True):
    """KPI-02: the criteria's maximum points (``shares``, numbers) add up to
    ``total``; with ``exact`` False, to at most ``total`` (criteria being
    edited). Returns the sum."""
    share = round(sum(shares), 2)
    if share > round(total, 2) or (exact and share != round(total, 2)):
        raise EngineError(
            "shares",
            "The criteria's maximum points add up to %(share)s instead of "
            "%(total)s.",
            share=share,
            total=total,
        )
    return share


def card_total(
    points, bonuses=(), extra_bonus=0.0, scale=DEFAULT_SCALE, bonus_cap=BONUS_CAP
):
    """KPI-02 / KPI-05: the total and grade of a card from the points and the
    earned bonus of its scored criteria; ``extra_bonus`` are bonus points
    granted by hand. Earned and granted bonus points together are capped at
    ``bonus_cap``."""
    if extra_bonus < 0:
        raise EngineError("negative_bonus", "Bonus points cannot be negative.")
    base = round(sum(points), 2)
    earned = round(sum(bonuses), 2)
    bonus = round(min(bonus_cap, earned + extra_bonus), 2)
    total = round(base + bonus, 2)
    return ScoreResult(
        base=base, bonus=bonus, total=total, grade=scale.grade(total), earned=earned
    )


def score_card(
    criteria, figures, extra_bonus=0.0, scale=DEFAULT_SCALE, bonus_cap=BONUS_CAP
):
    """Score a whole card: ``figures`` maps criterion code -> figures dict
    (or one dict for all); ``extra_bonus`` are bonus points granted by hand."""
    lines = []
    for criterion in criteria:
        own = figures.get(criterion.code, figures) if figures else {}
        lines.append(score_criterion(criterion, own))
    result = card_total(
        [line.points for line in lines],
        [line.bonus for line in lines],
        extra_bonus,
        scale,
        bonus_cap,
    )
    result.lines = lines
    return result
