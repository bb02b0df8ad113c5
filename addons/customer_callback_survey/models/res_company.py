from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import invitation


class ResCompany(models.Model):
    _inherit = "res.company"

    callback_survey_days = fields.Integer(
        string="Survey Answer Delay (days)",
        default=invitation.DEFAULT_DAYS,
        help="CB-14: days a customer has to answer an online survey; then the"
        " plan falls back to a phone callback and the survey counts as not"
        " returned.",
    )

    @api.constrains("callback_survey_days")
    def _check_callback_survey_days(self):
        for company in self:
            try:
                invitation.check_days(company.callback_survey_days)
            except invitation.SurveyRuleError:
                raise ValidationError(
                    self.env._(
                        "The survey answer delay is from 1 to %(max)s days,"
                        " not %(days)s.",
                        max=invitation.MAX_DAYS,
                        days=company.callback_survey_days,
                    )
                ) from None
