"""CB-10 CB-14 X-03: the online-survey channel's rules (customer_callback_survey)."""

import random
from datetime import datetime, timedelta

from ..invitation import (
    DEFAULT_DAYS,
    MAX_DAYS,
    SurveyRuleError,
    answer_deadline,
    check_days,
    is_not_returned,
    parse_score,
    scores,
)
from . import EngineCase

NOW = datetime(2026, 3, 31, 23, 30)


class TestInvitation(EngineCase):
    def test_days_in_range(self):
        # X-03 CB-14: the answer delay is a company setting within 1-365 days
        for days in [1, DEFAULT_DAYS, MAX_DAYS]:
            with self.subTest(days=days):
                assert check_days(days) == days

    def test_days_refused(self):
        # zero, negative, too long, not whole: refused with a rule code
        for days in [0, -1, MAX_DAYS + 1, 2.5, "7", None, True]:
            with self.subTest(days=days):
                with self.assertRaises(SurveyRuleError) as caught:
                    check_days(days)
                assert caught.exception.code == "days_range"

    def test_answer_deadline_counts_from_sending(self):
        # CB-14 CB-16: the delay counts from the moment the invitation goes out
        # (the customer's preferred time), across a month and quarter end
        assert answer_deadline(NOW, 3) == datetime(2026, 4, 3, 23, 30)

    def test_answer_deadline_refuses_bad_days(self):
        with self.assertRaises(SurveyRuleError):
            answer_deadline(NOW, 0)

    def test_is_not_returned(self):
        # CB-14: only a sent invitation past its deadline falls back
        for state, deadline, expected in [
            ("sent", NOW - timedelta(seconds=1), True),
            ("sent", NOW, True),
            ("sent", NOW + timedelta(seconds=1), False),
            ("answered", NOW - timedelta(days=9), False),
            ("not_returned", NOW - timedelta(days=9), False),
            (False, NOW - timedelta(days=9), False),
            ("sent", None, False),
        ]:
            with self.subTest(state=state, deadline=deadline, expected=expected):
                assert is_not_returned(state, deadline, NOW) is expected

    def test_parse_score_accepts_whole_numbers_on_the_scale(self):
        # CB-10: a survey answer is a callback score from 1 to 5
        for value, expected in [(1, 1), (5, 5), ("3", 3), (" 4 ", 4), (2.0, 2)]:
            with self.subTest(value=value, expected=expected):
                assert parse_score(value, 1, 5) == expected

    def test_parse_score_refuses_out_of_range(self):
        # a customer cannot pick a score (and so a satisfaction) off the scale
        for value in [0, 6, 99, -1, "9", "-3", 100]:
            with self.subTest(value=value):
                with self.assertRaises(SurveyRuleError) as caught:
                    parse_score(value, 1, 5)
                assert caught.exception.code == "score_range"

    def test_parse_score_refuses_what_is_not_a_whole_number(self):
        for value in [
            "abc",
            "3.5",
            2.5,
            None,
            True,
            "",
            [3],
            "1e3",
            "²",
            "٣",
            "３",
            "-²",
        ]:
            with self.subTest(value=value):
                with self.assertRaises(SurveyRuleError) as caught:
                    parse_score(value, 1, 5)
                assert caught.exception.code == "score_type"

    def test_scores_skip_unanswered_and_keep_order(self):
        # CB-10: skipped questions give no score (they do not count as 0)
        pairs = [("quality", "5"), ("service", None), ("install", 2), ("speed", "")]
        assert scores(pairs, 1, 5) == [("quality", 5), ("install", 2)]

    def test_scores_refuse_a_question_answered_twice(self):
        # one answer per question, the customer cannot weigh a question twice
        with self.assertRaises(SurveyRuleError) as caught:
            scores([("quality", 5), ("quality", 5)], 1, 5)
        assert caught.exception.code == "score_twice"

    def test_scores_refuse_any_bad_value(self):
        with self.assertRaises(SurveyRuleError):
            scores([("quality", 5), ("service", 7)], 1, 5)

    def test_scores_property_every_kept_score_on_the_scale(self):
        # property: whatever mix of answers, every kept score is within 1-5 and
        # the satisfaction derived from them stays within 0-100 (CB-10)
        for seed in range(30):
            with self.subTest(seed=seed):
                rng = random.Random(seed)
                pairs = []
                for index in range(rng.randint(0, 8)):
                    pairs.append(
                        (
                            index,
                            rng.choice(
                                [None, "", *range(1, 6), *map(str, range(1, 6))]
                            ),
                        )
                    )
                kept = scores(pairs, 1, 5)
                assert all(1 <= score <= 5 for _key, score in kept)
                if kept:
                    satisfaction = sum(score for _k, score in kept) / len(kept) * 20
                    assert 20 <= satisfaction <= 100
