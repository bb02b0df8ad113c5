from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import figures
from ..engine.errors import CallbackRuleError


class ResCompany(models.Model):
    _inherit = "res.company"

    callback_months_high = fields.Integer(
        default=3,
        help="CB-01: a high-value customer is called back at least every N months.",
    )
    callback_months_medium = fields.Integer(default=6)
    callback_months_low = fields.Integer(default=12)
    callback_sample_ratio = fields.Float(
        default=10.0,
        help="CB-05: percentage of each low-tier category sampled per quarter.",
    )
    callback_quarter_cap = fields.Integer(
        default=2, help="CB-07: callbacks of one customer per calendar quarter at most."
    )
    callback_budget_per_quarter = fields.Monetary(
        currency_field="currency_id",
        help="CB-14: callback budget per staff member per quarter.",
    )
    callback_cost_limit = fields.Monetary(
        string="Cost Limit per Callback",
        currency_field="currency_id",
        help="CB-20: the most reimbursed for one callback; the excess is the"
        " staff member's own. 0: no limit.",
    )
    callback_weight_sale = fields.Float(default=0.3, help="CB-15: after-sale weight.")
    callback_weight_service = fields.Float(
        default=0.7, help="CB-15: after-service weight."
    )
    callback_periodic_days = fields.Integer(
        default=14,
        help="CB-01 CB-04: a periodic plan is made this many days before the"
        " customer's due date, which is its deadline.",
    )
    callback_activity_days = fields.Integer(
        string="Callback To-Do Days Ahead",
        default=3,
        help="CB-22: a plan's to-do reaches its assignee this many days before"
        " its window opens, not when it is planned.",
    )
    # CB-01 CB-22: the daily job's progress through a company's customers,
    # batch by batch (technical, written by the job only)
    callback_planning_cursor = fields.Integer(
        readonly=True, groups="base.group_system", copy=False
    )
    callback_planned_on = fields.Date(
        readonly=True, groups="base.group_system", copy=False
    )
    callback_dissatisfied_score = fields.Integer(
        default=2, help="CB-11: an answer scoring this or less is escalated."
    )
    callback_escalation_days = fields.Integer(
        default=3, help="CB-11: days the department has to handle an escalation."
    )
    callback_department_id = fields.Many2one(
        "hr.department",
        string="Customer Service Department",
        help="CB-03/CB-11: second-level callbacks and unassigned escalations go here.",
    )

    @api.constrains(
        "callback_months_high",
        "callback_months_medium",
        "callback_months_low",
        "callback_sample_ratio",
        "callback_quarter_cap",
        "callback_budget_per_quarter",
        "callback_weight_sale",
        "callback_weight_service",
        "callback_periodic_days",
        "callback_activity_days",
        "callback_dissatisfied_score",
        "callback_escalation_days",
    )
    def _check_callback_settings(self):
        for company in self:
            months = (
                company.callback_months_high,
                company.callback_months_medium,
                company.callback_months_low,
            )
            if min(months) <= 0:
                raise ValidationError(
                    self.env._("Callback frequencies must be at least one month.")
                )
            if not 0 < company.callback_sample_ratio <= 100:
                raise ValidationError(
                    self.env._(
                        "The sampling ratio must be above 0 and at most 100 percent."
                    )
                )
            if (
                company.callback_quarter_cap < 0
                or company.callback_periodic_days < 0
                or company.callback_activity_days < 0
            ):
                raise ValidationError(
                    self.env._("Callback caps and delays cannot be negative.")
                )
            if company.callback_budget_per_quarter < 0:
                raise ValidationError(
                    self.env._("The callback budget cannot be negative.")
                )
            if not 1 <= company.callback_dissatisfied_score <= 5:
                raise ValidationError(
                    self.env._("The dissatisfied score must be between 1 and 5.")
                )
            if company.callback_escalation_days < 0:
                raise ValidationError(
                    self.env._("Escalation delays cannot be negative.")
                )
            try:
                figures.check_weights(
                    company.callback_weight_sale, company.callback_weight_service
                )
            except CallbackRuleError:
                raise ValidationError(
                    self.env._(
                        "The satisfaction weights must be between"
                        " 0 and 1 and add up to 1"
                        " (now %(sale)s + %(service)s).",
                        sale=company.callback_weight_sale,
                        service=company.callback_weight_service,
                    )
                )

    @api.constrains("callback_cost_limit")
    def _check_callback_cost_limit(self):
        if any(company.callback_cost_limit < 0 for company in self):
            raise ValidationError(
                self.env._("The cost limit per callback cannot be negative.")
            )

    def _callback_months(self):
        """CB-01: frequency table for the engine."""
        self.ensure_one()
        return {
            "high": self.callback_months_high,
            "medium": self.callback_months_medium,
            "low": self.callback_months_low,
        }

    def _callback_local(self, moment):
        """A stored (UTC) datetime as the company's wall-clock time, in the time
        zone of its working calendar: the day and quarter of a callback are the
        ones its staff live in (07:30 on 1 April in Beijing is Q2, although it
        is still 31 March in UTC)."""
        if not moment:
            return moment
        tz = pytz.timezone(
            (self[:1].resource_calendar_id.tz if self else None)
            or self.env.user.tz
            or "UTC"
        )
        return pytz.utc.localize(moment).astimezone(tz).replace(tzinfo=None)

    def _callback_today(self):
        """The company's date now, in its calendar's time zone."""
        return self._callback_local(fields.Datetime.now()).date()

    def _callback_utc(self, local):
        """The reverse of :meth:`_callback_local`: a company wall-clock time as
        a stored (UTC) datetime."""
        if not local:
            return local
        tz = pytz.timezone(
            (self[:1].resource_calendar_id.tz if self else None)
            or self.env.user.tz
            or "UTC"
        )
        return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _callback_working_days(self, start, days):
        """The set of dates worked by the company's calendar from ``start`` for
        ``days`` days (leaves included): one batched calendar query."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return None
        start_dt = fields.Datetime.to_datetime(start).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        begin = pytz.timezone(calendar.tz or "UTC").localize(start_dt)
        end = begin + timedelta(days=days + 1)
        intervals = calendar._work_intervals_batch(begin, end)[False]
        return {interval[0].date() for interval in intervals}
