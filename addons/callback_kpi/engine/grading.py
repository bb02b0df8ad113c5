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


@dataclass
class ScoreResult:
    base: float
    bonus: float
    total: float
    grade: str
    lines: list = field(default_factory=list)


def check_shares(criteria, total=100.0):
    """KPI-02: the criteria's maximum points add up to 100."""
    share = round(sum(c.max_points for c in criteria), 2)
    if share != round(total, 2):
        raise EngineError(
            "shares",
            "The criteria's maximum points add up to %(share)s instead of "
            "%(total)s.",
            share=share,
            total=total,
        )


def score_card(criteria, figures, extra_bonus=0.0, scale=DEFAULT_SCALE, bonus_cap=10.0):
    """Score a whole card: ``figures`` maps criterion code -> figures dict
    (or one dict for all); ``extra_bonus`` are bonus points granted by hand."""
    if extra_bonus < 0:
        raise EngineError("negative_bonus", "Bonus points cannot be negative.")
    lines = []
    for criterion in criteria:
        own = figures.get(criterion.code, figures) if figures else {}
        lines.append(score_criterion(criterion, own))
    base = round(sum(line.points for line in lines), 2)
    bonus = round(min(bonus_cap, extra_bonus + sum(line.bonus for line in lines)), 2)
    total = round(base + bonus, 2)
    return ScoreResult(
        base=base, bonus=bonus, total=total, grade=scale.grade(total), lines=lines
    )
