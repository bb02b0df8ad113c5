from odoo import api, fields, models
from odoo.exceptions import UserError


class CallbackRecord(models.Model):
    _inherit = "callback.record"

    survey_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="CB-08: the online survey the customer answered (or left"
        " unanswered) for this record.",
    )

    # CB-09: one survey answer files one record, even when sent twice at once
    _sql_constraints = [
        (
            "survey_user_input_unique",
            "UNIQUE (survey_user_input_id)",
            "A survey answer files one callback record only.",
        )
    ]

    @api.model
    def default_get(self, fields_list):
        """X-07: no context default links a record to a survey answer."""
        defaults = super().default_get(fields_list)
        defaults.pop("survey_user_input_id", None)
        return defaults

    def _check_create_rights(self, vals_list):
        if any(vals.get("survey_user_input_id") for vals in vals_list):
            raise UserError(
                self.env._("Only the customer's survey answer files an online record.")
            )
        return super()._check_create_rights(vals_list)

    def _check_write_rights(self, vals):
        if "survey_user_input_id" in vals:
            raise UserError(
                self.env._("Only the customer's survey answer files an online record.")
            )
        return super()._check_write_rights(vals)
