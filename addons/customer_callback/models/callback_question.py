from odoo import fields, models


class CallbackQuestion(models.Model):
    """CB-10: one scored question; CB-11: the department answering for it."""

    _name = "callback.question"
    _inherit = ["callback.shared.configuration"]
    _description = "Callback Question"
    _order = "questionnaire_id, sequence, id"

    questionnaire_id = fields.Many2one(
        "callback.questionnaire", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="questionnaire_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Question", required=True, translate=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        help="CB-11: a dissatisfied answer to this question is escalated to it.",
    )

    def _configuration_owner(self):
        # CB-18: a question is shared with its questionnaire
        return self.questionnaire_id
