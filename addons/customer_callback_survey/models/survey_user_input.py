from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError


class SurveyUserInput(models.Model):
    """CB-08: a customer's answer to a callback plan's survey invitation."""

    _inherit = "survey.user_input"

    callback_plan_id = fields.Many2one(
        "callback.plan",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The callback plan whose invitation this answer is.",
    )
    # stored for the record rule that hides the answer (and its token)
    # from the staff member it scores
    callback_user_id = fields.Many2one(
        "res.users", related="callback_plan_id.user_id", store=True
    )
    callback_send_date = fields.Datetime(related="callback_plan_id.survey_send_date")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("callback_plan_id") for vals in vals_list):
            raise UserError(
                self.env._("Only a callback plan's invitation links a survey to it.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "callback_plan_id" in vals:
            raise UserError(
                self.env._("Only a callback plan's invitation links a survey to it.")
            )
        return super().write(vals)

    def _save_lines(self, question, answer, comment=None, overwrite_existing=True):
        """A one-page callback survey refused for one bad value keeps the
        valid answers it saved: the customer corrects and sends the page again,
        which overwrites them (Odoo refuses that when going back is off)."""
        if self.callback_plan_id and self.state != "done":
            overwrite_existing = True
        return super()._save_lines(
            question, answer, comment=comment, overwrite_existing=overwrite_existing
        )

    def _mark_done(self):
        """CB-09 CB-11: the customer's answers file the callback record of the
        plan, through the path staff use (escalation, plan done). Run as the
        server, not as the public or portal customer, who gains no right on
        callback documents; the plan is found from its own invitation link,
        the token being the customer's only key."""
        result = super()._mark_done()
        linked = self.filtered("callback_plan_id")
        if linked:
            server = self.env(user=SUPERUSER_ID, su=True, context={})
            server["callback.plan"]._survey_file_answers(linked.with_env(server))
        return result
