"""CB-21: the supervisor's spot checks of a staff member's done callbacks.

Seed 000 (考核办法): the customer-service manager assesses the staff's
callback work by spot checks (抽查). The sample is random but reproducible:
the same seed over the same callbacks draws the same sample, whatever the
order they are read in.
"""

import random

from .errors import CallbackRuleError
from .frequency import parse_quarter, quarter_bounds

SCORE_MAX = 100.0


def draw(ids, size, seed):
    """CB-21: ``size`` ids drawn from ``ids`` (all of them if fewer), sorted.

    ``seed``: any int or str, recorded with the spot check for audit.
    """
    if seed is None or seed == "":
        raise CallbackRuleError("seed", "A spot check needs a recorded seed.")
    if size is None or size < 1:
        raise CallbackRuleError(
            "sample_size", "A spot check samples at least one callback."
        )
    population = sorted(set(ids))
    rng = random.Random(f"spot-check|{seed}")
    return sorted(rng.sample(population, min(size, len(population))))


def period(quarter):
    """CB-21: the first and last day of the spot check's quarter ("2026-Q1").

    A staff member's callbacks are spot-checked once a quarter, the period of
    the KPI scorecard the score reaches."""
    return quarter_bounds(*parse_quarter(quarter))


def repeated(keys, existing=()):
    """CB-21 X-07: the keys (company, staff member, quarter) drawn twice.

    One spot check per staff member and quarter in a company: a second one
    would let the supervisor keep the sample that suits. ``keys``: the new
    checks' keys; ``existing``: the keys already recorded. Returns the
    repeated keys, in the order met.
    """
    seen = set(existing)
    result = []
    for key in keys:
        if key in seen and key not in result:
            result.append(key)
        seen.add(key)
    return result


def check_score(score):
    """CB-21: a spot-check score is 0 to 100."""
    if score is None or not 0 <= score <= SCORE_MAX:
        raise CallbackRuleError(
            "spot_score",
            "A spot-check score is between 0 and 100 (not %(score)s).",
            score=score,
        )
    return score


def average(scores):
    """CB-21: the mean of the scores (2 decimals), None when none."""
    scores = [check_score(s) for s in scores if s is not None]
    return round(sum(scores) / len(scores), 2) if scores else None
