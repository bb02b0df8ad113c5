"""Who serves the next walk-in customer (接待轮序), as a pure function.

State (plain dicts and lists, JSON-serialisable, never mutated in place)::

    {
        "day": "2026-11-22",
        "roster": [{"id": 7, "start": 9.0, "end": 18.0, "status": "on_duty"}, ...],
        "members": {"7": {"turns": 0, "counted": 0, "joined": True,
                          "serving": ["13800138000"]}},
        "credits": [{"key": "c1", "employee": 7, "reason": "returning_bought"}],
        "served": {"13800138000": {"server": 7, "counted": True}},
        "owners": {"13900139000": 8},  # optional: customer -> owner
        "seq": 1,
        "settings": {...DEFAULT_SETTINGS},
    }

The roster order is the rotation order (RR-01). ``turns`` counts the rotation
turns a member has taken (served or forfeited); the member whose turn it is
is the one with the fewest turns, ties broken by roster order, so a plain
floor is a round robin and a member skipped while busy keeps the turn (RR-08,
not penalised). ``counted`` is the member's counted receptions of the day.

The engine keeps one ledger identity, checked by the tests: for every member
``counted == turns - forfeited + make-ups used - make-ups given back``. A
turn is either served and counted or forfeited by an away-without-notice skip
(RR-03, no make-up). A visit that does not count takes no turn (RR-05), and a
counted reception that is taken back (RR-09 handover, favour) returns the
turn or the make-up it used. A make-up credit (RR-04) is an extra reception:
the holder takes the next new customer without taking a turn, then the order
resumes where it was, so a make-up never moves anybody's place in the order.
Missed turns on business (RR-12) are the one case where a turn moves with a
make-up: the turns passed while out become make-ups.

:func:`apply_event` returns a decision dict: ``state`` (the new state),
``server``, ``counted``, ``turn_of`` (whose turn it was), ``granted`` and
``used`` (make-up credits), ``pointer`` (who is next), ``log`` (entries to
store), ``alerts`` (for the manager), ``split`` (RR-09 half shares) and
``helped_for`` (RR-18: the busy owner a colleague serves the customer for).
The ORM reads the state through :func:`board` and :func:`state_day` only.
"""

import marshal

from .errors import EngineError


def _copy(state):
    """A deep copy of ``state``, which is JSON data (dicts, lists, strings,
    numbers): a marshal round trip does it several times faster than
    ``copy.deepcopy`` (the desk's time, issue 9)."""
    return marshal.loads(marshal.dumps(state))


VISIT_TYPES = (
    "new",
    "returning_not_bought",
    "returning_bought",
    "brought_by_old",
    "peer_research",
    "non_buyer",
    "ask_someone",
    "directions",
    "phone_call",
)
# Visit types that never take a rotation turn of their own (RR-05, RR-13).
NO_COUNT_TYPES = (
    "returning_bought",
    "brought_by_old",
    "peer_research",
    "non_buyer",
    "ask_someone",
    "directions",
    "phone_call",
)
STATUSES = ("on_duty", "away", "away_notice", "business", "off")
ROTATION_STATUSES = ("on_duty", "away", "away_notice")

# RR-15: every reason a decision's log entries carry; the ORM's log knows
# each of them (a reason it does not know is an error there, not "other")
LOG_REASONS = (
    "rotation",
    "away_no_notice",
    "away_with_notice",
    "busy",
    "returning_owner",
    "returning_bought",
    "returning_not_bought",
    "reclassified_returning",
    "brought_by_closed",
    "brought_by_closed_registered",
    "brought_by_open",
    "brought_by_open_once",
    "brought_by_owner_absent",
    "peer_research",
    "non_buyer",
    "non_buyer_late",
    "non_buyer_confirmed",
    "ask_someone",
    "directions",
    "phone_call",
    "same_day",
    "named_by_owner",
    "last_helps",
    "owner_lapsed",
    "contacted_by",
    "contact_absent",
    "owner_serves",
    "stand_in_serves",
    "owner_unreachable",
    "colleague_customer_found",
    "handover",
    "favour",
    "back_from_business",
    "helped",
    "helped_owner_counted",
    "override",
    "bulk_buyer",
    "split_half",
    "nobody_available",
    "status",
)

