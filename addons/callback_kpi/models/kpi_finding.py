from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KpiFinding(models.Model):
    """KPI-04: a violation found by a spot check, entered as a dated deduction
    line with a note and who found it."""

    _name = "kpi.finding"
    _description = "Scorecard finding"
    _order = "date desc, id desc"
    _check_company_auto = True

    scorecard_id = fields.Many2one(
        "kpi.scorecard", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(
        "kpi.scorecard.line",
        string="Criterion line",
        required=True,
        ondelete="cascade",
        domain="[('scorecard_id', '=', scorecard_id)]",
    )
    criterion_id = fields.Many2one(related="line_id.criterion_id", store=True)
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Text(required=True)
    finder_id = fields.Many2one(
        "res.users",
        string="Found by",
        required=True,
        default=lambda self: self.env.user,
    )
    events = fields.Integer(default=1, help="Number of deduction events.")

    @api.constrains("events", "line_id", "scorecard_id")
    def _check_finding(self):
        for finding in self:
            if finding.events <= 0:
                raise ValidationError(
                    self.env._("A finding counts at least one event.")
                )
            if finding.line_id.scorecard_id != finding.scorecard_id:
                raise ValidationError(
                    self.env._("The finding's line belongs to another scorecard.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        findings = super().create(vals_list)
        findings.scorecard_id._check_unlocked()
        for finding in findings:
            finding.scorecard_id.message_post(
                body=self.env._(
                    "Finding on %(criterion)s (%(events)s event(s)) by %(user)s: "
                    "%(note)s",
                    criterion=finding.criterion_id.name,
                    events=finding.events,
                    user=finding.finder_id.name,
                    note=finding.note,
                )
            )
        return findings

    def write(self, vals):
        self.scorecard_id._check_unlocked()
        res = super().write(vals)
        self.scorecard_id._check_unlocked()
        return res

    def unlink(self):
        self.scorecard_id._check_unlocked()
        return super().unlink()
