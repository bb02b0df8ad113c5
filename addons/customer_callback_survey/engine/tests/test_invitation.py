"""CB-10 CB-14 X-03: the online-survey channel's rules (customer_callback_survey)."""

import random
from datetime import datetime, timedelta

import pytest
from customer_callback_survey_engine.invitation import (
    DEFAULT_DAYS,
    MAX_DAYS,
    SurveyRuleError,
    answer_deadline,
    check_days,
    is_not_returned,
    parse_score,
    scores,
)

NOW = datetime(2026, 3, 31, 23, 30)


@pytest.mark.parametrize("days", [1, DEFAULT_DAYS, MAX_DAYS])
def test_days_in_range(days):
    # X-03 CB-14: the answer delay is a company setting within 1-365 days
    assert check_days(days) == days


@pytest.mark.parametrize("days", [0, -1, MAX_DAYS + 1, 2.5, "7", None, True])
def test_days_refused(days):
    # zero, negative, too long, not whole: refused with a rule code
    with pytest.raises(SurveyRuleError) as caught:
        check_days(days)
    assert caught.value.code == "days_range"


def test_answer_deadline_counts_from_sending():
    # CB-14 CB-16: the delay counts from the moment the invitation goes out
    # (the customer's preferred time), across a month and quarter end
    assert answer_deadline(NOW, 3) == datetime(2026, 4, 3, 23, 30)


def test_answer_deadline_refuses_bad_days():
    with pytest.raises(SurveyRuleError):
        answer_deadline(NOW, 0)


@pytest.mark.parametrize(
    ("state", "deadline", "expected"),
    [
        ("sent", NOW - timedelta(seconds=1), True),
        ("sent", NOW, True),
        ("sent", NOW + timedelta(seconds=1), False),
        ("answered", NOW - timedelta(days=9), False),
        ("not_returned", NOW - timedelta(days=9), False),
        (False, NOW - timedelta(days=9), False),
        ("sent", None, False),
    ],
)
def test_is_not_returned(state, deadline, expected):
    # CB-14: only a sent invitation past its deadline falls back
    assert is_not_returned(state, deadline, NOW) is expected


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4), (2.0, 2)]
)
def test_parse_score_accepts_whole_numbers_on_the_scale(value, expected):
    # CB-10: a survey answer is a callback score from 1 to 5
    assert parse_score(value, 1, 5) == expected


@pytest.mark.parametrize("value", [0, 6, 99, -1, "9", "-3", 100])
def test_parse_score_refuses_out_of_range(value):
    # a customer cannot pick a score (and so a satisfaction) off the scale
    with pytest.raises(SurveyRuleError) as caught:
        parse_score(value, 1, 5)
    assert caught.value.code == "score_range"


@pytest.mark.parametrize(
    # "²", "٣" (Arabic-Indic 3) and "３" (full width) pass str.isdigit()
    "value",
    ["abc", "3.5", 2.5, None, True, "", [3], "1e3", "²", "٣", "３", "-²"],
)
def test_parse_score_refuses_what_is_not_a_whole_number(value):
    with pytest.raises(SurveyRuleError) as caught:
        parse_score(value, 1, 5)
    assert caught.value.code == "score_type"


def test_scores_skip_unanswered_and_keep_order():
    # CB-10: skipped questions give no score (they do not count as 0)
    pairs = [("quality", "5"), ("service", None), ("install", 2), ("speed", "")]
    assert scores(pairs, 1, 5) == [("quality", 5), ("install", 2)]


def test_scores_refuse_a_question_answered_twice():
    # one answer per question, the customer cannot weigh a question twice
    with pytest.raises(SurveyRuleError) as caught:
        scores([("quality", 5), ("quality", 5)], 1, 5)
    assert caught.value.code == "score_twice"


def test_scores_refuse_any_bad_value():
    with pytest.raises(SurveyRuleError):
        scores([("quality", 5), ("service", 7)], 1, 5)


@pytest.mark.parametrize("seed", range(30))
def test_scores_property_every_kept_score_on_the_scale(seed):
    # property: whatever mix of answers, every kept score is within 1-5 and
    # the satisfaction derived from them stays within 0-100 (CB-10)
    rng = random.Random(seed)
    pairs = []
    for index in range(rng.randint(0, 8)):
        pairs.append(
            (index, rng.choice([None, "", *range(1, 6), *map(str, range(1, 6))]))
        )
    kept = scores(pairs, 1, 5)
    assert all(1 <= score <= 5 for _key, score in kept)
    if kept:
        satisfaction = sum(score for _k, score in kept) / len(kept) * 20
        assert 20 <= satisfaction <= 100
