from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import dealers, frequency
from ..engine.errors import CallbackRuleError
from .callback_plan import MANAGER_GROUP

REASONS = [
    ("late", "File Created Late"),
    ("incomplete", "Incomplete or Inaccurate File"),
    ("falsification", "Falsified File"),
]
# set by the confirmation only
DEDUCTION_WORKFLOW_FIELDS = {"state", "confirmed_by_id", "date_confirmed"}
# CB-19 X-07: set by the server, to whoever records or changes the case
DEDUCTION_AUTHOR_FIELDS = {"recorded_by_id", "author_ids"}
# changing these is not changing the case
DEDUCTION_CHATTER_FIELDS = {"message_follower_ids", "message_main_attachment_id"}
# a deduction stays in the company it was recorded in
DEDUCTION_IDENTITY_FIELDS = {"company_id"}


class CallbackDealerDeduction(models.Model):
    """CB-19: a deposit deduction a manager records against a dealer whose
    customer file was late, incomplete or falsified (seed 000: 1,000-10,000
    a case, 10,000 for falsification). Confirmed, it is locked and kept."""

    _name = "callback.dealer.deduction"
    _description = "Dealer Deposit Deduction"
    _inherit = ["mail.thread", "callback.workflow.mixin"]
    _order = "quarter desc, id desc"
    _check_company_auto = True
    _callback_protected_defaults = frozenset(
        DEDUCTION_WORKFLOW_FIELDS | DEDUCTION_AUTHOR_FIELDS
    )

    name = fields.Char(string="Case", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    dealer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("is_callback_dealer", "=", True)],
    )
    quarter = fields.Char(
        required=True,
        index=True,
        default=lambda self: frequency.quarter_key(fields.Date.today()),
        help="Like 2026-Q1.",
    )
    plan_id = fields.Many2one(
        "callback.plan",
        string="Callback",
        check_company=True,
        help="The callback whose customer file is at fault.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    reason = fields.Selection(REASONS, required=True, default="incomplete")
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    note = fields.Text()
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    recorded_by_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        readonly=True,
        copy=False,
        tracking=True,
        default=lambda self: self.env.user,
        help="CB-19: who recorded the deduction or last changed it; another"
        " manager confirms it.",
    )
    author_ids = fields.Many2many(
        "res.users",
        "callback_dealer_deduction_author_rel",
        "deduction_id",
        "user_id",
        string="Written by",
        readonly=True,
        copy=False,
        help="CB-19: everyone who recorded or changed the case; none of them"
        " confirms it.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_confirmed = fields.Datetime(readonly=True, copy=False)

    @api.constrains("amount", "reason")
    def _check_amount(self):
        """CB-19: 1,000-10,000 a case; exactly 10,000 for falsification."""
        for deduction in self:
            try:
                dealers.check_deduction(
                    deduction.amount, deduction.reason == "falsification"
                )
            except CallbackRuleError as error:
                if error.code == "deduction_falsification":
                    raise ValidationError(
                        self.env._(
                            "A falsified customer file costs the dealer"
                            " %(amount)s, not %(given)s.",
                            **error.params,
                        )
                    ) from error
                raise ValidationError(
                    self.env._(
                        "A deposit deduction is between %(low)s and %(high)s a"
                        " case (%(given)s given).",
                        low=dealers.DEDUCTION_MIN,
                        high=dealers.DEDUCTION_MAX,
                        given=deduction.amount,
                    )
                ) from error

    @api.constrains("quarter")
    def _check_quarter(self):
        # imported here: the wizard module imports the models
        from ..wizards.callback_planning_wizard import _check_quarter_key

        for deduction in self:
            _check_quarter_key(self.env, deduction.quarter)

    @api.constrains("dealer_id")
    def _check_dealer(self):
        if any(not d.dealer_id.is_callback_dealer for d in self):
            raise ValidationError(
                self.env._("A deposit deduction is recorded against a dealer.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_manager()
            for vals in vals_list:
                forged = DEDUCTION_WORKFLOW_FIELDS - {"state"} | DEDUCTION_AUTHOR_FIELDS
                if set(vals) & forged or (vals.get("state", "draft") != "draft"):
                    raise UserError(
                        self.env._(
                            "A deduction is recorded as a draft and confirmed"
                            " with its button."
                        )
                    )
            vals_list = [
                dict(
                    vals,
                    recorded_by_id=self.env.uid,
                    author_ids=[fields.Command.link(self.env.uid)],
                )
                for vals in vals_list
            ]
            self = self._callback_no_log_stripped()  # noqa: PLW0642
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_manager()
            forged = set(vals) & (
                DEDUCTION_WORKFLOW_FIELDS
                | DEDUCTION_IDENTITY_FIELDS
                | DEDUCTION_AUTHOR_FIELDS
            )
            if forged:
                raise UserError(
                    self.env._(
                        "These fields of a deduction change through its buttons"
                        " only: %(fields)s.",
                        fields=", ".join(sorted(forged)),
                    )
                )
        if any(d.state == "confirmed" for d in self) and (
            set(vals) - DEDUCTION_CHATTER_FIELDS
        ):
            raise UserError(self.env._("A confirmed deduction is locked."))
        if not self.env.su and set(vals) - DEDUCTION_CHATTER_FIELDS:
            # CB-19 X-07: whoever changes the case answers for it as its
            # recorder: another manager confirms it
            vals = dict(
                vals,
                recorded_by_id=self.env.uid,
                author_ids=[fields.Command.link(self.env.uid)],
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(d.state == "confirmed" for d in self):
            raise UserError(
                self.env._("A confirmed deduction is kept; it cannot be deleted.")
            )

    def action_confirm(self):
        """CB-19: the manager confirms the deduction; it is locked."""
        self._check_manager()
        self.check_access("write")
        self._check_not_recorded_by_me()
        if any(d.state != "draft" for d in self):
            raise UserError(self.env._("Only draft deductions can be confirmed."))
        self._write_workflow(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.user.id,
                "date_confirmed": fields.Datetime.now(),
            }
        )
        return True

    def _check_manager(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._("Only a callback manager records dealer deductions.")
            )

    def _check_not_recorded_by_me(self):
        """CB-19 X-07: whoever recorded a deduction does not confirm it;
        another manager does (four eyes on the dealer's deposit)."""
        if self.env.su:
            return
        mine = self.filtered(
            lambda d: self.env.user in (d.create_uid | d.recorded_by_id | d.author_ids)
        )
        if mine:
            raise AccessError(
                self.env._(
                    "Another manager confirms the deductions you recorded"
                    " (%(names)s).",
                    names=", ".join(mine.mapped("name")),
                )
            )

    @api.model
    def _dealer_figures(self, company, quarters):
        """CB-19: {(dealer, quarter): files, late, incomplete, flagged,
        deducted} of ``company``: two grouped queries."""
        # sudo: counts over every plan of the company's dealers (a manager's
        # figures), not the callbacks the caller may open one by one
        Plan = self.env["callback.plan"].sudo().with_context(active_test=False)
        base = [("company_id", "=", company.id), ("quarter", "in", list(quarters))]
        files = []
        for dealer, quarter, late, incomplete, count in Plan._read_group(
            [
                *base,
                ("dealer_id", "!=", False),
                ("level", "=", "1"),
                ("date_event", "!=", False),
                ("trigger_type_id", "!=", False),
            ],
            ["dealer_id", "quarter", "file_late", "file_incomplete"],
            ["__count"],
        ):
            files += [(dealer, quarter, late, incomplete)] * count
        deductions = self.sudo()._read_group(
            [*base, ("state", "=", "confirmed")],
            ["dealer_id", "quarter"],
            ["amount:sum"],
        )
        return dealers.dealer_figures(files, deductions)

    @api.model
    def _dealer_screen(self, company, quarters):
        """CB-15 CB-19: the dealer screen's rows {(dealer, quarter): files,
        late, incomplete, flagged, weighted satisfaction and rank, deductions
        recorded and confirmed} of ``company``: grouped queries, the rules in
        the engine (``dealers.dealer_rows``)."""
        quarters = list(quarters)
        figures = self._dealer_figures(company, quarters)
        # sudo: a manager's company-wide figures per dealer, as
        # _dealer_figures (the caller's right to the company is checked by
        # the screen)
        deductions = [
            (dealer, quarter, state == "confirmed", count, amount or 0.0)
            for dealer, quarter, state, count, amount in self.sudo()._read_group(
                [("company_id", "=", company.id), ("quarter", "in", quarters)],
                ["dealer_id", "quarter", "state"],
                ["__count", "amount:sum"],
            )
        ]
        satisfaction = {}
        for dealer, quarter, group, average in (
            self.env["callback.record"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("quarter", "in", quarters),
                    ("state", "=", "done"),
                    ("answered", "=", True),
                    ("dealer_id", "!=", False),
                ],
                ["dealer_id", "quarter", "satisfaction_group"],
                ["satisfaction:avg"],
            )
        ):
            entry = satisfaction.setdefault((dealer, quarter), [None, None])
            entry[0 if group == "sale" else 1] = average
        return dealers.dealer_rows(
            figures,
            deductions,
            {key: tuple(values) for key, values in satisfaction.items()},
            company.callback_weight_sale,
            company.callback_weight_service,
        )
