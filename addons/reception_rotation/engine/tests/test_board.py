"""The engine's board query and log reasons (RR-01, RR-15, X-07), pure engine.

The ORM reads the rotation state through ``board`` and ``state_day`` only, and
stores every reason a decision gives: the engine names them in LOG_REASONS.
"""

import json

from .. import (
    LOG_REASONS,
    apply_event,
    board,
    forget_customers,
    new_state,
    state_day,
)
from ..rotation import _log
from . import EngineCase


def floor(n=3):
    roster = [
        {"id": i, "start": 9.0, "end": 18.0, "status": "on_duty"}
        for i in range(1, n + 1)
    ]
    return new_state(roster, None, "2026-11-22")


def arrive(state, customer, at=10.0):
    return apply_event(
        state, {"type": "arrival", "at": at, "visit_type": "new", "customer": customer}
    )


class TestBoard(EngineCase):
    def test_rr01_board_of_no_state_is_empty(self):
        assert board(None) == {"day": None, "next": None, "members": {}, "serving": 0}
        assert state_day(None) is None

    def test_rr01_board_counts_serving_and_next(self):
        state = floor()
        assert board(state, 10.0)["next"] == 1
        state = arrive(state, "13800000001")["state"]
        state = arrive(state, "13800000002")["state"]
        state = apply_event(
            state, {"type": "leave", "at": 10.5, "customer": "13800000001"}
        )["state"]
        view = board(state, 11.0)
        assert view["day"] == "2026-11-22" == state_day(state)
        assert view["next"] == 3
        assert view["members"][1] == {"counted": 1, "serving": False}
        assert view["members"][2] == {"counted": 1, "serving": True}
        assert view["serving"] == 1

    def test_x07_board_carries_no_customer(self):
        state = arrive(floor(), "13800000003")["state"]
        assert "13800000003" not in json.dumps(board(state, 10.0))

    def test_rr01_board_does_not_change_the_state(self):
        state = arrive(floor(), "13800000004")["state"]
        before = json.dumps(state, sort_keys=True)
        board(state, 10.0)
        assert json.dumps(state, sort_keys=True) == before

    def test_rr07_forget_customers_keeps_the_order_and_counts(self):
        state = arrive(floor(), "13800000005")["state"]
        again = forget_customers(state)
        assert again["served"] == {}
        assert board(again, 10.0) == board(state, 10.0)  # still serving, same counts
        freed = forget_customers(state, serving=True)
        assert board(freed, 10.0)["serving"] == 0
        assert board(freed, 10.0)["members"][1]["counted"] == 1
        # the same customer is a new customer again: counted for the next one
        d = arrive(freed, "13800000005")
        assert d["server"] == 2
        assert d["counted"]

    def test_rr15_status_change_has_its_own_reason(self):
        d = apply_event(
            floor(), {"type": "status", "at": 10.0, "employee": 2, "status": "away"}
        )
        assert [(e["event"], e["reason"], e["note"]) for e in d["log"]] == [
            ("status", "status", "on_duty>away")
        ]

    def test_rr15_a_reason_outside_log_reasons_is_an_error(self):
        with self.assertRaises(ValueError):
            _log("assignment", 1, "made_up_reason")
        assert _log("assignment", 1, "rotation")["reason"] in LOG_REASONS

    def test_rr18_decision_names_the_helped_owner(self):
        """The owner is busy: a colleague serves the returning customer for them,
        and the decision says for whom (the visit's split partner)."""
        state = arrive(floor(), "13800000006")["state"]  # 1 serves
        d = apply_event(
            state,
            {
                "type": "arrival",
                "at": 10.0,
                "visit_type": "returning_not_bought",
                "owner": 1,
                "customer": "13800000007",
            },
        )
        assert d["server"] not in (None, 1)
        assert d["helped_for"] == 1
        assert arrive(d["state"], "13800000008")["helped_for"] is None

    def test_rr16_an_event_leaves_the_given_state_as_it_was(self):
        """The engine copies the state (a marshal round trip, issue 9): the
        caller's state, nested lists and dicts included, is never changed."""
        state = arrive(floor(), "13800000005")["state"]
        before = json.dumps(state, sort_keys=True)
        decision = arrive(state, "13800000006")
        apply_event(state, {"type": "leave", "at": 10.5, "customer": "13800000005"})
        assert json.dumps(state, sort_keys=True) == before
        new = decision["state"]
        assert new["served"] is not state["served"]
        new["members"][next(iter(new["members"]))]["serving"].append("x")
        assert json.dumps(state, sort_keys=True) == before
