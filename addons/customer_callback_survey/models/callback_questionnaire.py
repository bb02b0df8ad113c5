from odoo import Command, fields, models
from odoo.exceptions import UserError

from odoo.addons.customer_callback.engine import questionnaire as rules


class CallbackQuestionnaire(models.Model):
    """CB-10: a questionnaire answered by the customer online through an Odoo
    survey, scored like the one staff fill in."""

    _inherit = "callback.questionnaire"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Online Survey",
        copy=False,
        help="CB-08: plans on the online-survey channel invite the customer to"
        " answer this survey. Its scale questions linked to a callback question"
        " give the scores (1-5) of the callback record.",
    )

    def action_generate_survey(self):
        """CB-10: an Odoo survey made from the questions: one 1-5 scale per
        question, then a free text for the customer's remarks. Callback
        managers (who may edit questionnaires) generate it."""
        self.ensure_one()
        self.check_access("write")
        if self.survey_id:
            raise UserError(
                self.env._(
                    "Questionnaire %(name)s already has an online survey.",
                    name=self.name,
                )
            )
        if not self.question_ids:
            raise UserError(
                self.env._(
                    "Questionnaire %(name)s has no question to ask online.",
                    name=self.name,
                )
            )
        # sudo: a callback manager need not be a Survey officer; the survey is
        # the questionnaire's, made once, after the write check above
        survey = self.env["survey.survey"].sudo().create(self._prepare_survey_vals())
        self._copy_translations(survey)
        self.survey_id = survey
        return True

    def _prepare_survey_vals(self):
        self.ensure_one()
        low = self.env._("Very dissatisfied")
        high = self.env._("Very satisfied")
        questions = [
            Command.create(
                {
                    "title": question.name,
                    "sequence": index,
                    "question_type": "scale",
                    "scale_min": rules.MIN_SCORE,
                    "scale_max": rules.MAX_SCORE,
                    "scale_min_label": low,
                    "scale_max_label": high,
                    "constr_mandatory": True,
                    "callback_question_id": question.id,
                }
            )
            for index, question in enumerate(self.question_ids, start=1)
        ]
        questions.append(
            Command.create(
                {
                    "title": self.env._("Anything else you would like to tell us?"),
                    "sequence": len(questions) + 1,
                    "question_type": "text_box",
                    "constr_mandatory": False,
                }
            )
        )
        return {
            "title": self.name,
            "description": self.note or False,
            "access_mode": "token",
            "questions_layout": "one_page",
            "users_can_go_back": False,
            "is_attempts_limited": True,
            "attempts_limit": 1,
            "question_and_page_ids": questions,
        }

    def _copy_translations(self, survey):
        """The customer reads the survey in their language (CB-16): the
        questions' translations go with them."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        if len(langs) < 2:
            return
        by_question = {q.callback_question_id: q for q in survey.question_ids}
        for question in self.question_ids:
            names = {
                lang: question.with_context(lang=lang).name
                for lang in langs
                if question.with_context(lang=lang).name
            }
            target = by_question.get(question)
            if target and names:
                target.update_field_translations("title", names)
        titles = {lang: self.with_context(lang=lang).name for lang in langs}
        survey.update_field_translations("title", titles)
