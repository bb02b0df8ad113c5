"""RR-01..RR-16 rotation rules, one test per rule (pure engine)."""

import json

from .. import (
    EngineError,
    apply_event,
    new_state,
    next_up,
    normalize_phone,
    phone_forms,
)
from . import EngineCase


def floor(n=4, **settings):
    roster = [
        {"id": i, "start": 9.0, "end": 18.0, "status": "on_duty"}
        for i in range(1, n + 1)
    ]
    return new_state(roster, settings, "2026-11-22")


def ev(state, kind="arrival", at=10.0, **kw):
    return apply_event(state, {"type": kind, "at": at, **kw})


def walk_in(state, customer, visit_type="new", leave=True, **kw):
    """A customer arrives and (by default) leaves at once."""
    d = ev(state, visit_type=visit_type, customer=customer, **kw)
    state = d["state"]
    if leave:
        state = ev(state, "leave", customer=customer)["state"]
    return d, state


def counted(state):
    return {int(k): m["counted"] for k, m in state["members"].items()}


class TestRules(EngineCase):
    def test_rr01_round_robin_and_pointer(self):
        state = floor(3)
        servers = []
        for i in range(7):
            d, state = walk_in(state, "c%d" % i)
            assert d["counted"]
            servers.append(d["server"])
        assert servers == [1, 2, 3, 1, 2, 3, 1]
        assert next_up(state, 10.0) == 2
        assert counted(state) == {1: 3, 2: 2, 3: 2}

    def test_rr02_only_rostered_hours(self):
        state = new_state(
            [
                {"id": 1, "start": 9, "end": 18, "status": "on_duty"},
                {"id": 2, "start": 14, "end": 18, "status": "on_duty"},
            ],
            day="d",
        )
        for i in range(3):
            d, state = walk_in(state, "a%d" % i)
            assert d["server"] == 1  # 2 is not on duty before 14:00
        # 2 joins level with the others (no catch-up for the morning)
        d = ev(state, at=14.5, visit_type="new", customer="b")
        assert d["server"] == 1  # level: a new round starts in roster order
        state = ev(d["state"], "leave", at=14.5, customer="b")["state"]
        assert ev(state, at=14.6, visit_type="new", customer="c")["server"] == 2
        # an override outside the rostered hours is served but does not count
        d = ev(state, at=8.0, kind="override", employee=1, reason="early", customer="z")
        assert d["server"] == 1 and not d["counted"]

    def test_rr03_away_without_notice_skipped_no_makeup(self):
        state = floor(3)
        state = ev(state, "status", employee=1, status="away")["state"]
        d, state = walk_in(state, "c1")
        assert d["server"] == 2
        assert not d["granted"]
        assert [e["reason"] for e in d["log"] if e["event"] == "skip"] == [
            "away_no_notice"
        ]
        state = ev(state, "status", employee=1, status="on_duty")["state"]
        d, state = walk_in(state, "c2")
        assert d["server"] == 3  # 1 lost the turn, no make-up
        d, state = walk_in(state, "c3")
        assert d["server"] == 1
        assert not state["credits"]

    def test_rr04_makeup_priority_used_once_never_lost_by_skip(self):
        state = floor(3)
        d, state = walk_in(state, "old", "returning_bought", owner=3)
        assert d["server"] == 3 and not d["counted"]
        assert [c["employee"] for c in d["granted"]] == [3]
        # the holder is away without notice: skipped, the credit is kept
        state = ev(state, "status", employee=3, status="away")["state"]
        d, state = walk_in(state, "n1")
        assert d["server"] == 1 and state["credits"]
        state = ev(state, "status", employee=3, status="on_duty")["state"]
        d, state = walk_in(state, "n2")
        assert d["server"] == 3 and d["counted"]
        assert [c["employee"] for c in d["used"]] == [3]
        assert not state["credits"]
        d, state = walk_in(state, "n3")
        assert d["server"] == 2  # normal order resumes, credit used once

    def test_rr05_returning_bought_server_gets_makeup(self):
        # RR-05 RR-04: the turn holder serves the returning buyer without using
        # the turn; the make-up is an extra reception, then 1's own turn
        state = floor(3)
        d, state = walk_in(state, "old", "returning_bought", owner=None)
        assert d["server"] == 1 and not d["counted"]
        assert d["granted"][0]["reason"] == "returning_bought"
        assert not [e for e in d["log"] if e["event"] == "skip"]
        d, state = walk_in(state, "n1")
        assert d["server"] == 1 and d["used"]  # make-up first
        d, state = walk_in(state, "n2")
        assert d["server"] == 1 and not d["used"]  # 1's turn was never used
        d, state = walk_in(state, "n3")
        assert d["server"] == 2

    def test_rr05_brought_by_closed_customer_unregistered_does_not_count(self):
        """RR-05: a customer who bought brings someone who does not register
        (RR-19 covers the registered one and a referrer who has not bought)."""
        state = floor(3)
        d, state = walk_in(
            state, "friend", "brought_by_old", referrer_owner=3, referrer_bought=True
        )
        assert d["server"] == 3 and not d["counted"] and not d["granted"]
        assert next_up(state, 10.0) == 1

    def test_rr05_brought_by_registered_customer_goes_to_owner(self):
        state = floor(3)
        d, state = walk_in(state, "friend", "brought_by_old", referrer_owner=3, owner=2)
        assert d["server"] == 2

    def test_rr05_peer_research_and_asking_do_not_count(self):
        state = floor(3)
        d, state = walk_in(state, "peer", "peer_research")
        assert d["server"] == 3 and not d["counted"]  # last in order
        d, state = walk_in(state, "x", "ask_someone", asked=2)
        assert d["server"] == 2 and not d["counted"]
        d, state = walk_in(state, None, "directions")
        assert d["server"] is None and not d["counted"]
        assert next_up(state, 10.0) == 1
        assert counted(state) == {1: 0, 2: 0, 3: 0}

    def test_rr05_non_buyer_identified_in_time(self):
        state = floor(3)
        d, state = walk_in(state, "rep", "non_buyer", identified_minutes=2)
        assert d["server"] == 3 and not d["counted"]
        assert ("non_buyer", 3) in d["alerts"]
        # identified too late: it was a normal reception
        d, state = walk_in(state, "rep2", "non_buyer", identified_minutes=10)
        assert d["counted"] and d["server"] == 1
        # before the door, even after 3 minutes
        d, state = walk_in(
            state, "rep3", "non_buyer", identified_minutes=10, before_door=1
        )
        assert not d["counted"]

    def test_rr05_non_buyer_current_one_with_makeup(self):
        state = floor(3, non_buyer_policy="current_makeup")
        d, state = walk_in(state, "rep", "non_buyer", identified_minutes=1)
        assert d["server"] == 1 and not d["counted"]
        assert d["granted"][0]["employee"] == 1
        d, state = walk_in(state, "n1")
        assert d["server"] == 1 and d["counted"]

    def test_rr06_returning_default_counts_no_makeup(self):
        state = floor(3)
        d, state = walk_in(state, "old", "returning_not_bought", owner=3)
        assert d["server"] == 3 and d["counted"] and not d["granted"]
        assert [walk_in(state, "n%d" % i)[0]["server"] for i in range(1)] == [1]

    def test_rr06_returning_option_makeup_no_count(self):
        state = floor(3, returning_policy="makeup")
        d, state = walk_in(state, "old", "returning_not_bought", owner=3)
        assert d["server"] == 3 and not d["counted"]
        assert d["granted"][0]["employee"] == 3

    def test_rr06_new_with_owner_is_reclassified(self):
        state = floor(3)
        d, state = walk_in(state, "old", "new", owner=2)
        assert d["server"] == 2
        assert any(e["reason"] == "reclassified_returning" for e in d["log"])

    def test_rr10_ownership_map_in_the_state(self):
        state = dict(floor(3), owners={"old": 3})
        d, state = walk_in(state, "old", "new")
        assert d["server"] == 3
        d, state = walk_in(state, "fresh")
        assert d["server"] == 1

    def test_rr07_same_customer_same_day_counts_once(self):
        state = floor(3)
        d, state = walk_in(state, "c1")
        assert d["server"] == 1 and d["counted"]
        d, state = walk_in(state, "c1")
        assert d["server"] == 1 and not d["counted"]
        assert counted(state)[1] == 1
        assert next_up(state, 10.0) == 2
        d = ev(state, "override", employee=3, reason="asked", customer="c1")
        assert not d["counted"]

    def test_rr08_busy_skipped_not_penalised(self):
        state = floor(3)
        d, state = walk_in(state, "c1", leave=False)  # 1 serves c1
        d, state = walk_in(state, "c2")
        assert d["server"] == 2
        d, state = walk_in(state, "c3")
        assert d["server"] == 3
        assert not state["credits"]  # a skip never creates a make-up
        state = ev(state, "leave", customer="c1")["state"]
        # 1 is back: order continues 1, 2, 3 and nobody lost a turn
        servers = [walk_in(state, "x")[0]["server"]]
        assert servers == [1]

    def test_rr08_own_returning_customer_while_busy(self):
        state = floor(3)
        d, state = walk_in(state, "c1", leave=False)  # 1 busy
        both = ev(
            state,
            visit_type="returning_not_bought",
            customer="o",
            owner=1,
            serve_both=True,
        )
        assert both["server"] == 1
        named = ev(
            state, visit_type="returning_not_bought", customer="o", owner=1, delegate=2
        )
        assert named["server"] == 2 and not named["counted"]
        nobody = ev(state, visit_type="returning_not_bought", customer="o", owner=1)
        assert nobody["server"] == 3  # the last in order helps
        assert not nobody["counted"]

    def test_rr09_handover_to_colleague_finder_gets_makeup(self):
        state = floor(3)
        d, state = walk_in(state, "c1", leave=False)
        assert d["server"] == 1
        h = ev(state, "handover", customer="c1", finder=1, owner=3)
        assert h["server"] == 3 and h["counted"]
        assert [c["employee"] for c in h["granted"]] == [1]
        state = h["state"]
        assert counted(state) == {1: 0, 2: 0, 3: 1}
        state = ev(state, "leave", customer="c1")["state"]
        d, state = walk_in(state, "c2")
        assert d["server"] == 1 and d["used"]

    def test_rr09_owner_off_names_stand_in(self):
        state = floor(3)
        state = ev(state, "status", employee=3, status="off")["state"]
        d, state = walk_in(state, "c1", leave=False)
        h = ev(state, "handover", customer="c1", finder=1, owner=3, stand_in=2)
        assert h["server"] == 2 and h["granted"][0]["employee"] == 1

    def test_rr09_owner_unreachable_split_or_favour(self):
        state = floor(3)
        state = ev(state, "status", employee=3, status="off")["state"]
        d, state = walk_in(state, "c1", leave=False)
        h = ev(state, "handover", customer="c1", finder=1, owner=3)
        assert h["server"] == 1 and not h["granted"]
        deal = ev(h["state"], "leave", customer="c1", bought=True, units=1)
        assert deal["split"] == [1, 3] and not deal["granted"]
        nodeal = ev(h["state"], "leave", customer="c1", bought=False)
        assert nodeal["granted"][0]["reason"] == "favour"
        assert counted(nodeal["state"])[1] == 0

    def test_rr09_handover_refused_when_not_serving(self):
        state = floor(3)
        with self.assertRaises(EngineError):
            ev(state, "handover", customer="zz", finder=1, owner=2)

    def test_rr12_back_from_business_gets_makeups(self):
        state = floor(3)
        state = ev(state, "status", employee=1, status="business")["state"]
        for i in range(4):
            d, state = walk_in(state, "c%d" % i)
            assert d["server"] in (2, 3)
        back = ev(state, "status", employee=1, status="on_duty")
        assert len(back["granted"]) == 2  # two rounds missed
        state = back["state"]
        assert [walk_in(state, "x")[0]["server"]] == [1]
        d, state = walk_in(state, "n1")
        d, state = walk_in(state, "n2")
        assert d["server"] == 1 and d["used"]
        d, state = walk_in(state, "n3")
        assert d["server"] == 1 and not d["used"]  # then the order resumes
        d, state = walk_in(state, "n4")
        assert d["server"] == 2

    def test_rr13_phone_calls_rotate_to_the_next_in_order(self):
        state = floor(3)
        d = ev(state, visit_type="phone_call")
        assert d["turn_of"] == 1 and d["server"] == 2 and not d["counted"]
        assert next_up(d["state"], 10.0) == 1
        d, state = walk_in(state, "c1")
        d = ev(state, visit_type="phone_call")
        assert d["server"] == 3

    def test_rr14_bulk_buyer_alert(self):
        state = floor(2)
        d, state = walk_in(state, "c1", leave=False)
        assert ("bulk_buyer", 1) in ev(state, "leave", customer="c1", units=3)["alerts"]
        assert not ev(state, "leave", customer="c1", units=2)["alerts"]
        state3 = floor(2, bulk_units=5)
        d, state3 = walk_in(state3, "c1", leave=False)
        assert not ev(state3, "leave", customer="c1", units=4)["alerts"]

    def test_rr15_override_needs_reason_and_is_logged(self):
        state = floor(3)
        with self.assertRaises(EngineError) as err:
            ev(state, "override", employee=3, reason="  ", customer="c1")
        assert err.exception.code == "reason_required"
        d = ev(state, "override", employee=3, reason="VIP asked for him", customer="c1")
        assert d["server"] == 3 and d["counted"] and d["turn_of"] == 1
        assert d["log"][0]["event"] == "override"
        assert d["log"][0]["note"] == "VIP asked for him"

    def test_rr16_state_is_immutable_and_serialisable(self):
        state = floor(3)
        before = json.dumps(state, sort_keys=True)
        d, _state = walk_in(state, "c1")
        assert json.dumps(state, sort_keys=True) == before
        loaded = json.loads(json.dumps(d["state"]))
        assert walk_in(loaded, "c2")[0]["server"] == 2

    def test_unknown_events_refused(self):
        with self.assertRaises(EngineError):
            ev(floor(2), "bogus")
        with self.assertRaises(EngineError):
            ev(floor(2), visit_type="bogus")
        with self.assertRaises(EngineError):
            ev(floor(2), "status", employee=9, status="away")

    def test_nobody_available_alerts_and_counts_nothing(self):
        state = floor(1)
        d, state = walk_in(state, "c1", leave=False)
        d = ev(state, visit_type="new", customer="c2")
        assert d["server"] is None and not d["counted"]
        assert d["alerts"][0][0] == "nobody_available"

    def test_x03_rr10_phone_normalised_by_libphonenumber(self):
        """X-03 RR-10: one customer key whatever the way a number is written."""
        for raw, norm in [
            ("138 0013 8000", "13800138000"),
            ("+86 138-0013-8000", "13800138000"),
            ("0086 13800138000", "13800138000"),
            ("010-62345678", "01062345678"),
            ("+86 10 6234 5678", "01062345678"),  # the trunk 0 of a landline kept
            ("(0755) 8888-6666", "075588886666"),
            ("021 6123 4567", "02161234567"),
            ("400-820-8820", "4008208820"),
            ("+33 6 12 34 56 78", "+33612345678"),
            ("0033 6 12 34 56 78", "+33612345678"),
            ("+1 650 253 0000", "+16502530000"),
        ]:
            with self.subTest(raw=raw, norm=norm):
                assert normalize_phone(raw) == norm

    def test_rr17_phone_forms_are_those_odoo_stores(self):
        """RR-17: the forms the desk looks for in CRM: the key, the E.164
        form of Odoo's phone mixin (a landline's trunk 0 dropped) and 00 for
        the +; the same for every way the number is typed."""
        for raw, forms in [
            ("138 0013 8000", ["+8613800138000", "008613800138000", "13800138000"]),
            ("010-6552 9988", ["+861065529988", "00861065529988", "01065529988"]),
            ("(0755) 8888-6666", ["+8675588886666", "008675588886666", "075588886666"]),
            ("0033 6 12 34 56 78", ["+33612345678", "0033612345678"]),
        ]:
            with self.subTest(raw=raw):
                assert phone_forms(normalize_phone(raw)) == forms

    def test_x03_not_a_phone_refused(self):
        for raw in [
            "",
            "   ",
            None,
            "hello",
            "12",
            "1234abc5678",  # letters are not read as a keypad
            "12000000000",  # no Chinese mobile starts with 12
            "0000000",
            "1380013800",  # a mobile one digit short
            "+33 6 12",
            "+999 1234 5678",  # no such country
        ]:
            with self.subTest(raw=raw), self.assertRaises(EngineError):
                normalize_phone(raw)
