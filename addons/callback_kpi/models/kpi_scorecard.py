import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..engine.annual import annual_score
from ..engine.deadlines import period_bounds, scorecard_deadline
from ..engine.errors import EngineError
from ..engine.grading import BONUS_CAP, card_total, check_shares
from ..engine.reports import report_events
from ..engine.rewards import reward_outcome

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
# fields that mail.thread / activities may write on a locked card
UNLOCKED_FIELDS = {
    "message_main_attachment_id",
    "message_follower_ids",
    "activity_ids",
    "message_ids",
}
# fields set by the workflow (besides the fields declared readonly);
# the self-assessment is the scored person's own (KPI-14)
WORKFLOW_FIELDS = {"state", "self_score", "self_assessed"}
# fields that make a card what it is: fixed once created
IDENTITY_FIELDS = {"employee_id", "company_id", "period_type", "year", "quarter"}
# a year the periods and deadlines can be computed for
YEAR_MIN, YEAR_MAX = 2000, 2999
MAGIC_FIELDS = {"create_uid", "create_date", "write_uid", "write_date"}


def workflow_fields(model, names):
    """X-07: the names among ``names`` that only the workflow writes on
    ``model``: fields declared readonly (computed, related, set by actions)
    and the model's ``WORKFLOW_FIELDS``."""
    fields_ = model._fields
    return sorted(
        name
        for name in names
        if name not in MAGIC_FIELDS
        and name not in UNLOCKED_FIELDS
        and name in fields_
        and (
            fields_[name].readonly or name in getattr(model, "_kpi_workflow_fields", ())
        )
    )


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


def period_key(period_type, year, quarter):
    if period_type == "year":
        return "%04d" % year
    return "%04d-Q%s" % (year, quarter)


def previous_period(period_type, year, quarter):
    """The (year, quarter) of the period before (quarter is None for years)."""
    if period_type == "year":
        return year - 1, None
    quarter = int(quarter)
    if quarter == 1:
        return year - 1, "4"
    return year, str(quarter - 1)


