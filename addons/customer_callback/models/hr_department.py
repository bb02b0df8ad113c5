from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import costs


class HrDepartment(models.Model):
    _inherit = "hr.department"

    callback_budget_quarter = fields.Monetary(
        string="Callback Budget per Quarter",
        currency_field="callback_currency_id",
        groups="customer_callback.group_customer_callback_manager",
        help="CB-20: the team's callback budget per quarter; the team's approved"
        " costs are compared with it.",
    )
    callback_currency_id = fields.Many2one(
        "res.currency", compute="_compute_callback_currency_id"
    )

    @api.depends("company_id")
    def _compute_callback_currency_id(self):
        for department in self:
            department.callback_currency_id = (
                department.company_id.currency_id or self.env.company.currency_id
            )

    @api.constrains("callback_budget_quarter")
    def _check_callback_budget_quarter(self):
        if any(department.callback_budget_quarter < 0 for department in self):
            raise ValidationError(
                self.env._("The callback budget of a team cannot be negative.")
            )

    def _callback_cost_figures(self, quarters):
        """CB-20: {(team, quarter): cost, excess, budget, difference,
        budget_use} of the teams in ``self``: the approved costs of the team's
        staff against the team's budget, one grouped query; a budgeted team
        has a row in each of ``quarters``."""
        # sudo: figures of the teams the caller asked for (a manager's
        # screen), summed over claims the caller may not read one by one
        groups = (
            self.env["callback.cost"]
            .sudo()
            ._read_group(
                [
                    ("department_id", "in", self.ids),
                    ("quarter", "in", list(quarters)),
                    ("state", "=", "approved"),
                ],
                ["department_id", "quarter"],
                ["reimbursed:sum", "excess:sum"],
            )
        )
        return costs.team_figures(
            [
                (department.id, quarter, reimbursed, excess)
                for department, quarter, reimbursed, excess in groups
            ],
            {
                department.id: department.sudo().callback_budget_quarter
                for department in self
            },
            quarters=quarters,
        )
