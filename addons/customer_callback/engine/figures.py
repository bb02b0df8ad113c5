"""CB-14 figures and CB-15 weighted satisfaction ranking."""

from .errors import CallbackRuleError

DEFAULT_WEIGHT_SALE = 0.3
DEFAULT_WEIGHT_SERVICE = 0.7


# CB-14: each rate of a group of callback figures, as (numerator,
# denominator, factor) of its summed counts. A rate is never averaged over
# rows: grouped (a team, a year) it is the ratio of the summed counts.
RATES = {
    "callback_rate": ("done_count", "due_count", 100),
    "success_rate": ("reached_count", "record_count", 100),
    "on_time_rate": ("on_time_count", "done_count", 100),
    "return_rate": ("returned_count", "record_count", 100),
    "avg_satisfaction": ("satisfaction_sum", "answered_count", 1),
    "budget_use": ("cost", "budget", 100),
}


def rates(counts):
    """CB-14: every rate of RATES from the summed counts of one group,
    unrounded (a score is computed from them); None where the denominator
    is 0 (nothing due, no record, no answer, no budget)."""
    return {
        name: factor * counts[part] / counts[whole] if counts[whole] else None
        for name, (part, whole, factor) in RATES.items()
    }


def ratio(part, whole):
    """part / whole as a percentage (0-100, 2 decimals); 0 when nothing due."""
    if not whole:
        return 0.0
    return round(100.0 * part / whole, 2)


def callback_rate(done, due):
    """CB-14: done / due."""
    return ratio(done, due)


def success_rate(reached, attempted):
    """CB-14: reached / attempted."""
    return ratio(reached, attempted)


def on_time_rate(on_time, done):
    """CB-14: plans done on time / done."""
    return ratio(on_time, done)


def return_rate(answered, done):
    """CB-14: questionnaires returned / records done."""
    return ratio(answered, done)


def budget_use(cost, budget):
    """CB-14: cost as a percentage of budget (None when no budget is set)."""
    if not budget:
        return None
    return round(100.0 * cost / budget, 2)


def average(values):
    """Mean of the non-empty values, or None."""
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 2) if values else None


def figures(
    due=0,
    done=0,
    late=0,
    reached=0,
    attempted=0,
    answered=0,
    satisfaction_sum=0.0,
    satisfaction_count=0,
    cost=0.0,
    budget=0.0,
):
    """CB-14: every figure of one group (staff member, team, period), the
    rates of RATES rounded for display: 0 where nothing is counted, but no
    budget use without a budget."""
    counts = {
        "due_count": due,
        "done_count": done,
        "on_time_count": max(done - late, 0),
        "record_count": attempted,
        "reached_count": reached,
        "returned_count": answered,
        "answered_count": satisfaction_count,
        "satisfaction_sum": satisfaction_sum,
        "cost": cost,
        "budget": budget,
    }
    result = {"due": due, "done": done, "late": late, "cost": cost, "budget": budget}
    for name, value in rates(counts).items():
        if value is not None:
            result[name] = round(value, 2)
        else:
            result[name] = None if name == "budget_use" else 0.0
    return result


def check_weights(weight_sale, weight_service):
    """CB-15: weights are 0-1 and add up to 1."""
    for weight in (weight_sale, weight_service):
        if weight is None or not 0 <= weight <= 1:
            raise CallbackRuleError("weight_range", "A weight is between 0 and 1.")
    if abs(weight_sale + weight_service - 1.0) > 1e-6:
        raise CallbackRuleError(
            "weight_sum",
            "The weights add up to %(total)s instead of 1.",
            total=round(weight_sale + weight_service, 4),
        )


def weighted_satisfaction(
    sale,
    service,
    weight_sale=DEFAULT_WEIGHT_SALE,
    weight_service=DEFAULT_WEIGHT_SERVICE,
):
    """CB-15: after-sale satisfaction x 0.3 + after-service x 0.7.

    A missing side (None: no callback of that kind) leaves the other alone;
    both missing: None.
    """
    check_weights(weight_sale, weight_service)
    if sale is None and service is None:
        return None
    if sale is None:
        return round(service, 2)
    if service is None:
        return round(sale, 2)
    return round(sale * weight_sale + service * weight_service, 2)


def ranking(
    entities, weight_sale=DEFAULT_WEIGHT_SALE, weight_service=DEFAULT_WEIGHT_SERVICE
):
    """CB-15: rank dealers/branches by weighted satisfaction (best first).

    ``entities``: key -> (after-sale average, after-service average).
    Returns [(rank, key, weighted)] where ties share a rank (1, 1, 3);
    entities without any score come last, unranked (rank None).
    """
    scored = []
    unscored = []
    for key, (sale, service) in entities.items():
        value = weighted_satisfaction(sale, service, weight_sale, weight_service)
        (unscored if value is None else scored).append((key, value))
    scored.sort(key=lambda kv: (-kv[1], str(kv[0])))
    result = []
    previous = None
    rank = 0
    for position, (key, value) in enumerate(scored, start=1):
        if value != previous:
            rank = position
            previous = value
        result.append((rank, key, value))
    result.extend(
        (None, key, None) for key, _v in sorted(unscored, key=lambda kv: str(kv[0]))
    )
    return result
