from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare


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
    share = fields.Float(
        default=1.0,
        aggregator="sum",
        help="Fraction of the deal credited (1.0 = 100%); a deal's shares add "
        "up to 100%.",
    )
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

    @api.constrains("share", "lead_id")
    def _check_share(self):
        """X-03 RR-09: each share lies within 0-100%, a deal's add up to 100%."""
        for split in self:
            if not 0 <= split.share <= 1:
                raise ValidationError(
                    self.env._(
                        "A credit share lies between 0%% and 100%%, not %(share)s%%.",
                        share=round(split.share * 100, 2),
                    )
                )
        # sudo: the total covers colleagues' shares the user may not read
        rows = (
            self.env["reception.credit.split"]
            .sudo()
            ._read_group(
                [("lead_id", "in", self.lead_id.ids)], ["lead_id"], ["share:sum"]
            )
        )
        for lead, total in rows:
            if float_compare(total, 1.0, precision_digits=4):
                raise ValidationError(
                    self.env._(
                        "The credit shares of %(deal)s add up to %(total)s%%, "
                        "not 100%%.",
                        deal=lead.name,
                        total=round(total * 100, 2),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # X-07 RR-11: credit lines are written when a deal is won, by the
        # system; nobody credits themselves by hand.
        if not self.env.su:
            raise AccessError(
                self.env._("Deal credit is computed when the deal is won.")
            )
        return super().create(vals_list)

    def write(self, vals):
        # a manager may rebalance the shares between salespeople; the
        # deal, floor, visit and reason stay what the system recorded.
        if not self.env.su and set(vals) - {"share", "employee_id"}:
            raise AccessError(
                self.env._(
                    "Only the shares and salespeople of a deal's credit can be "
                    "changed."
                )
            )
        if not self.env.su:
            # nobody rebalances a credit they are part of, before or after
            employees = self.employee_id | self.env["hr.employee"].browse(
                vals.get("employee_id") or []
            )
            if employees & self.env.user.employee_ids:
                raise AccessError(
                    self.env._("You cannot change a deal credit that credits you.")
                )
        return super().write(vals)
