from odoo import fields, models


class KpiSelfAssessment(models.TransientModel):
    """KPI-14: the scored person enters their own self-assessment."""

    _name = "kpi.self.assessment"
    _description = "Enter my self-assessment"

    scorecard_id = fields.Many2one("kpi.scorecard", required=True)
    score = fields.Float(required=True, help="0 to 100.")

    def action_confirm(self):
        self.ensure_one()
        self.scorecard_id.action_self_assess(self.score)
        return {"type": "ir.actions.act_window_close"}
