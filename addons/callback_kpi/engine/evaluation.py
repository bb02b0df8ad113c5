"""KPI-11 / CB-21: the parts of the evaluation (supervisor, customer, self)."""


def supervisor_part(typed_score, spot_check_average=None):
    """KPI-11 CB-21: the supervisor's part of the evaluation.

    Seed 000: the manager assesses the staff's callback work by spot checks
    (抽查). When the period has confirmed spot checks, their average is the
    supervisor's score; otherwise the score the manager typed on the card.
    """
    if spot_check_average is not None:
        return round(spot_check_average, 2)
    return typed_score or 0.0


def evaluation_score(parts):
    """KPI-11: weighted mean of (score, weight) parts; 0 without weight."""
    weight = sum(w for __, w in parts)
    return round(sum(s * w for s, w in parts) / weight, 2) if weight else 0.0
