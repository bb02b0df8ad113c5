from odoo import api, fields, models

from ..models.reception_floor import VISIT_TYPES


class ReceptionWalkinWizard(models.TransientModel):
    _name = "reception.walkin.wizard"
    _description = "Receive a Walk-in"

    floor_id = fields.Many2one("reception.floor", required=True)
    visit_type = fields.Selection(VISIT_TYPES, required=True, default="new")
    customer_name = fields.Char()
    phone = fields.Char()
    family_relation = fields.Selection(
        [("self", "Same person"), ("parent", "Parent"), ("spouse", "Spouse")],
        help="Fill in when the phone is registered under a family member's name.",
    )
    verified_ownership_id = fields.Many2one(
        "reception.ownership",
        string="Verified Same Customer",
        domain="[('floor_id', '=', floor_id)]",
        help="RR-10: the manager verified that this customer, registered with "
        "another phone, is this existing customer of the floor.",
    )
    referrer_phone = fields.Char(
        string="Old Customer's Phone", help="Phone of the customer who brought them."
    )
    referrer_bought = fields.Boolean(string="Old Customer Has Bought")
    asked_employee_id = fields.Many2one("hr.employee", string="Asked For")
    serve_both = fields.Boolean(
        string="Owner Serves Both",
        help="RR-08: the busy owner serves their returning customer as well.",
    )
    delegate_employee_id = fields.Many2one(
        "hr.employee",
        string="Colleague Named by the Owner",
        help="RR-08: leave empty and the last in order helps.",
    )
    contacted_employee_id = fields.Many2one(
        "hr.employee",
        string="Phoned / Canvassed By",
        help="RR-20: the salesperson the visitor says phoned or canvassed them; "
        "leave empty when they name nobody (a new customer).",
    )
    employee_domain_ids = fields.Many2many(
        "hr.employee", compute="_compute_employee_domain_ids"
    )

    @api.constrains("floor_id")
    def _check_floor_access(self):
        # a wizard only for a floor the user may read (their company)
        self.floor_id.check_access("read")

    @api.depends("floor_id")
    def _compute_employee_domain_ids(self):
        for wizard in self:
            roster = wizard.floor_id._get_roster(wizard.floor_id._floor_today())
            wizard.employee_domain_ids = roster.line_ids.employee_id

    def _visit_vals(self):
        return {
            "visit_type": self.visit_type,
            "customer_name": self.customer_name,
            "phone": self.phone,
            "family_relation": self.family_relation,
            "referrer_phone": self.referrer_phone,
            "referrer_bought": self.referrer_bought,
            "asked_employee_id": self.asked_employee_id.id,
            "serve_both": self.serve_both,
            "delegate_employee_id": self.delegate_employee_id.id,
            "contacted_employee_id": self.contacted_employee_id.id,
            "verified_ownership_id": self.verified_ownership_id.id,
        }

    def action_confirm(self):
        self.ensure_one()
        visit = self.floor_id.register_visit(self._visit_vals())
        if visit.server_id:
            message = self.env._(
                "%(customer)s: %(employee)s serves (%(counted)s).",
                customer=visit.customer_name or visit.name,
                employee=visit.server_id.name,
                counted=self.env._("counted")
                if visit.counted
                else self.env._("not counted"),
            )
        else:
            message = self.env._(
                "%(visit)s registered, no salesperson needed.", visit=visit.name
            )
        return self.floor_id._notify(message, "success")
