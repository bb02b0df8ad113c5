"""CB-21: the supervisor's reproducible spot-check sample and its score."""

from ..errors import CallbackRuleError
from ..spot_check import average, check_score, draw
from . import EngineCase


class TestSpotCheck(EngineCase):
    def test_cb21_same_seed_same_input_same_sample_whatever_the_order(self):
        ids = list(range(1, 51))
        first = draw(ids, 5, "2026-Q1")
        assert first == draw(list(reversed(ids)), 5, "2026-Q1")
        assert first == draw(ids + ids, 5, "2026-Q1")
        assert len(first) == 5 and first == sorted(first)
        assert set(first) <= set(ids)

    def test_cb21_another_seed_another_sample(self):
        ids = list(range(1, 101))
        samples = {tuple(draw(ids, 5, seed)) for seed in range(20)}
        assert len(samples) > 15

    def test_cb21_sample_larger_than_population_takes_all(self):
        assert draw([3, 1, 2], 10, 7) == [1, 2, 3]
        assert draw([], 3, 7) == []

    def test_cb21_seed_required(self):
        for seed in [None, ""]:
            with self.subTest(seed=seed), self.assertRaises(CallbackRuleError):
                draw([1, 2], 1, seed)

    def test_cb21_sample_size_at_least_one(self):
        for size in [0, -1, None]:
            with self.subTest(size=size), self.assertRaises(CallbackRuleError):
                draw([1, 2], size, 1)

    def test_cb21_every_member_can_be_drawn(self):
        ids = list(range(10))
        drawn = set()
        for seed in range(200):
            drawn.update(draw(ids, 2, seed))
        assert drawn == set(ids)

    def test_cb21_score_outside_0_100_refused(self):
        for score in [-0.01, 100.01, None]:
            with self.subTest(score=score), self.assertRaises(CallbackRuleError):
                check_score(score)

    def test_cb21_average_of_scores(self):
        assert average([80, 90, 95]) == 88.33
        assert average([]) is None
        assert average([None, 70]) == 70.0
        with self.assertRaises(CallbackRuleError):
            average([50, 120])
