import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import frequency, spot_check
from ..engine.errors import CallbackRuleError
from .callback_plan import MANAGER_GROUP

# X-07 CB-21: set by drawing and confirming only
SPOT_WORKFLOW_FIELDS = {
    "state",
    "checked_by_id",
    "date_confirmed",
    "population_count",
    "score",
    "seed",
    "name",
}
# the sample depends on these: fixed once drawn
SPOT_SAMPLE_FIELDS = {"employee_id", "quarter", "sample_size"}
# CB-21: the period's days follow from its quarter
SPOT_PERIOD_FIELDS = {"date_from", "date_to"}
# a spot check stays in the company it was made in
SPOT_IDENTITY_FIELDS = {"company_id"}


class CallbackSpotCheck(models.Model):
    """CB-21: the supervisor's spot check (抽查) of a staff member's done
    callbacks: a reproducible random sample, each callback scored 0-100; the
    confirmed average reaches the KPI scorecard."""

    _name = "callback.spot.check"
    _description = "Callback Spot Check"
    _inherit = ["mail.thread", "callback.workflow.mixin"]
    _order = "quarter desc, id desc"
    _check_company_auto = True
    _callback_protected_defaults = frozenset(SPOT_WORKFLOW_FIELDS | SPOT_PERIOD_FIELDS)

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Staff Member",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id",
        string="Team",
        store=True,
        index=True,
        precompute=True,
    )
    quarter = fields.Char(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: frequency.quarter_key(fields.Date.today()),
        help="CB-21: like 2026-Q1. One spot check per staff member and quarter:"
        " the callbacks done in the quarter are sampled once.",
    )
    date_from = fields.Date(compute="_compute_period", store=True)
    date_to = fields.Date(compute="_compute_period", store=True)
    sample_size = fields.Integer(default=5, required=True, tracking=True)
    seed = fields.Char(
        readonly=True,
        copy=False,
        tracking=True,
        help="CB-21: set by the server when the sample is drawn (the check's"
        " number and a random token), never chosen; the same seed over the same"
        " callbacks draws the same sample.",
    )
    population_count = fields.Integer(
        string="Done Callbacks",
        readonly=True,
        tracking=True,
        help="How many done callbacks the sample was drawn from.",
    )
    line_ids = fields.One2many("callback.spot.check.line", "spot_check_id")
    score = fields.Float(
        compute="_compute_score",
        store=True,
        digits=(5, 2),
        aggregator="avg",
        help="CB-21: the average score of the sampled callbacks.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    checked_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_confirmed = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "employee_quarter_uniq",
            "unique(company_id, employee_id, quarter)",
            "A staff member's callbacks are spot-checked once a quarter.",
        )
    ]

    @api.depends("employee_id.name", "quarter")
    def _compute_name(self):
        for check in self:
            check.name = f"{check.employee_id.name or ''} {check.quarter or ''}".strip()

    @api.depends("quarter")
    def _compute_period(self):
        for check in self:
            try:
                check.date_from, check.date_to = spot_check.period(check.quarter)
            except CallbackRuleError:  # refused by _check_period
                check.date_from = check.date_to = False

    @api.depends("line_ids.score")
    def _compute_score(self):
        for check in self:
            check.score = spot_check.average(check.line_ids.mapped("score")) or 0.0

    @api.constrains("quarter", "sample_size")
    def _check_period(self):
        # imported here: the wizard module imports the models
        from ..wizards.callback_planning_wizard import _check_quarter_key

        for check in self:
            _check_quarter_key(self.env, check.quarter)
            if check.sample_size < 1:
                raise ValidationError(
                    self.env._("A spot check samples at least one callback.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_manager()
            for vals in vals_list:
                self._check_period_not_typed(vals)
                if (
                    set(vals) & SPOT_WORKFLOW_FIELDS - {"state"}
                    or (vals.get("state", "draft") != "draft")
                    or vals.get("line_ids")
                ):
                    raise UserError(
                        self.env._(
                            "A spot check starts as a draft; its sample is drawn"
                            " and confirmed with its buttons."
                        )
                    )
            self = self._callback_no_log_stripped()  # noqa: PLW0642
        self._check_once_a_quarter(
            [
                (
                    vals.get("company_id") or self.env.company.id,
                    vals.get("employee_id"),
                    vals.get("quarter") or frequency.quarter_key(fields.Date.today()),
                )
                for vals in vals_list
            ]
        )
        checks = super().create(vals_list)
        if not self.env.su:
            checks._check_not_own()
        return checks

    def write(self, vals):
        if not self.env.su:
            self._check_manager()
            self._check_period_not_typed(vals)
            forged = set(vals) & (
                SPOT_WORKFLOW_FIELDS | SPOT_IDENTITY_FIELDS | {"line_ids"}
            )
            if forged:
                raise UserError(
                    self.env._(
                        "These fields of a spot check change through its buttons"
                        " only: %(fields)s.",
                        fields=", ".join(sorted(forged)),
                    )
                )
            self._check_not_own()
            if set(vals) & SPOT_SAMPLE_FIELDS and self.line_ids:
                raise UserError(
                    self.env._(
                        "The sample is drawn: its staff member, period, size and"
                        " seed stay as drawn."
                    )
                )
        # CB-21: a confirmed check is locked whole; only its chatter moves
        if any(c.state == "confirmed" for c in self) and set(vals) - {
            "message_follower_ids",
            "message_main_attachment_id",
        }:
            raise UserError(self.env._("A confirmed spot check is locked."))
        if {"employee_id", "quarter"} & set(vals):
            self._check_once_a_quarter(
                [
                    (
                        check.company_id.id,
                        vals.get("employee_id", check.employee_id.id),
                        vals.get("quarter", check.quarter),
                    )
                    for check in self
                ],
                exclude=self,
            )
        res = super().write(vals)
        if not self.env.su and "employee_id" in vals:
            self._check_not_own()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(c.state == "confirmed" for c in self):
            raise UserError(self.env._("A confirmed spot check is kept."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_drawn(self):
        """CB-21 X-07: a drawn sample is kept, so that a sample cannot be
        drawn again and again until it suits: every draw stays visible."""
        if any(c.line_ids or c.seed for c in self):
            raise UserError(
                self.env._(
                    "A drawn spot check is kept: its sample stays visible,"
                    " it cannot be deleted."
                )
            )

    # ------------------------------------------------------------ actions
    def action_draw(self):
        """CB-21: draw the sample of the staff member's callbacks done in the
        period: the same seed over the same callbacks, the same sample."""
        self._check_act()
        if self.line_ids:
            raise UserError(self.env._("The sample of this spot check is drawn."))
        Record = self.env["callback.record"]
        for check in self:
            start, stop = check._datetimes()
            # sudo: the population is every done callback of the staff member
            # in the period (the caller's access to the check was verified),
            # whoever may open them: the sample does not depend on who draws
            ids = (
                Record.sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("company_id", "=", check.company_id.id),
                        ("employee_id", "=", check.employee_id.id),
                        ("state", "=", "done"),
                        ("date", ">=", start),
                        ("date", "<", stop),
                    ]
                )
                .ids
            )
            if not ids:
                raise UserError(
                    self.env._(
                        "%(name)s has no done callback between %(start)s and"
                        " %(end)s to check.",
                        name=check.employee_id.name,
                        start=check.date_from,
                        end=check.date_to,
                    )
                )
            # CB-21 X-07: the seed is the server's, not the manager's: the
            # check's number and a random token chosen at the draw (nobody
            # can work the sample out before drawing it), recorded (and
            # tracked) with the sample so anyone can draw it again and compare
            seed = f"{check.id}-{secrets.token_hex(4)}"
            try:
                sample = spot_check.draw(ids, check.sample_size, seed)
            except CallbackRuleError as error:
                raise UserError(
                    self.env._("The sample cannot be drawn: %(error)s", error=error)
                ) from error
            check._write_workflow(
                {
                    "seed": seed,
                    "population_count": len(ids),
                    "line_ids": [
                        fields.Command.create({"record_id": record_id})
                        for record_id in sample
                    ],
                }
            )
        return True

    def action_confirm(self):
        """CB-21: the supervisor confirms the scores; the check is locked and
        its average reaches the KPI scorecard."""
        self._check_act()
        if any(not c.line_ids for c in self):
            raise UserError(self.env._("Draw the sample before confirming."))
        self._write_workflow(
            {
                "state": "confirmed",
                "checked_by_id": self.env.user.id,
                "date_confirmed": fields.Datetime.now(),
            }
        )
        return True

    # ---------------------------------------------------------- X-07 guards
    def _check_manager(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._("Only a callback manager spot-checks callbacks.")
            )

    def _check_not_own(self):
        """X-07: nobody spot-checks their own callbacks."""
        own = self.filtered(lambda c: c.user_id and c.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "Nobody spot-checks their own callbacks (%(name)s).",
                    name=own[0].employee_id.name,
                )
            )

    def _check_period_not_typed(self, vals):
        """CB-21: the period is the quarter, its days are not typed."""
        if set(vals) & SPOT_PERIOD_FIELDS:
            raise UserError(
                self.env._(
                    "A spot check covers a quarter: choose the quarter, its"
                    " first and last days follow."
                )
            )

    def _check_once_a_quarter(self, keys, exclude=None):
        """CB-21 X-07: one spot check per staff member and quarter in a
        company, so that the supervisor cannot draw again and keep the sample
        that suits. A clear error here; the unique index refuses the second
        of two checks created at the same moment."""
        keys = [key for key in keys if key[1] and key[2]]
        if not keys:
            return
        # sudo: a check of the staff member the caller cannot open (another
        # manager's team) still takes the quarter
        existing = (
            self.sudo()
            .search(
                [
                    ("employee_id", "in", [key[1] for key in keys]),
                    ("quarter", "in", [key[2] for key in keys]),
                    ("id", "not in", (exclude or self.browse()).ids),
                ]
            )
            .mapped(lambda c: (c.company_id.id, c.employee_id.id, c.quarter))
        )
        repeated = spot_check.repeated(keys, existing)
        if repeated:
            __, employee_id, quarter = repeated[0]
            raise ValidationError(
                self.env._(
                    "%(name)s already has a spot check for %(quarter)s: a staff"
                    " member's callbacks are spot-checked once a quarter.",
                    name=self.env["hr.employee"].sudo().browse(employee_id).name,
                    quarter=quarter,
                )
            )

    def _check_act(self):
        if not self.env.su:
            self._check_manager()
            self.check_access("write")
            self._check_not_own()
        if any(c.state != "draft" for c in self):
            raise UserError(self.env._("A confirmed spot check is locked."))

    def _datetimes(self):
        """The UTC bounds of the period's days in the company's time zone."""
        self.ensure_one()
        company = self.company_id
        start = company._callback_utc(fields.Datetime.to_datetime(self.date_from))
        stop = company._callback_utc(
            fields.Datetime.to_datetime(fields.Date.add(self.date_to, days=1))
        )
        return start, stop


class CallbackSpotCheckLine(models.Model):
    """CB-21: one sampled callback and its score."""

    _name = "callback.spot.check.line"
    _description = "Callback Spot Check Line"
    _order = "spot_check_id, record_id"

    spot_check_id = fields.Many2one(
        "callback.spot.check", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="spot_check_id.company_id", store=True, index=True
    )
    employee_id = fields.Many2one(
        related="spot_check_id.employee_id", store=True, index=True
    )
    state = fields.Selection(related="spot_check_id.state")
    record_id = fields.Many2one(
        "callback.record",
        string="Callback",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    score = fields.Float(digits=(5, 2))
    note = fields.Char()

    _sql_constraints = [
        (
            "record_uniq",
            "unique(spot_check_id, record_id)",
            "A callback is sampled once per spot check.",
        )
    ]

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            try:
                spot_check.check_score(line.score)
            except CallbackRuleError as error:
                raise ValidationError(
                    self.env._(
                        "A spot-check score is between 0 and 100 (not %(score)s).",
                        score=line.score,
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # X-07 CB-21: the sample is drawn, not picked
            raise AccessError(
                self.env._("The callbacks of a spot check are drawn, not picked.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if set(vals) - {"score", "note"}:
                raise UserError(
                    self.env._("Only the score and note of a sampled callback change.")
                )
            self.spot_check_id._check_act()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_drawn(self):
        if not self.env.su:
            raise AccessError(
                self.env._("The callbacks of a spot check are drawn, not picked.")
            )
