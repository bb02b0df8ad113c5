from odoo import models
from odoo.exceptions import AccessError

MANAGER_GROUP = "customer_callback.group_customer_callback_manager"


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    def write(self, vals):
        self._check_callback_survey_editor()
        return super().write(vals)

    def unlink(self):
        self._check_callback_survey_editor()
        return super().unlink()

    def _check_callback_survey_editor(self):
        """X-07: the survey of a callback questionnaire scores the callback
        staff: only a callback manager changes it (its questions, scales,
        access), not a Survey officer who is scored by it."""
        if self.env.su or not self or self.env.user.has_group(MANAGER_GROUP):
            return
        # sudo: which surveys are a questionnaire's, whoever may read them
        linked = (
            self.env["callback.questionnaire"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("survey_id", "in", self.ids)], limit=1)
        )
        if linked:
            raise AccessError(
                self.env._(
                    "Only a callback manager changes the survey of a callback"
                    " questionnaire."
                )
            )
