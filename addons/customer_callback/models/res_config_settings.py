from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    callback_months_high = fields.Integer(
        related="company_id.callback_months_high", readonly=False
    )
    callback_months_medium = fields.Integer(
        related="company_id.callback_months_medium", readonly=False
    )
    callback_months_low = fields.Integer(
        related="company_id.callback_months_low", readonly=False
    )
    callback_sample_ratio = fields.Float(
        related="company_id.callback_sample_ratio", readonly=False
    )
    callback_quarter_cap = fields.Integer(
        related="company_id.callback_quarter_cap", readonly=False
    )
    callback_budget_per_quarter = fields.Monetary(
        related="company_id.callback_budget_per_quarter",
        readonly=False,
        currency_field="company_currency_id",
    )
    callback_cost_limit = fields.Monetary(
        related="company_id.callback_cost_limit",
        readonly=False,
        currency_field="company_currency_id",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    callback_weight_sale = fields.Float(
        related="company_id.callback_weight_sale", readonly=False
    )
    callback_weight_service = fields.Float(
        related="company_id.callback_weight_service", readonly=False
    )
    callback_periodic_days = fields.Integer(
        related="company_id.callback_periodic_days", readonly=False
    )
    callback_activity_days = fields.Integer(
        related="company_id.callback_activity_days", readonly=False
    )
    callback_dissatisfied_score = fields.Integer(
        related="company_id.callback_dissatisfied_score", readonly=False
    )
    callback_escalation_days = fields.Integer(
        related="company_id.callback_escalation_days", readonly=False
    )
    callback_department_id = fields.Many2one(
        related="company_id.callback_department_id", readonly=False
    )
