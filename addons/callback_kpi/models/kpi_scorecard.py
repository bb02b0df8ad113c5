"""KPI-01: the scorecard of a staff member for a period: its fields, scores,
constraints and the guards of its create, write and unlink (X-07, KPI-08).

The rest of the model, each in its own file: the workflow actions
(``kpi_scorecard_workflow.py``), the batch and the cron
(``kpi_scorecard_batch.py``), the figures from the callback data
(``kpi_scorecard_figures.py``).
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..engine.annual import annual_score
from ..engine.deadlines import period_bounds, period_key, scorecard_deadline
from ..engine.errors import EngineError
from ..engine.evaluation import evaluation_score, supervisor_part
from ..engine.grading import BONUS_CAP, card_total
from .kpi_workflow_mixin import UNLOCKED_FIELDS, workflow_fields

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]
GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"), ("E", "E")]
STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("returned", "Returned"),
]
HR_GROUP = "callback_kpi.group_callback_kpi_hr"
MANAGER_GROUP = "callback_kpi.group_callback_kpi_manager"
# fields set by the workflow (besides the fields declared readonly);
# the self-assessment is the scored person's own (KPI-14)
WORKFLOW_FIELDS = {"state", "self_score", "self_assessed"}
# fields that make a card what it is: fixed once created
IDENTITY_FIELDS = {"employee_id", "company_id", "period_type", "year", "quarter"}
# a year the periods and deadlines can be computed for
YEAR_MIN, YEAR_MAX = 2000, 2999


def check_year(env, year):
    """X-03: a translated error for a year out of range (instead of the raw
    ``ValueError`` of the date computations)."""
    if not YEAR_MIN <= (year or 0) <= YEAR_MAX:
        raise ValidationError(
            env._(
                "The year must be between %(min)s and %(max)s (got %(year)s).",
                min=YEAR_MIN,
                max=YEAR_MAX,
                year=year,
            )
        )


class KpiScorecard(models.Model):
    """KPI-01: the scorecard of one staff member for a quarter or a year."""

    _name = "kpi.scorecard"
    _description = "Callback staff scorecard"
    _inherit = ["mail.thread", "mail.activity.mixin", "kpi.workflow.mixin"]
    _order = "period_key desc, employee_id"
    _check_company_auto = True
    _kpi_workflow_fields = WORKFLOW_FIELDS

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee user"
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, string="Team"
    )
    manager_id = fields.Many2one(
        "res.users", string="Submitted by", tracking=True, readonly=True
    )
    approver_id = fields.Many2one(
        "res.users", string="Approved by", tracking=True, readonly=True
    )
    date_approved = fields.Date(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")], required=True, default="quarter"
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    quarter = fields.Selection(QUARTERS)
    period_key = fields.Char(
        string="Period", compute="_compute_period", store=True, index=True
    )
    date_from = fields.Date(compute="_compute_period", store=True)
    date_to = fields.Date(compute="_compute_period", store=True)
    deadline = fields.Date(
        compute="_compute_period",
        store=True,
        help="KPI-09: quarterly cards are due by the 10th of the first month of "
        "the next quarter, annual ones by 15 January.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    line_ids = fields.One2many("kpi.scorecard.line", "scorecard_id", string="Lines")
    finding_ids = fields.One2many("kpi.finding", "scorecard_id", string="Findings")
    base_score = fields.Float(compute="_compute_scores", store=True, digits=(16, 2))
    bonus_points = fields.Float(
        string="Extra bonus points",
        tracking=True,
        help="Bonus points granted by the manager (KPI-02: 0 to 10).",
    )
    bonus_auto = fields.Float(
        string="Earned bonus points", compute="_compute_scores", store=True
    )
    bonus_total = fields.Float(
        string="Bonus points", compute="_compute_scores", store=True
    )
    quarter_average = fields.Float(
        string="Average of quarters",
        readonly=True,
        digits=(16, 2),
        help="KPI-06: average of the year's approved quarterly scores.",
    )
    quarter_count = fields.Integer(string="Approved quarters", readonly=True)
    year_end_score = fields.Float(
        string="Year-end assessment",
        compute="_compute_year_end_score",
        store=True,
        readonly=False,
        digits=(16, 2),
    )
    total_score = fields.Float(
        string="Score",
        compute="_compute_scores",
        store=True,
        digits=(16, 2),
        aggregator="avg",
        tracking=True,
    )
    grade = fields.Selection(
        GRADES, compute="_compute_scores", store=True, tracking=True
    )
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, copy=False
    )
    return_reason = fields.Text(tracking=True, readonly=True, copy=False)
    # KPI-07
    reward_amount = fields.Monetary(readonly=True, copy=False, tracking=True)
    improvement_plan = fields.Boolean(
        string="Improvement plan required", readonly=True, copy=False
    )
    improvement_deadline = fields.Date(readonly=True, copy=False, tracking=True)
    consecutive_e = fields.Integer(string="Consecutive E grades", readonly=True)
    pay_deduction_pct = fields.Float(
        string="Pay deduction (%)", readonly=True, copy=False, tracking=True
    )
    # KPI-11
    supervisor_score = fields.Float(tracking=True)
    customer_score = fields.Float(
        readonly=True, help="Average satisfaction of the period's callback records."
    )
    customer_known = fields.Boolean(readonly=True)
    # KPI-11 CB-21: the supervisor's spot checks of the period
    spot_check_score = fields.Float(
        string="Spot-Check Score",
        readonly=True,
        digits=(16, 2),
        help="Average score of the period's confirmed spot checks; when there"
        " are any, it is the supervisor's part of the evaluation.",
    )
    spot_check_count = fields.Integer(string="Callbacks Spot-Checked", readonly=True)
    self_score = fields.Float(string="Self-assessment")
    self_assessed = fields.Boolean()
    evaluation_score = fields.Float(
        compute="_compute_evaluation_score", store=True, digits=(16, 2)
    )
    # figures of the period (KPI-04), for display
    plans_due = fields.Integer(readonly=True)
    plans_done = fields.Integer(readonly=True)
    records_done = fields.Integer(readonly=True)
    cost = fields.Monetary(readonly=True)
    budget = fields.Monetary(readonly=True)
    quarterly_ids = fields.Many2many(
        "kpi.scorecard",
        compute="_compute_quarterly_ids",
        string="Quarterly scorecards",
    )

    _sql_constraints = [
        (
            "employee_period_uniq",
            "unique(employee_id, period_key, company_id)",
            "An employee has one scorecard per period and company.",
        )
    ]

    @api.depends("employee_id.name", "period_key")
    def _compute_name(self):
        for card in self:
            card.name = f"{card.employee_id.name or ''} {card.period_key or ''}".strip()

    @api.depends(
        "period_type",
        "year",
        "quarter",
    )
    def _compute_period(self):
        for card in self:
            if not YEAR_MIN <= (card.year or 0) <= YEAR_MAX or (
                card.period_type == "quarter" and not card.quarter
            ):
                card.period_key = card.date_from = card.date_to = card.deadline = False
                continue
            quarter = int(card.quarter) if card.period_type == "quarter" else None
            card.period_key = period_key(card.period_type, card.year, card.quarter)
            card.date_from, card.date_to = period_bounds(
                card.year, card.period_type, quarter
            )
            card.deadline = scorecard_deadline(
                card.year,
                card.period_type,
                quarter,
                day_quarter=card.company_id.kpi_deadline_day_quarter or 10,
                day_year=card.company_id.kpi_deadline_day_year or 15,
            )

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for card in self:
            card.is_overdue = bool(
                card.deadline and card.state != "approved" and card.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue scorecards."))
        domain = [
            ("state", "!=", "approved"),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends(
        "line_ids.points",
        "line_ids.bonus",
        "bonus_points",
        "period_type",
        "quarter_average",
        "year_end_score",
    )
    def _compute_scores(self):
        """KPI-02 total (bonus capped), KPI-06 annual formula, KPI-05 grade:
        the engine adds up the scored lines."""
        for card in self:
            company = card.company_id or self.env.company
            scale = company._kpi_grade_scale()
            result = card_total(
                card.line_ids.mapped("points"),
                card.line_ids.mapped("bonus"),
                # a negative value is refused by _check_bonus_points
                max(card.bonus_points, 0.0),
                scale,
                company.kpi_bonus_cap,
            )
            card.base_score = result.base
            card.bonus_auto = result.earned
            card.bonus_total = result.bonus
            if card.period_type == "year":
                try:
                    total = (
                        annual_score(
                            [card.quarter_average],
                            card.year_end_score,
                            company.kpi_annual_quarter_weight,
                            company.kpi_annual_year_end_weight,
                        )
                        if card.quarter_count
                        else 0.0
                    )
                except EngineError:
                    total = 0.0
            else:
                total = result.total
            card.total_score = round(total, 2)
            card.grade = (
                scale.grade(card.total_score)
                if card.line_ids or card.quarter_count
                else False
            )

    @api.depends(
        "supervisor_score",
        "spot_check_score",
        "spot_check_count",
        "customer_score",
        "customer_known",
        "self_score",
        "self_assessed",
    )
    def _compute_evaluation_score(self):
        """KPI-11: supervisor, customer (satisfaction) and optional
        self-assessment, weighted by the company settings; the supervisor's
        part is the average of the period's spot checks when there are any
        (CB-21, seed 000: the manager assesses by spot checks)."""
        for card in self:
            company = card.company_id or self.env.company
            supervisor = supervisor_part(
                card.supervisor_score,
                card.spot_check_score if card.spot_check_count else None,
            )
            parts = [(supervisor, company.kpi_weight_supervisor)]
            if card.customer_known:
                parts.append((card.customer_score, company.kpi_weight_customer))
            if card.self_assessed:
                parts.append((card.self_score, company.kpi_weight_self))
            card.evaluation_score = evaluation_score(parts)

    @api.depends("evaluation_score")
    def _compute_year_end_score(self):
        for card in self:
            card.year_end_score = card.evaluation_score

    @api.depends("employee_id", "year", "period_type", "company_id")
    def _compute_quarterly_ids(self):
        annual = self.filtered(lambda c: c.period_type == "year")
        quarterly = self.search(
            [
                ("period_type", "=", "quarter"),
                ("employee_id", "in", annual.employee_id.ids),
                ("year", "in", list(set(annual.mapped("year")))),
            ]
        )
        by_key = defaultdict(lambda: self.browse())
        for card in quarterly:
            by_key[(card.employee_id.id, card.year, card.company_id.id)] |= card
        for card in self:
            card.quarterly_ids = (
                by_key[(card.employee_id.id, card.year, card.company_id.id)]
                if card.period_type == "year"
                else False
            )

    @api.constrains("bonus_points")
    def _check_bonus_points(self):
        """KPI-02 / X-03: extra bonus points are 0 to 10."""
        for card in self:
            if not 0 <= card.bonus_points <= BONUS_CAP:
                raise ValidationError(
                    self.env._(
                        "Bonus points must be between 0 and 10 (got %(points)s).",
                        points=card.bonus_points,
                    )
                )

    @api.constrains(
        "supervisor_score",
        "self_score",
        "year_end_score",
        "period_type",
        "quarter",
        "year",
    )
    def _check_scores(self):
        """X-03: negative scores and scores over the maximum are refused."""
        for card in self:
            check_year(self.env, card.year)
            for value in (card.supervisor_score, card.self_score, card.year_end_score):
                if not 0 <= value <= 100:
                    raise ValidationError(
                        self.env._(
                            "Assessment scores must be between 0 and 100 "
                            "(got %(score)s).",
                            score=value,
                        )
                    )
            if card.period_type == "quarter" and not card.quarter:
                raise ValidationError(
                    self.env._("A quarterly scorecard needs its quarter.")
                )
            if card.period_type == "year" and card.quarter:
                raise ValidationError(self.env._("An annual scorecard has no quarter."))

    @api.model_create_multi
    def create(self, vals_list):
        """Quarterly cards get one line per active criterion of their company
        unless lines are given (the batch gives them)."""
        if not self.env.su:
            self._check_create_values(vals_list)
        criteria = {}
        for vals in vals_list:
            if vals.get("period_type") == "year":
                vals["quarter"] = False
            elif "line_ids" not in vals:
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                if company not in criteria:
                    criteria[company] = self.env["kpi.criterion"]._get_for_company(
                        company
                    )
                vals["line_ids"] = self._prepare_line_commands(criteria[company])
        return super().create(vals_list)

    @api.model
    def _prepare_line_commands(self, criteria):
        return [
            Command.create(
                {
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "max_points": criterion.max_points,
                }
            )
            for criterion in criteria
        ]

    def _check_create_values(self, vals_list):
        """X-07 / KPI-08: a client creates draft cards of other people, with
        nothing the workflow sets (state, approver, rewards, figures)."""
        employees = self.env["hr.employee"].browse(
            {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
        )
        own = employees.filtered(lambda e: e.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "Nobody creates or scores their own scorecard (%(name)s).",
                    name=own[0].name,
                )
            )
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise AccessError(
                    self.env._(
                        "A scorecard starts as a draft; only the workflow "
                        "submits, approves or returns it."
                    )
                )
            forged = [
                name
                for name in workflow_fields(self, vals)
                if name != "state" and vals[name]
            ]
            if forged:
                raise AccessError(self._workflow_fields_message(forged))

    def _workflow_fields_message(self, names, model=None):
        model = self if model is None else model
        return self.env._(
            "%(fields)s of %(model)s are set by the workflow, not written " "directly.",
            fields=", ".join(model._fields[name].string for name in names),
            model=model._description,
        )

    def write(self, vals):
        """KPI-08: approved scorecards are locked; only the reopening (an HR
        action, logged, through ``_write_workflow``) moves them back to draft.
        X-07: a client never writes what the workflow sets, nor a card that
        scores themselves, nor a card once submitted."""
        if set(vals) - UNLOCKED_FIELDS:
            if not (self.env.su and vals.get("state") == "draft"):
                self._check_unlocked()
            if not self.env.su:
                self._check_client_write(vals)
        # a client's edits of tracked fields (bonus points, supervisor
        # score) are tracked whatever its context
        return super(KpiScorecard, self._kpi_clean()).write(vals)

    def _check_client_write(self, vals):
        forged = workflow_fields(self, vals)
        if forged:
            raise AccessError(self._workflow_fields_message(forged))
        identity = IDENTITY_FIELDS.intersection(vals)
        if identity:
            raise UserError(
                self.env._(
                    "The employee, company and period of a scorecard are fixed "
                    "once it is created."
                )
            )
        self._check_not_own()
        self._check_open()

    def _check_not_own(self, what=None):
        """X-07 / KPI-08: nobody edits, submits, approves, returns or reopens
        their own scorecard, whatever their groups."""
        own = self.filtered(lambda c: c.user_id and c.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "Nobody edits, submits, approves, returns or reopens their "
                    "own scorecard (%(name)s).",
                    name=own[0].display_name,
                )
            )

    def _check_open(self):
        """Draft and returned cards are edited; a submitted card waits for
        HR as it was submitted."""
        closed = self.filtered(lambda c: c.state not in ("draft", "returned"))
        if closed:
            raise UserError(
                self.env._(
                    "Scorecard %(name)s is submitted: HR approves or returns it "
                    "as it is.",
                    name=closed[0].display_name,
                )
            )

    def unlink(self):
        self._check_unlocked()
        if not self.env.su:
            self._check_not_own()
        return super().unlink()

    def _check_unlocked(self):
        locked = self.filtered(lambda c: c.state == "approved")
        if locked:
            raise UserError(
                self.env._(
                    "Scorecard %(name)s is approved and locked: HR must reopen it "
                    "before it can be changed.",
                    name=locked[0].display_name,
                )
            )

    def _check_group(self, xmlid, message):
        """The caller's role; the server's own code (superuser: demo data,
        crons, integrations) acts as the system."""
        if not (self.env.su or self.env.user.has_group(xmlid)):
            raise AccessError(message)
