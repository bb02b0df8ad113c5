from odoo import api, fields, models

from ..engine import figures, frequency
from .callback_planning_wizard import _check_quarter_key


class CallbackRankingWizard(models.TransientModel):
    """CB-15: weighted satisfaction of dealers/branches, ranked per quarter."""

    _name = "callback.ranking.wizard"
    _description = "Weighted Satisfaction Ranking"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    quarter = fields.Char(
        required=True,
        default=lambda self: frequency.quarter_key(fields.Date.today()),
        help="Like 2026-Q1.",
    )
    group_by = fields.Selection(
        [
            ("dealer", "Dealer (who sold or serviced the customer)"),
            ("company", "Branch (company)"),
        ],
        default="dealer",
        required=True,
    )
    line_ids = fields.One2many(
        "callback.ranking.wizard.line", "wizard_id", readonly=True
    )

    @api.constrains("quarter")
    def _check_quarter(self):
        for wizard in self:
            _check_quarter_key(self.env, wizard.quarter)

    def _ranking(self):
        """[(rank, key record, weighted, sale avg, service avg)] best first."""
        self.ensure_one()
        # CB-15: per dealer (the customer's dealer when the callback was
        # planned), not per called company
        field = "dealer_id" if self.group_by == "dealer" else "company_id"
        domain = [
            ("state", "=", "done"),
            ("answered", "=", True),
            ("quarter", "=", self.quarter),
        ]
        if self.group_by == "dealer":
            domain += [
                ("company_id", "=", self.company_id.id),
                ("dealer_id", "!=", False),
            ]
        # archived records count: archiving does not undo an answer
        groups = (
            self.env["callback.record"]
            .with_context(active_test=False)
            ._read_group(domain, [field, "satisfaction_group"], ["satisfaction:avg"])
        )
        averages = {}
        for key, group, avg in groups:
            entry = averages.setdefault(key, [None, None])
            entry[0 if group == "sale" else 1] = avg
        company = self.company_id
        ranked = figures.ranking(
            {key: tuple(values) for key, values in averages.items()},
            company.callback_weight_sale,
            company.callback_weight_service,
        )
        return [
            (rank, key, value, averages[key][0], averages[key][1])
            for rank, key, value in ranked
        ]

    def action_compute(self):
        self.ensure_one()
        # sudo: the rows are the server's figures; the user reads them
        # nobody edits a ranking row, even on their own screen)
        self.sudo().line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "rank": rank or 0,
                    "name": key.display_name,
                    "weighted": value or 0.0,
                    "sale": sale or 0.0,
                    "service": service or 0.0,
                }
            )
            for rank, key, value, sale, service in self._ranking()
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Weighted Satisfaction Ranking"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class CallbackRankingWizardLine(models.TransientModel):
    _name = "callback.ranking.wizard.line"
    _description = "Weighted Satisfaction Ranking Line"
    _order = "rank, id"

    wizard_id = fields.Many2one(
        "callback.ranking.wizard", required=True, ondelete="cascade"
    )
    rank = fields.Integer()
    name = fields.Char(string="Dealer / Branch")
    sale = fields.Float(string="After-Sale Satisfaction")
    service = fields.Float(string="After-Service Satisfaction")
    weighted = fields.Float(string="Weighted Satisfaction")
