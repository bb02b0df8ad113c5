from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.criteria import BonusMeasure, Criterion, EventMeasure, RateMeasure
from ..engine.errors import EngineError
from ..engine.grading import check_shares

EVENT_SOURCES = [
    ("late_callbacks", "Late callbacks and late callback reports"),
    ("missing_records", "Missing callback records"),
    ("late_reports", "Late or missing analysis reports"),
]
RATE_SOURCES = [
    ("callback_rate", "Callback rate (done / due)"),
    ("success_rate", "Success rate (reached / records)"),
    ("questionnaire_return", "Questionnaire return (returned / records)"),
    ("cost_overrun", "Cost over budget (%)"),
]
BONUS_SOURCES = [("adopted_suggestions", "Adopted suggestions")]


class KpiCriterion(models.Model):
    """KPI-03: a configurable criterion template of the scorecard."""

    _name = "kpi.criterion"
    _description = "Scorecard criterion"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the criterion applies to every company."
    )
    max_points = fields.Float(required=True, help="Share of the 100 points (KPI-02).")
    event_source = fields.Selection(
        EVENT_SOURCES,
        help="Figure computed from the callback data that counts as deduction "
        "events (KPI-04). Dated manual findings always add events.",
    )
    deduction_per_event = fields.Float()
    zero_threshold = fields.Integer(
        string="Zero above events",
        help="More events than this scores the criterion 0; 0 means no threshold.",
    )
    rate_source = fields.Selection(RATE_SOURCES, string="Rate figure")
    rate_target = fields.Float(string="Rate target (%)")
    rate_step = fields.Float(
        string="Rate step (%)",
        help="Each full step away from the target deducts; 0: a flat deduction "
        "once the target is missed.",
    )
    rate_deduction = fields.Float(string="Deduction per rate step")
    rate_floor = fields.Float(string="Rate floor (%)")
    rate_has_floor = fields.Boolean(string="Rate has a floor")
    rate2_source = fields.Selection(RATE_SOURCES, string="Second rate figure")
    rate2_target = fields.Float(string="Second rate target (%)")
    rate2_step = fields.Float(string="Second rate step (%)")
    rate2_deduction = fields.Float(string="Deduction per second rate step")
    rate2_floor = fields.Float(string="Second rate floor (%)")
    rate2_has_floor = fields.Boolean(string="Second rate has a floor")
    zero_when_floors = fields.Boolean(
        string="Zero when all floors are breached",
        help="The criterion scores 0 when every rate with a floor is below it.",
    )
    bonus_source = fields.Selection(BONUS_SOURCES)
    bonus_per_event = fields.Float(string="Bonus points per event")
    source = fields.Selection(
        [("computed", "Computed from callback data"), ("manual", "Manual findings")],
        compute="_compute_source",
        store=True,
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The criterion code must be unique per company.",
        )
    ]

    @api.depends("event_source", "rate_source", "rate2_source")
    def _compute_source(self):
        for criterion in self:
            criterion.source = (
                "computed"
                if criterion.event_source
                or criterion.rate_source
                or criterion.rate2_source
                else "manual"
            )

    @api.constrains(
        "max_points",
        "deduction_per_event",
        "zero_threshold",
        "rate_step",
        "rate_deduction",
        "rate2_step",
        "rate2_deduction",
        "bonus_per_event",
        "rate_source",
        "rate_target",
        "rate_floor",
        "rate_has_floor",
        "rate2_source",
        "rate2_target",
        "rate2_floor",
        "rate2_has_floor",
    )
    def _check_values(self):
        """X-03: negative points, steps and deductions are refused."""
        for criterion in self:
            values = (
                criterion.deduction_per_event,
                criterion.zero_threshold,
                criterion.rate_step,
                criterion.rate_deduction,
                criterion.rate2_step,
                criterion.rate2_deduction,
                criterion.bonus_per_event,
            )
            if criterion.max_points <= 0 or criterion.max_points > 100:
                raise ValidationError(
                    self.env._(
                        "Criterion %(name)s: the maximum points must be above 0 "
                        "and at most 100.",
                        name=criterion.name,
                    )
                )
            if min(values) < 0:
                raise ValidationError(
                    self.env._(
                        "Criterion %(name)s: deductions, steps and thresholds "
                        "cannot be negative.",
                        name=criterion.name,
                    )
                )
            criterion._check_rates()

    def _check_rates(self):
        """X-03 / KPI-03: a rate's target and floor are percentages, and the
        floor lies beyond the target (below it for a rate to reach, above it
        for the cost overrun not to exceed)."""
        self.ensure_one()
        for prefix in ("rate", "rate2"):
            source = self[f"{prefix}_source"]
            if not source:
                continue
            target, floor = self[f"{prefix}_target"], self[f"{prefix}_floor"]
            above = source == "cost_overrun"
            if not above and not 0 <= target <= 100:
                raise ValidationError(
                    self.env._(
                        "Criterion %(name)s: a rate target is between 0 and "
                        "100 %% (got %(target)s).",
                        name=self.name,
                        target=target,
                    )
                )
            if not self[f"{prefix}_has_floor"]:
                continue
            if (above and floor < target) or (not above and floor > target):
                raise ValidationError(
                    self.env._(
                        "Criterion %(name)s: the rate floor %(floor)s %% lies "
                        "beyond its target %(target)s %% (a floor is below the "
                        "target, or above it for the cost overrun).",
                        name=self.name,
                        floor=floor,
                        target=target,
                    )
                )

    @api.constrains("max_points", "active", "company_id")
    def _check_shares(self):
        """KPI-02: the active criteria's shares never exceed 100 points (the
        exact sum of 100 is required when scorecards are computed, so that a
        manager can move points from one criterion to another)."""
        groups = self._read_group(
            [("active", "=", True)], ["company_id"], ["max_points:sum"]
        )
        shared = sum(total for company, total in groups if not company)
        own = [total for company, total in groups if company]
        try:
            check_shares([shared, max(own, default=0.0)], exact=False)
        except EngineError as error:
            raise ValidationError(
                self.env._(
                    "The active criteria's maximum points add up to %(total)s, "
                    "more than 100.",
                    total=error.params["share"],
                )
            ) from error

    @api.model
    def _get_for_company(self, company):
        """The active criteria scoring the cards of ``company``; their shares
        must add up to 100 (KPI-02)."""
        criteria = self.search(
            [("company_id", "in", [company.id, False])], order="sequence, id"
        )
        try:
            check_shares(criteria.mapped("max_points"))
        except EngineError as error:
            raise ValidationError(
                self.env._(
                    "The active criteria's maximum points add up to %(total)s "
                    "instead of 100: fix the criteria before scoring.",
                    total=error.params["share"],
                )
            ) from error
        return criteria

    def _to_engine(self, by_source=False):
        """The pure engine's view of this criterion. The figures passed to it
        are named ``events``, ``rate``, ``rate2`` and ``bonus`` (the line's
        figures); ``by_source``: named after their sources instead
        (``late_callbacks``, ``callback_rate``..., ``manual`` for events found
        by hand), as in ``engine.defaults``. Events that neither deduct nor
        zero the criterion are no measure."""
        self.ensure_one()
        events = ()
        if self.deduction_per_event or self.zero_threshold:
            events = (
                EventMeasure(
                    (self.event_source or "manual") if by_source else "events",
                    self.deduction_per_event,
                    self.zero_threshold or None,
                ),
            )
        rates = []
        for prefix in ("rate", "rate2"):
            source = self[f"{prefix}_source"]
            if not source:
                continue
            rates.append(
                RateMeasure(
                    source if by_source else prefix,
                    self[f"{prefix}_target"],
                    self[f"{prefix}_step"],
                    self[f"{prefix}_deduction"],
                    floor=self[f"{prefix}_floor"]
                    if self[f"{prefix}_has_floor"]
                    else None,
                    direction="above" if source == "cost_overrun" else "below",
                )
            )
        bonuses = (
            (
                BonusMeasure(
                    self.bonus_source if by_source else "bonus", self.bonus_per_event
                ),
            )
            if self.bonus_source
            else ()
        )
        return Criterion(
            self.code,
            self.max_points,
            events=events,
            rates=tuple(rates),
            bonuses=bonuses,
            zero_when_floors=self.zero_when_floors,
            name=self.name,
        )
