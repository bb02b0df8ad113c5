from odoo import api, fields, models
from odoo.tools import SQL

from ..engine import frequency
from .callback_dealer_figure_wizard import _check_figures_reader, _current_year
from .callback_planning_wizard import _check_year


class CallbackTeamCostWizard(models.TransientModel):
    """CB-20: the callback cost of each team against the team's budget, per
    quarter of a year: what the company paid, the budget, what is left of it
    (negative: overspent) and the excess the team's staff bore above the
    limit per callback. The figures are the engine's
    (``costs.team_figures``); a manager sees the teams the callback figures
    show them (their own and those under it, and those they head)."""

    _name = "callback.team.cost.wizard"
    _description = "Team Cost against Budget"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: _current_year())
    line_ids = fields.One2many("callback.team.cost.line", "wizard_id", readonly=True)

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            _check_year(self.env, wizard.year)

    def _teams(self):
        """CB-14 CB-17: the teams of the company whose figures the caller
        sees, as the callback figures' team rule has it."""
        user = self.env.user
        domain = [("company_id", "in", [self.company_id.id, False])]
        if not self.env.su:
            domain += [
                "|",
                ("id", "child_of", user.employee_ids.department_id.ids),
                ("manager_id.user_id", "=", user.id),
            ]
        return self.env["hr.department"].sudo().search(domain)

    def action_compute(self):
        """Fill the rows of the year and open them."""
        self.ensure_one()
        _check_figures_reader(self)
        quarters = [frequency.quarter_label(self.year, q) for q in range(1, 5)]
        teams = self._teams()
        rows = teams._callback_cost_figures(quarters)
        # sudo: the rows are the server's figures; the manager reads them
        # nobody edits a figure row, even on their own screen)
        self.sudo().line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "department_id": team,
                    "quarter": quarter,
                    "cost": row["cost"],
                    "budget": row["budget"],
                    "difference": row["difference"],
                    "excess": row["excess"],
                    "budget_use": row["budget_use"] or 0.0,
                }
            )
            for (team, quarter), row in sorted(rows.items())
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Team Cost against Budget %(year)s", year=self.year),
            "res_model": "callback.team.cost.line",
            "view_mode": "list,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            "domain": [("wizard_id", "=", self.id)],
            "target": "current",
        }


class CallbackTeamCostLine(models.TransientModel):
    """CB-20: one team in one quarter."""

    _name = "callback.team.cost.line"
    _description = "Team Cost against Budget Line"
    _order = "quarter, department_id, id"

    wizard_id = fields.Many2one(
        "callback.team.cost.wizard", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.company_id.currency_id")
    department_id = fields.Many2one("hr.department", string="Team", readonly=True)
    quarter = fields.Char(readonly=True)
    cost = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="CB-20: what the company reimbursed for the team's approved claims.",
    )
    budget = fields.Monetary(currency_field="currency_id", readonly=True)
    difference = fields.Monetary(
        string="Left of Budget",
        currency_field="currency_id",
        readonly=True,
        help="CB-20: the budget less the cost; negative when overspent.",
    )
    excess = fields.Monetary(
        string="Excess Borne by Staff",
        currency_field="currency_id",
        readonly=True,
        help="CB-20: what the team's staff paid themselves above the company's"
        " limit per callback.",
    )
    budget_use = fields.Float(
        string="Cost vs Budget (%)",
        readonly=True,
        aggregator="avg",
        help="0 when the team has no budget.",
    )

    def _read_group_select(self, aggregate_spec, query):
        """CB-14 CB-20: the rate of several rows (a year, every team) is their
        summed cost against their summed budget, not the mean of the rates
        (as the callback figures)."""
        if aggregate_spec == "budget_use:avg":
            return SQL(
                "round((100 * sum(%s) / nullif(sum(%s), 0))::numeric, 2)",
                self._field_to_sql(self._table, "cost", query),
                self._field_to_sql(self._table, "budget", query),
            )
        return super()._read_group_select(aggregate_spec, query)
