"""RR-19, RR-21 and the RR-10 customer rule (pure engine).

Seed 001, second version, art. 5 (RR-19): an old customer who has not bought
bringing a new one counts once for their salesperson; one who bought bringing
a new one counts if the new one registers, else not (RR-05). Third version,
art. 6 (RR-21): a non-buyer found out while served is not counted once the
salesperson and the manager confirmed it together; the salesperson gets a
make-up.
"""

from .. import (
    EngineError,
    apply_event,
    new_state,
    next_up,
    same_customer,
)
from . import EngineCase


def floor(n=3, **settings):
    roster = [
        {"id": i, "start": 9.0, "end": 18.0, "status": "on_duty"}
        for i in range(1, n + 1)
    ]
    return new_state(roster, settings, "2026-11-30")


def ev(state, kind="arrival", **kw):
    return apply_event(state, {"type": kind, "at": 10.0, **kw})


def walk_in(state, customer, visit_type="new", leave=True, **kw):
    d = ev(state, visit_type=visit_type, customer=customer, **kw)
    state = d["state"]
    if leave:
        state = ev(state, "leave", customer=customer)["state"]
    return d, state


def counted(state):
    return {int(k): m["counted"] for k, m in state["members"].items()}


def ledger_ok(state):
    """counted == turns - forfeited + make-ups used - given back: here no
    skip forfeits, so counted never exceeds turns plus make-ups held."""
    return all(m["counted"] >= 0 for m in state["members"].values())


# ---------------------------------------------------------------- RR-19


# ---------------------------------------------------------------- RR-21


def confirm(state, customer, employee, **kw):
    return ev(state, "non_buyer_confirmed", customer=customer, employee=employee, **kw)


# ---------------------------------------------------------------- RR-10


