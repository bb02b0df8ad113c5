import dataclasses

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine.criteria import score_criterion
from .kpi_workflow_mixin import workflow_fields


class KpiScorecardLine(models.Model):
    """One criterion of a scorecard: its figures (computed from the callback
    data or found by hand) and the points they leave (KPI-03 / KPI-04)."""

    _name = "kpi.scorecard.line"
    _inherit = ["kpi.workflow.mixin"]
    _description = "Scorecard line"
    _order = "scorecard_id, sequence, id"
    # X-07 / KPI-04: the figures come from the callback data, not typed
    _kpi_workflow_fields = {
        "events_computed",
        "rate_value",
        "rate_known",
        "rate2_value",
        "rate2_known",
        "bonus_events",
    }

    scorecard_id = fields.Many2one(
        "kpi.scorecard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
    state = fields.Selection(related="scorecard_id.state")
    sequence = fields.Integer(default=10)
    criterion_id = fields.Many2one("kpi.criterion", required=True, ondelete="restrict")
    code = fields.Char(related="criterion_id.code")
    max_points = fields.Float(
        required=True, help="The criterion's share when the card was created."
    )
    finding_ids = fields.One2many("kpi.finding", "line_id", string="Findings")
    events_computed = fields.Integer(
        string="Computed events", readonly=True, help="Events from the callback data."
    )
    events_manual = fields.Integer(
        string="Found events", compute="_compute_events_manual", store=True
    )
    rate_value = fields.Float(string="Rate (%)", readonly=True, digits=(16, 2))
    rate_known = fields.Boolean(readonly=True)
    rate2_value = fields.Float(string="Second rate (%)", readonly=True, digits=(16, 2))
    rate2_known = fields.Boolean(readonly=True)
    bonus_events = fields.Integer(readonly=True)
    deduction = fields.Float(compute="_compute_score", store=True, digits=(16, 2))
    points = fields.Float(compute="_compute_score", store=True, digits=(16, 2))
    bonus = fields.Float(compute="_compute_score", store=True, digits=(16, 2))
    zeroed = fields.Boolean(compute="_compute_score", store=True)

    @api.depends("finding_ids.events")
    def _compute_events_manual(self):
        for line in self:
            line.events_manual = sum(line.finding_ids.mapped("events"))

    @api.depends(
        "max_points",
        "events_computed",
        "events_manual",
        "rate_value",
        "rate_known",
        "rate2_value",
        "rate2_known",
        "bonus_events",
    )
    def _compute_score(self):
        """KPI-03: the pure engine scores the line. Criterion settings are read
        when the figures change (the criterion is not a dependency, so that
        editing it never changes approved cards)."""
        for line in self:
            if not line.criterion_id:
                line.deduction = line.bonus = 0.0
                line.points = line.max_points
                line.zeroed = False
                continue
            result = score_criterion(line._engine_criterion(), line._engine_figures())
            line.deduction = result.deduction
            line.points = result.points
            line.bonus = result.bonus
            line.zeroed = result.zeroed

    def _engine_criterion(self):
        # the criterion's share when the card was created
        return dataclasses.replace(
            self.criterion_id._to_engine(), max_points=self.max_points
        )

    def _engine_figures(self):
        return {
            "events": self.events_computed + self.events_manual,
            "rate": self.rate_value if self.rate_known else None,
            "rate2": self.rate2_value if self.rate2_known else None,
            "bonus": self.bonus_events,
        }

    def _kpi_figure_values(self, figures):
        """Values of the line from the employee's figures of the period."""
        self.ensure_one()
        criterion = self.criterion_id
        values = {
            "events_computed": int(figures.get(criterion.event_source) or 0)
            if criterion.event_source
            else 0,
            "bonus_events": int(figures.get(criterion.bonus_source) or 0)
            if criterion.bonus_source
            else 0,
        }
        for prefix in ("rate", "rate2"):
            source = criterion[f"{prefix}_source"]
            value = figures.get(source) if source else None
            values[f"{prefix}_value"] = round(value, 2) if value is not None else 0.0
            values[f"{prefix}_known"] = value is not None
        return values

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            forged = {
                name
                for vals in vals_list
                for name in workflow_fields(self, vals)
                if vals[name]
            }
            if forged:
                raise AccessError(
                    self.env["kpi.scorecard"]._workflow_fields_message(
                        sorted(forged), self
                    )
                )
        lines = super().create(vals_list)
        lines.scorecard_id._check_unlocked()
        if not self.env.su:
            lines.scorecard_id._check_not_own()
            lines.scorecard_id._check_open()
        return lines

    def write(self, vals):
        """X-07 / KPI-08: the figures are the batch's, a line stays on its
        card and criterion, and no line moves onto a locked card."""
        self.scorecard_id._check_unlocked()
        if not self.env.su:
            forged = workflow_fields(self, vals)
            if forged:
                raise AccessError(
                    self.env["kpi.scorecard"]._workflow_fields_message(forged, self)
                )
            if {"scorecard_id", "criterion_id"}.intersection(vals):
                raise UserError(
                    self.env._("A scorecard line stays on its card and criterion.")
                )
            self.scorecard_id._check_not_own()
            self.scorecard_id._check_open()
        res = super().write(vals)
        if "scorecard_id" in vals:
            self.scorecard_id._check_unlocked()
        return res

    def unlink(self):
        self.scorecard_id._check_unlocked()
        if not self.env.su:
            self.scorecard_id._check_not_own()
            self.scorecard_id._check_open()
        return super().unlink()

    @api.constrains("max_points", "events_computed", "bonus_events")
    def _check_values(self):
        """X-03: a line's share is 0 to 100 points and its event counts are
        not negative."""
        for line in self:
            if line.max_points < 0 or line.max_points > 100:
                raise ValidationError(
                    self.env._("The maximum points of a line are between 0 and 100.")
                )
            if line.events_computed < 0 or line.bonus_events < 0:
                raise ValidationError(
                    self.env._(
                        "Line %(criterion)s: the number of events cannot be negative.",
                        criterion=line.criterion_id.name,
                    )
                )
