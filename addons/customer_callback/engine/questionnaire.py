"""CB-10 / CB-11: questionnaire answers -> satisfaction; dissatisfied answers."""

from .errors import CallbackRuleError

MIN_SCORE = 1
MAX_SCORE = 5
#: An answer scoring this or less is dissatisfied (company setting).
DEFAULT_DISSATISFIED = 2


def check_score(score, max_score=MAX_SCORE):
    """X-03: a score is an integer from 1 to ``max_score``."""
    if score is None or isinstance(score, bool) or int(score) != score:
        raise CallbackRuleError("score_type", "A score is a whole number.")
    if not MIN_SCORE <= score <= max_score:
        raise CallbackRuleError(
            "score_range",
            "A score is between %(min)s and %(max)s, not %(score)s.",
            min=MIN_SCORE,
            max=max_score,
            score=score,
        )
    return score


def satisfaction(scores, max_score=MAX_SCORE):
    """CB-10: 0-100, the mean score as a share of the maximum (5 -> 100,
    mean * 20 on a 1-5 scale). No answer: 0.0."""
    scores = [check_score(s, max_score) for s in scores]
    if not scores:
        return 0.0
    return round(sum(scores) / len(scores) * 100.0 / max_score, 2)


def is_returned(scores):
    """CB-10 CB-14: a questionnaire is returned when every one of its
    questions is answered; an unanswered question (no score) keeps it out of
    the return rate. No question at all: not returned."""
    return bool(scores) and all(scores)


def check_satisfaction(value):
    """X-03: a satisfaction percentage is within 0-100."""
    if value is None or not 0 <= value <= 100:
        raise CallbackRuleError(
            "satisfaction_range",
            "Satisfaction is between 0 and 100, not %(v)s.",
            v=value,
        )
    return value


def is_dissatisfied(score, threshold=DEFAULT_DISSATISFIED):
    """CB-11: an answer at or below ``threshold`` is dissatisfied."""
    return check_score(score) <= threshold


def dissatisfied(answers, threshold=DEFAULT_DISSATISFIED):
    """CB-11: the keys of dissatisfied answers, in order.

    ``answers``: a dict key -> score or (key, score) pairs.
    """
    pairs = answers.items() if isinstance(answers, dict) else answers
    return [key for key, score in pairs if is_dissatisfied(score, threshold)]


def escalation_groups(
    answers, department_of, default_department=None, threshold=DEFAULT_DISSATISFIED
):
    """CB-11: dissatisfied answer keys grouped by responsible department.

    ``department_of``: key -> department (or None: ``default_department``).
    Returns a dict department -> [keys]; answers without any department are
    under None.
    """
    groups = {}
    for key in dissatisfied(answers, threshold):
        department = department_of.get(key) or default_department
        groups.setdefault(department, []).append(key)
    return groups
