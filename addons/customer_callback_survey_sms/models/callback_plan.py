from odoo import api, fields, models
from odoo.exceptions import UserError

# set by the invitation and its SMS only
SMS_PLAN_FIELDS = {"survey_sms_state", "survey_sms_date"}


class CallbackPlan(models.Model):
    """CB-08 CB-16: the online-survey invitation also goes by SMS to a
    customer with a mobile number, at their preferred contact time, in their
    language, through Odoo's SMS (its queue sends it)."""

    _inherit = "callback.plan"

    survey_sms_state = fields.Selection(
        [("due", "To Send"), ("sent", "Sent")],
        string="Survey SMS",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    survey_sms_date = fields.Datetime(string="Survey SMS Sent On", readonly=True)

    @api.model
    def default_get(self, fields_list):
        """X-07: no context default fills an SMS field."""
        defaults = super().default_get(fields_list)
        for name in SMS_PLAN_FIELDS:
            defaults.pop(name, None)
        return defaults

    def _check_survey_fields(self, vals):
        protected = set(vals) & SMS_PLAN_FIELDS
        if protected:
            raise UserError(
                self.env._(
                    "The SMS of a survey invitation is sent by the server only:"
                    " %(fields)s.",
                    fields=", ".join(sorted(protected)),
                )
            )
        return super()._check_survey_fields(vals)

    def _survey_send_invitations(self):
        """The e-mail goes out at the preferred time (CB-16); the SMS of the
        plans whose customer has a mobile number, not on Odoo's phone
        blacklist, waits for the same moment."""
        inputs = super()._survey_send_invitations()
        plans = inputs.callback_plan_id.filtered(
            lambda plan: plan.partner_id.phone_sanitized
            # sudo: Odoo's opt-out list, read for the server's invitation
            and not plan.partner_id.sudo().phone_sanitized_blacklisted
        )
        if plans:
            plans._write_workflow({"survey_sms_state": "due"})
            plans._survey_send_sms_due()
        return inputs

    @api.model
    def _cron_survey_sms(self):
        """Hourly: the SMS whose moment has come, in one batch."""
        plans = self.search(
            [
                ("survey_sms_state", "=", "due"),
                ("survey_state", "=", "sent"),
                ("survey_send_date", "<=", fields.Datetime.now()),
            ]
        )
        plans._survey_send_sms_due()
        return plans

    def _survey_send_sms_due(self):
        """The SMS of the plans whose moment has come, posted on each survey
        answer through Odoo's own SMS notification (``_message_sms``: the
        SMS queue sends it, the answer's chatter keeps its trace), in the
        customer's language; done as the server."""
        now = fields.Datetime.now()
        plans = self.sudo().filtered(
            lambda plan: plan.survey_sms_state == "due"
            and plan.survey_state == "sent"
            and plan.survey_send_date
            and plan.survey_send_date <= now
        )
        messages = self.env["mail.message"]
        for plan in plans:
            partner = plan.partner_id
            user_input = plan.survey_user_input_id
            url = user_input.get_base_url() + user_input.get_start_url()
            body = plan.with_context(lang=partner.lang or None).env._(
                "%(company)s: how did we do? Please answer our short survey: %(url)s",
                company=plan.company_id.name,
                url=url,
            )
            messages |= user_input._message_sms(
                body,
                partner_ids=partner.ids,
                sms_pid_to_number={partner.id: partner.phone_sanitized},
                put_in_queue=True,  # a batch: Odoo's SMS queue sends it
            )
        if plans:
            plans._write_workflow({"survey_sms_state": "sent", "survey_sms_date": now})
        return messages
