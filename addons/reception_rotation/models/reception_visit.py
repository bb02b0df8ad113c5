import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..engine import phone_forms, same_customer
from .reception_floor import CUSTOMER_TYPES, VISIT_TYPES

# partners read per phone when a walk-in is matched to CRM (RR-17): a phone
# shared by more contacts than this is matched among the newest
PARTNER_MATCH_LIMIT = 20


def unsanitized_rows(typed):
    """The SQL condition of the CRM rows whose numbers (the ``typed`` phone
    columns) are not all in Odoo's ``phone_sanitized``: none sanitized, or
    two numbers of which Odoo sanitizes one. The desk's lookup and its
    indexes (``crm.lead.init``) share it, so that the indexes serve."""
    condition = "phone_sanitized IS NULL"
    if len(typed) > 1:
        condition += " OR (%s)" % " AND ".join("%s IS NOT NULL" % f for f in typed)
    return condition


# The desk's speed (issue 9): a visit and its ownership are created without a
# "created" note and without the receptionist as follower; the reception log
# records the registration (RR-15) and later changes are tracked.
QUIET_CREATE = {"mail_create_nolog": True, "mail_create_nosubscribe": True}
# the context keys that would silence a change's tracking; a client
# may send any of them, so a visit's or an ownership's write drops them
NO_TRACK_KEYS = ("tracking_disable", "mail_notrack")


def tracked(records):
    """``records`` in a context that tracks their changes (X-05)."""
    if any(records.env.context.get(key) for key in NO_TRACK_KEYS):
        return records.with_context(**dict.fromkeys(NO_TRACK_KEYS, False))
    return records


# the fields the rotation sets; a client never writes them
PROTECTED_FIELDS = frozenset(
    {
        "name",
        "floor_id",
        "company_id",
        "date",
        "visit_type",
        "customer_name",
        "phone",
        "phone_normalized",
        "customer_key",
        "family_relation",
        "registration_valid",
        "signed_by_id",
        "server_id",
        "server_user_id",
        "counted",
        "visit_count",
        "makeup_granted",
        "makeup_used",
        "override_reason",
        "outcome",
        "split_employee_id",
        "split_confirmed",
        "ownership_id",
        "lead_id",
        "partner_id",
        "state",
        "non_buyer_state",
        "non_buyer_marked_by_id",
        "non_buyer_minutes",
        "non_buyer_before_door",
        "non_buyer_confirmed_by_id",
    }
)


