from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.customer_callback.engine import questionnaire as rules

from ..engine import invitation


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    callback_question_id = fields.Many2one(
        "callback.question",
        index="btree_not_null",
        ondelete="set null",
        help="CB-10: the answer to this 1-5 scale is the score of this callback"
        " question in the callback record.",
    )

    @api.constrains("callback_question_id", "question_type", "scale_min", "scale_max")
    def _check_callback_scale(self):
        """CB-10: a survey answer scores a callback question on its own scale."""
        for question in self.filtered("callback_question_id"):
            if (
                question.question_type != "scale"
                or question.scale_min != rules.MIN_SCORE
                or question.scale_max != rules.MAX_SCORE
            ):
                raise ValidationError(
                    self.env._(
                        "Question %(question)s scores a callback question: it"
                        " must be a scale from %(min)s to %(max)s.",
                        question=question.title,
                        min=rules.MIN_SCORE,
                        max=rules.MAX_SCORE,
                    )
                )

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        questions = super().create(vals_list)
        questions.survey_id._check_callback_survey_editor()
        return questions

    def write(self, vals):
        self.survey_id._check_callback_survey_editor()
        if vals.get("survey_id"):
            self.env["survey.survey"].browse(
                vals["survey_id"]
            )._check_callback_survey_editor()
        return super().write(vals)

    def unlink(self):
        self.survey_id._check_callback_survey_editor()
        return super().unlink()

    # ------------------------------------------------------------- helpers
    def _validate_scale(self, answer):
        """X-03: Odoo takes any number for a scale; a callback score is a whole
        number on the callback scale, or the customer is told so (and nothing
        is saved)."""
        errors = super()._validate_scale(answer)
        if errors or not self.callback_question_id or answer in (None, "", False):
            return errors
        try:
            invitation.parse_score(answer, self.scale_min, self.scale_max)
        except invitation.SurveyRuleError:
            return {
                self.id: self.env._(
                    "Choose a value from %(min)s to %(max)s.",
                    min=self.scale_min,
                    max=self.scale_max,
                )
            }
        return errors
