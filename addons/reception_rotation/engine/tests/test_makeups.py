"""RR-04, RR-05: a make-up is an extra turn, on every path that grants one.

A visit that does not count takes no turn; the make-up it earns is one
extra reception before the turn holder, after which the order resumes where
it was (seed 001, articles 3, 4, 8, 9, 13; second version 7).
"""

import random

from .. import apply_event, new_state
from . import EngineCase


def floor(n=4, **settings):
    roster = [
        {"id": i, "start": 9.0, "end": 18.0, "status": "on_duty"}
        for i in range(1, n + 1)
    ]
    return new_state(roster, settings, "2026-11-30")


def ev(state, kind="arrival", **kw):
    return apply_event(state, {"type": kind, "at": 10.0, **kw})


def walk_in(state, customer, visit_type="new", **kw):
    """A customer arrives and leaves at once: (decision, new state)."""
    d = ev(state, visit_type=visit_type, customer=customer, **kw)
    return d, ev(d["state"], "leave", customer=customer)["state"]


def servers(state, count, prefix="n"):
    """Who serves the next ``count`` new customers, and the state after."""
    out = []
    for i in range(count):
        d, state = walk_in(state, "%s%d" % (prefix, i))
        assert d["counted"]
        out.append(d["server"])
    return out, state


def turns(state):
    return {int(k): m["turns"] for k, m in state["members"].items()}


# ------------------------------------------------------ property: RR-04/RR-05


def _prefix(rng, state, ids):
    """Random new arrivals and status changes, then everybody back."""
    for step in range(rng.randint(0, 12)):
        if rng.random() < 0.3:
            state = ev(
                state,
                "status",
                employee=rng.choice(ids),
                status=rng.choice(["away", "away_notice", "on_duty"]),
            )["state"]
        else:
            state = walk_in(state, "p%d" % step)[1]
    for emp in ids:
        if next(r for r in state["roster"] if r["id"] == emp)["status"] != "on_duty":
            state = ev(state, "status", employee=emp, status="on_duty")["state"]
    return state


def _makeup_event(rng, state, ids):
    """(state with the make-up event, state without it, holder)."""
    kind = rng.choice(["bought", "bought_owner", "non_buyer", "makeup_policy"])
    kind = rng.choice([kind, "handover", "favour"])
    if kind == "handover":
        finder_d = ev(state, visit_type="new", customer="x")
        finder = finder_d["server"]
        owner = rng.choice([i for i in ids if i != finder])
        h = ev(finder_d["state"], "handover", customer="x", finder=finder, owner=owner)
        with_ = ev(h["state"], "leave", customer="x")["state"]
        # without: the owner had been given the customer directly
        o = ev(state, "override", employee=owner, reason="r", customer="x")
        return with_, ev(o["state"], "leave", customer="x")["state"], h["granted"]
    if kind == "favour":
        owner = rng.choice(ids)
        off = ev(state, "status", employee=owner, status="off")["state"]
        d = ev(off, visit_type="new", customer="x")
        h = ev(d["state"], "handover", customer="x", finder=d["server"], owner=owner)
        if h["server"] != d["server"]:  # nobody else on the floor: no favour
            return None
        nodeal = ev(h["state"], "leave", customer="x", bought=False)
        back = ev(nodeal["state"], "status", employee=owner, status="on_duty")
        without = ev(off, "status", employee=owner, status="on_duty")["state"]
        return back["state"], without, nodeal["granted"]
    settings = dict(state["settings"])
    if kind == "non_buyer":
        settings["non_buyer_policy"] = "current_makeup"
        event = {"visit_type": "non_buyer", "identified_minutes": 1}
    elif kind == "makeup_policy":
        settings["returning_policy"] = "makeup"
        event = {"visit_type": "returning_not_bought", "owner": rng.choice(ids)}
    else:
        owner = rng.choice(ids) if kind == "bought_owner" else None
        event = {"visit_type": "returning_bought", "owner": owner}
    state = dict(state, settings=settings)
    d, with_ = walk_in(state, "x", **event)
    return with_, state, d["granted"]