class ReceptionVisit(models.Model):
    _name = "reception.visit"
    _description = "Walk-in Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index=True
    )
    floor_id = fields.Many2one(
        "reception.floor", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="floor_id.company_id", store=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    day = fields.Date(compute="_compute_day", store=True, index=True)
    visit_type = fields.Selection(VISIT_TYPES, required=True, default="new")
    customer_name = fields.Char(tracking=True)
    phone = fields.Char()
    phone_normalized = fields.Char(index=True, readonly=True)
    customer_key = fields.Char(index=True, readonly=True)
    family_relation = fields.Selection(
        [("self", "Same person"), ("parent", "Parent"), ("spouse", "Spouse")],
        help="RR-10: the same phone under another name is the same customer only "
        "for immediate family (parents, spouse).",
    )
    registration_valid = fields.Boolean(
        readonly=True,
        help="Real name, phone and the salesperson's signature (RR-10).",
    )
    signed_by_id = fields.Many2one("hr.employee", readonly=True)
    server_id = fields.Many2one(
        "hr.employee", string="Served By", readonly=True, tracking=True, index=True
    )
    server_user_id = fields.Many2one(
        "res.users", related="server_id.user_id", store=True, string="Salesperson"
    )
    counted = fields.Boolean(readonly=True, tracking=True)
    visit_count = fields.Integer(
        string="Receptions", default=1, readonly=True, aggregator="sum"
    )
    counted_count = fields.Integer(
        compute="_compute_counted_count", store=True, aggregator="sum"
    )
    makeup_granted = fields.Boolean(readonly=True)
    makeup_count = fields.Integer(
        compute="_compute_counted_count",
        store=True,
        aggregator="sum",
        string="Make-ups Granted",
    )
    makeup_used = fields.Boolean(readonly=True)
    override_reason = fields.Char(readonly=True)
    outcome = fields.Selection(
        [("bought", "Bought"), ("no_deal", "No deal")], tracking=True
    )
    units = fields.Integer(string="Units Bought", tracking=True)
    split_employee_id = fields.Many2one(
        "hr.employee",
        string="Split With",
        readonly=True,
        help="RR-09: the owner who could not be reached; a deal is split half "
        "and half.",
    )
    split_confirmed = fields.Boolean(readonly=True)
    ownership_id = fields.Many2one("reception.ownership", readonly=True)
    lead_id = fields.Many2one("crm.lead", readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    # RR-21: a non-buyer found out while served, reported by the serving
    # salesperson, confirmed (or refused) by the floor manager
    non_buyer_state = fields.Selection(
        [
            ("marked", "Reported by the salesperson"),
            ("confirmed", "Confirmed by the manager"),
            ("refused", "Refused by the manager"),
        ],
        string="Non-buyer",
        readonly=True,
        copy=False,
        tracking=True,
        help="RR-21: a visitor found to be no buyer (builder, decorator, "
        "reporter...) is not counted only once the salesperson reported it and "
        "the floor manager confirmed it.",
    )
    non_buyer_marked_by_id = fields.Many2one(
        "res.users", string="Non-buyer Reported By", readonly=True, copy=False
    )
    non_buyer_minutes = fields.Float(
        string="Identified After (minutes)",
        readonly=True,
        copy=False,
        help="Measured by the server from the registration to the report.",
    )
    non_buyer_before_door = fields.Boolean(
        string="Identified Before Leaving",
        readonly=True,
        copy=False,
        help="The salesperson reports the visitor was identified before they "
        "left the door; the manager confirms it.",
    )
    non_buyer_confirmed_by_id = fields.Many2one(
        "res.users", string="Non-buyer Decided By", readonly=True, copy=False
    )
    won = fields.Boolean(
        compute="_compute_won", store=True, help="The lead of this visit is won."
    )
    won_count = fields.Integer(compute="_compute_won", store=True, aggregator="sum")
    state = fields.Selection(
        [("serving", "Serving"), ("done", "Left")],
        default="serving",
        required=True,
        tracking=True,
    )

    @api.depends("date", "floor_id.tz")
    def _compute_day(self):
        for visit in self:
            # the floor's day, not the day of whoever triggers the compute
            visit.day = fields.Date.context_today(
                visit.with_context(tz=visit.floor_id.tz), visit.date
            )

    @api.depends("counted", "makeup_granted")
    def _compute_counted_count(self):
        for visit in self:
            visit.counted_count = 1 if visit.counted else 0
            visit.makeup_count = 1 if visit.makeup_granted else 0

    @api.depends("lead_id.stage_id.is_won", "lead_id.active")
    def _compute_won(self):
        for visit in self:
            visit.won = bool(
                visit.lead_id and visit.lead_id.active and visit.lead_id.stage_id.is_won
            )
            visit.won_count = 1 if visit.won else 0

    @api.constrains("units")
    def _check_units(self):
        if any(visit.units < 0 for visit in self):
            raise ValidationError(self.env._("Units bought cannot be negative."))

    @api.constrains("phone", "visit_type")
    def _check_phone(self):
        for visit in self:
            if (
                visit.visit_type in CUSTOMER_TYPES
                and visit.visit_type != "brought_by_old"  # RR-19: unregistered
                and not visit.phone
            ):
                raise ValidationError(
                    self.env._("A customer visit needs the customer's phone number.")
                )
            if visit.phone:
                visit.floor_id._normalize_phone(visit.phone)

    @api.model_create_multi
    def create(self, vals_list):
        # a visit starts at the desk's register_visit, which asks the
        # engine who serves; created any other way it would skip the turn.
        if not self.env.su:
            raise AccessError(
                self.env._("Visits are registered through the desk's walk-in only.")
            )
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        if unnamed:
            # Odoo's public ir.sequence API has no batch call: the sequence is
            # looked up once, as next_by_code does (the company's own first,
            # else the shared one), then each visit takes one number from it
            # (_next honours date ranges; one nextval a visit). X-07: numbered
            # on the day it is, whatever date a client's context asks for
            sequence = (
                self.env["ir.sequence"]
                .with_context(
                    ir_sequence_date=fields.Date.today(), ir_sequence_date_range=None
                )
                .search(
                    [
                        ("code", "=", "reception.visit"),
                        ("company_id", "in", [self.env.company.id, False]),
                    ],
                    order="company_id",
                    limit=1,
                )
            )
            for vals in unnamed:
                vals["name"] = sequence._next() if sequence else False
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # the engine's fields change only through the workflow
            # methods below; the units while the customer is being served.
            protected = PROTECTED_FIELDS.intersection(vals)
            if protected:
                raise AccessError(
                    self.env._(
                        "These fields of a visit are set by the rotation only: "
                        "%(fields)s.",
                        fields=", ".join(sorted(protected)),
                    )
                )
            if "units" in vals and self.filtered(lambda v: v.state != "serving"):
                raise UserError(
                    self.env._("The units of a closed visit cannot be changed.")
                )
        return super(ReceptionVisit, tracked(self)).write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_served(self):
        if self.filtered("server_id"):
            raise UserError(self.env._("A served visit is kept: it cannot be deleted."))

    # ------------------------------------------------------------ registration

    @api.model
    def _register_at(self, floor, vals):
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
        floor.ensure_one()
        floor.check_access("read")
        if vals.get("override_employee_id"):
            floor._check_can_override()
            if vals["override_employee_id"] in self.env.user.employee_ids.ids:
                # X-07 RR-15: an override never serves the one who makes it
                raise AccessError(
                    self.env._("You cannot assign a customer to yourself.")
                )
        else:
            floor._check_desk()
        # RR-16: the caller's role checked, wait for the floor's turn before
        # anything the registration decides on is read
        floor._wait_turn()
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
            phone_norm = floor._normalize_phone(vals.get("phone"))
        elif vals.get("phone"):
            phone_norm = floor._normalize_phone(vals.get("phone"))
        verified = Ownership.browse(vals.get("verified_ownership_id") or [])
        if verified:
            # RR-10: same name, other phone is the same customer only when
            # the floor manager verified it (a deputy is a salesperson, who
            # could otherwise attach any colleague's customer to a visit)
            floor._check_floor_manager()
            if verified.sudo().floor_id != floor:
                raise ValidationError(
                    self.env._(
                        "The verified customer %(customer)s is not a customer "
                        "of floor %(floor)s.",
                        customer=verified.sudo().customer_name,
                        floor=floor.name,
                    )
                )
        ownership, valid = Ownership._match(
            floor, phone_norm, name, vals.get("family_relation"), verified
        )
        if phone_norm:
            key = phone_norm if valid else "%s|%s" % (phone_norm, name.casefold())
        owner = ownership.employee_id if ownership.state == "active" else False
        referrer_owner = referrer_key = False
        if vals.get("referrer_phone"):
            referrer_key = floor._normalize_phone(vals["referrer_phone"])
            ref = Ownership._match(floor, referrer_key, "", "parent")[0]
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

        def record(decision):
            if (
                event["type"] == "arrival"
                and visit_type not in ("phone_call", "directions", "ask_someone")
                and decision["server"] is None
            ):
                raise UserError(
                    self.env._(
                        "Nobody on the floor can take this customer now. Ask "
                        "the manager for an override."
                    )
                )
            server = self.env["hr.employee"].browse(decision["server"] or [])
            done = visit_type in ("phone_call", "directions") or not server
            helped_for = (
                decision["helped_for"] if key and event["type"] == "arrival" else None
            )
            return (
                Visit.with_context(**QUIET_CREATE)
                .create(
                    {
                        "floor_id": floor.id,
                        "visit_type": visit_type,
                        "customer_name": name or False,
                        "phone": vals.get("phone") or False,
                        "phone_normalized": phone_norm,
                        "customer_key": key,
                        "family_relation": vals.get("family_relation") or False,
                        "registration_valid": bool(
                            valid and name and phone_norm and server
                        ),
                        "server_id": server.id,
                        "signed_by_id": server.id,
                        "counted": decision["counted"],
                        "makeup_granted": any(
                            c["employee"] == server.id for c in decision["granted"]
                        ),
                        "makeup_used": bool(decision["used"]),
                        # RR-18: the busy owner a colleague helps; a deal that day
                        # is split with them
                        "split_employee_id": helped_for or False,
                        "override_reason": event.get("reason") or False,
                        "ownership_id": ownership.id,
                        "state": "done" if done else "serving",
                    }
                )
                .with_env(Visit.env)
            )

        logs = []

        def record_customer(decision):
            visit = record(decision)
            if visit_type in CUSTOMER_TYPES and visit.server_id and phone_norm:
                visit._register_customer(ownership, valid, logs)
            return visit

        return floor._dispatch(event, record_customer, logs)[1]

    # ------------------------------------------------------------ actions

    def action_leave(self):
        """The customer left without a deal."""
        return self._leave(False)

    def action_bought(self):
        """The customer left with a deal of ``units`` units (RR-14)."""
        return self._leave(True)

    def _check_can_act(self):
        """The desk, or the salesperson serving the visit, acts on it."""
        user = self.env.user
        if user.has_group("reception_rotation.group_reception_rotation_desk"):
            return
        if any(visit.server_user_id != user for visit in self):
            raise AccessError(
                self.env._(
                    "Only the receptionist or the serving salesperson may do this."
                )
            )

    def _leave(self, bought):
        self.check_access("write")
        self._check_can_act()
        self.floor_id._wait_turn()  # RR-16: before the state is read
        for visit in self:
            if visit.state != "serving":
                raise UserError(
                    self.env._("Visit %(name)s is already closed.", name=visit.name)
                )
            if bought and visit.units < 1:
                raise UserError(self.env._("Enter the units bought first."))

            def record(decision, visit=visit):
                vals = {"state": "done", "outcome": "bought" if bought else "no_deal"}
                if decision["split"]:
                    vals["split_confirmed"] = True
                # sudo: X-07 the engine closed the visit (role checked above)
                visit.sudo().write(vals)
                return visit

            visit.floor_id._dispatch(
                {
                    "type": "leave",
                    "customer": visit.customer_key or None,
                    "bought": bought,
                    "units": visit.units if bought else 0,
                },
                record,
            )

    # ------------------------------------------------------------ RR-21

    def action_mark_non_buyer(self):
        """RR-21: the serving salesperson reports a non-buyer."""
        return self._mark_non_buyer(before_door=False)

    def action_mark_non_buyer_at_door(self):
        """RR-21: the same, identified before the visitor left the door."""
        return self._mark_non_buyer(before_door=True)

    def _mark_non_buyer(self, before_door):
        """RR-21 (seed 001, third version, art. 6): the salesperson who
        serves the visit reports it; the minutes are the server's, from the
        registration to now. Nothing is uncounted until the manager confirms."""
        self.ensure_one()
        self.check_access("read")
        if self.server_user_id != self.env.user:
            raise AccessError(
                self.env._(
                    "Only the salesperson serving the visit reports a non-buyer."
                )
            )
        if (
            self.non_buyer_state
            or not self.counted
            or self.visit_type != "new"
            or self.day != self.floor_id._floor_today()
        ):
            raise UserError(
                self.env._(
                    "Only a new customer counted today can be reported as a "
                    "non-buyer, once: %(visit)s.",
                    visit=self.name,
                )
            )
        minutes = (fields.Datetime.now() - self.date).total_seconds() / 60.0
        # sudo: X-07 the report's fields are the workflow's (role checked)
        self.sudo().write(
            {
                "non_buyer_state": "marked",
                "non_buyer_marked_by_id": self.env.uid,
                "non_buyer_minutes": round(max(minutes, 0.0), 2),
                "non_buyer_before_door": before_door,
            }
        )
        floor = self.floor_id
        floor._write_log(
            [
                {
                    "floor_id": floor.id,
                    "event_type": "alert",
                    "employee_id": self.server_id.id,
                    "visit_id": self.id,
                    "reason": "non_buyer_marked",
                    "note": "%.0f" % self.non_buyer_minutes,
                }
            ]
        )
        floor._alert_manager(
            self.env._(
                "%(employee)s reports %(visit)s as a non-buyer, identified after "
                "%(minutes)s minutes%(door)s: confirm or refuse it on the visit.",
                employee=self.server_id.name,
                visit=self.name,
                minutes="%.0f" % self.non_buyer_minutes,
                door=self.env._(", before leaving the door") if before_door else "",
            ),
            activity=True,
            record=self,
            summary=self.env._("Confirm a non-buyer"),
        )
        return True

    def action_confirm_non_buyer(self):
        """RR-21: the floor manager confirms the salesperson's report; the
        engine then takes the reception back and grants the make-up when
        identified in time (RR-05)."""
        self.check_access("read")
        self.floor_id._check_floor_manager()
        self.floor_id._wait_turn()  # RR-16: before the report is read
        self._check_non_buyer_decision()

        def record(decision):
            # sudo: X-07 the engine's decision, after the manager's check
            self.sudo().write(
                {
                    "non_buyer_state": "confirmed",
                    "non_buyer_confirmed_by_id": self.env.uid,
                    "counted": decision["counted"],
                    "makeup_granted": any(
                        c["employee"] == self.server_id.id for c in decision["granted"]
                    ),
                }
            )
            return self

        self.floor_id._dispatch(
            {
                "type": "non_buyer_confirmed",
                "customer": self.customer_key or None,
                "employee": self.server_id.id,
                "minutes": self.non_buyer_minutes,
                "before_door": self.non_buyer_before_door,
            },
            record,
        )
        self._close_non_buyer_activity()
        return True

    def action_refuse_non_buyer(self):
        """RR-21: the manager does not confirm: the reception stays counted."""
        self._check_non_buyer_decision()
        # sudo: X-07 the workflow's fields, after the manager's check
        self.sudo().write(
            {"non_buyer_state": "refused", "non_buyer_confirmed_by_id": self.env.uid}
        )
        self._close_non_buyer_activity()
        return True

    def _check_non_buyer_decision(self):
        """RR-21: the floor manager decides a reported non-buyer; neither
        party alone, nobody on their own visit or report."""
        self.ensure_one()
        self.check_access("read")
        self.floor_id._check_floor_manager()
        if self.non_buyer_state != "marked":
            raise UserError(
                self.env._(
                    "%(visit)s is not a non-buyer reported by the salesperson.",
                    visit=self.name,
                )
            )
        if self.env.user in (self.non_buyer_marked_by_id | self.server_user_id):
            raise AccessError(
                self.env._("Nobody confirms or refuses their own non-buyer report.")
            )

    def _close_non_buyer_activity(self):
        # sudo: the manager's to-do on the visit, created by the report
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.floor_id.sudo().manager_id
            and a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        ).action_feedback()

    def action_open_handover(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Colleague's Customer"),
            "res_model": "reception.handover.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_visit_id": self.id},
        }

    def _check_handover_owner(self, owner):
        """X-07 RR-09/RR-10: the colleague named as owner is the customer's
        recorded owner when the customer was registered before today; nobody
        hands a customer over to themselves (and earns a make-up for it)."""
        if not owner or owner == self.server_id:
            raise UserError(self.env._("Name the colleague the customer belongs to."))
        # sudo: the finder may not read a colleague's ownership record
        ownership = self.ownership_id.sudo()
        if (
            ownership.state == "active"
            and ownership.first_registration_date
            and ownership.first_registration_date < self.day
            and ownership.employee_id != owner
        ):
            raise UserError(
                self.env._(
                    "This customer was registered by %(owner)s: only they can "
                    "take the customer over.",
                    owner=ownership.employee_id.name,
                )
            )

    def _handover(self, owner, stand_in=False):
        """RR-09: hand the customer over to the owning colleague."""
        self.ensure_one()
        self.check_access("write")
        self._check_can_act()
        self.floor_id._wait_turn()  # RR-16: before the state is read
        if self.state != "serving":
            raise UserError(
                self.env._("Only a customer being served can be handed over.")
            )
        self._check_handover_owner(owner)
        # read before the visit moves to the colleague: the finder may no
        # longer read it afterwards
        finder = self.server_id

        def record(decision):
            vals = {}
            if decision["server"] != finder.id:
                ownership = self.ownership_id.sudo()
                if (
                    ownership.employee_id == finder
                    and decision["server"] == owner.id
                    and ownership.first_registration_date == self.day
                ):
                    # registered by the finder today, but it is the
                    # colleague's customer (RR-09/RR-10): the ownership follows
                    ownership.employee_id = owner
                    self.floor_id._log_ownership(ownership, self)
                    ownership._follow_owner(self)
                vals.update(
                    server_id=decision["server"],
                    counted=decision["counted"],
                    makeup_granted=bool(decision["granted"]),
                )
            else:
                vals["split_employee_id"] = owner.id
            # sudo: X-07 the engine's handover decision (role checked above);
            # the visit now belongs to the colleague, whom the finder may not
            # read
            visit = self.sudo()
            visit.write(vals)
            if visit.lead_id and visit.server_user_id:
                # sudo: the lead follows the serving salesperson (RR-17)
                visit.lead_id.user_id = visit.server_user_id
            return self

        return self.floor_id._dispatch(
            {
                "type": "handover",
                "customer": self.customer_key or None,
                "finder": finder.id,
                "owner": owner.id,
                "stand_in": stand_in.id if stand_in else None,
            },
            record,
        )[0]

    # ------------------------------------------------------------ CRM

    def _register_customer(self, ownership, valid, logs=None):
        """RR-10 ownership and RR-17 CRM record of a customer visit; its log
        lines go into ``logs`` (the registration's dispatch batch)."""
        self.ensure_one()
        Ownership = self.env["reception.ownership"].sudo()
        today = self.floor_id._floor_today()
        # sudo: ownership and leads are kept by the registration path; the
        # desk neither owns leads nor edits ownership.
        ownership = ownership.sudo()
        new_owner = None
        if ownership and ownership.state == "active":
            if ownership.employee_id == self.server_id:
                ownership.last_followup_date = today  # a visit is a follow-up
        elif valid and self.registration_valid:
            vals = {
                "employee_id": self.server_id.id,
                "first_registration_date": today,
                "last_followup_date": today,
                "state": "active",
            }
            if ownership:  # lapsed: the new first valid registration wins
                ownership.write(vals)
                self.floor_id._log_ownership(ownership, self, logs)
                # RR-11: the customer's open leads follow the new owner
                ownership._follow_owner(self, logs)
            else:
                # created below with its lead and partner, in one insert
                new_owner = dict(
                    vals,
                    floor_id=self.floor_id.id,
                    phone_normalized=self.phone_normalized,
                    customer_name=self.customer_name,
                )
        lead = ownership.lead_id if ownership else self.env["crm.lead"]
        partner = ownership.partner_id if ownership else self.env["res.partner"]
        if not lead:
            # known to CRM before the floor knew them: no duplicate lead; a
            # refused registration (RR-10) only finds records in its own name
            lead, partner = self._find_crm_customer(strict=not valid)
        # RR-17: the lead has its customer, found by phone or created, so a
        # won walk-in deal has a partner to call back (customer_callback)
        partner = lead.sudo().partner_id or partner or self._create_partner()
        if not lead:
            lead = self._create_lead(partner)
        elif not lead.sudo().partner_id:
            # sudo: the desk links the customer to a lead it may not write
            lead.sudo().partner_id = partner
        if new_owner:
            ownership = (
                Ownership.with_context(**QUIET_CREATE)
                .create(dict(new_owner, lead_id=lead.id, partner_id=partner.id))
                .with_env(Ownership.env)
            )
            self.floor_id._log_ownership(ownership, self, logs)
        if ownership and not ownership.lead_id:
            ownership.lead_id = lead
        if ownership and not ownership.partner_id:
            ownership.partner_id = partner
        # sudo: X-07 the visit's customer and lead are set by registration
        self.sudo().write(
            {
                "ownership_id": ownership.id,
                "lead_id": lead.id,
                "partner_id": partner.id,
            }
        )

    def _phone_keys(self):
        """The forms under which CRM may hold this visit's phone: as typed,
        the key (national digits), its E.164 form (what Odoo's phone mixin
        stores) and that form with 00 for the +."""
        self.ensure_one()
        keys = set(phone_forms(self.phone_normalized)) | {(self.phone or "").strip()}
        return sorted(key for key in keys if key)

    def _crm_phone_domains(self, models, keys):
        """Per model of ``models`` (crm.lead, res.partner): the domain of its
        records holding one of ``keys``. In E.164 where Odoo's phone mixin
        sanitized the number (``phone_sanitized``, indexed); else by the
        digits as typed, compared on the records Odoo could not sanitize (a
        record whose own country is not its number's, a company without a
        country) and on those with two numbers (Odoo sanitizes one): one
        query for all models, kept to those rows by the indexes of
        ``crm.lead.init``, no regular expression over the whole tables on
        the desk's path (issue 9)."""
        digits = tuple(sorted({re.sub(r"[^\d+]", "", key) for key in keys} - {""}))
        selects = []
        for Model in models:
            typed = [
                fname
                for fname in ("phone", "mobile")
                if fname in Model._fields and Model._fields[fname].store
            ]
            selects.append(
                SQL(
                    "SELECT %s, id FROM %s WHERE (%s) AND (%s)",
                    Model._name,
                    SQL.identifier(Model._table),
                    SQL(unsanitized_rows(typed)),
                    SQL(" OR ").join(
                        SQL(
                            "regexp_replace(%s, %s, '', 'g') IN %s",
                            SQL.identifier(fname),
                            r"[^\d+]",
                            digits,
                        )
                        for fname in typed
                    ),
                )
            )
        self.env.cr.execute(SQL(" UNION ALL ").join(selects))
        unsanitized = {Model._name: [] for Model in models}
        for model_name, record_id in self.env.cr.fetchall():
            unsanitized[model_name].append(record_id)
        return {
            name: ["|", ("phone_sanitized", "in", keys), ("id", "in", ids)]
            for name, ids in unsanitized.items()
        }

    def _find_crm_customer(self, strict=False):
        """RR-17: the customer's open lead and partner already in CRM, found
        by the normalised phone (``phone_sanitized`` of Odoo's phone mixin,
        or the phone digits whatever their formatting), one search per model.

        Returns ``(lead, partner)``: an open lead of the floor's team first,
        else the partner (with their open lead if any), else any open lead of
        the company. Won or lost leads are not reused, their partner is.
        RR-10: a lead or partner under another name is another customer
        (unless the desk stated the family tie); ``strict`` (a refused
        registration) keeps only the records under the visitor's own name."""
        self.ensure_one()
        Lead = self.env["crm.lead"]
        Partner = self.env["res.partner"]
        if not self.phone_normalized:
            return Lead, Partner
        keys = self._phone_keys()
        company = [("company_id", "in", [False, self.company_id.id])]
        # sms installed: contacts have Odoo's phone mixin too
        mixin = "phone_sanitized" in Partner._fields
        domains = self._crm_phone_domains([Lead, Partner] if mixin else [Lead], keys)
        phone_domain = domains["crm.lead"]
        # sudo: the desk matches the customer against every salesperson's
        # leads and contacts; it only links the visit to what it finds.
        leads = (
            Lead.sudo()
            .with_context(active_test=False)
            .search(expression.AND([phone_domain, company]), order="id desc")
        )
        leads = leads.filtered(
            lambda lead: self._is_same_customer(
                lead.partner_id.name or lead.contact_name, strict
            )
        )
        open_leads = leads.filtered(
            lambda lead: lead.active and not lead.stage_id.is_won
        )
        team_lead = open_leads.filtered(
            lambda lead: lead.team_id == self.floor_id.team_id
        )[:1]
        if team_lead:
            return team_lead, team_lead.partner_id
        # without the mixin, contacts are matched by the phone as typed
        partner_domain = domains["res.partner"] if mixin else [("phone", "in", keys)]
        partners = Partner.sudo().search(
            expression.AND([partner_domain, company]),
            order="id desc",
            limit=PARTNER_MATCH_LIMIT,
        )
        partner = (
            partners.filtered(lambda p: self._is_same_customer(p.name, strict))[:1]
            or leads.partner_id.sorted("id", reverse=True)[:1]
        )
        if partner:
            lead = open_leads.filtered(lambda lead: lead.partner_id == partner)[:1]
            return lead, partner
        return open_leads[:1], Partner

    def _is_same_customer(self, known_name, strict=False):
        return same_customer(
            known_name, self.customer_name, self.family_relation, strict=strict
        )

    def _create_partner(self):
        """RR-17: the walk-in's customer, created when CRM knows no contact
        under this phone and name; in the floor's company (multi-company).

        sudo: the receptionist may not create contacts; creating the
        customer of a registration is the server's act, done here alone
        after the desk's role check in ``register_visit``."""
        self.ensure_one()
        # the desk's speed (RR-16): no "created" note nor follower on the
        # contact, the walk-in's lead and visit carry the history
        return (
            self.env["res.partner"]
            .sudo()
            .with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            )
            .create(
                {
                    "name": self.customer_name,
                    "phone": self.phone,
                    "company_id": self.company_id.id,
                }
            )
        )

    def _create_lead(self, partner=None):
        # sudo: the desk registers walk-ins; the lead belongs to the
        # serving salesperson's user in the floor's team (RR-17). The
        # salesperson follows it; the receptionist does not. The salesperson,
        # called at the desk, gets no "created" nor assignment e-mail per
        # walk-in, as in Odoo's own lead assignment (crm.team._allocate_leads);
        # the visit and the reception log say where the lead came from.
        Lead = self.env["crm.lead"].sudo()
        return (
            Lead.with_context(mail_auto_subscribe_no_notify=True, **QUIET_CREATE)
            .create(
                {
                    "name": self.env._("Walk-in: %(name)s", name=self.customer_name),
                    "type": "opportunity",
                    "contact_name": self.customer_name,
                    "phone": self.phone,
                    "partner_id": partner.id if partner else False,
                    "user_id": self.server_user_id.id,
                    "team_id": self.floor_id.team_id.id,
                    "company_id": self.company_id.id,
                }
            )
            .with_env(Lead.env)
        )