DEFAULT_SETTINGS = {
    # RR-06: "count" = a returning customer served by the owner counts as the
    # owner's turn and nobody gets a make-up; "makeup" = it does not count and
    # the owner who served gets a make-up (seed 001, article 4).
    "returning_policy": "count",
    # RR-05: a non-buyer is served by the last in order ("last") or by the
    # one whose turn it is, who then gets a make-up ("current_makeup").
    "non_buyer_policy": "last",
    "non_buyer_minutes": 3.0,
    # RR-14
    "bulk_units": 3,
}


def new_state(roster, settings=None, day=None, credits=()):
    """A fresh day on a floor: ``roster`` lists dicts with ``id``, ``start``,
    ``end`` and ``status`` in rotation order; pending make-up ``credits``
    carry over from earlier days (RR-04: never lost)."""
    credits = [dict(c) for c in credits]
    seq = 0
    for credit in credits:
        key = str(credit.get("key", ""))
        if key.startswith("c") and key[1:].isdigit():
            seq = max(seq, int(key[1:]))
    return {
        "day": day,
        "roster": [_roster_entry(r) for r in roster],
        "members": {},
        "credits": credits,
        "served": {},
        "seq": seq,
        "settings": {**DEFAULT_SETTINGS, **(settings or {})},
    }


def with_roster(state, roster, settings=None):
    """Return ``state`` with the roster and settings replaced (the ORM reloads
    the roster lines, which are the truth for order and hours)."""
    new = _copy(state)
    new["roster"] = [_roster_entry(r) for r in roster]
    if settings is not None:
        new["settings"] = {**DEFAULT_SETTINGS, **settings}
    return new


def next_up(state, at=None):
    """Who takes the next new customer (the pointer), without changing the
    state: the first available make-up holder, else the rotation."""
    s = _copy(state)
    _join(s, at)
    credit = _pick_credit(s, at)
    if credit:
        return credit["employee"]
    member = _pick_rotation(s, at, [], dry=True)
    return member["id"] if member else None


def board(state, at=None):
    """What the floor's board shows of ``state``, the one read of the state
    outside this module (RR-01): the day, who is next, and per member
    (employee id) the receptions counted today and whether they serve a
    customer now. No customer key leaves the engine (X-07)."""
    if not state:
        return {"day": None, "next": None, "members": {}, "serving": 0}
    members = {
        int(key): {"counted": m.get("counted", 0), "serving": bool(m.get("serving"))}
        for key, m in state.get("members", {}).items()
    }
    return {
        "day": state.get("day"),
        "next": next_up(state, at),
        "members": members,
        "serving": sum(1 for m in members.values() if m["serving"]),
    }


def state_day(state):
    """The day ``state`` belongs to (``None`` for no state): a roster whose
    day has a state has started (RR-01)."""
    return (state or {}).get("day")


def forget_customers(state, serving=False):
    """``state`` with the day's served customers forgotten (the order, turns
    and counts kept), as on the next day for the customers; ``serving`` also
    frees everyone serving. Set-up of the ORM tests that meet a customer
    again without moving the order."""
    new = _copy(state)
    new["served"] = {}
    if serving:
        for m in new.get("members", {}).values():
            m["serving"] = []
    return new


def apply_event(state, event):
    """Apply ``event`` to ``state`` and return the decision (see module doc).

    Events are dicts with a ``type``: ``arrival`` (with ``visit_type``),
    ``status``, ``override``, ``leave``, ``handover``; ``at`` is the hour of
    the day as a float (``None`` ignores rostered hours)."""
    s = _copy(state)
    s.setdefault("settings", dict(DEFAULT_SETTINGS))
    for key, value in DEFAULT_SETTINGS.items():
        s["settings"].setdefault(key, value)
    at = event.get("at")
    d = {
        "server": None,
        "counted": False,
        "turn_of": None,
        "granted": [],
        "used": [],
        "log": [],
        "alerts": [],
        "split": [],
    }
    _join(s, at)
    handler = {
        "arrival": _on_arrival,
        "status": _on_status,
        "override": _on_override,
        "leave": _on_leave,
        "handover": _on_handover,
        "non_buyer_confirmed": _on_non_buyer_confirmed,
    }.get(event.get("type"))
    if handler is None:
        raise EngineError(
            "bad_event", "Unknown event type %(type)s.", type=event.get("type")
        )
    handler(s, event, at, d)
    _join(s, at)
    served = s["served"].get(event.get("customer"))
    # RR-18: the busy owner a colleague serves this customer for
    d["helped_for"] = (served or {}).get("helped_for")
    d["state"] = s
    d["pointer"] = next_up(s, at)
    return d


