from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import questionnaire


class CallbackAnswer(models.Model):
    """CB-10: one scored answer of a callback record."""

    _name = "callback.answer"
    _description = "Callback Answer"
    _order = "record_id, sequence, id"
    _check_company_auto = True

    record_id = fields.Many2one(
        "callback.record", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="record_id.company_id", store=True, index=True, precompute=True
    )
    question_id = fields.Many2one(
        "callback.question", required=True, check_company=True
    )
    sequence = fields.Integer(related="question_id.sequence", store=True)
    score = fields.Integer(help="1 (very dissatisfied) to 5 (very satisfied).")
    note = fields.Char()
    dissatisfied = fields.Boolean(compute="_compute_dissatisfied", store=True)

    @api.depends("score", "record_id.company_id.callback_dissatisfied_score")
    def _compute_dissatisfied(self):
        for answer in self:
            threshold = answer.record_id.company_id.callback_dissatisfied_score or 2
            answer.dissatisfied = bool(answer.score) and answer.score <= threshold

    @api.constrains("question_id", "record_id")
    def _check_question(self):
        """CB-10: only the questions of the record's questionnaire can be
        answered."""
        for answer in self:
            if answer.question_id.questionnaire_id != answer.record_id.questionnaire_id:
                raise ValidationError(
                    self.env._(
                        "The question %(question)s is not in the questionnaire"
                        " %(questionnaire)s of callback record %(record)s.",
                        question=answer.question_id.name,
                        questionnaire=answer.record_id.questionnaire_id.name
                        or self.env._("(none)"),
                        record=answer.record_id.name,
                    )
                )

    @api.constrains("score")
    def _check_score(self):
        for answer in self:
            if answer.score and not (
                questionnaire.MIN_SCORE <= answer.score <= questionnaire.MAX_SCORE
            ):
                raise ValidationError(
                    self.env._(
                        "A score is between %(min)s and %(max)s, not %(score)s"
                        " (question: %(question)s).",
                        min=questionnaire.MIN_SCORE,
                        max=questionnaire.MAX_SCORE,
                        score=answer.score,
                        question=answer.question_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = self.env["callback.record"].browse(
            [vals.get("record_id") for vals in vals_list if vals.get("record_id")]
        )
        records._check_answers_editable()
        return super().create(vals_list)

    def write(self, vals):
        if {"dissatisfied", "company_id", "sequence"} & set(vals) and not self.env.su:
            raise UserError(self.env._("These fields of an answer are computed."))
        self.record_id._check_answers_editable()
        if vals.get("record_id"):
            # X-07 CB-09: an answer is not moved into a filed (locked) record
            self.env["callback.record"].browse(
                vals["record_id"]
            )._check_answers_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done_record(self):
        self.record_id._check_answers_editable()
