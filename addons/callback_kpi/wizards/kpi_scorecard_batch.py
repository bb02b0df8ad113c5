from odoo import api, fields, models

from ..models.kpi_scorecard import QUARTERS, check_year


class KpiScorecardBatch(models.TransientModel):
    """KPI-10: create and compute the scorecards of all callback staff for a
    period; running it twice creates no duplicate and recomputes drafts only."""

    _name = "kpi.scorecard.batch"
    _description = "Compute scorecards for a period"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")], required=True, default="quarter"
    )
    year = fields.Integer(required=True, default=lambda self: self._default_year())
    quarter = fields.Selection(QUARTERS, default=lambda self: self._default_quarter())

    @api.model
    def _default_year(self):
        today = fields.Date.context_today(self)
        return today.year if today.month > 3 else today.year - 1

    @api.model
    def _default_quarter(self):
        """The last finished quarter."""
        month = fields.Date.context_today(self).month
        return str((month - 1) // 3 or 4)

    @api.constrains("year")
    def _check_year(self):
        """X-03: a translated error, not a server error, for a wrong year."""
        for wizard in self:
            check_year(self.env, wizard.year)

    def action_compute(self):
        self.ensure_one()
        cards = self.env["kpi.scorecard"]._batch_compute(
            self.company_id,
            self.period_type,
            self.year,
            self.quarter if self.period_type == "quarter" else None,
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "callback_kpi.kpi_scorecard_action"
        )
        action["domain"] = [("id", "in", cards.ids)]
        action["name"] = self.env._("Computed scorecards")
        return action
