"""CB-08 CB-10 CB-14 CB-16: the rules of the online-survey channel.

The customer answers a survey; each answer linked to a callback question is a
score on the callback scale; no answer within a company-set number of days
falls back to a phone callback and counts as a questionnaire not returned.
"""

from datetime import timedelta

#: CB-14: days a customer has to answer before the plan falls back (default)
DEFAULT_DAYS = 7
MAX_DAYS = 365


class SurveyRuleError(ValueError):
    """A value breaks a survey-channel rule; ``code`` names it, ``params`` the
    values of the translated message built by the ORM layer."""

    def __init__(self, code, message, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.params = params


def check_days(days):
    """X-03: the answer delay is a whole number of days from 1 to 365."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise SurveyRuleError(
            "days_range",
            "The survey answer delay is from 1 to %(max)s days, not %(days)s.",
            max=MAX_DAYS,
            days=days,
        )
    return days


def answer_deadline(send_at, days):
    """CB-14: the moment the invitation expires: ``days`` after it is sent."""
    return send_at + timedelta(days=check_days(days))


def is_not_returned(state, deadline, now):
    """CB-14: a sent invitation whose deadline has passed without an answer."""
    return state == "sent" and deadline is not None and deadline <= now


def parse_score(value, min_score, max_score):
    """X-03 CB-10: a customer's answer as a callback score: a whole number in
    ``[min_score, max_score]`` (a string from the survey form or a number).
    Anything else is refused (the customer cannot pick a satisfaction outside
    0-100)."""
    if isinstance(value, bool) or value is None:
        raise SurveyRuleError("score_type", "A score is a whole number.")
    if isinstance(value, str):
        text = value.strip()
        # ASCII digits only: "²" or "٣" pass str.isdigit() but are no score
        if not text.lstrip("-").isascii() or not text.lstrip("-").isdigit():
            raise SurveyRuleError("score_type", "A score is a whole number.")
        value = int(text)
    elif isinstance(value, float):
        if not value.is_integer():
            raise SurveyRuleError("score_type", "A score is a whole number.")
        value = int(value)
    elif not isinstance(value, int):
        raise SurveyRuleError("score_type", "A score is a whole number.")
    if not min_score <= value <= max_score:
        raise SurveyRuleError(
            "score_range",
            "Choose a value from %(min)s to %(max)s, not %(value)s.",
            min=min_score,
            max=max_score,
            value=value,
        )
    return value


def scores(pairs, min_score, max_score):
    """CB-10: (callback question key, raw value) pairs -> [(key, score)].

    Skipped answers (None or empty) are left out; one answer per question (a
    second answer to the same question is refused)."""
    result = []
    seen = set()
    for key, value in pairs:
        if value is None or value == "" or value is False:
            continue
        if key in seen:
            raise SurveyRuleError(
                "score_twice", "A question is answered once, not twice."
            )
        seen.add(key)
        result.append((key, parse_score(value, min_score, max_score)))
    return result
