import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..engine import (
    EngineError,
    apply_event,
    new_state,
    next_up,
    normalize_phone,
    with_roster,
)
from ..engine.log_chain import first_broken

# the bus subchannel of a floor's desk screens, and the screen ids it echoes
BOARD_CHANNEL = "reception_board"
BOARD_TOKEN = re.compile(r"[A-Za-z0-9]{1,32}")
# rows of the log read per query when its chain is verified
VERIFY_CHUNK = 2000

VISIT_TYPES = [
    ("new", "New customer"),
    ("returning_not_bought", "Returning, not bought"),
    ("returning_bought", "Returning, already bought"),
    ("brought_by_old", "Brought by an old customer"),
    ("peer_research", "Peer market research"),
    ("non_buyer", "Non-buyer (builder, decorator, reporter...)"),
    ("ask_someone", "Asking for someone"),
    ("directions", "Asking for directions"),
    ("phone_call", "Phone call"),
]
# visit types of a real customer: registered with name and phone, in the CRM
CUSTOMER_TYPES = ("new", "returning_not_bought", "returning_bought", "brought_by_old")


class ReceptionFloor(models.Model):
    _name = "reception.floor"
    _description = "Reception Floor"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        tracking=True,
        help="Leads of walk-in customers are created in this team.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Floor Manager",
        default=lambda self: self.env.user,
        tracking=True,
    )
    deputy_ids = fields.Many2many(
        "res.users",
        string="Deputies",
        help="Deputies may override assignments like the manager (RR-15).",
    )
    can_override = fields.Boolean(
        compute="_compute_can_override",
        help="The current user is the floor manager or a deputy (RR-15).",
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        default=lambda self: self._default_tz(),
        tracking=True,
        help="The floor's day and hours (today's roster, rostered hours, "
        "receptions of the day) follow this time zone, whoever is logged in.",
    )
    returning_policy = fields.Selection(
        [
            ("count", "Counts as the owner's turn, no make-up"),
            ("makeup", "Does not count, the owner gets a make-up"),
        ],
        string="Returning Customer Rule",
        default="count",
        required=True,
        tracking=True,
        help="RR-06: how a returning customer who has not bought is counted.",
    )
    non_buyer_policy = fields.Selection(
        [
            ("last", "Served by the last in order"),
            ("current_makeup", "Served by the current one, with a make-up"),
        ],
        string="Non-buyer Rule",
        default="last",
        required=True,
        tracking=True,
    )
    non_buyer_minutes = fields.Float(
        string="Non-buyer Identification (minutes)",
        default=3.0,
        help="A non-buyer identified within this time does not count (RR-05).",
    )
    bulk_units = fields.Integer(
        string="Bulk Buyer Threshold",
        default=3,
        help="Buyers of this many units or more are reported to the manager.",
    )
    ownership_lapse_days = fields.Integer(
        string="Ownership Lapse (days)",
        default=7,
        help="Ownership lapses after this many days without a follow-up (RR-11).",
    )
    traceback_days = fields.Integer(
        string="Deal Traceback (days)",
        default=7,
        help="A deal closing within this many days of the last follow-up is "
        "credited to the owner (RR-11).",
    )
    # the day's state keys served customers by phone and name; it is
    # read by the rotation's code (with sudo) and shown to nobody
    rotation_state = fields.Json(copy=False, readonly=True, groups="base.group_system")
    roster_ids = fields.One2many("reception.roster", "floor_id", string="Rosters")
    makeup_ids = fields.One2many(
        "reception.makeup",
        "floor_id",
        string="Pending Make-ups",
        domain=[("state", "=", "pending")],
    )
    board_line_ids = fields.Many2many(
        "reception.roster.line", compute="_compute_board", string="Today's Order"
    )
    next_employee_id = fields.Many2one(
        "hr.employee", compute="_compute_board", string="Next Up"
    )
    serving_count = fields.Integer(compute="_compute_board", string="Serving")
    away_count = fields.Integer(compute="_compute_board", string="Away")
    makeup_pending_count = fields.Integer(
        compute="_compute_board", string="Make-ups Pending"
    )
    visit_today_count = fields.Integer(compute="_compute_board", string="Visits Today")

    @api.depends_context("uid")
    @api.depends("manager_id", "deputy_ids")
    def _compute_can_override(self):
        user = self.env.user
        manager = user.has_group("reception_rotation.group_reception_rotation_manager")
        for floor in self:
            floor.can_override = (
                manager or user == floor.manager_id or user in floor.deputy_ids
            )

    @api.depends("rotation_state", "roster_ids.line_ids.status", "tz")
    def _compute_board(self):
        days = {floor.id: floor._floor_today() for floor in self}
        rosters = self.env["reception.roster"].search(
            [("floor_id", "in", self.ids), ("date", "in", list(set(days.values())))]
        )
        roster_of = {r.floor_id.id: r for r in rosters if r.date == days[r.floor_id.id]}
        # sudo: the board shows every salesperson the floor's order and counts
        # (RR-01); the record rules hide colleagues' make-ups and visits, and
        # only counts per floor are read here, no customer data.
        makeups = dict(
            self.env["reception.makeup"]
            .sudo()
            ._read_group(
                [("floor_id", "in", self.ids), ("state", "=", "pending")],
                ["floor_id"],
                ["__count"],
            )
        )
        visits = {
            (floor.id, day): count
            for floor, day, count in self.env["reception.visit"]
            .sudo()
            ._read_group(
                [
                    ("floor_id", "in", self.ids),
                    ("day", "in", list(set(days.values()))),
                ],
                ["floor_id", "day:day"],
                ["__count"],
            )
        }
        for floor in self:
            hour = floor._now_hour()
            roster = roster_of.get(floor.id)
            lines = roster.line_ids if roster else self.env["reception.roster.line"]
            floor.board_line_ids = lines
            state = floor._current_state(roster)
            nxt = next_up(state, hour) if state else None
            floor.next_employee_id = nxt or False
            members = (state or {}).get("members", {})
            floor.serving_count = sum(1 for m in members.values() if m["serving"])
            floor.away_count = len(lines.filtered(lambda ln: ln.status != "on_duty"))
            floor.makeup_pending_count = makeups.get(floor.sudo(), 0)
            floor.visit_today_count = visits.get((floor.id, days[floor.id]), 0)

    @api.constrains(
        "non_buyer_minutes", "bulk_units", "ownership_lapse_days", "traceback_days"
    )
    def _check_settings(self):
        for floor in self:
            if (
                floor.non_buyer_minutes < 0
                or floor.bulk_units < 1
                or floor.ownership_lapse_days < 1
                or floor.traceback_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Floor %(floor)s: minutes and days cannot be negative, the "
                        "bulk threshold and the lapse need at least 1.",
                        floor=floor.name,
                    )
                )

    def write(self, vals):
        # X-07 RR-16: the rotation state is the engine's, saved under the
        # floor lock by _apply_event alone.
        if "rotation_state" in vals and not self.env.su:
            raise AccessError(
                self.env._("The rotation order changes through the desk's actions.")
            )
        return super().write(vals)

    # ------------------------------------------------------------ actions

    def action_open_walkin(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Walk-in"),
            "res_model": "reception.walkin.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_floor_id": self.id,
                "default_visit_type": self.env.context.get("default_visit_type", "new"),
            },
        }

    def action_open_override(self):
        self.ensure_one()
        self._check_can_override()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Manager Override"),
            "res_model": "reception.override.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_floor_id": self.id},
        }

    def action_incoming_call(self):
        """RR-13: the next in order after the floor turn answers."""
        self.ensure_one()
        visit = self.register_visit({"visit_type": "phone_call"})
        return self._notify(
            self.env._(
                "Phone call: %(name)s answers.", name=visit.server_id.name or "-"
            )
        )

    def action_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "reception_rotation.reception_visit_action"
        )
        action["domain"] = [("floor_id", "=", self.id)]
        return action

    def action_open_roster(self):
        self.ensure_one()
        roster = self._get_roster(self._floor_today(), create=True)
        return {
            "type": "ir.actions.act_window",
            "res_model": "reception.roster",
            "res_id": roster.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def get_board_data(self, floor_id=False):
        """Everything the receptionist's screen shows, in one call."""
        floor = self.browse(floor_id).exists() if floor_id else self.browse()
        floor = floor or self.search([], limit=1)
        if not floor:
            return {"floor_id": False}
        floor.check_access("read")
        roster = floor._get_roster(floor._floor_today())
        lines = roster.line_ids.sorted(lambda ln: (ln.sequence, ln.id))
        status_label = dict(
            self.env["reception.roster.line"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        reason_label = dict(
            self.env["reception.makeup"]
            ._fields["reason"]
            ._description_selection(self.env)
        )
        visit_types = self.env["reception.visit"]._fields["visit_type"]
        visit_types = [
            vt
            for vt in visit_types._description_selection(self.env)
            if vt[0] != "phone_call"
        ]
        user = self.env.user
        return {
            "floor_id": floor.id,
            "floor_name": floor.name,
            "next_name": floor.next_employee_id.name or False,
            "visit_count": floor.visit_today_count,
            "is_desk": user.has_group(
                "reception_rotation.group_reception_rotation_desk"
            ),
            "can_override": floor.can_override,
            "visit_types": visit_types,
            "lines": [
                {
                    "id": line.id,
                    "position": position,
                    "employee": line.employee_id.name,
                    "status": line.status,
                    "status_label": status_label.get(line.status),
                    "hours": "%s - %s"
                    % (
                        self._hour_label(line.start_hour),
                        self._hour_label(line.end_hour),
                    ),
                    "counted": line.counted_today,
                    "makeups": line.makeup_count,
                    "is_serving": line.is_serving,
                    "is_next": line.is_next,
                }
                for position, line in enumerate(lines, start=1)
            ],
            # sudo: the pending make-ups of the whole floor, by salesperson
            # and reason only: no customer of a colleague.
            "makeup_list": [
                {
                    "id": makeup.id,
                    "employee": makeup.employee_id.name,
                    "reason": reason_label.get(makeup.reason),
                }
                for makeup in floor.sudo().makeup_ids
            ],
        }

    @staticmethod
    def _hour_label(value):
        hours, minutes = divmod(round(value * 60), 60)
        return "%02d:%02d" % (hours, minutes)

    def action_verify_log(self):
        """RR-15 X-07: verify the floor's log chain, in chunks of
        VERIFY_CHUNK lines, and name the first broken line."""
        self.ensure_one()
        self.check_access("read")
        self._check_floor_manager()
        self.env["reception.log"].flush_model()
        columns = (
            "id, floor_id, sequence, event_type, employee_id, visit_id, user_id, "
            "date, reason, note, log_hash"
        )
        last_hash, last_sequence, count = "", 0, 0
        while True:
            # SQL: the raw stored values are what the chain covers
            self.env.cr.execute(
                f"SELECT {columns} FROM reception_log "
                "WHERE floor_id = %s AND sequence > %s "
                "ORDER BY sequence LIMIT %s",
                [self.id, last_sequence, VERIFY_CHUNK],
            )
            rows = self.env.cr.dictfetchall()
            if not rows:
                break
            broken, last_hash, last_sequence = first_broken(
                rows, last_hash, last_sequence
            )
            if broken:
                raise UserError(
                    self.env._(
                        "The reception log of floor %(floor)s is broken at line "
                        "%(sequence)s (ID %(id)s, %(date)s): this line was changed "
                        "or a line before it was deleted in the database.",
                        floor=self.name,
                        sequence=broken["sequence"],
                        id=broken["id"],
                        date=fields.Datetime.to_string(broken["date"]),
                    )
                )
            count += len(rows)
        self.env.cr.execute(
            "SELECT count(*) FROM reception_log WHERE floor_id = %s "
            "AND sequence IS NULL",
            [self.id],
        )
        if self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._(
                    "The reception log of floor %(floor)s has lines outside the "
                    "chain: they were added in the database.",
                    floor=self.name,
                )
            )
        return self._notify(
            self.env._(
                "The reception log of floor %(floor)s is intact: %(count)s lines "
                "verified.",
                floor=self.name,
                count=count,
            ),
            "success",
        )

    def action_open_board(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "reception_rotation.board",
            "name": self.name,
            "context": {"active_id": self.id},
        }

    # ------------------------------------------------------------ engine

    def register_visit(self, vals):
        """Register a walk-in (or a call) and let the engine decide who serves.

        ``vals``: visit_type, customer_name, phone, family_relation,
        referrer_phone, referrer_bought, asked_employee_id, serve_both,
        delegate_employee_id, contacted_employee_id (RR-20),
        override_employee_id and reason (manager override),
        verified_ownership_id.

        A non-buyer registered at the desk announced themselves on arrival;
        one found out while served is reported by the salesperson and
        confirmed by the manager on the visit (RR-21), never by minutes typed
        at the desk. A newcomer brought by an old customer (RR-19) may leave
        no phone: then they are not registered."""
        self.ensure_one()
        self.check_access("read")
        if vals.get("override_employee_id"):
            self._check_can_override()
            if vals["override_employee_id"] in self.env.user.employee_ids.ids:
                # X-07 RR-15: an override never serves the one who makes it
                raise AccessError(
                    self.env._("You cannot assign a customer to yourself.")
                )
        else:
            self._check_desk()
        # sudo: X-07 visits are created here alone, after the role check
        # above, with the server, counted and make-up flags the engine
        # decided; no client creates or edits them.
        Visit = self.env["reception.visit"].sudo()
        Ownership = self.env["reception.ownership"]
        visit_type = vals.get("visit_type") or "new"
        name = (vals.get("customer_name") or "").strip()
        phone_norm = key = False
        if visit_type in CUSTOMER_TYPES and (
            visit_type != "brought_by_old" or vals.get("phone")
        ):
            if not name:
                raise ValidationError(
                    self.env._("A customer visit needs the customer's name.")
                )
            phone_norm = self._normalize_phone(vals.get("phone"))
        elif vals.get("phone"):
            phone_norm = self._normalize_phone(vals.get("phone"))
        verified = Ownership.browse(vals.get("verified_ownership_id") or [])
        if verified:
            # RR-10: same name, other phone is the same customer only when
            # the floor manager verified it (a deputy is a salesperson, who
            # could otherwise attach any colleague's customer to a visit)
            self._check_floor_manager()
            if verified.sudo().floor_id != self:
                raise ValidationError(
                    self.env._(
                        "The verified customer %(customer)s is not a customer "
                        "of floor %(floor)s.",
                        customer=verified.sudo().customer_name,
                        floor=self.name,
                    )
                )
        ownership, valid = Ownership._match(
            self, phone_norm, name, vals.get("family_relation"), verified
        )
        if phone_norm:
            key = phone_norm if valid else "%s|%s" % (phone_norm, name.casefold())
        owner = ownership.employee_id if ownership.state == "active" else False
        referrer_owner = referrer_key = False
        if vals.get("referrer_phone"):
            referrer_key = self._normalize_phone(vals["referrer_phone"])
            ref = Ownership._match(self, referrer_key, "", "parent")[0]
            referrer_owner = ref.employee_id if ref.state == "active" else False
        if vals.get("override_employee_id"):
            event = {
                "type": "override",
                "employee": vals["override_employee_id"],
                "reason": vals.get("reason"),
                "visit_type": visit_type,
            }
        else:
            event = {
                "type": "arrival",
                "visit_type": visit_type,
                "owner": owner.id if owner else None,
                "referrer_owner": referrer_owner.id if referrer_owner else None,
                "referrer_bought": bool(vals.get("referrer_bought")),
                "referrer": referrer_key or None,
                # RR-19: a newcomer is registered with a real name and phone
                "registered": bool(name and phone_norm and valid),
                "asked": vals.get("asked_employee_id") or None,
                # RR-05: registered at the desk, the non-buyer announced
                # themselves on arrival (RR-21 for one found out later)
                "identified_minutes": 0.0,
                "before_door": True,
                "serve_both": bool(vals.get("serve_both")),
                "delegate": vals.get("delegate_employee_id") or None,
                "contacted_by": vals.get("contacted_employee_id") or None,
            }
        event["customer"] = key or None
        decision = self._apply_event(event)
        if (
            event["type"] == "arrival"
            and visit_type not in ("phone_call", "directions", "ask_someone")
            and decision["server"] is None
        ):
            raise UserError(
                self.env._(
                    "Nobody on the floor can take this customer now. Ask the "
                    "manager for an override."
                )
            )
        server = self.env["hr.employee"].browse(decision["server"] or [])
        done = visit_type in ("phone_call", "directions") or not server
        helped_for = (
            decision["state"]["served"].get(key, {}).get("helped_for")
            if key and event["type"] == "arrival"
            else None
        )
        visit = Visit.create(
            {
                "floor_id": self.id,
                "visit_type": visit_type,
                "customer_name": name or False,
                "phone": vals.get("phone") or False,
                "phone_normalized": phone_norm,
                "customer_key": key,
                "family_relation": vals.get("family_relation") or False,
                "registration_valid": bool(valid and name and phone_norm and server),
                "server_id": server.id,
                "signed_by_id": server.id,
                "counted": decision["counted"],
                "makeup_granted": any(
                    c["employee"] == server.id for c in decision["granted"]
                ),
                "makeup_used": bool(decision["used"]),
                # RR-18: the busy owner a colleague helps; a deal that day is
                # split with them
                "split_employee_id": helped_for or False,
                "override_reason": event.get("reason") or False,
                "ownership_id": ownership.id,
                "state": "done" if done else "serving",
            }
        )
        self._process_decision(decision, visit)
        if visit_type in CUSTOMER_TYPES and server and phone_norm:
            visit._register_customer(ownership, valid)
        return visit

    def _apply_event(self, event):
        """Lock the floor (RR-16), apply ``event`` to its rotation state and
        save the result. Returns the engine's decision."""
        self.ensure_one()
        self.flush_recordset(["rotation_state"])
        self._lock_floors()
        self.env.cr.execute(
            "SELECT rotation_state FROM reception_floor WHERE id = %s", [self.id]
        )
        saved = self.env.cr.fetchone()[0]
        roster = self._get_roster(self._floor_today())
        if not roster:
            raise UserError(
                self.env._("Floor %(floor)s has no roster for today.", floor=self.name)
            )
        state = self._build_state(saved, roster)
        event = dict(event, at=self._now_hour())
        try:
            decision = apply_event(state, event)
        except EngineError as err:
            raise UserError(self._engine_message(err)) from err
        # sudo: desk users and salespeople read floors only; the rotation
        # state is written by this locked engine path alone.
        self.sudo().write({"rotation_state": decision["state"]})
        self.flush_recordset(["rotation_state"])
        self._sync_roster(roster, decision["state"])
        self._notify_board()
        return decision

    def _notify_board(self):
        """Tell the desk screens showing these floors that they changed: they
        reload through get_board_data, which applies the reader's rights. The
        bus channel is the floor's own (ir.websocket grants it to users who
        can read the floor: their company's); the payload names the floor
        only, no customer (X-07). ``reception_board_token`` in the context
        (a screen's random id, letters and digits) comes back in the payload
        so that the screen that acted skips the reload it already did."""
        token = self.env.context.get("reception_board_token")
        if not (isinstance(token, str) and BOARD_TOKEN.fullmatch(token)):
            token = False
        for floor in self:
            self.env["bus.bus"]._sendone(
                (floor, BOARD_CHANNEL),
                "reception_rotation/board",
                {"floor_id": floor.id, "token": token},
            )

    def _lock_floors(self):
        """RR-16: two receptionists pressing "next" serialise on the floor's
        row lock; the state is read after the lock, so no turn is given twice.
        Under REPEATABLE READ a concurrent commit raises a serialization
        failure that Odoo retries: normal operation, so it is not logged as a
        "bad query" ERROR (log_exceptions=False)."""
        self.env.cr.execute(
            "SELECT id FROM reception_floor WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            [self.ids],
            log_exceptions=False,
        )

    def _build_state(self, saved, roster):
        payload = roster._engine_payload()
        settings = self._engine_settings()
        day = str(roster.date)
        if not saved or saved.get("day") != day:
            return new_state(
                payload, settings, day, credits=(saved or {}).get("credits", [])
            )
        return with_roster(saved, payload, settings)

    def _current_state(self, roster=None):
        self.ensure_one()
        roster = roster or self._get_roster(self._floor_today())
        if not roster:
            return None
        # sudo: the engine state (customers' phones included) stays on the
        # server; callers get the order and counts computed from it
        return self._build_state(self.sudo().rotation_state, roster)

    def _engine_settings(self):
        return {
            "returning_policy": self.returning_policy,
            "non_buyer_policy": self.non_buyer_policy,
            "non_buyer_minutes": self.non_buyer_minutes,
            "bulk_units": self.bulk_units,
        }

    def _sync_roster(self, roster, state):
        status = {r["id"]: r["status"] for r in state["roster"]}
        labels = dict(
            self.env["reception.roster.line"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        for line in roster.line_ids:
            new = status.get(line.employee_id.id)
            if new and new != line.status:
                old = line.status
                # sudo: X-07 a roster status follows the engine's decision
                # only, saved here after the floor lock and the role check.
                line.sudo().status = new
                # the day's status changes show in the roster's chatter
                # (logged: a receptionist without an e-mail address can post)
                roster._message_log(
                    body=self.env._(
                        "%(employee)s: %(old)s → %(new)s",
                        employee=line.employee_id.name,
                        old=labels.get(old),
                        new=labels.get(new),
                    )
                )

    def _process_decision(self, decision, visit=None):
        """Store the log, the make-up credits and the manager alerts."""
        Makeup = self.env["reception.makeup"]
        now = fields.Datetime.now()
        reason_label = dict(self.env["reception.log"]._fields["reason"].selection)
        logs = []
        for entry in decision["log"]:
            logs.append(
                {
                    "floor_id": self.id,
                    "event_type": entry["event"],
                    "employee_id": entry["employee"] or False,
                    "visit_id": visit.id if visit else False,
                    "user_id": self.env.uid,
                    "date": now,
                    "reason": entry["reason"]
                    if entry["reason"] in reason_label
                    else "other",
                    "note": entry["note"] or entry["reason"],
                }
            )
        self._write_log(logs)
        # sudo: make-ups are credits kept by the engine; desk users may not
        # edit them by hand.
        if decision["granted"]:
            Makeup.sudo().create(
                [
                    {
                        "floor_id": self.id,
                        "employee_id": c["employee"],
                        "credit_key": c["key"],
                        "reason": c["reason"],
                        "granted_visit_id": visit.id if visit else False,
                    }
                    for c in decision["granted"]
                ]
            )
        if decision["used"]:
            used = Makeup.sudo().search(
                [
                    ("floor_id", "=", self.id),
                    ("credit_key", "in", [c["key"] for c in decision["used"]]),
                    ("state", "=", "pending"),
                ]
            )
            used.write({"state": "used", "used_visit_id": visit.id if visit else False})
        for kind, emp in decision["alerts"]:
            employee = self.env["hr.employee"].browse(emp or [])
            if kind == "bulk_buyer":
                self._alert_manager(
                    self.env._(
                        "Bulk buyer: %(customer)s bought %(units)s units "
                        "(served by %(employee)s).",
                        customer=visit.customer_name if visit else "-",
                        units=visit.units if visit else "-",
                        employee=employee.name or "-",
                    ),
                    activity=True,
                    record=visit,
                )
            elif kind == "non_buyer":
                self._alert_manager(
                    self.env._(
                        "Non-buyer reported at the desk, served by %(employee)s.",
                        employee=employee.name or "-",
                    )
                )

    def _write_log(self, vals_list):
        """X-07 RR-15: the one path that writes reception.log lines."""
        # sudo: nobody holds create rights on the log; the rotation's own
        # code logs what its checked actions decided, as the acting user.
        return self.env["reception.log"].sudo().create(vals_list)

    def _log_ownership(self, ownership, visit=False):
        self._write_log(
            {
                "floor_id": self.id,
                "event_type": "ownership",
                "employee_id": ownership.employee_id.id,
                "visit_id": visit.id if visit else False,
                "user_id": self.env.uid,
                "reason": "registration",
                "note": ownership.customer_name or "",
            }
        )

    def _alert_manager(self, body, activity=False, record=None, summary=None):
        """RR-14 / RR-05: reports to the floor manager, on ``record`` (the
        visit, when the report names its customer: X-07, the floor's chatter
        is read by every salesperson, a visit's by its server and the
        managers only) or else on the floor."""
        # sudo: the desk reports to the manager on a floor it cannot write.
        floor = self.sudo()
        target = (record or self).sudo()
        target.message_post(
            body=body,
            partner_ids=floor.manager_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if activity and floor.manager_id:
            target.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary or self.env._("Bulk buyer"),
                note=body,
                user_id=floor.manager_id.id,
            )

    @api.model
    def _demo_day(self, floor_ids):
        """Demo data: a morning of walk-ins through the real engine (X-04)."""
        floor = self.browse(floor_ids).with_context(reception_at=11.0)
        visits = [
            floor.register_visit(
                {"visit_type": "new", "customer_name": name, "phone": phone}
            )
            for name, phone in (
                ("张伟", "13800138001"),
                ("王芳", "13800138002"),
                ("李娜", "13900139003"),
                ("刘洋", "13700137004"),
            )
        ]
        visits[0].units = 1
        visits[0].action_bought()
        visits[1].action_leave()
        visits[2].units = 3
        visits[2].action_bought()  # RR-14: reported to the manager
        floor.register_visit(
            {"visit_type": "peer_research", "customer_name": "同行调研"}
        )
        floor.register_visit(
            {
                "visit_type": "returning_not_bought",
                "customer_name": "王芳",
                "phone": "13800138002",
            }
        )
        floor.action_incoming_call()
        # RR-19: 张伟 (bought) brings a friend who registers: counted for
        # 张伟's salesperson, who now owns the friend
        floor.register_visit(
            {
                "visit_type": "brought_by_old",
                "customer_name": "赵敏",
                "phone": "13600136005",
                "referrer_phone": "13800138001",
                "referrer_bought": True,
            }
        )
        self._demo_non_buyer(floor)
        return True

    @api.model
    def _demo_non_buyer(self, floor):
        """Demo data, RR-21: a visitor who says Marc Demo phoned them turns
        out to be a decorator; Marc reports it, the floor manager confirms."""
        seller = self.env.ref("base.user_demo", raise_if_not_found=False)
        employee = seller.employee_ids[:1] if seller else False
        if not employee or not seller.has_group(
            "reception_rotation.group_reception_rotation_salesperson"
        ):
            return
        visit = floor.register_visit(
            {
                "visit_type": "new",
                "customer_name": "装修公司小刘",
                "phone": "13600136006",
                "contacted_employee_id": employee.id,
            }
        )
        if visit.server_user_id != seller or floor.manager_id == seller:
            return
        visit.with_user(seller).action_mark_non_buyer()
        visit.with_user(floor.manager_id).action_confirm_non_buyer()

    # ------------------------------------------------------------ helpers

    def _get_roster(self, day, create=False):
        self.ensure_one()
        roster = self.env["reception.roster"].search(
            [("floor_id", "=", self.id), ("date", "=", day)], limit=1
        )
        if not roster and create:
            # a new day starts from the latest roster's order and hours
            last = self.env["reception.roster"].search(
                [("floor_id", "=", self.id), ("date", "<", day)],
                order="date desc",
                limit=1,
            )
            roster = self.env["reception.roster"].create(
                {
                    "floor_id": self.id,
                    "date": day,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "employee_id": line.employee_id.id,
                                "sequence": line.sequence,
                                "start_hour": line.start_hour,
                                "end_hour": line.end_hour,
                            },
                        )
                        for line in last.line_ids
                    ],
                }
            )
        return roster

    @api.model
    def _default_tz(self):
        return self.env.user.tz or self.env.company.resource_calendar_id.tz or "UTC"

    def _floor_today(self):
        """The floor's calendar day in its own time zone: a desk in Beijing
        works on the same day whatever the time zone of the logged-in user."""
        self.ensure_one()
        return fields.Date.context_today(self.with_context(tz=self.tz))

    def _now_hour(self):
        # the demo's morning runs as the superuser; a client cannot
        # move the floor's clock through the context
        at = self.env.context.get("reception_at")
        if at is not None and self.env.su:
            return float(at)
        now = fields.Datetime.context_timestamp(
            self.with_context(tz=self.tz), fields.Datetime.now()
        )
        return now.hour + now.minute / 60.0

    def _normalize_phone(self, phone):
        try:
            return normalize_phone(phone)
        except EngineError as err:
            raise ValidationError(self._engine_message(err)) from err

    def _engine_message(self, err):
        messages = {
            "phone_missing": self.env._("A phone number is required."),
            "phone_invalid": self.env._(
                "%(phone)s is not a phone number.",
                phone=err.params.get("phone"),
            ),
            "reason_required": self.env._("An override needs a reason."),
            "not_rostered": self.env._("This salesperson is not on today's roster."),
            "not_serving": self.env._("This salesperson is not serving this customer."),
            "not_counted": self.env._(
                "Only a new customer counted today for the salesperson who "
                "reports it can be confirmed as a non-buyer."
            ),
            "same_owner": self.env._(
                "The customer already belongs to this salesperson."
            ),
        }
        return messages.get(
            err.code, self.env._("The rotation refused this: %(error)s", error=str(err))
        )

    def _check_desk(self):
        if not self.env.user.has_group(
            "reception_rotation.group_reception_rotation_desk"
        ):
            raise AccessError(
                self.env._("Only the receptionist registers walk-ins and calls.")
            )

    def _check_floor_manager(self):
        self.ensure_one()
        if not (
            self.env.user.has_group(
                "reception_rotation.group_reception_rotation_manager"
            )
            or self.env.user == self.manager_id
        ):
            raise AccessError(
                self.env._(
                    "Only the manager of floor %(floor)s may do this.", floor=self.name
                )
            )

    def _check_can_override(self):
        if not self.can_override:
            raise AccessError(
                self.env._("Only the floor manager or a deputy may override the order.")
            )

    def _notify(self, message, kind="info"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