# ---------------------------------------------------------------- helpers


def _roster_entry(r):
    status = r.get("status", "on_duty")
    if status not in STATUSES:
        raise EngineError("bad_status", "Unknown status %(status)s.", status=status)
    return {
        "id": int(r["id"]),
        "start": float(r.get("start", 0.0)),
        "end": float(r.get("end", 24.0)),
        "status": status,
    }


def _member(s, emp):
    return s["members"].setdefault(
        str(emp), {"turns": 0, "counted": 0, "joined": False, "serving": []}
    )


def _entry(s, emp):
    for index, r in enumerate(s["roster"]):
        if r["id"] == emp:
            return index, r
    return None, None


def _in_hours(r, at):
    return at is None or r["start"] <= at < r["end"]


def _in_rotation(s, r, at):
    return (
        r["status"] in ROTATION_STATUSES
        and _in_hours(r, at)
        and _member(s, r["id"])["joined"]
    )


def _available(s, r, at):
    return (
        _in_rotation(s, r, at)
        and r["status"] == "on_duty"
        and not (_member(s, r["id"])["serving"])
    )


def _available_id(s, emp, at):
    _index, r = _entry(s, emp)
    return bool(r) and _available(s, r, at)


def _on_floor(s, emp, at):
    """On the roster, in hours and present (busy or not): may serve."""
    _index, r = _entry(s, emp)
    return bool(r) and _in_rotation(s, r, at) and r["status"] == "on_duty"


def _min_turns(s, at, exclude=None):
    turns = [
        _member(s, r["id"])["turns"]
        for r in s["roster"]
        if r["id"] != exclude and _in_rotation(s, r, at)
    ]
    return min(turns) if turns else None


def _join(s, at):
    """RR-02: members enter the rotation when their rostered hours start,
    level with the others (no catch-up for a late start). One out on
    business when their hours start joins too: the turns they miss until
    they are back become make-ups (RR-12)."""
    joining = [
        r
        for r in s["roster"]
        if r["status"] in (*ROTATION_STATUSES, "business")
        and _in_hours(r, at)
        and not _member(s, r["id"])["joined"]
    ]
    if not joining:
        return
    low = _min_turns(s, at)
    for r in joining:
        m = _member(s, r["id"])
        m["joined"] = True
        if low is not None:
            m["turns"] = max(m["turns"], low)


def _key(s, index, r):
    return (_member(s, r["id"])["turns"], index)


def _pick_credit(s, at, exclude=()):
    for credit in s["credits"]:
        if credit["employee"] not in exclude and _available_id(
            s, credit["employee"], at
        ):
            return credit
    return None


def _pick_rotation(s, at, log, exclude=(), dry=False):
    """The member whose turn it is (RR-01). Away without notice: skipped and
    the turn is forfeited (RR-03); busy or away with notice: skipped, the turn
    is kept (RR-08). Nobody available: ``None`` and nobody forfeits."""
    order = sorted(
        (
            (_key(s, index, r), r)
            for index, r in enumerate(s["roster"])
            if r["id"] not in exclude and _in_rotation(s, r, at)
        ),
        key=lambda pair: pair[0],
    )
    chosen = next((r for _k, r in order if _available(s, r, at)), None)
    if chosen is None or dry:
        return chosen
    for _k, r in order:
        if r is chosen:
            break
        if r["status"] == "away":
            _member(s, r["id"])["turns"] += 1
            log.append(_log("skip", r["id"], "away_no_notice"))
        elif r["status"] == "away_notice":
            log.append(_log("skip", r["id"], "away_with_notice"))
        else:
            log.append(_log("skip", r["id"], "busy"))
    return chosen