class TestFloorRules(EngineCase):
    def test_rr19_closed_referrer_registered_newcomer_counts_for_their_salesperson(
        self,
    ):
        state = floor(3)
        d, state = walk_in(
            state,
            "friend",
            "brought_by_old",
            referrer_owner=3,
            referrer_bought=True,
            registered=True,
        )
        assert d["server"] == 3 and d["counted"]
        assert counted(state) == {1: 0, 2: 0, 3: 1}
        # RR-19: the counted reception takes 3's turn: the order skips them once
        servers = [walk_in(state, "n%d" % i)[0]["server"] for i in range(1)]
        assert servers == [1]
        assert [e["reason"] for e in d["log"]] == ["brought_by_closed_registered"]

    def test_rr19_rr05_closed_referrer_unregistered_newcomer_does_not_count(self):
        state = floor(3)
        d, state = walk_in(
            state, None, "brought_by_old", referrer_owner=2, referrer_bought=True
        )
        assert d["server"] == 2 and not d["counted"] and not d["granted"]
        assert next_up(state, 10.0) == 1

    def test_rr19_open_referrer_bringing_someone_counts_once(self):
        state = floor(3)
        d, state = walk_in(
            state, "friend", "brought_by_old", referrer_owner=2, referrer="old"
        )
        assert d["server"] == 2 and d["counted"]
        # the old customer's own visit the same day does not count again
        d2, state = walk_in(state, "old", "returning_not_bought", owner=2)
        assert d2["server"] == 2 and not d2["counted"]
        assert counted(state)[2] == 1
        assert [e["reason"] for e in d2["log"]] == ["brought_by_open_once"]

    def test_rr19_open_referrer_already_counted_today_counts_once(self):
        state = floor(3)
        d, state = walk_in(state, "old", "returning_not_bought", owner=2)
        assert d["counted"]
        d2, state = walk_in(
            state, "friend", "brought_by_old", referrer_owner=2, referrer="old"
        )
        assert d2["server"] == 2 and not d2["counted"]
        assert counted(state)[2] == 1

    def test_rr19_open_referrer_counted_for_someone_else_still_counts(self):
        """The old customer was served by a colleague (owner busy): the newcomer
        brought in counts for the owner once."""
        state = floor(3)
        state = ev(state, visit_type="new", customer="x")["state"]  # 1 busy
        d, state = walk_in(state, "old", "new")  # 2 serves "old" as new
        d2, state = walk_in(
            state,
            "friend",
            "brought_by_old",
            referrer_owner=1,
            referrer="old",
            serve_both=True,
        )
        assert d2["server"] == 1 and d2["counted"]

    def test_rr19_referrer_salesperson_absent_newcomer_in_order(self):
        state = floor(3)
        state = ev(state, "status", employee=3, status="off")["state"]
        d, state = walk_in(
            state,
            "friend",
            "brought_by_old",
            referrer_owner=3,
            referrer_bought=True,
            registered=True,
        )
        assert d["server"] == 1 and d["counted"]

    def test_rr19_counted_referral_can_be_handed_back(self):
        """A counted RR-19 reception took a turn: handed over (RR-09) the turn
        is given back, never lost (RR-04)."""
        state = floor(3)
        d, state = walk_in(
            state,
            "friend",
            "brought_by_old",
            leave=False,
            referrer_owner=2,
            referrer_bought=True,
            registered=True,
        )
        h = ev(state, "handover", customer="friend", finder=2, owner=3)
        assert h["server"] == 3 and h["granted"][0]["employee"] == 2
        assert counted(h["state"]) == {1: 0, 2: 0, 3: 1}

    def test_rr21_confirmed_in_time_uncounted_with_makeup(self):
        state = floor(3)
        d, state = walk_in(state, "rep", "new")
        assert d["server"] == 1 and d["counted"]
        c = confirm(state, "rep", 1, minutes=2.0)
        assert not c["counted"]
        assert [g["employee"] for g in c["granted"]] == [1]
        assert [g["reason"] for g in c["granted"]] == ["non_buyer"]
        state = c["state"]
        assert counted(state)[1] == 0
        # the turn is given back and the make-up is an extra reception
        servers = [walk_in(state, "n%d" % i)[0]["server"] for i in range(1)]
        assert servers == [1]
        d1, state = walk_in(state, "n1")
        d2, state = walk_in(state, "n2")
        d3, state = walk_in(state, "n3")
        assert [d1["server"], d2["server"], d3["server"]] == [1, 1, 2]
        assert d1["used"] and not d2["used"]

    def test_rr21_confirmed_before_the_door_after_the_minutes(self):
        state = floor(3)
        d, state = walk_in(state, "rep", "new")
        c = confirm(state, "rep", 1, minutes=25.0, before_door=True)
        assert not c["counted"] and c["granted"]

    def test_rr21_identified_late_stays_counted(self):
        state = floor(3)
        d, state = walk_in(state, "rep", "new")
        c = confirm(state, "rep", 1, minutes=10.0)
        assert c["counted"] and not c["granted"]
        assert counted(c["state"])[1] == 1
        assert [e["reason"] for e in c["log"]] == ["non_buyer_late"]

    def test_rr21_minutes_setting_is_the_floor_s(self):
        for minutes in [0.0, 2.99, 3.0]:
            with self.subTest(minutes=minutes):
                state = floor(3)
                d, state = walk_in(state, "rep", "new")
                assert not confirm(state, "rep", 1, minutes=minutes)["counted"]
                state5 = floor(3, non_buyer_minutes=1.0)
                d, state5 = walk_in(state5, "rep", "new")
                assert confirm(state5, "rep", 1, minutes=minutes)["counted"] == (
                    minutes > 1.0
                )

    def test_rr21_made_up_reception_gives_back_the_makeup(self):
        """Served on a make-up: the make-up used is restored, plus the
        non-buyer make-up (RR-04: never lost)."""
        state = floor(3)
        state["credits"] = [{"key": "c1", "employee": 2, "reason": "handover"}]
        state["seq"] = 1
        d, state = walk_in(state, "rep", "new")
        assert d["server"] == 2 and d["used"]
        c = confirm(state, "rep", 2, minutes=1.0)
        reasons = sorted(g["reason"] for g in c["granted"])
        assert reasons == ["handover", "non_buyer"]
        assert next_up(c["state"], 10.0) == 2

    def test_rr21_only_the_counted_server_of_today(self):
        for customer, employee in [("rep", 2), ("other", 1), (None, 1)]:
            with self.subTest(customer=customer, employee=employee):
                state = floor(3)
                d, state = walk_in(state, "rep", "new")
                with self.assertRaises(EngineError) as err:
                    confirm(state, customer, employee, minutes=1.0)
                assert err.exception.code == "not_counted"

    def test_rr21_not_twice_and_not_an_uncounted_visit(self):
        state = floor(3)
        d, state = walk_in(state, "rep", "new")
        state = confirm(state, "rep", 1, minutes=1.0)["state"]
        with self.assertRaises(EngineError):
            confirm(state, "rep", 1, minutes=1.0)
        d, state = walk_in(state, "peer", "peer_research")
        with self.assertRaises(EngineError):
            confirm(state, "peer", d["server"], minutes=1.0)

    def test_rr21_a_new_day_has_nothing_to_confirm(self):
        state = floor(3)
        d, state = walk_in(state, "rep", "new")
        tomorrow = new_state(
            state["roster"], None, "2026-12-01", credits=state["credits"]
        )
        with self.assertRaises(EngineError):
            confirm(tomorrow, "rep", 1, minutes=1.0)

    def test_rr21_confirmation_keeps_the_round_robin_fair(self):
        """Over a day where every fifth customer is a confirmed non-buyer, the
        counted receptions stay within one of each other."""
        state = floor(4)
        for i in range(40):
            d, state = walk_in(state, "c%d" % i)
            if i % 5 == 0:
                state = confirm(state, "c%d" % i, d["server"], minutes=1.0)["state"]
        values = list(counted(state).values())
        assert max(values) - min(values) <= 1
        assert ledger_ok(state)

    def test_rr10_same_customer(self):
        for known, name, relation, strict, same in [
            ("Wang Fang", "Wang Fang", None, False, True),
            ("Wang Fang", "  wang   fang ", None, False, True),
            ("Wang Fang", "Li Lei", None, False, False),
            ("Wang Fang", "Li Lei", "spouse", False, True),
            ("Wang Fang", "Li Lei", "parent", False, True),
            ("Wang Fang", "Li Lei", "self", False, True),
            ("Wang Fang", "Li Lei", "friend", False, False),
            (False, "Li Lei", None, False, True),
            ("", "Li Lei", None, True, False),
            ("Li Lei", "Li Lei", None, True, True),
            ("Wang Fang", "", None, False, True),
        ]:
            with self.subTest(
                known=known, name=name, relation=relation, strict=strict, same=same
            ):
                assert same_customer(known, name, relation, strict=strict) is same
