from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kpi_grade_a = fields.Float(related="company_id.kpi_grade_a", readonly=False)
    kpi_grade_b = fields.Float(related="company_id.kpi_grade_b", readonly=False)
    kpi_grade_c = fields.Float(related="company_id.kpi_grade_c", readonly=False)
    kpi_grade_d = fields.Float(related="company_id.kpi_grade_d", readonly=False)
    kpi_bonus_cap = fields.Float(related="company_id.kpi_bonus_cap", readonly=False)
    kpi_annual_quarter_weight = fields.Float(
        related="company_id.kpi_annual_quarter_weight", readonly=False
    )
    kpi_annual_year_end_weight = fields.Float(
        related="company_id.kpi_annual_year_end_weight", readonly=False
    )
    kpi_currency_id = fields.Many2one(related="company_id.currency_id")
    kpi_reward_a = fields.Monetary(
        related="company_id.kpi_reward_a",
        readonly=False,
        currency_field="kpi_currency_id",
    )
    kpi_reward_b = fields.Monetary(
        related="company_id.kpi_reward_b",
        readonly=False,
        currency_field="kpi_currency_id",
    )
    kpi_improvement_days = fields.Integer(
        related="company_id.kpi_improvement_days", readonly=False
    )
    kpi_pay_deduction_pct = fields.Float(
        related="company_id.kpi_pay_deduction_pct", readonly=False
    )
    kpi_deadline_day_quarter = fields.Integer(
        related="company_id.kpi_deadline_day_quarter", readonly=False
    )
    kpi_deadline_day_year = fields.Integer(
        related="company_id.kpi_deadline_day_year", readonly=False
    )
    kpi_report_days_quarter = fields.Integer(
        related="company_id.kpi_report_days_quarter", readonly=False
    )
    kpi_report_days_year = fields.Integer(
        related="company_id.kpi_report_days_year", readonly=False
    )
    kpi_weight_supervisor = fields.Float(
        related="company_id.kpi_weight_supervisor", readonly=False
    )
    kpi_weight_customer = fields.Float(
        related="company_id.kpi_weight_customer", readonly=False
    )
    kpi_weight_self = fields.Float(related="company_id.kpi_weight_self", readonly=False)