def _last_in_order(s, at, exclude=()):
    """The available member furthest from their turn (RR-05, RR-08)."""
    order = [
        (_key(s, index, r), r)
        for index, r in enumerate(s["roster"])
        if r["id"] not in exclude and _available(s, r, at)
    ]
    return max(order, key=lambda pair: pair[0])[1]["id"] if order else None


def _log(event, employee, reason, note=""):
    if reason not in LOG_REASONS:  # RR-15: a reason the log would not know
        raise ValueError("Unknown log reason %r" % (reason,))
    return {"event": event, "employee": employee, "reason": reason, "note": note}


def _grant(s, d, emp, reason, restored=False):
    s["seq"] += 1
    credit = {"key": "c%d" % s["seq"], "employee": emp, "reason": reason}
    if restored:
        credit["restored"] = True
    s["credits"].append(credit)
    d["granted"].append(dict(credit))
    d["log"].append(_log("makeup_granted", emp, reason))


def _serve(s, emp, customer):
    if customer is None or emp is None:
        return
    for m in s["members"].values():
        if customer in m["serving"]:
            m["serving"].remove(customer)
    _member(s, emp)["serving"].append(customer)


def _record(s, d, customer, server, counted, visit_type):
    d["server"] = server
    d["counted"] = counted
    if customer is not None and server is not None:
        s["served"].setdefault(
            customer, {"server": server, "counted": counted, "type": visit_type}
        )
        if counted:
            s["served"][customer]["counted"] = True


def _assign_new(s, d, at, customer, reason="rotation"):
    """A counted reception of a new customer: make-up first (RR-04), then
    the rotation (RR-01..RR-03)."""
    credit = _pick_credit(s, at)
    if credit:
        s["credits"].remove(credit)
        emp = credit["employee"]
        d["used"].append(dict(credit))
        d["log"].append(_log("makeup_used", emp, credit["reason"]))
        d["turn_of"] = emp
        via = credit["reason"]
    else:
        member = _pick_rotation(s, at, d["log"])
        if member is None:
            d["log"].append(_log("no_one", None, "nobody_available"))
            d["alerts"].append(("nobody_available", None))
            return None
        emp = member["id"]
        d["turn_of"] = emp
        _member(s, emp)["turns"] += 1
        via = "turn"
    _member(s, emp)["counted"] += 1
    d["log"].append(_log("assignment", emp, reason))
    _serve(s, emp, customer)
    _record(s, d, customer, emp, True, "new")
    if customer is not None:
        s["served"][customer]["via"] = via
    return emp


def _serve_with_makeup(s, d, emp, reason):
    """RR-04/RR-05: ``emp`` serves a visit that does not count. It takes no
    turn, so nobody's place in the order moves, and ``emp`` earns a make-up:
    one extra reception before the turn holder, then the order resumes."""
    d["log"].append(_log("assignment", emp, reason))
    _grant(s, d, emp, reason)
    return emp


def _current_without_count(s, d, at, reason):
    """The one whose turn it is serves a visit that does not count (RR-05):
    no turn is taken (nobody is skipped, nobody forfeits), a make-up is
    granted."""
    member = _pick_rotation(s, at, [], dry=True)
    if member is None:
        d["log"].append(_log("no_one", None, "nobody_available"))
        return None
    d["turn_of"] = member["id"]
    return _serve_with_makeup(s, d, member["id"], reason)


def _uncount(s, d, emp, served):
    """RR-09: a counted reception is taken back. What it used is given back:
    the turn (the order resumes where it was) or the make-up (RR-04, never
    lost), before the make-up the taking back earns is granted."""
    _member(s, emp)["counted"] -= 1
    served["counted"] = False
    via = served.pop("via", "turn")
    if via == "turn":
        _member(s, emp)["turns"] -= 1
    else:
        _grant(s, d, emp, via, restored=True)


# ---------------------------------------------------------------- events


