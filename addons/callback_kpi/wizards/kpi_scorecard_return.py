from odoo import fields, models


class KpiScorecardReturn(models.TransientModel):
    """KPI-08: HR returns submitted scorecards to the manager with a reason."""

    _name = "kpi.scorecard.return"
    _description = "Return scorecards with a reason"

    scorecard_ids = fields.Many2many("kpi.scorecard", string="Scorecards")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.scorecard_ids._do_return(self.reason)
        return {"type": "ir.actions.act_window_close"}
