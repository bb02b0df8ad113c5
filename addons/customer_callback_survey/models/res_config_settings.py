from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    callback_survey_days = fields.Integer(
        related="company_id.callback_survey_days", readonly=False
    )
