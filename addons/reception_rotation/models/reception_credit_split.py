from odoo import fields, models


class ReceptionCreditSplit(models.Model):
    """RR-09 / RR-11: who is credited with a won deal, and with what share."""

    _name = "reception.credit.split"
    _description = "Deal Credit Share"
    _order = "date desc, id desc"

    lead_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    floor_id = fields.Many2one("reception.floor", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one("hr.employee", string="Salesperson", required=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True)
    share = fields.Float(default=1.0, aggregator="sum")
    date = fields.Date(default=fields.Date.context_today)
    visit_id = fields.Many2one("reception.visit")
    reason = fields.Selection(
        [
            ("owner", "Owner (within the traceback window)"),
            ("server", "Serving salesperson"),
            ("split", "Split half and half"),
        ],
        default="owner",
    )