def _on_arrival(s, event, at, d):
    visit_type = event.get("visit_type", "new")
    if visit_type not in VISIT_TYPES:
        raise EngineError(
            "bad_visit_type", "Unknown visit type %(type)s.", type=visit_type
        )
    customer = event.get("customer")
    settings = s["settings"]

    if visit_type == "phone_call":
        # RR-13: the one on the floor turn stays; the next in order answers.
        first = next_up(s, at)
        s2 = _copy(s)
        answer = _pick_credit(s2, at, exclude=(first,))
        answer = (
            answer["employee"]
            if answer
            else (_pick_rotation(s2, at, [], exclude=(first,), dry=True) or {}).get(
                "id"
            )
        )
        answer = answer or first
        d["server"] = answer
        d["turn_of"] = first
        d["log"].append(_log("call", answer, "phone_call"))
        return
    if visit_type == "directions":
        d["log"].append(_log("no_count", None, "directions"))
        return

    # RR-07: the same customer again today counts once.
    if customer is not None and customer in s["served"]:
        prev = s["served"][customer]["server"]
        server = prev if _on_floor(s, prev, at) else _last_in_order(s, at)
        d["log"].append(_log("no_count", server, "same_day"))
        _serve(s, server, customer)
        d["server"] = server
        return

    # the owner comes with the event (the ORM looks it up by phone, so the
    # state stays small); an "owners" map in the state is the fallback
    owner = event.get("owner")
    if owner is None and customer is not None:
        owner = s.get("owners", {}).get(customer)
    if visit_type == "new" and owner is not None:
        # a registered customer is not new: to the owner (RR-06/RR-10)
        visit_type = "returning_not_bought"
        d["log"].append(_log("no_count", owner, "reclassified_returning"))
    if visit_type == "brought_by_old" and owner is not None:
        visit_type = "returning_not_bought"

    if visit_type == "new" and event.get("contacted_by") is not None:
        _contacted(s, d, at, customer, event["contacted_by"])
    elif visit_type == "new":
        _assign_new(s, d, at, customer)
    elif visit_type == "returning_not_bought":
        _returning(s, d, event, at, customer, owner, settings)
    elif visit_type == "returning_bought":
        _returning_bought(s, d, event, at, customer, owner)
    elif visit_type == "brought_by_old":
        _brought_by_old(s, d, event, at, customer)
    elif visit_type == "peer_research":
        server = _last_in_order(s, at)
        d["log"].append(_log("no_count", server, "peer_research"))
        _serve(s, server, customer)
        _record(s, d, customer, server, False, visit_type)
    elif visit_type == "non_buyer":
        _non_buyer(s, d, event, at, customer, settings)
    elif visit_type == "ask_someone":
        asked = event.get("asked")
        server = asked if asked is not None and _entry(s, asked)[1] else None
        d["log"].append(_log("no_count", server, "ask_someone"))
        _serve(s, server, customer)
        _record(s, d, customer, server, False, visit_type)


def _brought_by_old(s, d, event, at, customer):
    """RR-19 / RR-05 (seed 001, second version, art. 5): an old customer
    brings a new one, who goes to the old customer's salesperson.

    - The old customer has bought: the new one counts for that salesperson
      if registered (real name and phone), else it does not count (RR-05).
    - The old customer has not bought: the visit of the two counts once for
      that salesperson: counted unless the old customer's own visit today was
      already counted for them (and the old customer's visit later today is
      then not counted again, see :func:`_counted_with_referral`).

    A counted one takes the salesperson's turn, as any reception they take
    (RR-20 alike). The salesperson not on the floor: the new one is received
    in the order like a new customer."""
    ref = event.get("referrer_owner")
    if ref is None or not (
        _available_id(s, ref, at) or (event.get("serve_both") and _on_floor(s, ref, at))
    ):
        _assign_new(s, d, at, customer, reason="brought_by_owner_absent")
        return
    referrer = event.get("referrer")
    if event.get("referrer_bought"):
        counts = bool(event.get("registered"))
        reason = "brought_by_closed_registered" if counts else "brought_by_closed"
    else:
        earlier = s["served"].get(referrer) if referrer is not None else None
        counts = not (earlier and earlier["counted"] and earlier["server"] == ref)
        reason = "brought_by_open" if counts else "brought_by_open_once"
    d["turn_of"] = next_up(s, at)
    if counts:
        m = _member(s, ref)
        m["turns"] += 1
        m["counted"] += 1
        d["log"].append(_log("assignment", ref, reason))
    else:
        d["log"].append(_log("no_count", ref, reason))
    _serve(s, ref, customer)
    _record(s, d, customer, ref, counts, "brought_by_old")
    if customer is not None and s["served"][customer]["server"] == ref:
        if counts:
            s["served"][customer]["via"] = "turn"
        if referrer is not None and not event.get("referrer_bought"):
            s["served"][customer]["referrer"] = referrer


