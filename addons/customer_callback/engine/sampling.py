"""CB-05: stratified, seeded, reproducible sampling of customers.

Every stratum (customer category) gets at least ``ratio`` of its members,
rounded up, so every non-empty category is represented. The same seed and
population give the same sample whatever the input order; another seed gives
another sample.
"""

import math
import random
from collections import defaultdict

from .errors import CallbackRuleError

DEFAULT_RATIO = 0.10


def sample_size(population, ratio=DEFAULT_RATIO):
    """ceil(population * ratio), at least 1 for a non-empty stratum."""
    if not 0 < ratio <= 1:
        raise CallbackRuleError(
            "ratio", "The sampling ratio must be above 0 and at most 100%%."
        )
    if population <= 0:
        return 0
    # round(…, 9) avoids 0.1 * 30 = 3.0000000000000004 rounding up to 4
    return max(1, math.ceil(round(population * ratio, 9)))


def strata(members):
    """Group ``members`` ((id, stratum) pairs or a dict id -> stratum)."""
    pairs = members.items() if isinstance(members, dict) else members
    groups = defaultdict(list)
    for member, stratum in pairs:
        groups[stratum].append(member)
    return groups


def _stratum_sort_key(stratum):
    return (stratum is None, str(stratum))


def stratified_sample(members, seed, ratio=DEFAULT_RATIO):
    """CB-05: a dict stratum -> sorted sampled ids.

    ``members``: (id, stratum) pairs or a dict id -> stratum. ``seed``: any
    int or str, recorded by the caller for audit.
    """
    if seed is None or seed == "":
        raise CallbackRuleError("seed", "A sample needs a recorded seed.")
    result = {}
    for stratum, ids in sorted(
        strata(members).items(), key=lambda kv: _stratum_sort_key(kv[0])
    ):
        population = sorted(set(ids))
        rng = random.Random(f"{seed}|{stratum}")
        size = sample_size(len(population), ratio)
        result[stratum] = sorted(rng.sample(population, size))
    return result


def flatten(sample):
    """All sampled ids of a stratified sample, sorted."""
    return sorted(i for ids in sample.values() for i in ids)


def describe(sample, members):
    """Audit text: one line per stratum, 'stratum: k of n'."""
    groups = strata(members)
    return "\n".join(
        f"{stratum}: {len(sample.get(stratum, []))} of {len(set(ids))}"
        for stratum, ids in sorted(
            groups.items(), key=lambda kv: _stratum_sort_key(kv[0])
        )
    )
