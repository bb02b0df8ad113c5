"""RR-20: a visitor who phoned or was canvassed by a named salesperson.

Seed 001 (first version, art. 1; reception procedure, art. 1): a visitor who
says a named salesperson phoned or canvassed them goes to that salesperson;
one who names nobody (or forgot the name) is a new customer in the order; if
the named salesperson is not on the floor, the visitor is received in the
order.
"""

from .. import apply_event, new_state
from . import EngineCase


def floor(n=3):
    roster = [
        {"id": i, "start": 9.0, "end": 18.0, "status": "on_duty"}
        for i in range(1, n + 1)
    ]
    return new_state(roster, None, "2026-11-30")


def ev(state, kind="arrival", **kw):
    return apply_event(state, {"type": kind, "at": 10.0, **kw})


def walk_in(state, customer, **kw):
    d = ev(state, visit_type="new", customer=customer, **kw)
    return d, ev(d["state"], "leave", customer=customer)["state"]


class TestContacted(EngineCase):
    def test_rr20_named_salesperson_serves_and_is_counted(self):
        state = floor(3)
        d, state = walk_in(state, "called", contacted_by=3)
        assert d["server"] == 3 and d["counted"]
        assert d["turn_of"] == 1 and not d["granted"]
        assert [e["reason"] for e in d["log"]] == ["contacted_by"]
        # 3's reception takes 3's turn: the order goes on 1, 2, then 1 again
        servers = []
        for i in range(3):
            d, state = walk_in(state, "n%d" % i)
            servers.append(d["server"])
        assert servers == [1, 2, 1]

    def test_rr20_named_salesperson_busy_still_serves(self):
        state = floor(3)
        state = ev(state, visit_type="new", customer="c1", contacted_by=None)["state"]
        d = ev(state, visit_type="new", customer="called", contacted_by=1)
        assert d["server"] == 1 and d["counted"]

    def test_rr20_nobody_named_is_a_new_customer(self):
        state = floor(3)
        d, state = walk_in(state, "called", contacted_by=None)
        assert d["server"] == 1 and d["counted"]
        assert [e["reason"] for e in d["log"]] == ["rotation"]

    def test_rr20_named_salesperson_absent_order_serves(self):
        state = floor(3)
        state = ev(state, "status", employee=2, status="off")["state"]
        d, state = walk_in(state, "called", contacted_by=2)
        assert d["server"] == 1 and d["counted"]
        assert [e["reason"] for e in d["log"] if e["event"] == "assignment"] == [
            "contact_absent"
        ]
        # named but not on the roster at all: the order serves too
        d, state = walk_in(state, "called2", contacted_by=9)
        assert d["server"] == 3 and d["counted"]

    def test_rr20_registered_customer_goes_to_the_owner_first(self):
        # RR-10 before RR-20: a registered customer belongs to their owner
        state = floor(3)
        d, state = walk_in(state, "old", contacted_by=3, owner=2)
        assert d["server"] == 2
