from odoo import api, fields, models

from ..models.reception_floor import VISIT_TYPES


class ReceptionOverrideWizard(models.TransientModel):
    """RR-15: the manager or a deputy names the salesperson, with a reason."""

    _name = "reception.override.wizard"
    _description = "Override the Rotation"

    floor_id = fields.Many2one("reception.floor", required=True)
    employee_id = fields.Many2one("hr.employee", string="Salesperson", required=True)
    visit_type = fields.Selection(VISIT_TYPES, required=True, default="new")
    customer_name = fields.Char()
    phone = fields.Char()
    reason = fields.Text(required=True)
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

    def action_confirm(self):
        self.ensure_one()
        visit = self.floor_id.register_visit(
            {
                "visit_type": self.visit_type,
                "customer_name": self.customer_name,
                "phone": self.phone,
                "override_employee_id": self.employee_id.id,
                "reason": self.reason,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "reception.visit",
            "res_id": visit.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
