"""CB-07: at most N (default 2) callbacks of a customer per calendar quarter,
all levels and types together; abnormal-situation and special callbacks are
exempt."""

from collections import Counter

from .errors import CallbackRuleError
from .frequency import quarter_key

DEFAULT_CAP = 2
EXEMPT_TYPES = frozenset({"special"})


def is_exempt(callback_type=None, exempt_quota=False):
    """Special callbacks and the ones flagged exempt do not count."""
    return bool(exempt_quota) or callback_type in EXEMPT_TYPES


def counted(items):
    """Counter of (partner, quarter label) over ``items``: dicts or tuples
    ``(partner, moment, callback_type, exempt_quota)``; exempt ones skipped."""
    counter = Counter()
    for item in items:
        if isinstance(item, dict):
            partner, moment = item["partner"], item["date"]
            ctype, exempt = item.get("callback_type"), item.get("exempt_quota")
        else:
            partner, moment, ctype, exempt = (*item, None, False)[:4]
        if is_exempt(ctype, exempt):
            continue
        counter[(partner, quarter_key(moment))] += 1
    return counter


def over_cap(counts, cap=DEFAULT_CAP):
    """The (partner, quarter) keys whose count exceeds ``cap``, sorted."""
    if cap is None or cap < 0:
        raise CallbackRuleError("cap", "The quarterly cap cannot be negative.")
    return sorted(key for key, number in counts.items() if number > cap)


def check_new(existing_counts, new_items, cap=DEFAULT_CAP):
    """Raise when adding ``new_items`` to ``existing_counts`` (Counter of
    (partner, quarter)) would exceed the cap; return the merged counter."""
    merged = Counter(existing_counts)
    merged.update(counted(new_items))
    offenders = over_cap(merged, cap)
    if offenders:
        partner, quarter = offenders[0]
        raise CallbackRuleError(
            "quarter_cap",
            "Customer %(partner)s already has %(cap)s callbacks in %(quarter)s.",
            partner=partner,
            quarter=quarter,
            cap=cap,
            offenders=offenders,
        )
    return merged


def room_left(existing_counts, partner, moment, cap=DEFAULT_CAP):
    """How many more counted callbacks ``partner`` may get in the quarter."""
    return max(cap - existing_counts.get((partner, quarter_key(moment)), 0), 0)