class KpiScorecard(models.Model):
    """KPI-01: the scorecard of one staff member for a quarter or a year."""

    _name = "kpi.scorecard"
    _description = "Callback staff scorecard"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
        "customer_score",
        "customer_known",
        "self_score",
        "self_assessed",
    )
    def _compute_evaluation_score(self):
        """KPI-11: supervisor, customer (satisfaction) and optional
        self-assessment, weighted by the company settings."""
        for card in self:
            company = card.company_id or self.env.company
            parts = [(card.supervisor_score, company.kpi_weight_supervisor)]
            if card.customer_known:
                parts.append((card.customer_score, company.kpi_weight_customer))
            if card.self_assessed:
                parts.append((card.self_score, company.kpi_weight_self))
            weight = sum(w for __, w in parts)
            card.evaluation_score = (
                round(sum(s * w for s, w in parts) / weight, 2) if weight else 0.0
            )

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
        return super().write(vals)

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

    def _write_workflow(self, vals):
        """X-07: the one path by which the workflow methods write what a client
        may not (state, approver, rewards, figures), called only after the
        method has checked the caller's role. Private: not callable over RPC;
        no context key reaches it (a client never runs as superuser)."""
        # sudo: the caller's role and the card's state were checked by the
        # workflow method
        return self.sudo().write(vals)

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

    # ------------------------------------------------------------------
    # Workflow (KPI-08)
    # ------------------------------------------------------------------
    def _check_group(self, xmlid, message):
        """The caller's role; the server's own code (superuser: demo data,
        crons, integrations) acts as the system."""
        if not (self.env.su or self.env.user.has_group(xmlid)):
            raise AccessError(message)

    def action_submit(self):
        self._check_group(
            MANAGER_GROUP,
            self.env._("Only callback managers submit scorecards."),
        )
        if not self.env.su:
            self._check_not_own()
            self.check_access("write")
        for card in self:
            if card.state not in ("draft", "returned"):
                raise UserError(
                    self.env._(
                        "Scorecard %(name)s cannot be submitted from its state.",
                        name=card.display_name,
                    )
                )
            if card.period_type == "quarter":
                try:
                    check_shares(card.line_ids.mapped("max_points"))
                except EngineError as error:
                    raise ValidationError(
                        self.env._(
                            "Scorecard %(name)s: the criteria's maximum points "
                            "must add up to 100.",
                            name=card.display_name,
                        )
                    ) from error
        self._write_workflow({"state": "submitted", "manager_id": self.env.user.id})
        self._activity_update()
        return True

    def _check_approver(self):
        self._check_group(
            "callback_kpi.group_callback_kpi_hr",
            self.env._("Only HR approvers approve, return or reopen scorecards."),
        )
        own = self.filtered(lambda c: c.user_id and c.user_id == self.env.user)
        if own:
            raise UserError(
                self.env._(
                    "Nobody approves their own scorecard (%(name)s).",
                    name=own[0].display_name,
                )
            )
        if not self.env.su:
            self.check_access("write")

    def _check_not_submitter(self):
        """KPI-08: the two steps are two people: whoever submitted a card
        does not approve it."""
        if self.env.su:
            return
        mine = self.filtered(lambda c: c.manager_id == self.env.user)
        if mine:
            raise UserError(
                self.env._(
                    "Scorecard %(name)s was submitted by you: another HR "
                    "approver approves it.",
                    name=mine[0].display_name,
                )
            )

    def action_approve(self):
        self._check_approver()
        if self.filtered(lambda c: c.state != "submitted"):
            raise UserError(self.env._("Only submitted scorecards can be approved."))
        self._check_not_submitter()
        today = fields.Date.context_today(self)
        previous = self._previous_grades()
        for card in self:
            outcome = reward_outcome(
                card.grade,
                previous.get(card.id, ()),
                card.company_id._kpi_reward_policy(),
                approved_on=today,
            )
            card._write_workflow(
                {
                    "state": "approved",
                    "approver_id": self.env.user.id,
                    "date_approved": today,
                    "reward_amount": outcome.reward_amount,
                    "improvement_plan": outcome.improvement_plan,
                    "improvement_deadline": outcome.improvement_deadline,
                    "consecutive_e": outcome.consecutive_e,
                    "pay_deduction_pct": outcome.pay_deduction_pct,
                }
            )
        self._activity_update()
        self.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("callback_kpi.mail_activity_type_overdue")
        ).action_feedback(feedback=self.env._("Scorecard approved."))
        self._schedule_improvement_plans()
        return True

    def _activity_update(self):
        """KPI-08: HR's approval to-dos follow the state, as in hr_holidays:
        a submitted card gets one per HR approver (neither its own person nor
        its submitter), approving or returning it marks them done."""
        activity_type = self.env.ref("callback_kpi.mail_activity_type_approval")
        # sudo: the manager who submits creates HR's to-dos, HR closes those
        # of the other approvers; the workflow method checked the role
        Activity = self.env["mail.activity"].sudo()
        activities = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        submitted = self.filtered(lambda c: c.state == "submitted")
        closed = activities.filtered(lambda a: a.res_id not in submitted.ids)
        if closed:
            closed.action_feedback(
                feedback=self.env._(
                    "Scorecard %(state)s.",
                    state=self.browse(closed.mapped("res_id"))._state_label().lower(),
                )
            )
        if not submitted:
            return
        existing = {(a.res_id, a.user_id.id) for a in activities}
        approvers = self.env.ref(HR_GROUP).users.filtered(
            lambda u: not u.share and u.active
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": card.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "date_deadline": today,
                "summary": self.env._("Approve scorecard %(name)s", name=card.name),
            }
            for card in submitted
            for user in approvers
            if user not in (card.user_id | card.manager_id)
            and (card.id, user.id) not in existing
        ]
        if vals_list:
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    def _state_label(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        return ", ".join(sorted({states[state] for state in self.mapped("state")}))

    def _schedule_improvement_plans(self):
        """KPI-07: an E grade requires an improvement plan by its deadline; the
        manager who submitted the card gets the to-do (one create call)."""
        activity_type = self.env.ref("callback_kpi.mail_activity_type_improvement")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": card.id,
                "activity_type_id": activity_type.id,
                "user_id": (card.manager_id or self.env.user).id,
                "date_deadline": card.improvement_deadline,
                "summary": self.env._(
                    "Improvement plan for %(name)s", name=card.employee_id.name
                ),
            }
            for card in self
            if card.improvement_plan and card.improvement_deadline
        ]
        if vals_list:
            self.env["mail.activity"].create(vals_list)

    def _previous_grades(self, depth=3):
        """KPI-07: grades of the ``depth`` periods before each card (oldest
        first, ``None`` where the employee has no approved card), in one search."""
        keys = {}
        wanted = set()
        for card in self:
            chain = []
            year, quarter = card.year, card.quarter
            for __ in range(depth):
                year, quarter = previous_period(card.period_type, year, quarter)
                chain.append(period_key(card.period_type, year, quarter))
            keys[card.id] = list(reversed(chain))
            wanted.update(chain)
        found = self.search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("period_key", "in", list(wanted)),
                ("state", "=", "approved"),
            ]
        )
        grades = {
            (c.employee_id.id, c.company_id.id, c.period_key): c.grade for c in found
        }
        return {
            card.id: [
                grades.get((card.employee_id.id, card.company_id.id, key))
                for key in keys[card.id]
            ]
            for card in self
        }

    def action_return(self):
        """Open the wizard asking for the reason of the return."""
        self._check_approver()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return scorecard"),
            "res_model": "kpi.scorecard.return",
            "view_mode": "form",
            "target": "new",
            "context": {"default_scorecard_ids": [Command.set(self.ids)]},
        }

    def _do_return(self, reason):
        self._check_approver()
        if not (reason or "").strip():
            raise UserError(self.env._("A returned scorecard needs a reason."))
        if self.filtered(lambda c: c.state != "submitted"):
            raise UserError(self.env._("Only submitted scorecards can be returned."))
        self._write_workflow({"state": "returned", "return_reason": reason})
        self._activity_update()
        for card in self:
            card.message_post(
                body=self.env._("Returned to the manager: %(reason)s", reason=reason)
            )

    def action_reopen(self):
        """KPI-08: reopening an approved card is an HR action, logged."""
        self._check_group(
            HR_GROUP,
            self.env._("Only HR approvers approve, return or reopen scorecards."),
        )
        if not self.env.su:
            self._check_not_own()
            self.check_access("write")
        if self.filtered(lambda c: c.state != "approved"):
            raise UserError(self.env._("Only approved scorecards can be reopened."))
        self._write_workflow(
            {
                "state": "draft",
                "approver_id": False,
                "date_approved": False,
                "reward_amount": 0.0,
                "improvement_plan": False,
                "improvement_deadline": False,
                "pay_deduction_pct": 0.0,
                "consecutive_e": 0,
            }
        )
        for card in self:
            card.message_post(
                body=self.env._(
                    "Scorecard reopened by %(user)s.", user=self.env.user.name
                )
            )
        return True

    def action_self_assess(self, score):
        """KPI-14: the scored person enters their own self-assessment (and
        nobody else does it for them), while the card is open."""
        self.ensure_one()
        if not self.env.su and self.user_id != self.env.user:
            raise AccessError(
                self.env._("Only the scored person enters their self-assessment.")
            )
        self.check_access("read")
        self._check_open()
        self._write_workflow({"self_score": score, "self_assessed": True})
        return True

    def action_open_self_assessment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Self-assessment"),
            "res_model": "kpi.self.assessment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_scorecard_id": self.id},
        }

    def action_recompute(self):
        """Recompute the figures of draft or returned cards."""
        self._check_group(
            "callback_kpi.group_callback_kpi_manager",
            self.env._("Only callback managers recompute scorecards."),
        )
        cards = self.filtered(lambda c: c.state in ("draft", "returned"))
        if cards != self:
            raise UserError(
                self.env._("Only draft or returned scorecards are recomputed.")
            )
        cards._kpi_recompute()
        return True

    def _add_finding(self, criterion_code, note, events=1, date=None):
        """Record a spot-check finding on the line of ``criterion_code``
        (used by the demo data and by integrations)."""
        self.ensure_one()
        line = self.line_ids.filtered(
            lambda line: line.criterion_id.code == criterion_code
        )
        if not line:
            raise UserError(
                self.env._(
                    "Scorecard %(name)s has no criterion %(code)s.",
                    name=self.display_name,
                    code=criterion_code,
                )
            )
        vals = {
            "scorecard_id": self.id,
            "line_id": line[:1].id,
            "note": note,
            "events": events,
        }
        if date:
            vals["date"] = date
        # without a date: today, or the last day of a past period
        return self.env["kpi.finding"].create(vals)

    # ------------------------------------------------------------------
    # Batch (KPI-10) and figures (KPI-04)
    # ------------------------------------------------------------------
    @api.model
    def _kpi_staff(self, company, date_from, date_to):
        """Callback staff of a period: employees with callback plans in the
        period, and employees of the callback user group."""
        start, stop = self._kpi_datetimes(date_from, date_to, company)
        # sudo: who had callbacks in the period, whoever may read the plans
        # (a KPI manager or HR approver need not be a callback manager); the
        # caller narrows the staff to those the user scores
        groups = (
            self.env["callback.plan"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("date_deadline", ">=", start),
                    ("date_deadline", "<", stop),
                ],
                ["employee_id"],
            )
        )
        employees = self.env["hr.employee"].browse(emp.id for (emp,) in groups)
        group = self.env.ref(
            "customer_callback.group_customer_callback_user", raise_if_not_found=False
        )
        if group:
            employees |= self.env["hr.employee"].search(
                [("user_id", "in", group.users.ids), ("company_id", "=", company.id)]
            )
        return employees

    @api.model
    def _kpi_team_domain(self):
        """Employees of the current manager's team (same as the record rule)."""
        user = self.env.user
        return [
            "|",
            ("parent_id.user_id", "=", user.id),
            ("department_id", "child_of", user.employee_ids.department_id.ids),
        ]

    @api.model
    def _kpi_datetimes(self, date_from, date_to, company=None):
        """The UTC bounds of the period's days in the company's time zone (its
        working calendar's): a callback at 07:30 on 1 April in Beijing belongs
        to Q2 although it is 31 March in UTC."""
        company = company or self.env.company
        tz = pytz.timezone(company.resource_calendar_id.tz or self.env.user.tz or "UTC")

        def utc(day):
            local = tz.localize(datetime.datetime.combine(day, datetime.time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + datetime.timedelta(days=1))

    @api.model
    def _batch_compute(self, company, period_type, year, quarter=None):
        """KPI-10: create the missing scorecards of all callback staff for the
        period and recompute the drafts; running it twice creates nothing."""
        self._check_group(
            MANAGER_GROUP, self.env._("Only callback managers compute scorecards.")
        )
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You do not work in %(company)s: its scorecards are not "
                    "yours to compute.",
                    company=company.name,
                )
            )
        quarter = str(quarter) if period_type == "quarter" else False
        check_year(self.env, year)
        try:
            date_from, date_to = period_bounds(
                year, period_type, int(quarter) if quarter else None
            )
        except EngineError as error:
            raise UserError(self.env._("Choose a valid period.")) from error
        key = period_key(period_type, year, quarter)
        staff = self._kpi_staff(company, date_from, date_to)
        if not (self.env.su or self.env.user.has_group(HR_GROUP)):
            # a callback manager scores their own team only (KPI-11)
            staff = staff.search([("id", "in", staff.ids), *self._kpi_team_domain()])
        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("period_key", "=", key),
                ("employee_id", "in", staff.ids),
            ]
        )
        missing = staff - existing.employee_id
        criteria = (
            self.env["kpi.criterion"]._get_for_company(company)
            if period_type == "quarter"
            else self.env["kpi.criterion"]
        )
        lines = self._prepare_line_commands(criteria)
        # sudo: the staff are the caller's team (all staff for HR), checked
        # above; the batch creates the manager's own card too, which the
        # manager may read but not create or score (KPI-11)
        new = (
            self.sudo()
            .with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
            )
            .create(
                [
                    {
                        "employee_id": employee.id,
                        "company_id": company.id,
                        "period_type": period_type,
                        "year": year,
                        "quarter": quarter,
                        "line_ids": lines,
                    }
                    for employee in missing
                ]
            )
        )
        cards = existing | new.with_env(self.env)
        cards.filtered(lambda c: c.state == "draft")._kpi_recompute()
        return cards

    def _kpi_recompute(self):
        """Compute the figures of the cards, a constant number of queries per
        period whatever the number of staff (KPI-04). The figures come from
        the callback data alone: a manager computes their own card with their
        team's, though they may only read it (KPI-11)."""
        own = self.filtered(lambda c: c.user_id == self.env.user)
        own.check_access("read")
        (self - own).check_access("write")
        by_period = defaultdict(lambda: self.browse())
        for card in self:
            by_period[(card.company_id, card.period_type, card.date_from)] |= card
        for (company, period_type, date_from), cards in by_period.items():
            date_to = cards[0].date_to
            figures = cards._kpi_figures(company, date_from, date_to, period_type)
            # sudo: access was checked above on the cards; each card's and
            # line's write would repeat the same record-rule query.
            if period_type == "year":
                cards.sudo()._kpi_annual_inputs()
            cards.sudo()._kpi_write_figures(figures)

    def _kpi_refresh_settings(self):
        """Apply changed company settings (grade boundaries, bonus cap,
        weights, deadline days) to open cards. They are no dependency of the
        stored computes, so that an approved (locked) card keeps its score and
        grade (KPI-08)."""
        cards = self.filtered(lambda c: c.state != "approved")
        for name in (
            "date_from",
            "date_to",
            "deadline",
            "period_key",
            "evaluation_score",
            "total_score",
            "grade",
            "base_score",
            "bonus_auto",
            "bonus_total",
        ):
            self.env.add_to_compute(self._fields[name], cards)

    def _kpi_write_figures(self, figures):
        for card in self:
            fig = figures.get(card.employee_id.id, {})
            card.with_context(mail_notrack=True).write(
                {
                    "plans_due": fig.get("due", 0),
                    "plans_done": fig.get("done", 0),
                    "records_done": fig.get("records", 0),
                    "cost": fig.get("cost", 0.0),
                    "budget": fig.get("budget", 0.0),
                    "customer_score": fig.get("satisfaction") or 0.0,
                    "customer_known": fig.get("satisfaction") is not None,
                }
            )
            for line in card.line_ids:
                line.write(line._kpi_figure_values(fig))
        lines = self.line_ids
        for name in ("points", "deduction", "bonus", "zeroed"):
            self.env.add_to_compute(lines._fields[name], lines)

    def _kpi_annual_inputs(self):
        """KPI-06: average of the approved quarterly scores of each card's year."""
        groups = self._read_group(
            [
                ("period_type", "=", "quarter"),
                ("state", "=", "approved"),
                ("employee_id", "in", self.employee_id.ids),
                ("year", "in", list(set(self.mapped("year")))),
                ("company_id", "in", self.company_id.ids),
            ],
            ["employee_id", "year", "company_id"],
            ["total_score:avg", "__count"],
        )
        values = {(e.id, y, c.id): (avg, count) for e, y, c, avg, count in groups}
        for card in self:
            avg, count = values.get(
                (card.employee_id.id, card.year, card.company_id.id), (0.0, 0)
            )
            card.with_context(mail_notrack=True).write(
                {"quarter_average": round(avg or 0.0, 2), "quarter_count": count}
            )

    def _kpi_figures(self, company, date_from, date_to, period_type):
        """KPI-04: the figures of every employee of ``self`` for the period,
        one ``_read_group`` per source whatever the number of staff."""
        employees = self.employee_id
        start, stop = self._kpi_datetimes(date_from, date_to, company)
        # sudo: counts of the callbacks of the cards' employees, whose cards
        # the caller may score (checked by ``_kpi_recompute``), though
        # customer_callback's rules only show a callback user their own
        # callbacks and an HR approver none
        plan_model = self.env["callback.plan"].sudo().with_context(active_test=False)
        record_model = (
            self.env["callback.record"].sudo().with_context(active_test=False)
        )
        base = [("company_id", "=", company.id), ("employee_id", "in", employees.ids)]
        plan_period = [
            *base,
            ("date_deadline", ">=", start),
            ("date_deadline", "<", stop),
        ]
        fig = defaultdict(
            lambda: {
                "due": 0,
                "done": 0,
                "late_callbacks": 0,
                "missing_records": 0,
                "records": 0,
                "reached": 0,
                "answered": 0,
                "cost": 0.0,
                "satisfaction_sum": 0.0,
                "late_reports": 0,
                "missing_reports": 0,
                "adopted_suggestions": 0,
            }
        )
        # plans: due (not cancelled), done, late
        for employee, state, is_late, count in plan_model._read_group(
            [*plan_period, ("state", "!=", "cancelled")],
            ["employee_id", "state", "is_late"],
            ["__count"],
        ):
            row = fig[employee.id]
            row["due"] += count
            if state == "done":
                row["done"] += count
            if is_late:
                row["late_callbacks"] += count
        # plans done or missed without a done record
        for employee, count in plan_model._read_group(
            [
                *plan_period,
                ("state", "in", ("done", "missed")),
                ("record_ids", "not any", [("state", "=", "done")]),
            ],
            ["employee_id"],
            ["__count"],
        ):
            fig[employee.id]["missing_records"] += count
        # records done in the period: success, questionnaire, late reports, cost
        for (
            employee,
            reached,
            answered,
            report_late,
            count,
            cost,
            satisfaction,
        ) in record_model._read_group(
            [
                *base,
                ("state", "=", "done"),
                ("date", ">=", start),
                ("date", "<", stop),
            ],
            ["employee_id", "reached", "answered", "report_late"],
            ["__count", "cost:sum", "satisfaction:sum"],
        ):
            row = fig[employee.id]
            row["records"] += count
            row["cost"] += cost or 0.0
            if reached:
                row["reached"] += count
            if answered:
                row["answered"] += count
                row["satisfaction_sum"] += satisfaction or 0.0
            if report_late:
                row["late_callbacks"] += count
        # analysis reports (KPI-03 / KPI-14): late, or missing once due.
        # sudo: a report the caller cannot read is not a missing one
        # (access to the cards was checked by ``_kpi_recompute``)
        Report = self.env["kpi.report"].sudo()
        reports = {
            employee.id: (handed_in, adopted)
            for employee, handed_in, adopted in Report._read_group(
                [
                    ("company_id", "=", company.id),
                    ("employee_id", "in", employees.ids),
                    ("period_type", "=", period_type),
                    ("date_from", "=", date_from),
                ],
                ["employee_id"],
                ["date_submitted:array_agg", "adopted_count:sum"],
            )
        }
        due = Report._kpi_due_date(
            company,
            period_type,
            date_from.year,
            (date_from.month + 2) // 3 if period_type == "quarter" else None,
        )
        today = fields.Date.context_today(self)
        for employee in employees:
            handed_in, adopted = reports.get(employee.id, ((), 0))
            events = report_events(due, handed_in, today)
            row = fig[employee.id]
            row["adopted_suggestions"] += adopted or 0
            row["late_reports"] += events.events
            row["missing_reports"] = events.missing
        quarters = 4 if period_type == "year" else 1
        budget = (
            getattr(company, "callback_budget_per_quarter", 0.0) or 0.0
        ) * quarters
        result = {}
        for employee in employees:
            row = dict(fig[employee.id])
            row["budget"] = budget
            row["callback_rate"] = (
                100.0 * row["done"] / row["due"] if row["due"] else None
            )
            row["success_rate"] = (
                100.0 * row["reached"] / row["records"] if row["records"] else None
            )
            row["questionnaire_return"] = (
                100.0 * row["answered"] / row["records"] if row["records"] else None
            )
            row["cost_overrun"] = (
                100.0 * (row["cost"] - budget) / budget if budget > 0 else None
            )
            row["satisfaction"] = (
                row["satisfaction_sum"] / row["answered"] if row["answered"] else None
            )
            result[employee.id] = row
        return result

    # ------------------------------------------------------------------
    # Deadlines (KPI-09)
    # ------------------------------------------------------------------
    @api.model
    def _cron_flag_overdue(self):
        """Daily: one to-do activity per HR approver on each overdue scorecard,
        never twice."""
        group = self.env.ref("callback_kpi.group_callback_kpi_hr")
        approvers = group.users.filtered(lambda u: not u.share and u.active)
        cards = self.search([("is_overdue", "=", True)])
        if not cards or not approvers:
            return
        activity_type = self.env.ref("callback_kpi.mail_activity_type_overdue")
        existing = {
            (a.res_id, a.user_id.id)
            for a in self.env["mail.activity"].search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", cards.ids),
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", approvers.ids),
                ]
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": card.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "date_deadline": today,
                "summary": self.env._("Overdue scorecard %(name)s", name=card.name),
                "note": self.env._(
                    "The scorecard was due on %(date)s.",
                    date=card.deadline,
                ),
            }
            for card in cards
            for user in approvers
            if (card.id, user.id) not in existing
        ]
        if vals_list:
            # no e-mail per activity (one per card and approver, every query
            # of it repeated per card): the to-dos show in the approvers'
            # activities
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(vals_list)
