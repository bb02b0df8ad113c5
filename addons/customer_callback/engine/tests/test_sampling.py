"""CB-05: stratified, seeded, reproducible sampling (customer_callback engine)."""

import math
import random

from ..errors import CallbackRuleError
from ..sampling import (
    describe,
    flatten,
    sample_size,
    stratified_sample,
)
from . import EngineCase

POPULATION = {i: ("retail", "dealer", "media", None)[i % 4] for i in range(1, 401)}
POPULATION[999] = "lonely"


class TestSampling(EngineCase):
    def test_cb05_at_least_ten_percent_rounded_up(self):
        for n, expected in [
            (0, 0),
            (1, 1),
            (9, 1),
            (10, 1),
            (11, 2),
            (30, 3),
            (101, 11),
        ]:
            with self.subTest(n=n, expected=expected):
                assert sample_size(n) == expected

    def test_cb05_each_stratum_gets_ten_percent_up(self):
        sample = stratified_sample(POPULATION, seed=42)
        for stratum in ("retail", "dealer", "media", None):
            assert len(sample[stratum]) == 10
        assert sample["lonely"] == [999]

    def test_cb05_every_category_represented(self):
        sample = stratified_sample(POPULATION, seed=7)
        assert set(sample) == set(POPULATION.values())
        assert all(sample.values())

    def test_cb05_members_stay_in_their_stratum(self):
        sample = stratified_sample(POPULATION, seed=3)
        for stratum, ids in sample.items():
            assert all(POPULATION[i] == stratum for i in ids)

    def test_cb05_same_seed_same_sample(self):
        assert stratified_sample(POPULATION, seed=42) == stratified_sample(
            POPULATION, seed=42
        )

    def test_cb05_input_order_does_not_matter(self):
        pairs = list(POPULATION.items())
        random.Random(1).shuffle(pairs)
        assert stratified_sample(pairs, seed="Q1") == stratified_sample(
            POPULATION, seed="Q1"
        )

    def test_cb05_different_seed_different_sample(self):
        assert flatten(stratified_sample(POPULATION, seed=1)) != flatten(
            stratified_sample(POPULATION, seed=2)
        )

    def test_cb05_not_the_first_n(self):
        sample = stratified_sample(POPULATION, seed=11)
        retail = sorted(i for i, s in POPULATION.items() if s == "retail")
        assert sample["retail"] != retail[:10]

    def test_cb05_ratio_is_a_setting(self):
        sample = stratified_sample(POPULATION, seed=5, ratio=0.25)
        assert len(sample["retail"]) == 25

    def test_cb05_bad_ratio_refused(self):
        with self.assertRaises(CallbackRuleError):
            stratified_sample(POPULATION, seed=5, ratio=0)
        with self.assertRaises(CallbackRuleError):
            sample_size(10, 1.5)

    def test_cb05_seed_required_for_audit(self):
        with self.assertRaises(CallbackRuleError):
            stratified_sample(POPULATION, seed=None)

    def test_cb05_describe_for_audit(self):
        sample = stratified_sample({1: "a", 2: "a", 3: "b"}, seed=1)
        assert describe(sample, {1: "a", 2: "a", 3: "b"}) == "a: 1 of 2\nb: 1 of 1"

    def test_cb05_property_size_and_distinct(self):
        for seed in range(20):
            with self.subTest(seed=seed):
                rng = random.Random(seed)
                members = {i: rng.choice("abcde") for i in range(rng.randint(1, 300))}
                sample = stratified_sample(members, seed=seed)
                ids = flatten(sample)
                assert len(ids) == len(set(ids))
                for stratum in set(members.values()):
                    n = sum(1 for s in members.values() if s == stratum)
                    assert len(sample[stratum]) == max(1, math.ceil(n / 10 - 1e-9))
