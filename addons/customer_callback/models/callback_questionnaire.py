from odoo import fields, models


class CallbackQuestionnaire(models.Model):
    """CB-10: a questionnaire template for a callback type."""

    _name = "callback.questionnaire"
    _inherit = ["callback.shared.configuration"]
    _description = "Callback Questionnaire"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Empty: shared by all companies (CB-18: then only an administrator"
        " changes it or its questions).",
    )
    question_ids = fields.One2many("callback.question", "questionnaire_id", copy=True)
    question_count = fields.Integer(compute="_compute_question_count")
    trigger_type_ids = fields.One2many("callback.trigger.type", "questionnaire_id")
    note = fields.Text(translate=True)

    def _compute_question_count(self):
        for questionnaire in self:
            questionnaire.question_count = len(questionnaire.question_ids)
