from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from ..engine import same_customer
from .reception_visit import tracked


class ReceptionOwnership(models.Model):
    """RR-10 / RR-11: which salesperson a customer belongs to (客户归属)."""

    _name = "reception.ownership"
    _description = "Customer Ownership"
    _inherit = ["mail.thread"]
    _order = "last_followup_date desc, id desc"
    _rec_name = "customer_name"

    floor_id = fields.Many2one(
        "reception.floor", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="floor_id.company_id", store=True, precompute=True
    )
    customer_name = fields.Char(required=True, tracking=True)
    phone_normalized = fields.Char(string="Phone", required=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer")
    lead_id = fields.Many2one("crm.lead", index=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Owner", required=True, tracking=True, index=True
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, precompute=True
    )
    first_registration_date = fields.Date(required=True, tracking=True)
    last_followup_date = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [("active", "Active"), ("lapsed", "Lapsed")],
        default="active",
        required=True,
        tracking=True,
    )
    family_member_ids = fields.One2many(
        "reception.visit",
        "ownership_id",
        string="Visits",
        domain=[("family_relation", "in", ("parent", "spouse"))],
        help="Visits registered under this phone by immediate family (RR-10).",
    )

    _sql_constraints = [
        (
            "floor_phone_uniq",
            "unique(floor_id, phone_normalized)",
            "A phone number has one owner per floor.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # X-07 RR-10: a customer belongs to whoever made the first valid
        # registration at the desk; nobody assigns one by hand.
        if not self.env.su:
            raise AccessError(
                self.env._("Customer ownership comes from the desk's registration.")
            )
        return super().create(vals_list)

    def write(self, vals):
        # X-07 RR-10/RR-11: owner, dates and state follow registrations,
        # handovers and the lapse; a manager corrects the customer's name only.
        if not self.env.su and set(vals) - {"customer_name"}:
            raise AccessError(
                self.env._(
                    "Ownership changes through registration, handover and lapse "
                    "only; only the customer's name can be corrected."
                )
            )
        return super(ReceptionOwnership, tracked(self)).write(vals)

    @api.model
    def _match(self, floor, phone, name, relation, verified=None):
        """Find the customer of a registration (RR-10).

        Returns ``(ownership, valid)``: the same phone under the same name, or
        under another name of immediate family (parents, spouse), is the same
        customer; under another name otherwise it is not, and the
        registration is not valid. The same name with another phone is another
        customer unless a manager verified it (``verified``)."""
        if verified:
            return verified, True
        if not phone:
            return self.browse(), False
        # sudo: the desk matches customers of the whole floor to route them
        # to their owner, without reading other salespeople's records.
        ownership = (
            self.sudo()
            .search(
                [("floor_id", "=", floor.id), ("phone_normalized", "=", phone)],
                limit=1,
            )
            .sudo(False)
        )
        if not ownership:
            return ownership, True
        if same_customer(ownership.sudo().customer_name, name, relation):
            return ownership, True
        return self.browse(), False

    def _cron_lapse(self):
        """RR-11: ownership lapses after N days without a logged follow-up.

        A follow-up is a visit of the customer served by the owner (recorded
        when registered) or a message, note or completed activity posted by
        the owner's user on the customer's lead."""
        today = fields.Date.context_today(self)
        floors = self.env["reception.floor"].search([("active", "=", True)])
        lapsed = self.browse()
        for floor in floors:
            cutoff = today - timedelta(days=floor.ownership_lapse_days)
            candidates = self.search(
                [
                    ("floor_id", "=", floor.id),
                    ("state", "=", "active"),
                    ("last_followup_date", "<", cutoff),
                ]
            )
            if not candidates:
                continue
            latest = candidates._lead_followups()
            for ownership in candidates:
                last = latest.get(ownership.id)
                if last and last > ownership.last_followup_date:
                    ownership.last_followup_date = last
                if ownership.last_followup_date < cutoff:
                    lapsed |= ownership
        lapsed.write({"state": "lapsed"})
        self.env["reception.floor"]._write_log(
            [
                {
                    "floor_id": ownership.floor_id.id,
                    "event_type": "ownership",
                    "employee_id": ownership.employee_id.id,
                    "reason": "lapsed",
                    "note": ownership.customer_name,
                }
                for ownership in lapsed
            ]
        )
        return lapsed

    def _follow_owner(self, visit=False, logs=None):
        """RR-11 / RR-17: a customer passing to a new owner (a lapsed
        customer registered anew, a same-day handover) takes their open leads
        along: the ownership's lead and the open leads of its partner in the
        floor's company are reassigned to the new owner's user, in one write,
        and each move is logged in the floor's chained log (RR-15).

        sudo: the leads were the previous owner's, whom the desk and the new
        owner may not write; the move follows the ownership that the checked
        registration or handover path has just changed. ``logs``: the
        batch of log lines of a dispatch to add the moves to, else they are
        written at once."""
        Lead = self.env["crm.lead"].sudo()
        partners = self.partner_id.commercial_partner_id
        domain = [("id", "in", self.lead_id.ids)]
        if partners:
            domain = expression.OR(
                [
                    domain,
                    [
                        ("partner_id", "child_of", partners.ids),
                        ("company_id", "in", [False, *self.company_id.ids]),
                    ],
                ]
            )
        leads = Lead.search(expression.AND([domain, [("stage_id.is_won", "=", False)]]))
        # only the floor's leads follow: a lead of a salesperson who
        # does not work the floor (a CRM salesperson of the company) stays theirs
        floor_sellers = (
            self.env.ref("reception_rotation.group_reception_rotation_salesperson")
            .sudo()
            .users
        )
        leads = leads.filtered(
            lambda lead: not lead.user_id or lead.user_id in floor_sellers
        )
        batch = []
        for ownership in self.sudo():
            user = ownership.user_id
            if not user:
                continue
            moving = leads.filtered(
                lambda lead, o=ownership, u=user: lead.user_id != u
                and o._owns_lead(lead)
            )
            if not moving:
                continue
            for team, group in moving.grouped("team_id").items():
                # the team is kept: crm would move the lead to the user's team
                group.write({"user_id": user.id, "team_id": team.id})
            batch.append(
                {
                    "floor_id": ownership.floor_id.id,
                    "event_type": "ownership",
                    "employee_id": ownership.employee_id.id,
                    "visit_id": visit.id if visit else False,
                    "reason": "lead_followed",
                    "note": ", ".join(moving.mapped("name")),
                }
            )
        if logs is not None:
            logs.extend(batch)
        else:
            self.env["reception.floor"]._write_log(batch)

    def _owns_lead(self, lead):
        """The lead is this customer's: the ownership's own lead, or a lead
        of its partner in the floor's company (or shared)."""
        self.ensure_one()
        if lead == self.lead_id:
            return True
        partner = self.partner_id.commercial_partner_id
        return bool(
            partner
            and lead.partner_id.commercial_partner_id == partner
            and (not lead.company_id or lead.company_id == self.company_id)
        )

    def _lead_followups(self):
        """Latest date of a message by the owner on each ownership's lead.

        RR-11 X-07: the server's creation date, not the message's ``date``,
        which a client may set (a follow-up dated 2030 would keep the
        customer from ever lapsing)."""
        with_lead = self.filtered("lead_id")
        if not with_lead:
            return {}
        rows = self.env["mail.message"]._read_group(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "in", with_lead.lead_id.ids),
                ("author_id", "in", with_lead.user_id.partner_id.ids),
                ("message_type", "in", ("comment", "notification")),
            ],
            ["res_id", "author_id"],
            ["create_date:max"],
        )
        last = {(res_id, author.id): date for res_id, author, date in rows}
        result = {}
        for ownership in with_lead:
            date = last.get((ownership.lead_id.id, ownership.user_id.partner_id.id))
            if date:
                result[ownership.id] = date.date()
        return result
