"""Randomised event sequences against the rotation invariants (RR-01..RR-16).

Seeded, so a failure is reproducible: no turn is lost or given twice, the
ledger ``counted == turns - forfeits + make-ups used - make-ups given back``
holds (RR-04: a make-up is an extra reception, it takes no turn), credits are
used once, a skip never creates a make-up, and once make-ups are settled the
salespeople on duty all day differ by at most one turn (the order).
"""

import json
import random

from .. import LOG_REASONS, apply_event, new_state
from . import EngineCase

MAKEUP_REASONS = {
    "returning_bought",
    "returning_not_bought",
    "non_buyer",
    "handover",
    "favour",
    "back_from_business",
    "helped",
}
TYPES = [
    "new",
    "new",
    "new",
    "new",
    "returning_not_bought",
    "returning_bought",
    "brought_by_old",
    "peer_research",
    "non_buyer",
    "ask_someone",
    "directions",
    "phone_call",
]


def _available(state, emp):
    entry = next(r for r in state["roster"] if r["id"] == emp)
    member = state["members"].get(str(emp), {})
    return (
        entry["status"] == "on_duty"
        and member.get("joined")
        and not member.get("serving")
    )


class Ledger:
    def __init__(self, state, steady):
        self.state = state
        self.steady = steady
        self.forfeits = {}
        self.granted = set()
        self.used = set()
        self.extra = {}  # make-ups used minus make-ups given back, per member

    def apply(self, event):
        before = {k: m["counted"] for k, m in self.state["members"].items()}
        d = apply_event(self.state, event)
        json.dumps(d["state"])  # serialisable
        after = {k: m["counted"] for k, m in d["state"]["members"].items()}
        # credits: each granted once, used once, skips never grant
        for credit in d["granted"]:
            assert credit["key"] not in self.granted
            assert credit["reason"] in MAKEUP_REASONS
            self.granted.add(credit["key"])
            if credit.get("restored"):
                emp = credit["employee"]
                self.extra[emp] = self.extra.get(emp, 0) - 1
        for credit in d["used"]:
            assert credit["key"] in self.granted
            assert credit["key"] not in self.used
            self.used.add(credit["key"])
            emp = credit["employee"]
            self.extra[emp] = self.extra.get(emp, 0) + 1
        for entry in d["log"]:
            # RR-15: the log knows every reason the engine gives
            assert entry["reason"] in LOG_REASONS, entry
            if entry["event"] == "skip" and entry["reason"] == "away_no_notice":
                emp = entry["employee"]
                self.forfeits[emp] = self.forfeits.get(emp, 0) + 1
        # no turn given twice: counted moves by one for one server at most
        reversals = sum(
            1
            for c in d["granted"]
            if c["reason"] in ("handover", "favour") and not c.get("restored")
        )
        delta = sum(after.get(k, 0) - before.get(k, 0) for k in after)
        # RR-18: the owner of a helped customer who left without a deal
        owners = sum(1 for e in d["log"] if e["reason"] == "helped_owner_counted")
        assert delta == (1 if d["counted"] else 0) - reversals + owners
        if d["counted"]:
            key = str(d["server"])
            assert after[key] - before.get(key, 0) >= 1 - reversals
        self.state = d["state"]
        self.check_ledger()
        return d

    def check_ledger(self):
        # RR-04: a make-up is an extra reception, it takes no turn; a visit
        # that does not count takes none either (RR-05)
        for emp in self.steady:
            m = self.state["members"].get(str(emp))
            if not m:
                continue
            assert m["counted"] == (
                m["turns"] - self.forfeits.get(emp, 0) + self.extra.get(emp, 0)
            ), (emp, m, self.extra)


