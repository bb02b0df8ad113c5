from odoo import fields, models

MAKEUP_REASONS = [
    ("returning_bought", "Served a returning buyer"),
    ("returning_not_bought", "Served own returning customer"),
    ("non_buyer", "Served a non-buyer"),
    ("handover", "Handed over a colleague's customer"),
    ("favour", "Favour for an unreachable colleague"),
    ("back_from_business", "Missed turns on business"),
    ("helped", "Helped a busy colleague's returning customer"),
]


class ReceptionMakeup(models.Model):
    _name = "reception.makeup"
    _description = "Make-up Reception Credit"
    _order = "create_date, id"

    floor_id = fields.Many2one(
        "reception.floor", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="floor_id.company_id", store=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Salesperson", required=True, index=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True)
    credit_key = fields.Char(required=True, readonly=True, index=True)
    reason = fields.Selection(MAKEUP_REASONS, required=True, readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("used", "Used")],
        default="pending",
        required=True,
        readonly=True,
    )
    granted_visit_id = fields.Many2one("reception.visit", readonly=True)
    used_visit_id = fields.Many2one("reception.visit", readonly=True)
