from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import costs
from ..engine.errors import CallbackRuleError
from .callback_plan import MANAGER_GROUP, USER_GROUP

# X-07 CB-20: set by the supervisor's approval or refusal only
COST_WORKFLOW_FIELDS = {
    "state",
    "approved_by_id",
    "date_approved",
    "reimbursed",
    "excess",
    "cost_limit",
}
# a claim is the staff member's own callback's, fixed once made: the
# callback and what follows from it (company, staff member, team, quarter)
COST_IDENTITY_FIELDS = {
    "record_id",
    "company_id",
    "employee_id",
    "user_id",
    "department_id",
    "quarter",
}


class CallbackCost(models.Model):
    """CB-20: a cost claimed for a callback (receipts), reimbursed after the
    supervisor's approval; above the company's limit per callback the excess
    is the staff member's own."""

    _name = "callback.cost"
    _description = "Callback Cost"
    _inherit = ["mail.thread", "callback.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _callback_protected_defaults = frozenset(COST_WORKFLOW_FIELDS)

    name = fields.Char(string="Description", required=True)
    record_id = fields.Many2one(
        "callback.record",
        string="Callback",
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="record_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(
        related="record_id.employee_id", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one(
        related="record_id.user_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one(
        related="record_id.department_id", store=True, index=True, precompute=True
    )
    quarter = fields.Char(
        related="record_id.quarter", store=True, index=True, precompute=True
    )
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    state = fields.Selection(
        [("draft", "To Approve"), ("approved", "Approved"), ("refused", "Refused")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    date_approved = fields.Datetime(string="Decided On", readonly=True, copy=False)
    cost_limit = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        copy=False,
        help="The company's limit per callback when the claim was approved.",
    )
    reimbursed = fields.Monetary(
        currency_field="currency_id", readonly=True, copy=False, aggregator="sum"
    )
    excess = fields.Monetary(
        string="Staff's Own Share",
        currency_field="currency_id",
        readonly=True,
        copy=False,
        aggregator="sum",
        help="CB-20: the part above the limit per callback, borne by the staff"
        " member.",
    )

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            try:
                costs.check_amount(cost.amount)
            except CallbackRuleError as error:
                raise ValidationError(
                    self.env._(
                        "A callback cost must be above 0 (not %(amount)s).",
                        amount=cost.amount,
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            if not self.env.user.has_group(USER_GROUP):
                raise AccessError(
                    self.env._("Only callback staff claim callback costs.")
                )
            for vals in vals_list:
                if set(vals) & COST_WORKFLOW_FIELDS - {"state"} or (
                    vals.get("state", "draft") != "draft"
                ):
                    raise UserError(
                        self.env._(
                            "A cost is claimed for approval; the supervisor"
                            " approves it with its button."
                        )
                    )
            self = self._callback_no_log_stripped()  # noqa: PLW0642
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            forged = set(vals) & (COST_WORKFLOW_FIELDS | COST_IDENTITY_FIELDS)
            if forged:
                raise UserError(
                    self.env._(
                        "These fields of a callback cost change through its"
                        " buttons only: %(fields)s.",
                        fields=", ".join(sorted(forged)),
                    )
                )
            decided = self.filtered(lambda cost: cost.state != "draft")
            if decided and set(vals) - {"message_follower_ids"}:
                raise UserError(
                    self.env._("An approved or refused callback cost is locked.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if any(cost.state != "draft" for cost in self):
            raise UserError(self.env._("Approved or refused callback costs are kept."))

    # ------------------------------------------------------------ actions
    def action_approve(self):
        """CB-20: the supervisor approves; the claim is reimbursed up to the
        company's limit per callback, the excess is the staff member's."""
        self._check_supervisor()
        # what each callback's approved claims already got: one grouped query
        before = defaultdict(
            float,
            {
                record.id: reimbursed
                for record, reimbursed in self.sudo()._read_group(
                    [
                        ("record_id", "in", self.record_id.ids),
                        ("state", "=", "approved"),
                    ],
                    ["record_id"],
                    ["reimbursed:sum"],
                )
            },
        )
        now = fields.Datetime.now()
        for cost in self.sorted("id"):
            limit = cost.company_id.callback_cost_limit
            reimbursed, excess = costs.split_claim(
                cost.amount, before[cost.record_id.id], limit
            )
            before[cost.record_id.id] += reimbursed
            cost._write_workflow(
                {
                    "state": "approved",
                    "approved_by_id": self.env.user.id,
                    "date_approved": now,
                    "cost_limit": limit,
                    "reimbursed": reimbursed,
                    "excess": excess,
                }
            )
        return True

    def action_refuse(self):
        """CB-20: a claim outside the procedure is refused (nothing paid)."""
        self._check_supervisor()
        self._write_workflow(
            {
                "state": "refused",
                "approved_by_id": self.env.user.id,
                "date_approved": fields.Datetime.now(),
            }
        )
        return True

    def _check_supervisor(self):
        """X-07 CB-20: the supervisor decides on their team's claims, never on
        one they claimed nor one on their own callback, and once."""
        if not self.env.su:
            if not self.env.user.has_group(MANAGER_GROUP):
                raise AccessError(
                    self.env._("Only a callback manager approves callback costs.")
                )
            self.check_access("write")
            own = self.filtered(
                lambda cost: self.env.user in (cost.user_id | cost.create_uid)
            )
            if own:
                raise AccessError(
                    self.env._(
                        "Nobody approves or refuses their own callback costs"
                        " (%(names)s).",
                        names=", ".join(own.mapped("name")),
                    )
                )
        if any(cost.state != "draft" for cost in self):
            raise UserError(
                self.env._("Only callback costs awaiting approval can be decided.")
            )