def _counted_with_referral(s, customer, owner):
    """RR-19: the old customer (not bought) whose brought-in friend was
    already counted today for ``owner``: the two count once."""
    return customer is not None and any(
        entry.get("referrer") == customer
        and entry["counted"]
        and entry["server"] == owner
        for entry in s["served"].values()
    )


def _contacted(s, d, at, customer, emp):
    """RR-20: a visitor who phoned or was canvassed by a named salesperson
    goes to that salesperson, as their counted reception (their turn moves,
    as when they take any customer). Named but not on the floor: the visitor
    is received in the order like a new customer (seed 001); naming nobody
    is a new customer (the caller sends no ``contacted_by``)."""
    if not _on_floor(s, emp, at):
        _assign_new(s, d, at, customer, reason="contact_absent")
        return
    d["turn_of"] = next_up(s, at)
    m = _member(s, emp)
    m["turns"] += 1
    m["counted"] += 1
    d["log"].append(_log("assignment", emp, "contacted_by"))
    _serve(s, emp, customer)
    _record(s, d, customer, emp, True, "new")
    if customer is not None:
        s["served"][customer]["via"] = "turn"


def _returning(s, d, event, at, customer, owner, settings):
    """RR-06 returning customer who has not bought, RR-08 owner busy."""
    if owner is None:
        _assign_new(s, d, at, customer, reason="owner_lapsed")
        return
    server = None
    if _available_id(s, owner, at) or (
        event.get("serve_both") and _on_floor(s, owner, at)
    ):
        if _counted_with_referral(s, customer, owner):
            # RR-19: the friend they brought was counted: the two count once
            d["log"].append(_log("no_count", owner, "brought_by_open_once"))
            counted = False
        elif settings["returning_policy"] == "makeup":
            # no turn taken: the make-up is an extra reception (RR-04)
            d["log"].append(_log("assignment", owner, "returning_owner"))
            _grant(s, d, owner, "returning_not_bought")
            counted = False
        else:
            _member(s, owner)["turns"] += 1
            _member(s, owner)["counted"] += 1
            d["log"].append(_log("assignment", owner, "returning_owner"))
            counted = True
        _serve(s, owner, customer)
        _record(s, d, customer, owner, counted, "returning_not_bought")
        if counted and customer is not None:
            s["served"][customer]["via"] = "turn"
        return
    delegate = event.get("delegate") or event.get("stand_in")
    if delegate is not None and _entry(s, delegate)[1]:
        server, reason = delegate, "named_by_owner"
    else:
        server, reason = _last_in_order(s, at, exclude=(owner,)), "last_helps"
    d["log"].append(_log("no_count", server, reason))
    _serve(s, server, customer)
    _record(s, d, customer, server, False, "returning_not_bought")
    if customer is not None and server is not None and server != owner:
        # RR-18: settled when the customer leaves
        s["served"][customer]["helped_for"] = owner


def _returning_bought(s, d, event, at, customer, owner):
    """RR-05: a customer who already bought: no count, the server gets a
    make-up (the owner if present, else the one whose turn it is)."""
    if owner is not None and (
        _available_id(s, owner, at)
        or (event.get("serve_both") and _on_floor(s, owner, at))
    ):
        server = _serve_with_makeup(s, d, owner, "returning_bought")
    else:
        server = _current_without_count(s, d, at, "returning_bought")
    _serve(s, server, customer)
    _record(s, d, customer, server, False, "returning_bought")


