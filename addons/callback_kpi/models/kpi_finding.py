from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .kpi_workflow_mixin import workflow_fields


class KpiFinding(models.Model):
    """KPI-04: a violation found by a spot check, entered as a dated deduction
    line with a note and who found it."""

    _name = "kpi.finding"
    _inherit = ["kpi.workflow.mixin"]
    _description = "Scorecard finding"
    _order = "date desc, id desc"
    _check_company_auto = True
    # KPI-14 / X-07: "found by" is who recorded the finding
    _kpi_workflow_fields = {"finder_id"}

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
    date = fields.Date(
        required=True,
        compute="_compute_date",
        store=True,
        readonly=False,
        precompute=True,
        help="Within the scorecard's period; by default today, or the period's "
        "last day for a past period.",
    )
    note = fields.Text(required=True)
    finder_id = fields.Many2one(
        "res.users",
        string="Found by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        help="Who recorded the finding, set by the server.",
    )
    events = fields.Integer(default=1, help="Number of deduction events.")

    @api.depends("scorecard_id")
    def _compute_date(self):
        today = fields.Date.context_today(self)
        for finding in self:
            if finding.date:
                continue
            date_to = finding.scorecard_id.date_to
            finding.date = min(today, date_to) if date_to else today

    @api.constrains("events", "line_id", "scorecard_id", "date")
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
            card = finding.scorecard_id
            if card.date_from and not card.date_from <= finding.date <= card.date_to:
                raise ValidationError(
                    self.env._(
                        "The finding of %(date)s lies outside the period of "
                        "scorecard %(name)s (%(start)s to %(end)s).",
                        date=finding.date,
                        name=card.display_name,
                        start=card.date_from,
                        end=card.date_to,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            forged = {
                name
                for vals in vals_list
                for name in workflow_fields(self, vals)
                if name != "finder_id" and vals[name]
            }
            if forged:
                raise AccessError(
                    self.env["kpi.scorecard"]._workflow_fields_message(
                        sorted(forged), self
                    )
                )
            # KPI-14: whatever the client sends, the recorder found it
            for vals in vals_list:
                vals["finder_id"] = self.env.uid
        findings = super().create(vals_list)
        findings.scorecard_id._check_unlocked()
        if not self.env.su:
            findings.scorecard_id._check_not_own()
            findings.scorecard_id._check_open()
        for finding in findings:
            finding.scorecard_id._kpi_log(
                self.env._(
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
        """X-07 / KPI-08: no finding is edited on, or moved onto, a locked,
        submitted or own card; "found by" stays the recorder."""
        self.scorecard_id._check_unlocked()
        if not self.env.su:
            forged = workflow_fields(self, vals)
            if forged:
                raise AccessError(
                    self.env["kpi.scorecard"]._workflow_fields_message(forged, self)
                )
            self.scorecard_id._check_not_own()
            self.scorecard_id._check_open()
        res = super().write(vals)
        self.scorecard_id._check_unlocked()
        if not self.env.su:
            self.scorecard_id._check_not_own()
            self.scorecard_id._check_open()
        return res

    def unlink(self):
        self.scorecard_id._check_unlocked()
        if not self.env.su:
            self.scorecard_id._check_not_own()
            self.scorecard_id._check_open()
        return super().unlink()