def run_sequence(seed, length=120):
    rng = random.Random(seed)
    n = rng.randint(2, 7)
    ids = list(range(1, n + 1))
    volatile = set(rng.sample(ids, rng.randint(0, n - 1)))
    steady = [i for i in ids if i not in volatile]
    roster = []
    for emp in ids:
        start, end = 9.0, 18.0
        if emp in volatile and rng.random() < 0.5:
            start = rng.choice([9.0, 11.0, 13.0])
            end = rng.choice([15.0, 17.0, 18.0])
        roster.append({"id": emp, "start": start, "end": end, "status": "on_duty"})
    settings = {
        "returning_policy": rng.choice(["count", "makeup"]),
        "non_buyer_policy": rng.choice(["last", "current_makeup"]),
    }
    ledger = Ledger(new_state(roster, settings, "d"), steady)
    customers = []
    serving = []
    at = 9.0
    for step in range(length):
        at = min(17.9, at + rng.random() * 0.1)
        roll = rng.random()
        if serving and roll < 0.35:
            customer = serving.pop(rng.randrange(len(serving)))
            ledger.apply(
                {
                    "type": "leave",
                    "at": at,
                    "customer": customer,
                    "bought": rng.random() < 0.3,
                    "units": rng.choice([0, 1, 1, 3]),
                }
            )
            continue
        if volatile and roll < 0.45:
            ledger.apply(
                {
                    "type": "status",
                    "at": at,
                    "employee": rng.choice(sorted(volatile)),
                    "status": rng.choice(
                        ["on_duty", "on_duty", "away", "away_notice", "business", "off"]
                    ),
                }
            )
            continue
        if roll < 0.5:
            customer = "o%d_%d" % (seed, step)
            if customer not in serving:
                serving.append(customer)
            ledger.apply(
                {
                    "type": "override",
                    "at": at,
                    "employee": rng.choice(ids),
                    "reason": "test",
                    "customer": customer,
                }
            )
            continue
        if serving and roll < 0.55:
            customer = rng.choice(serving)
            served = ledger.state["served"].get(customer)
            if served and served["server"] is not None:
                owner = rng.choice(ids)
                if owner != served["server"]:
                    ledger.apply(
                        {
                            "type": "handover",
                            "at": at,
                            "customer": customer,
                            "finder": served["server"],
                            "owner": owner,
                            "stand_in": rng.choice([None, *ids]),
                        }
                    )
            continue
        visit_type = rng.choice(TYPES)
        if customers and rng.random() < 0.1:
            customer = rng.choice(customers)  # RR-07 same day again
        else:
            customer = "c%d_%d" % (seed, step)
            customers.append(customer)
        owner = rng.choice([None, None, *ids]) if visit_type != "new" else None
        event = {
            "type": "arrival",
            "at": at,
            "visit_type": visit_type,
            "customer": customer,
            "owner": owner,
            "referrer_owner": rng.choice([None, *ids]),
            "identified_minutes": rng.choice([1, 2, 5]),
            "asked": rng.choice(ids),
            "serve_both": rng.random() < 0.3,
            "delegate": rng.choice([None, None, *ids]),
        }
        fresh = customer not in ledger.state["served"]
        anyone = any(_available(ledger.state, emp) for emp in ids) and any(
            next(r for r in ledger.state["roster"] if r["id"] == emp)["start"]
            <= at
            < next(r for r in ledger.state["roster"] if r["id"] == emp)["end"]
            and _available(ledger.state, emp)
            for emp in ids
        )
        d = ledger.apply(event)
        if visit_type == "new" and fresh and anyone:
            # no turn lost: a new customer always gets a counted reception
            assert d["counted"] and d["server"] is not None
        if (
            d["server"] is not None
            and visit_type not in ("phone_call", "directions")
            and customer not in serving
        ):
            serving.append(customer)
    # settle: everybody free and back, then new customers until make-ups are used
    for customer in list(serving):
        ledger.apply({"type": "leave", "at": at, "customer": customer})
    for emp in sorted(volatile):
        ledger.apply({"type": "status", "at": at, "employee": emp, "status": "off"})
    for i in range(400):
        pending = [c for c in ledger.state["credits"] if c["employee"] in steady]
        turns = [ledger.state["members"][str(e)]["turns"] for e in steady]
        if not pending and max(turns) - min(turns) <= 1:
            break
        c = "s%d_%d" % (seed, i)
        d = ledger.apply(
            {"type": "arrival", "at": at, "visit_type": "new", "customer": c}
        )
        assert d["counted"]
        ledger.apply({"type": "leave", "at": at, "customer": c})
    turns = [ledger.state["members"][str(e)]["turns"] for e in steady]
    # steady members never away: make-ups aside, the order stays level
    assert max(turns) - min(turns) <= 1, (seed, turns)
    return ledger


class TestInvariants(EngineCase):
    def test_rr01_rr16_random_sequences_keep_invariants(self):
        for block in range(10):
            with self.subTest(block=block):
                for seed in range(block * 40, block * 40 + 40):
                    run_sequence(seed)

    def test_rr03_rr04_skip_never_creates_makeup_long_sequences(self):
        for seed in range(1000, 1020):
            ledger = run_sequence(seed, length=400)
            assert ledger.used <= ledger.granted
