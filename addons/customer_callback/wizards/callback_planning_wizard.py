import logging
import random
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import frequency, sampling
from ..engine.errors import CallbackRuleError

_logger = logging.getLogger(__name__)

MIN_YEAR, MAX_YEAR = 1900, 2999


def _current_year():
    return fields.Date.today().year


def _check_year(env, year):
    """X-03: the planning, ranking and export wizards take a year in range."""
    if not MIN_YEAR <= (year or 0) <= MAX_YEAR:
        raise ValidationError(
            env._(
                "The year must be between %(min)s and %(max)s (not %(year)s).",
                min=MIN_YEAR,
                max=MAX_YEAR,
                year=year,
            )
        )


def _check_quarter_key(env, quarter):
    """X-03: a quarter like 2026-Q1 with a year in range."""
    try:
        year, __ = frequency.parse_quarter(quarter)
    except CallbackRuleError:
        raise ValidationError(
            env._(
                "A quarter is written like 2026-Q1 (not %(quarter)s).", quarter=quarter
            )
        )
    _check_year(env, year)


class CallbackPlanningWizard(models.TransientModel):
    """CB-04/05/06: the quarterly callback plan."""

    _name = "callback.planning.wizard"
    _description = "Quarterly Callback Planning"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: _current_year())
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        required=True,
        default=lambda self: str(frequency.quarter_of(fields.Date.today())[1]),
    )
    seed = fields.Char(
        required=True,
        default=lambda self: str(random.SystemRandom().randint(1, 10**9)),
        help="CB-05: recorded with the sample; the same seed draws the same customers.",
    )
    sample_ratio = fields.Float(
        default=lambda self: self.env.company.callback_sample_ratio,
        help="Percentage of each low-tier category to sample.",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Assign To",
        help="Empty: each customer's callback owner.",
    )
    channel = fields.Selection(
        selection=lambda self: self.env["callback.plan"]._fields["channel"].selection,
        default="phone",
        required=True,
    )
    line_ids = fields.One2many("callback.planning.wizard.line", "wizard_id")
    sampling_id = fields.Many2one("callback.sampling", readonly=True)

    @api.constrains("year", "sample_ratio")
    def _check_year_ratio(self):
        """X-03: a year the calendar cannot hold, or a sampling ratio of 0 or over
        100, is a clear error, not a server error."""
        for wizard in self:
            _check_year(self.env, wizard.year)
            if not 0 < wizard.sample_ratio <= 100:
                raise ValidationError(
                    self.env._(
                        "The sampling ratio must be above 0 and at most 100 percent"
                        " (not %(ratio)s).",
                        ratio=wizard.sample_ratio,
                    )
                )

    def _quarter(self):
        _check_year(self.env, self.year)
        return self.year, int(self.quarter)

    def _candidates(self):
        # sudo: companies the planner is not a member of are no customers either
        companies = (
            self.env["res.company"].sudo().search([("active", "in", (True, False))])
        )
        return self.env["res.partner"].search(
            [
                ("callback_dnd", "=", False),
                ("parent_id", "=", False),
                ("partner_share", "=", True),
                ("id", "not in", companies.partner_id.ids),
            ]
        )

    def _mandatory_partners(self, partners, first, last):
        """CB-06: key customers, new/changed business, and complaints or
        repairs (mandatory trigger types) during the quarter."""
        mandatory = partners.filtered(
            lambda p: p.callback_key or p.callback_business_changed
        )
        events = (
            self.env["callback.plan"]
            .sudo()
            ._read_group(  # sudo: planning reads all staff's plans
                [
                    ("partner_id", "in", partners.ids),
                    ("trigger_type_id.mandatory", "=", True),
                    ("date_event", ">=", datetime.combine(first, time.min)),
                    ("date_event", "<=", datetime.combine(last, time.max)),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        return mandatory | self.env["res.partner"].browse([p.id for p, _c in events])

    def action_compute(self):
        """List the customers to call back and why (one line each)."""
        self.ensure_one()
        year, quarter = self._quarter()
        first, last = frequency.quarter_bounds(year, quarter)
        partners = self._candidates()
        # CB-07: customers already at the quarterly cap are left out
        label = frequency.quarter_label(year, quarter)
        counts = self.env["callback.plan"]._quarter_counts(partners.ids, [label])
        cap = self.company_id.callback_quarter_cap
        partners -= self.env["res.partner"].browse(
            [pid for (pid, _q), count in counts.items() if count >= cap]
        )
        # CB-04: running the wizard again adds nothing: customers already
        # planned for the quarter are left out, the quarter's sample is kept
        partners -= self._already_planned(partners, label)
        due = partners._callback_due_in_quarter(year, quarter, self.company_id)
        mandatory = self._mandatory_partners(partners, first, last) - due
        low_pool = (
            partners.filtered(lambda p: (p.callback_tier or "low") == "low")
            - due
            - mandatory
        )
        members = {
            p.id: (p.category_id.sorted("id")[:1].name or self.env._("Uncategorised"))
            for p in low_pool
        }
        drawn = (
            sampling.stratified_sample(members, self.seed, self.sample_ratio / 100.0)
            if members
            else {}
        )
        sampled = self.env["res.partner"].browse(sampling.flatten(drawn))
        if self._quarter_sampled(label):
            # CB-05: the quarter's sample was drawn and planned already
            members, drawn, sampled = {}, {}, self.env["res.partner"]
        # sudo: X-07 CB-05 samplings are created here only; the wizard is a
        # callback manager's (access rights) and private to them (record rule)
        self.sampling_id = (
            self.env["callback.sampling"]
            .sudo()
            .create(
                {
                    "name": self.env._(
                        "Sample %(quarter)s",
                        quarter=frequency.quarter_label(year, quarter),
                    ),
                    "company_id": self.company_id.id,
                    "quarter": frequency.quarter_label(year, quarter),
                    "seed": self.seed,
                    "ratio": self.sample_ratio,
                    "population_count": len(members),
                    "partner_ids": [fields.Command.set(sampled.ids)],
                    "strata": sampling.describe(drawn, members) if members else "",
                }
            )
        )
        lines = [("due", due), ("mandatory", mandatory), ("sample", sampled)]
        deadlines = self._due_deadlines(due, year, quarter)
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "partner_id": partner.id,
                    "reason": reason,
                    "employee_id": (
                        self.employee_id or partner.callback_employee_id
                    ).id,
                    "date_deadline": deadlines.get(partner.id, last),
                }
            )
            for reason, group in lines
            for partner in group
        ]
        return self._reopen()

    def action_create_plans(self):
        """Create every plan of the quarter in one batch."""
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        if self.employee_id:
            self.line_ids.filtered(
                lambda line: not line.employee_id
            ).employee_id = self.employee_id
        missing = self.line_ids.filtered(lambda line: not line.employee_id)
        if missing:
            raise UserError(
                self.env._(
                    "Choose who calls back %(partners)s (no callback owner).",
                    partners=", ".join(missing.partner_id.mapped("display_name")[:10]),
                )
            )
        year, quarter = self._quarter()
        first, last = frequency.quarter_bounds(year, quarter)
        types = {"due": "periodic", "mandatory": "mandatory", "sample": "sample"}
        company = self.company_id
        # CB-04: the quarter of the company's calendar: a deadline at 18:00 on
        # 30 June in Beijing is 10:00 UTC, still in Q2
        start = max(
            company._callback_utc(datetime.combine(first, time(8))),
            fields.Datetime.now(),
        )
        vals_list = []
        for line in self.line_ids:
            deadline = company._callback_utc(
                datetime.combine(line.date_deadline or last, time(18))
            )
            # CB-22: a customer due in May is called from the company's days
            # ahead of their due date: the to-do waits until then (never
            # called or overdue: from the quarter's start)
            opens = start
            if (
                line.reason == "due"
                and line.date_deadline
                and line.date_deadline < last
            ):
                opens = max(
                    start, deadline - timedelta(days=company.callback_periodic_days)
                )
            vals_list.append(
                {
                    "partner_id": line.partner_id.id,
                    "employee_id": line.employee_id.id,
                    "company_id": company.id,
                    "callback_type": types[line.reason],
                    "channel": self.channel,
                    "date_start": min(
                        line.partner_id._callback_preferred_moment(opens, company),
                        deadline,
                    ),
                    "date_deadline": deadline,
                    "sampling_id": self.sampling_id.id
                    if line.reason == "sample"
                    else False,
                }
            )
        plans = self.env["callback.plan"].create(vals_list)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_callback.callback_plan_action"
        )
        action["domain"] = [("id", "in", plans.ids)]
        return action

    def _already_planned(self, partners, label):
        """CB-04: the customers with a quarterly plan (periodic, mandatory or
        sampled, open or done) in the quarter: one grouped query."""
        groups = (
            self.env["callback.plan"]
            .sudo()
            ._read_group(  # sudo: planning reads all staff's plans
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", self.company_id.id),
                    ("quarter", "=", label),
                    ("callback_type", "in", ("periodic", "mandatory", "sample")),
                    ("state", "in", ("planned", "done")),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        return self.env["res.partner"].union(*(partner for partner, _c in groups))

    def _quarter_sampled(self, label):
        """CB-05: True when the quarter's sample already has plans."""
        return bool(
            self.env["callback.plan"]
            .sudo()  # sudo: planning reads all staff's plans
            .search_count(
                [
                    ("company_id", "=", self.company_id.id),
                    ("sampling_id.quarter", "=", label),
                ],
                limit=1,
            )
        )

    def _due_deadlines(self, partners, year, quarter):
        """CB-01 CB-04: partner id -> due date in the quarter (the plan's
        deadline), the quarter's end for those never called or overdue."""
        last = self.env["res.partner"]._callback_last_dates(
            partners.ids, self.company_id
        )
        months = self.company_id._callback_months()
        result = {}
        for partner in partners:
            day = frequency.quarter_deadline(
                last.get(partner.id),
                partner.callback_tier or "low",
                year,
                quarter,
                months,
            )
            if day:
                result[partner.id] = day
        return result

    @api.model
    def _cron_plan_quarter(self):
        """CB-04: at the start of each quarter, the quarter's plans of every
        company, as the wizard makes them (the sample's seed is recorded).
        Customers without a callback owner are left to the manager, who runs
        the wizard for them; running it again adds nothing."""
        for company in self.env["res.company"].search([("active", "=", True)]):
            year, quarter = frequency.quarter_of(company._callback_today())
            wizard = self.with_company(company).create(
                {
                    "company_id": company.id,
                    "year": year,
                    "quarter": str(quarter),
                    "sample_ratio": company.callback_sample_ratio,
                }
            )
            wizard.action_compute()
            unowned = wizard.line_ids.filtered(lambda line: not line.employee_id)
            if unowned:
                _logger.info(
                    "Quarterly callback planning of %s: %s customers without"
                    " a callback owner left to the manager",
                    company.name,
                    len(unowned),
                )
                unowned.unlink()
            if wizard.line_ids:
                wizard.action_create_plans()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.onchange("company_id")
    def _onchange_company_id(self):
        self.sample_ratio = self.company_id.callback_sample_ratio


class CallbackPlanningWizardLine(models.TransientModel):
    _name = "callback.planning.wizard.line"
    _description = "Quarterly Callback Planning Line"

    wizard_id = fields.Many2one(
        "callback.planning.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    tier = fields.Selection(related="partner_id.callback_tier")
    reason = fields.Selection(
        [("due", "Due by Tier"), ("mandatory", "Mandatory"), ("sample", "Sample")],
        required=True,
    )
    employee_id = fields.Many2one("hr.employee", string="Assignee")
    date_deadline = fields.Date(
        string="Deadline", help="CB-04: the customer's due date in the quarter."
    )
