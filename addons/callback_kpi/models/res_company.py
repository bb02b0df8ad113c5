import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.defaults import DEFAULT_COMPANY_SETTINGS as DEFAULTS
from ..engine.errors import EngineError
from ..engine.grading import BONUS_CAP, GradeScale
from ..engine.rewards import RewardPolicy


class ResCompany(models.Model):
    _inherit = "res.company"

    # KPI-05 grade boundaries (a score above the boundary earns the grade)
    kpi_grade_a = fields.Float(string="Grade A above", default=DEFAULTS["kpi_grade_a"])
    kpi_grade_b = fields.Float(string="Grade B above", default=DEFAULTS["kpi_grade_b"])
    kpi_grade_c = fields.Float(string="Grade C above", default=DEFAULTS["kpi_grade_c"])
    kpi_grade_d = fields.Float(string="Grade D above", default=DEFAULTS["kpi_grade_d"])
    # KPI-02
    kpi_bonus_cap = fields.Float(
        string="Bonus points cap", default=DEFAULTS["kpi_bonus_cap"]
    )
    # KPI-06
    kpi_annual_quarter_weight = fields.Float(
        string="Annual weight of quarters (%)",
        default=DEFAULTS["kpi_annual_quarter_weight"],
    )
    kpi_annual_year_end_weight = fields.Float(
        string="Annual weight of year-end assessment (%)",
        default=DEFAULTS["kpi_annual_year_end_weight"],
    )
    # KPI-07 (the regulation leaves the amounts blank)
    kpi_reward_a = fields.Monetary(
        string="Reward for grade A",
        currency_field="currency_id",
        default=DEFAULTS["kpi_reward_a"],
    )
    kpi_reward_b = fields.Monetary(
        string="Reward for grade B",
        currency_field="currency_id",
        default=DEFAULTS["kpi_reward_b"],
    )
    kpi_improvement_days = fields.Integer(
        string="Improvement plan deadline (days)",
        default=DEFAULTS["kpi_improvement_days"],
    )
    kpi_pay_deduction_pct = fields.Float(
        string="Pay deduction after consecutive E (%)",
        default=DEFAULTS["kpi_pay_deduction_pct"],
    )
    # KPI-09
    kpi_deadline_day_quarter = fields.Integer(
        string="Quarterly scorecard due on day",
        default=DEFAULTS["kpi_deadline_day_quarter"],
    )
    kpi_deadline_day_year = fields.Integer(
        string="Annual scorecard due on January day",
        default=DEFAULTS["kpi_deadline_day_year"],
    )
    kpi_report_days_quarter = fields.Integer(
        string="Quarterly report due after (working days)",
        default=DEFAULTS["kpi_report_days_quarter"],
    )
    kpi_report_days_year = fields.Integer(
        string="Annual report due after (working days)",
        default=DEFAULTS["kpi_report_days_year"],
    )
    # KPI-11 evaluation weights
    kpi_weight_supervisor = fields.Float(string="Supervisor weight (%)", default=50.0)
    kpi_weight_customer = fields.Float(string="Customer weight (%)", default=40.0)
    kpi_weight_self = fields.Float(string="Self-assessment weight (%)", default=10.0)

    @api.constrains("kpi_grade_a", "kpi_grade_b", "kpi_grade_c", "kpi_grade_d")
    def _check_kpi_grades(self):
        """X-03 / KPI-05: boundaries out of order are refused."""
        for company in self:
            try:
                company._kpi_grade_scale()
            except EngineError as error:
                raise ValidationError(
                    self.env._(
                        "Grade boundaries must be positive and strictly decreasing "
                        "from A to D (got A %(a)s, B %(b)s, C %(c)s, D %(d)s).",
                        **error.params,
                    )
                ) from error

    @api.constrains(
        "kpi_bonus_cap",
        "kpi_annual_quarter_weight",
        "kpi_annual_year_end_weight",
        "kpi_reward_a",
        "kpi_reward_b",
        "kpi_improvement_days",
        "kpi_pay_deduction_pct",
        "kpi_deadline_day_quarter",
        "kpi_deadline_day_year",
        "kpi_report_days_quarter",
        "kpi_report_days_year",
        "kpi_weight_supervisor",
        "kpi_weight_customer",
        "kpi_weight_self",
    )
    def _check_kpi_settings(self):
        for company in self:
            if not 0 <= company.kpi_bonus_cap <= BONUS_CAP:
                raise ValidationError(
                    self.env._("The bonus points cap is between 0 and 10.")
                )
            if (
                round(
                    company.kpi_annual_quarter_weight
                    + company.kpi_annual_year_end_weight,
                    6,
                )
                != 100
                or min(
                    company.kpi_annual_quarter_weight,
                    company.kpi_annual_year_end_weight,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("The annual weights must add up to 100 %.")
                )
            try:
                company._kpi_reward_policy()
            except EngineError as error:
                raise ValidationError(
                    self.env._(
                        "Reward amounts and days cannot be negative and the pay "
                        "deduction is a percentage between 0 and 100."
                    )
                ) from error
            if not (
                1 <= company.kpi_deadline_day_quarter <= 28
                and 1 <= company.kpi_deadline_day_year <= 31
            ):
                raise ValidationError(
                    self.env._("Deadline days must be valid days of month.")
                )
            if not (
                0 <= company.kpi_report_days_quarter <= 60
                and 0 <= company.kpi_report_days_year <= 60
            ):
                raise ValidationError(
                    self.env._(
                        "Analysis reports are due 0 to 60 working days after "
                        "their period."
                    )
                )
            weights = (
                company.kpi_weight_supervisor,
                company.kpi_weight_customer,
                company.kpi_weight_self,
            )
            if min(weights) < 0 or max(weights) > 100 or not weights[0]:
                raise ValidationError(
                    self.env._(
                        "Evaluation weights are between 0 and 100 %, and the "
                        "supervisor's is above 0 (the supervisor always scores)."
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if any(name.startswith("kpi_") for name in vals):
            # sudo: the settings apply to every open scorecard of the company,
            # whoever changes them (approved cards are left as approved)
            self.env["kpi.scorecard"].sudo().search(
                [("company_id", "in", self.ids), ("state", "!=", "approved")]
            )._kpi_refresh_settings()
        return res

    def _kpi_grade_scale(self):
        self.ensure_one()
        return GradeScale(
            self.kpi_grade_a, self.kpi_grade_b, self.kpi_grade_c, self.kpi_grade_d
        )

    def _kpi_reward_policy(self):
        self.ensure_one()
        return RewardPolicy(
            amount_a=self.kpi_reward_a,
            amount_b=self.kpi_reward_b,
            improvement_days=self.kpi_improvement_days,
            pay_deduction_pct=self.kpi_pay_deduction_pct,
        )

    def _kpi_is_working_day(self, date_from, date_to):
        """A callable telling whether a date is a working day of the company's
        resource calendar (KPI-03 analysis report deadlines), from one
        computation of the work intervals between ``date_from`` and
        ``date_to``; outside that range, Monday to Friday."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return lambda day: day.weekday() < 5
        tz = pytz.timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.datetime.combine(date_from, datetime.time.min))
        stop = tz.localize(datetime.datetime.combine(date_to, datetime.time.max))
        intervals = calendar._work_intervals_batch(start, stop)[False]
        days = {interval[0].date() for interval in intervals}

        def is_working(day):
            if date_from <= day <= date_to:
                return day in days
            return day.weekday() < 5

        return is_working