def _helped(state, owner_busy_with="c1", owner=1, **kw):
    """Owner 1 serves c1; their returning customer arrives, a colleague helps."""
    state = ev(state, visit_type="new", customer=owner_busy_with)["state"]
    d = ev(state, visit_type="returning_not_bought", customer="old", owner=owner, **kw)
    return d


class TestMakeups(EngineCase):
    def test_rr05_rr04_returning_buyer_served_by_owner_is_an_extra_turn(self):
        # RR-05 RR-04: 1 and 2 have taken their turns, 3 holds the turn. The
        # owner 4 serves their returning buyer: no count, no turn used.
        state = floor(4)
        _order, state = servers(state, 2, "a")
        before = turns(state)
        d, state = walk_in(state, "buyer", "returning_bought", owner=4)
        assert d["server"] == 4 and not d["counted"]
        assert [c["employee"] for c in d["granted"]] == [4]
        assert turns(state) == before  # nobody's place moved
        # the make-up first, then the turn holder 3, then 4's own normal turn
        order, state = servers(state, 4)
        assert order == [4, 3, 4, 1]
        assert {int(k): m["counted"] for k, m in state["members"].items()} == {
            1: 2,
            2: 1,
            3: 1,
            4: 2,
        }

    def test_rr06_rr04_owner_makeup_option_is_an_extra_turn(self):
        state = floor(4, returning_policy="makeup")
        _order, state = servers(state, 2, "a")
        d, state = walk_in(state, "old", "returning_not_bought", owner=4)
        assert d["server"] == 4 and not d["counted"] and d["granted"]
        assert servers(state, 4)[0] == [4, 3, 4, 1]

    def test_rr05_non_buyer_current_one_keeps_the_turn_and_gets_an_extra(self):
        # RR-05: served by the current one with a make-up (seed 001, art. 13)
        state = floor(3, non_buyer_policy="current_makeup")
        _order, state = servers(state, 1, "a")
        d, state = walk_in(state, "builder", "non_buyer", identified_minutes=1)
        assert d["server"] == 2 and not d["counted"] and d["turn_of"] == 2
        assert servers(state, 4)[0] == [2, 2, 3, 1]

    def test_rr03_rr05_no_count_visit_forfeits_nobody_and_skip_gets_no_makeup(self):
        # RR-03: the turn holder away without notice loses the turn of a counted
        # reception and gets no make-up; a visit that uses no turn forfeits
        # nobody's turn.
        state = floor(3)
        state = ev(state, "status", employee=1, status="away")["state"]
        d, state = walk_in(state, "buyer", "returning_bought")
        assert d["server"] == 2 and [c["employee"] for c in d["granted"]] == [2]
        assert not [e for e in d["log"] if e["event"] == "skip"]
        assert turns(state)[1] == 0
        d, state = walk_in(state, "n0")
        assert d["server"] == 2 and d["used"]  # 2's make-up
        d, state = walk_in(state, "n1")
        assert d["server"] == 2 and not d["granted"]  # 1 skipped, forfeits
        assert [e["reason"] for e in d["log"] if e["event"] == "skip"] == [
            "away_no_notice"
        ]
        state = ev(state, "status", employee=1, status="on_duty")["state"]
        assert servers(state, 3, "m")[0] == [3, 1, 2]
        assert not state["credits"]

    def test_rr08_helper_takes_no_turn_on_arrival(self):
        # RR-08: the owner is busy and names nobody; the last in order helps,
        # without a count and without losing their place.
        state = floor(3)
        d = ev(state, visit_type="new", customer="c1")  # 1 serves c1
        state = d["state"]
        before = turns(state)
        d = ev(state, visit_type="returning_not_bought", customer="old", owner=1)
        assert d["server"] == 3 and not d["counted"] and not d["granted"]
        assert turns(d["state"]) == before
        state = ev(d["state"], "leave", customer="old")["state"]
        state = ev(state, "leave", customer="c1")["state"]
        # no deal (RR-18): the helper's make-up, then the order, where 1 was
        # counted for the helped customer too
        assert servers(state, 3)[0] == [3, 2, 3]

    def test_rr09_handover_finder_gets_the_turn_back_and_an_extra(self):
        # RR-09: the owner 3 serves and is counted (their turn moves), the
        # finder 1 does not count: 1's turn comes back and 1 gets a make-up.
        state = floor(3)
        d = ev(state, visit_type="new", customer="c1")
        h = ev(d["state"], "handover", customer="c1", finder=1, owner=3)
        assert h["server"] == 3 and h["counted"]
        assert [c["reason"] for c in h["granted"]] == ["handover"]
        state = ev(h["state"], "leave", customer="c1")["state"]
        assert turns(state) == {1: 0, 2: 0, 3: 1}
        # the make-up, then 1's own turn (never used), then 2
        assert servers(state, 4)[0] == [1, 1, 2, 1]

    def test_rr09_handover_after_a_makeup_gives_the_makeup_back(self):
        # RR-04: a make-up is used once for a counted reception; taken back, it
        # is given back (never lost), and the handover earns its own.
        state = floor(3)
        _d, state = walk_in(state, "buyer", "returning_bought", owner=2)
        d = ev(state, visit_type="new", customer="c1")
        assert d["server"] == 2 and d["used"]
        h = ev(d["state"], "handover", customer="c1", finder=2, owner=3)
        assert sorted(c["reason"] for c in h["granted"]) == [
            "handover",
            "returning_bought",
        ]
        assert [c.get("restored", False) for c in h["granted"]] == [True, False]
        state = ev(h["state"], "leave", customer="c1")["state"]
        assert servers(state, 4)[0] == [2, 2, 1, 2]

    def test_rr09_favour_gives_the_turn_back_and_an_extra(self):
        # RR-09: owner unreachable, no deal: a favour with a make-up
        state = floor(3)
        state = ev(state, "status", employee=3, status="off")["state"]
        d = ev(state, visit_type="new", customer="c1")
        h = ev(d["state"], "handover", customer="c1", finder=1, owner=3)
        nodeal = ev(h["state"], "leave", customer="c1", bought=False)
        assert [c["reason"] for c in nodeal["granted"]] == ["favour"]
        state = nodeal["state"]
        assert turns(state)[1] == 0 and state["members"]["1"]["counted"] == 0
        assert servers(state, 3)[0] == [1, 1, 2]

    def test_rr12_back_from_business_mid_round_order_resumes(self):
        # RR-12: 1 is out while 2, 3, 4, 2 serve. 1 missed round 1 and its place
        # in round 2 (2 already took round 2's first customer): two make-ups,
        # then the order resumes with 3, who was due.
        state = floor(4)
        state = ev(state, "status", employee=1, status="business")["state"]
        order, state = servers(state, 4, "a")
        assert order == [2, 3, 4, 2]
        back = ev(state, "status", employee=1, status="on_duty")
        assert [c["reason"] for c in back["granted"]] == ["back_from_business"] * 2
        state = back["state"]
        used = []
        order = []
        for i in range(6):
            d, state = walk_in(state, "n%d" % i)
            order.append(d["server"])
            used.append(bool(d["used"]))
        assert order == [1, 1, 3, 4, 1, 2]
        assert used == [True, True, False, False, False, False]

    def test_rr12_back_before_own_place_no_makeup(self):
        # RR-12: 3 (last in order) is back before the round reached them: no turn
        # missed, no make-up, 3 is simply next.
        state = floor(3)
        state = ev(state, "status", employee=3, status="business")["state"]
        order, state = servers(state, 2, "a")
        back = ev(state, "status", employee=3, status="on_duty")
        assert not back["granted"]
        assert servers(back["state"], 3)[0] == [3, 1, 2]

    def test_rr04_rr05_property_each_makeup_is_one_extra_reception(self):
        """Over random days: each make-up granted yields exactly one extra
        reception, placed before the turn holder, and never shifts the normal
        order: the receptions after it are the ones that would have come
        without the make-up event."""
        for block in range(5):
            with self.subTest(block=block):
                for seed in range(block * 60, block * 60 + 60):
                    rng = random.Random(seed)
                    ids = list(range(1, rng.randint(2, 6) + 1))
                    state = _prefix(rng, floor(len(ids)), ids)
                    made = _makeup_event(rng, state, ids)
                    if made is None:
                        continue
                    with_, without, granted = made
                    extra = [c for c in granted if not c.get("restored")]
                    assert len(extra) == 1, (seed, granted)
                    holder = extra[0]["employee"]
                    # RR-04: the order itself (turns) is untouched by the make-up
                    assert {i: turns(with_).get(i, 0) for i in ids} == {
                        i: turns(without).get(i, 0) for i in ids
                    }, seed
                    count = 2 * len(ids) + 1
                    got, _s = servers(with_, count + 1)
                    base, _s = servers(without, count)
                    assert got == [holder, *base], (seed, got, base)

    def test_rr18_helper_no_deal_owner_counted_helper_extra_turn(self):
        # RR-18 RR-08 RR-04: no deal, the owner is counted and the helper (last
        # in order, 3) gets a make-up: one extra reception, place unchanged
        state = floor(3)
        d = _helped(state)
        assert d["server"] == 3 and not d["counted"] and not d["granted"]
        before = turns(d["state"])
        left = ev(d["state"], "leave", customer="old", bought=False)
        assert [c["employee"] for c in left["granted"]] == [3]
        assert left["granted"][0]["reason"] == "helped"
        state = left["state"]
        assert state["members"]["1"]["counted"] == 2  # c1 and the returning one
        assert turns(state)[3] == before[3]  # the helper's place did not move
        assert turns(state)[1] == before[1] + 1  # the owner's count takes a turn
        state = ev(state, "leave", customer="c1")["state"]
        # the helper's make-up first, then the order: 2 and 3 catch up with the
        # owner, who was counted twice
        assert servers(state, 6)[0] == [3, 2, 3, 2, 3, 1]

    def test_rr18_helper_deal_is_split_no_makeup(self):
        state = floor(3)
        d = _helped(state, delegate=2)
        assert d["server"] == 2
        left = ev(d["state"], "leave", customer="old", bought=True, units=1)
        assert left["split"] == [2, 1] and not left["granted"]
        assert left["state"]["members"]["1"]["counted"] == 1

    def test_rr18_owner_serves_both_no_help_no_makeup(self):
        state = floor(3)
        d = _helped(state, serve_both=True)
        assert d["server"] == 1
        left = ev(d["state"], "leave", customer="old", bought=False)
        assert not left["granted"] and not left["split"]

    def test_rr12_out_on_business_from_the_start_of_the_day(self):
        # RR-12 RR-02: 1 is rostered from 9:00 but out on business from the start:
        # the turns missed until the return are make-ups all the same
        roster = [
            {"id": i, "start": 9.0, "end": 18.0, "status": "on_duty"} for i in (1, 2, 3)
        ]
        roster[0]["status"] = "business"
        state = new_state(roster, None, "2026-11-30")
        order, state = servers(state, 4, "a")
        assert order == [2, 3, 2, 3]
        back = ev(state, "status", employee=1, status="on_duty")
        assert [c["reason"] for c in back["granted"]] == ["back_from_business"] * 2
        assert servers(back["state"], 4)[0] == [1, 1, 1, 2]
