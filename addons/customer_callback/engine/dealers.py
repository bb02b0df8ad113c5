"""CB-15 / CB-19: dealers, their customer files and deposit deductions.

Seed 000 (dealer regulation): every customer belongs to the dealer who sold or
serviced them; the customer file (客户档案) is created on the sale day or the
day a repaired vehicle is picked up; a dealer whose files are late or
incomplete loses 1,000-10,000 of its deposit a case, 10,000 for
falsification.
"""

from collections import defaultdict

from .errors import CallbackRuleError
from .figures import ranking

# CB-19: what a complete customer file holds (seed 000: an accurate file the
# callback can use: who, how to reach them, where they live)
FILE_FIELDS = ("name", "phone", "street", "city")
DEDUCTION_MIN = 1000.0
DEDUCTION_MAX = 10000.0
FALSIFICATION_AMOUNT = 10000.0


def missing_file_fields(values):
    """CB-19: the fields of FILE_FIELDS a customer file lacks, in order.

    ``values``: a mapping of the partner's values; a mobile number stands in
    for the phone.
    """
    missing = []
    for name in FILE_FIELDS:
        value = values.get(name)
        if name == "phone":
            value = value or values.get("mobile")
        if not (value.strip() if isinstance(value, str) else value):
            missing.append(name)
    return missing


def file_late(file_day, event_day):
    """CB-19: a file is late when it was created after the day of the sale or
    of the repair pick-up (the same day is on time). Days, not times: the
    caller passes local dates. Unknown days are never late."""
    if not file_day or not event_day:
        return False
    return file_day > event_day


def check_deduction(amount, falsification=False):
    """CB-19: a deposit deduction is 1,000 to 10,000 a case; a falsified
    file costs 10,000. Returns the amount; raises CallbackRuleError."""
    if amount is None:
        raise CallbackRuleError("deduction_amount", "A deduction needs an amount.")
    if falsification:
        if abs(amount - FALSIFICATION_AMOUNT) > 1e-6:
            raise CallbackRuleError(
                "deduction_falsification",
                "A falsified customer file costs %(amount)s, not %(given)s.",
                amount=FALSIFICATION_AMOUNT,
                given=amount,
            )
        return amount
    if not DEDUCTION_MIN <= amount <= DEDUCTION_MAX:
        raise CallbackRuleError(
            "deduction_range",
            "A deduction is between %(low)s and %(high)s a case, not %(given)s.",
            low=DEDUCTION_MIN,
            high=DEDUCTION_MAX,
            given=amount,
        )
    return amount


def dealer_figures(files, deductions=()):
    """CB-19: figures per (dealer, quarter).

    ``files``: (dealer, quarter, late, incomplete) per customer file due (one
    per sale or repair event); ``deductions``: (dealer, quarter, amount) of
    the confirmed deductions. Returns {(dealer, quarter): {files, late,
    incomplete, flagged, deducted}}; a file both late and incomplete is
    flagged once.
    """
    result = defaultdict(
        lambda: {"files": 0, "late": 0, "incomplete": 0, "flagged": 0, "deducted": 0.0}
    )
    for dealer, quarter, late, incomplete in files:
        row = result[(dealer, quarter)]
        row["files"] += 1
        row["late"] += bool(late)
        row["incomplete"] += bool(incomplete)
        row["flagged"] += bool(late or incomplete)
    for dealer, quarter, amount in deductions:
        result[(dealer, quarter)]["deducted"] += amount
    return dict(result)


def dealer_rows(
    figures,
    deductions=(),
    satisfaction=None,
    weight_sale=None,
    weight_service=None,
):
    """CB-15 CB-19: the dealer screen: one row per (dealer, quarter).

    ``figures``: the output of :func:`dealer_figures` (files, late,
    incomplete, flagged, deducted); ``deductions``: (dealer, quarter,
    confirmed, count, amount) of the recorded deductions, drafts included;
    ``satisfaction``: (dealer, quarter) -> (after-sale average, after-service
    average). Each row adds the weighted satisfaction and its rank among the
    quarter's dealers (CB-15, ties share a rank, unscored dealers have none),
    the deductions recorded (count, amount) and those confirmed.
    """
    satisfaction = satisfaction or {}
    weights = {}
    if weight_sale is not None:
        weights = {"weight_sale": weight_sale, "weight_service": weight_service}
    rows = {}
    empty = {"files": 0, "late": 0, "incomplete": 0, "flagged": 0, "deducted": 0.0}
    keys = set(figures) | set(satisfaction) | {(d[0], d[1]) for d in deductions}
    for key in keys:
        sale, service = satisfaction.get(key, (None, None))
        rows[key] = {
            **empty,
            **figures.get(key, {}),
            "sale": sale,
            "service": service,
            "weighted": None,
            "rank": None,
            "recorded_count": 0,
            "recorded_amount": 0.0,
            "confirmed_count": 0,
            "confirmed_amount": 0.0,
        }
    for dealer, quarter, confirmed, count, amount in deductions:
        row = rows[(dealer, quarter)]
        row["recorded_count"] += count
        row["recorded_amount"] += amount or 0.0
        if confirmed:
            row["confirmed_count"] += count
            row["confirmed_amount"] += amount or 0.0
    by_quarter = defaultdict(dict)
    for (dealer, quarter), values in satisfaction.items():
        by_quarter[quarter][dealer] = tuple(values)
    for quarter, entities in by_quarter.items():
        for rank, dealer, weighted in ranking(entities, **weights):
            rows[(dealer, quarter)].update(rank=rank, weighted=weighted)
    return rows