def _non_buyer(s, d, event, at, customer, settings):
    """RR-05: builders, decorators, reporters... identified in time do not
    count and are reported to the manager."""
    minutes = event.get("identified_minutes") or 0.0
    in_time = event.get("before_door") or minutes <= settings["non_buyer_minutes"]
    if not in_time:
        _assign_new(s, d, at, customer, reason="non_buyer_late")
        return
    if settings["non_buyer_policy"] == "current_makeup":
        server = _current_without_count(s, d, at, "non_buyer")
    else:
        server = _last_in_order(s, at)
        d["log"].append(_log("no_count", server, "non_buyer"))
    d["alerts"].append(("non_buyer", server))
    _serve(s, server, customer)
    _record(s, d, customer, server, False, "non_buyer")


def _on_non_buyer_confirmed(s, event, at, d):
    """RR-21 (seed 001, third version, art. 6): the salesperson who received
    a new customer in the order found a non-buyer (builder, decorator,
    reporter...), and the manager confirmed it with them. Identified in time
    (RR-05: within the floor's minutes, measured by the server from the
    registration, or before the visitor left the door) the reception is not
    counted: the turn (or the make-up) it used is given back and the
    salesperson gets a make-up, as the current one serving a non-buyer does.
    Identified late, it stays a counted reception. The confirmation is on the
    day of the visit: the day's state holds what the reception used."""
    customer, emp = event.get("customer"), event.get("employee")
    served = s["served"].get(customer) if customer is not None else None
    if not served or served["server"] != emp or not served.get("counted"):
        raise EngineError(
            "not_counted",
            "Only a new customer counted today for %(employee)s can be "
            "confirmed as a non-buyer.",
            employee=emp,
        )
    minutes = float(event.get("minutes") or 0.0)
    d["server"] = emp
    if not (event.get("before_door") or minutes <= s["settings"]["non_buyer_minutes"]):
        d["counted"] = True
        d["log"].append(_log("no_count", emp, "non_buyer_late", "%.0f" % minutes))
        return
    _uncount(s, d, emp, served)
    served["type"] = "non_buyer"
    d["log"].append(_log("no_count", emp, "non_buyer_confirmed", "%.0f" % minutes))
    _grant(s, d, emp, "non_buyer")
    d["alerts"].append(("non_buyer_confirmed", emp))


def _on_status(s, event, at, d):
    emp, status = event.get("employee"), event.get("status")
    _index, r = _entry(s, emp)
    if r is None:
        raise EngineError(
            "not_rostered", "Employee %(employee)s is not on the roster.", employee=emp
        )
    if status not in STATUSES:
        raise EngineError("bad_status", "Unknown status %(status)s.", status=status)
    old = r["status"]
    r["status"] = status
    m = _member(s, emp)
    d["log"].append(_log("status", emp, "status", "%s>%s" % (old, status)))
    if status != "on_duty" or old == "on_duty":
        return
    low = _min_turns(s, at, exclude=emp)
    if low is None or not m["joined"]:
        return
    if old == "business":
        # RR-12: each turn that passed while out on business becomes a
        # make-up; the place in the order is the one the member would hold
        # had they been here, so once the make-ups are used the order
        # resumes with the one who was due.
        due = _due_turns(s, at, emp)
        for _i in range(max(0, due - m["turns"])):
            _grant(s, d, emp, "back_from_business")
        m["turns"] = max(m["turns"], due)
    elif old == "away_notice" and m["turns"] < low:
        m["turns"] = low - 1  # keeps the one turn they were due
    elif old == "off":
        m["turns"] = max(m["turns"], low)


def _due_turns(s, at, emp):
    """The turns ``emp`` would have taken by now in the round robin: as many
    as any later member in the order has taken, or one fewer than an
    earlier member (whose turn comes before theirs in each round)."""
    index, _r = _entry(s, emp)
    due = [
        _member(s, r["id"])["turns"] - (1 if i < index else 0)
        for i, r in enumerate(s["roster"])
        if r["id"] != emp and _in_rotation(s, r, at)
    ]
    return max(due) if due else _member(s, emp)["turns"]


