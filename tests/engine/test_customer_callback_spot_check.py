"""CB-21: the supervisor's reproducible spot-check sample and its score."""

import pytest
from customer_callback_engine.errors import CallbackRuleError
from customer_callback_engine.spot_check import (
    average,
    check_score,
    draw,
    period,
    repeated,
)


def test_cb21_same_seed_same_input_same_sample_whatever_the_order():
    ids = list(range(1, 51))
    first = draw(ids, 5, "2026-Q1")
    assert first == draw(list(reversed(ids)), 5, "2026-Q1")
    assert first == draw(ids + ids, 5, "2026-Q1")
    assert len(first) == 5 and first == sorted(first)
    assert set(first) <= set(ids)


def test_cb21_another_seed_another_sample():
    ids = list(range(1, 101))
    samples = {tuple(draw(ids, 5, seed)) for seed in range(20)}
    assert len(samples) > 15


def test_cb21_sample_larger_than_population_takes_all():
    assert draw([3, 1, 2], 10, 7) == [1, 2, 3]
    assert draw([], 3, 7) == []


@pytest.mark.parametrize("seed", [None, ""])
def test_cb21_seed_required(seed):
    with pytest.raises(CallbackRuleError):
        draw([1, 2], 1, seed)


@pytest.mark.parametrize("size", [0, -1, None])
def test_cb21_sample_size_at_least_one(size):
    with pytest.raises(CallbackRuleError):
        draw([1, 2], size, 1)


def test_cb21_every_member_can_be_drawn():
    ids = list(range(10))
    drawn = set()
    for seed in range(200):
        drawn.update(draw(ids, 2, seed))
    assert drawn == set(ids)


@pytest.mark.parametrize("score", [-0.01, 100.01, None])
def test_cb21_score_outside_0_100_refused(score):
    with pytest.raises(CallbackRuleError):
        check_score(score)


def test_cb21_average_of_scores():
    assert average([80, 90, 95]) == 88.33
    assert average([]) is None
    assert average([None, 70]) == 70.0
    with pytest.raises(CallbackRuleError):
        average([50, 120])


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        ("2026-Q1", "2026-01-01", "2026-03-31"),
        ("2024-Q1", "2024-01-01", "2024-03-31"),
        ("2026-Q2", "2026-04-01", "2026-06-30"),
        (" 2026-Q4 ", "2026-10-01", "2026-12-31"),
    ],
)
def test_cb21_the_period_is_the_quarter(quarter, first, last):
    start, stop = period(quarter)
    assert (start.isoformat(), stop.isoformat()) == (first, last)


@pytest.mark.parametrize(
    "quarter", [None, "", "2026-Q5", "2026-Q0", "Q1 2026", "26-Q1"]
)
def test_cb21_a_period_that_is_not_a_quarter_is_refused(quarter):
    with pytest.raises(CallbackRuleError) as error:
        period(quarter)
    assert error.value.code == "spot_quarter"


def test_cb21_x07_one_check_per_staff_member_and_quarter():
    existing = [(1, 10, "2026-Q1")]
    # another quarter, another staff member, another company: free
    assert (
        repeated([(1, 10, "2026-Q2"), (1, 11, "2026-Q1"), (2, 10, "2026-Q1")], existing)
        == []
    )
    # the same again, or twice in one batch: refused, once each
    assert repeated([(1, 10, "2026-Q1")], existing) == [(1, 10, "2026-Q1")]
    assert repeated([(1, 11, "2026-Q1")] * 3) == [(1, 11, "2026-Q1")]
    assert repeated([]) == []


def test_cb21_x07_property_repeated_iff_a_key_is_met_twice():
    import random

    rng = random.Random(21)
    for _ in range(300):
        existing = [
            (1, rng.randint(1, 4), f"2026-Q{rng.randint(1, 4)}")
            for _ in range(rng.randint(0, 3))
        ]
        keys = [
            (1, rng.randint(1, 4), f"2026-Q{rng.randint(1, 4)}")
            for _ in range(rng.randint(0, 5))
        ]
        found = repeated(keys, existing)
        everything = existing + keys
        expected = {k for k in keys if everything.count(k) > 1}
        assert set(found) == expected
        assert len(found) == len(set(found))