def _on_override(s, event, at, d):
    """RR-15: the manager names the server; a reason is mandatory."""
    reason = (event.get("reason") or "").strip()
    if not reason:
        raise EngineError("reason_required", "An override needs a reason.")
    emp = event.get("employee")
    _index, r = _entry(s, emp)
    if r is None:
        raise EngineError(
            "not_rostered", "Employee %(employee)s is not on the roster.", employee=emp
        )
    customer = event.get("customer")
    d["turn_of"] = next_up(s, at)
    counts = (
        event.get("visit_type", "new") == "new"
        and _in_hours(r, at)  # RR-02
        and r["status"] in ROTATION_STATUSES
        and not (customer is not None and customer in s["served"])  # RR-07
    )
    m = _member(s, emp)
    if counts:
        m["turns"] += 1
        m["counted"] += 1
    d["log"].append(_log("override", emp, "override", reason))
    _serve(s, emp, customer)
    _record(s, d, customer, emp, counts, event.get("visit_type", "new"))
    if counts and customer is not None:
        s["served"][customer]["via"] = "turn"


def _on_leave(s, event, at, d):
    """The customer leaves; RR-14 bulk buyers; RR-09 split or favour."""
    customer = event.get("customer")
    for key, m in s["members"].items():
        if customer in m["serving"]:
            m["serving"].remove(customer)
            d["server"] = int(key)
    units = int(event.get("units") or 0)
    if units >= s["settings"]["bulk_units"]:
        d["alerts"].append(("bulk_buyer", d["server"]))
        d["log"].append(_log("alert", d["server"], "bulk_buyer", str(units)))
    served = s["served"].get(customer)
    if served and served.get("helped_for") is not None and not served.get("settled"):
        _settle_help(s, d, served, event)
    if served and served.get("split_with") is not None and not served.get("settled"):
        served["settled"] = True
        finder = served["server"]
        if event.get("bought"):
            d["split"] = [finder, served["split_with"]]
            d["log"].append(_log("split", finder, "split_half"))
        elif served.get("counted"):
            _uncount(s, d, finder, served)
            _grant(s, d, finder, "favour")


def _settle_help(s, d, served, event):
    """RR-18: a colleague helped with the owner's returning customer while
    the owner was busy. A deal that day is split half and half; no deal, the
    owner is counted as if they had served (RR-06 setting) and the helper
    gets a make-up: an extra reception, the helper's place does not move."""
    served["settled"] = True
    helper, owner = served["server"], served["helped_for"]
    if event.get("bought"):
        d["split"] = [helper, owner]
        d["log"].append(_log("split", helper, "split_half"))
        return
    if s["settings"]["returning_policy"] == "makeup":
        _grant(s, d, owner, "returning_not_bought")
    else:
        m = _member(s, owner)
        m["turns"] += 1
        m["counted"] += 1
        d["log"].append(_log("assignment", owner, "helped_owner_counted"))
    _grant(s, d, helper, "helped")


def _on_handover(s, event, at, d):
    """RR-09: the customer belongs to a colleague."""
    customer, finder, owner = (
        event.get("customer"),
        event.get("finder"),
        event.get("owner"),
    )
    served = s["served"].get(customer)
    if not served or served["server"] != finder:
        raise EngineError(
            "not_serving",
            "Employee %(employee)s is not serving this customer.",
            employee=finder,
        )
    if owner == finder:
        raise EngineError("same_owner", "The customer already belongs to the finder.")
    target = None
    if _on_floor(s, owner, at):
        target, reason = owner, "owner_serves"
    elif event.get("stand_in") is not None and _entry(s, event["stand_in"])[1]:
        target, reason = event["stand_in"], "stand_in_serves"
    d["log"].append(_log("ownership", owner, "colleague_customer_found"))
    if target is None:
        # unreachable owner: the finder continues; split or favour on leave
        served["split_with"] = owner
        d["server"] = finder
        d["log"].append(_log("no_count", finder, "owner_unreachable"))
        return
    if served.get("counted"):
        _uncount(s, d, finder, served)
        _grant(s, d, finder, "handover")
    m = _member(s, target)
    m["turns"] += 1
    m["counted"] += 1
    d["log"].append(_log("assignment", target, reason))
    _serve(s, target, customer)
    s["served"][customer] = {
        "server": target,
        "counted": True,
        "type": "handover",
        "via": "turn",
    }
    d["server"], d["counted"] = target, True
