import uuid

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.customer_callback.engine import questionnaire as rules
from odoo.addons.customer_callback.models.callback_plan import MANAGER_GROUP

from ..engine import invitation

SURVEY_STATES = [
    ("sent", "Invitation Sent"),
    ("answered", "Answered"),
    ("not_returned", "Not Returned"),
]
# set by the invitation, the customer's answer and the fallback only
SURVEY_PLAN_FIELDS = {
    "survey_state",
    "survey_user_input_id",
    "survey_send_date",
    "survey_deadline",
}


class CallbackPlan(models.Model):
    """CB-08: a plan on the online-survey channel invites the customer to
    answer the questionnaire's survey; the answer files the record, no answer
    falls back to a phone callback (CB-14)."""

    _inherit = "callback.plan"

    survey_state = fields.Selection(
        SURVEY_STATES,
        string="Survey Invitation",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
    )
    survey_user_input_id = fields.Many2one(
        "survey.user_input", readonly=True, copy=False, index="btree_not_null"
    )
    survey_send_date = fields.Datetime(
        string="Invitation Sent On",
        readonly=True,
        copy=False,
        help="CB-16: the customer's preferred contact time.",
    )
    survey_deadline = fields.Datetime(
        string="Survey Answer Deadline",
        readonly=True,
        copy=False,
        help="CB-14: without an answer by then, the plan falls back to a phone"
        " callback.",
    )

    # ---------------------------------------------------------------- CRUD
    @api.model
    def default_get(self, fields_list):
        """X-07: no context default or user default fills an invitation field."""
        defaults = super().default_get(fields_list)
        for name in SURVEY_PLAN_FIELDS:
            defaults.pop(name, None)
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._survey_send_invitations()
        return plans

    def write(self, vals):
        result = super().write(vals)
        if vals.get("channel") == "survey":
            self._survey_send_invitations()
        return result

    # ------------------------------------------------------------ actions
    def action_send_survey(self):
        """CB-08: the assignee's manager sends the invitation of a plan on the
        online-survey channel (e.g. after adding the customer's e-mail)."""
        self._check_workflow_access()
        self._check_survey_planner(self.employee_id)
        sendable, reasons = self._survey_sendable()
        if reasons:
            raise UserError("\n".join(reasons))
        sendable._survey_send_invitations()
        return True

    # ---------------------------------------------------------------- cron
    @api.model
    def _cron_survey_fallback(self, now=None):
        """CB-14: a daily job; the unanswered invitations past their deadline
        fall back to a phone callback, in one batch."""
        now = fields.Datetime.to_datetime(now) if now else fields.Datetime.now()
        plans = self.search(
            [
                ("survey_state", "=", "sent"),
                ("survey_deadline", "<=", now),
                ("state", "in", ("planned", "missed")),
            ]
        )
        plans = plans.filtered(
            lambda plan: invitation.is_not_returned(
                plan.survey_state, plan.survey_deadline, now
            )
        )
        if plans:
            plans._survey_fall_back(now)
        return plans

    # ---------------------------------------------------------- X-07 guards
    def _check_create_rights(self, vals_list):
        for vals in vals_list:
            self._check_survey_fields(vals)
            if vals.get("channel") == "survey":
                self._check_survey_planner(
                    self.env["hr.employee"].browse(vals.get("employee_id"))
                )
        return super()._check_create_rights(vals_list)

    def _check_survey_planner(self, employees):
        """X-07: the customer's answer to a survey scores the plan's assignee
        (satisfaction, CB-14): a survey plan is created or sent by a callback
        manager, never for themselves, or by an event; not by the staff member
        it scores (who could route it to an address of their own)."""
        if not self.env.user.has_group(MANAGER_GROUP) or self.env.user in (
            employees.sudo().user_id  # sudo: the assignees' users
        ):
            raise AccessError(
                self.env._(
                    "A callback on the online-survey channel is planned and sent"
                    " by a callback manager, not by the staff member it scores."
                )
            )

    def _check_write_rights(self, vals):
        self._check_survey_fields(vals)
        return super()._check_write_rights(vals)

    def _check_survey_fields(self, vals):
        protected = set(vals) & SURVEY_PLAN_FIELDS
        if protected:
            raise UserError(
                self.env._(
                    "These fields of a callback plan change through its survey"
                    " invitation only: %(fields)s.",
                    fields=", ".join(sorted(protected)),
                )
            )

    # ------------------------------------------------------------- helpers
    def _create_activities(self):
        """CB-08: a plan whose customer was invited answers online: no call
        to-do for its assignee (the fallback gives one, CB-14)."""
        waiting = self.filtered(lambda plan: plan.survey_state == "sent")
        return super(CallbackPlan, self - waiting)._create_activities()

    def _survey_sendable(self):
        """The plans whose invitation can go out now, and why the others
        cannot (translated)."""
        sendable = self.browse()
        reasons = []
        for plan in self:
            partner = plan.partner_id
            if plan.channel != "survey" or plan.state != "planned":
                reason = self.env._(
                    "%(plan)s is not a planned callback on the online-survey channel.",
                    plan=plan.name,
                )
            elif plan.survey_state in ("sent", "answered"):
                reason = self.env._(
                    "The survey of %(plan)s was already sent.", plan=plan.name
                )
            elif not plan.questionnaire_id.survey_id:
                reason = self.env._(
                    "The questionnaire of %(plan)s has no online survey.",
                    plan=plan.name,
                )
            elif partner.callback_dnd:
                reason = self.env._(
                    "%(partner)s does not wish to be contacted (CB-16).",
                    partner=partner.display_name,
                )
            elif not partner.email:
                reason = self.env._(
                    "%(partner)s has no e-mail address for the survey.",
                    partner=partner.display_name,
                )
            else:
                sendable |= plan
                continue
            reasons.append(reason)
        return sendable, reasons

    def _survey_send_invitations(self):
        """CB-08 CB-16: one survey answer per plan, invited by e-mail in the
        customer's language at their preferred contact time; in one batch.
        Called after the caller's rights were checked (create, write, the
        button): runs as the server."""
        on_channel = self.filtered(lambda plan: plan.channel == "survey")
        plans, _reasons = on_channel._survey_sendable()
        if not plans:
            return self.env["survey.user_input"]
        # sudo: the invitation is the server's act; staff need no Survey rights
        plans = plans.sudo()
        now = fields.Datetime.now()
        moments = {}
        vals_list = []
        for plan in plans:
            send_at = plan.partner_id._callback_preferred_moment(now, plan.company_id)
            deadline = invitation.answer_deadline(
                send_at, plan.company_id.callback_survey_days
            )
            moments[plan] = (send_at, deadline)
            vals_list.append(
                {
                    "survey_id": plan.questionnaire_id.survey_id.id,
                    "partner_id": plan.partner_id.id,
                    "email": plan.partner_id.email,
                    "nickname": plan.partner_id.name,
                    "deadline": deadline,
                    "invite_token": str(uuid.uuid4()),
                    "callback_plan_id": plan.id,
                }
            )
        inputs = self.env["survey.user_input"].sudo().create(vals_list)
        for plan, user_input in zip(plans, inputs, strict=True):
            send_at, deadline = moments[plan]
            plan._write_workflow(
                {
                    "survey_state": "sent",
                    "survey_user_input_id": user_input.id,
                    "survey_send_date": send_at,
                    "survey_deadline": deadline,
                }
            )
        plans._close_activities()
        template = self.env.ref(
            "customer_callback_survey.mail_template_callback_survey_invite"
        )
        template.sudo().send_mail_batch(inputs.ids)
        body = self.env._("Online survey invitation sent to the customer.")
        plans._message_log_batch(dict.fromkeys(plans.ids, body))
        return inputs

    @api.model
    def _survey_file_answers(self, user_inputs):
        """CB-09 CB-11: the answers of ``user_inputs`` file one callback record
        each, through the staff's filing path (``action_done``: the plan is
        done, a dissatisfied answer escalates). A plan is found from its own
        invitation: an answer that is not a plan's current invitation, or a
        plan already answered, done, cancelled or fallen back, files nothing."""
        plans = self.search(
            [
                ("survey_user_input_id", "in", user_inputs.ids),
                ("survey_state", "=", "sent"),
                ("state", "in", ("planned", "missed")),
            ]
        )
        if not plans:
            return self.env["callback.record"]
        vals_list = [plan._survey_record_vals() for plan in plans]
        records = self.env["callback.record"].create(vals_list)
        plans._write_workflow({"survey_state": "answered"})
        records.action_done()
        return records

    def _survey_record_vals(self):
        """CB-09 CB-10: the record of the customer's answer: reached, the
        scores of the linked questions, their remarks as issues raised."""
        self.ensure_one()
        user_input = self.survey_user_input_id
        lines = user_input.user_input_line_ids.filtered(lambda line: not line.skipped)
        scored = lines.filtered(lambda line: line.question_id.callback_question_id)
        try:
            scores = invitation.scores(
                [
                    (line.question_id.callback_question_id, line.value_scale)
                    for line in scored
                ],
                rules.MIN_SCORE,
                rules.MAX_SCORE,
            )
        except invitation.SurveyRuleError as error:
            raise UserError(
                self.env._(
                    "The survey answer cannot be scored: choose one value from"
                    " %(min)s to %(max)s per question.",
                    min=rules.MIN_SCORE,
                    max=rules.MAX_SCORE,
                )
            ) from error
        remarks = [
            line.value_text_box or line.value_char_box
            for line in lines
            if line.answer_type in ("text_box", "char_box")
            and (line.value_text_box or line.value_char_box)
        ]
        return self._survey_base_record_vals() | {
            "date": user_input.end_datetime or fields.Datetime.now(),
            "reached": True,
            "contact_name": user_input.partner_id.name or user_input.nickname,
            "issues": "\n".join(remarks) or False,
            "answer_ids": [
                Command.create({"question_id": question.id, "score": score})
                for question, score in scores
            ],
        }

    def _survey_base_record_vals(self):
        self.ensure_one()
        return {
            "plan_id": self.id,
            "partner_id": self.partner_id.id,
            "employee_id": self.employee_id.id,
            "company_id": self.company_id.id,
            "channel": "survey",
            "questionnaire_id": self.questionnaire_id.id,
            "survey_user_input_id": self.survey_user_input_id.id,
        }

    def _survey_fall_back(self, now):
        """CB-14: the survey counts as not returned (a done record, customer
        not reached, no answer: the return and success rates count it); the
        plan goes back to its assignee as a phone callback, with a to-do."""
        self.env["callback.record"].create(
            [
                plan._survey_base_record_vals()
                | {
                    "date": now,
                    "date_report": now,
                    "reached": False,
                    "state": "done",
                }
                for plan in self
            ]
        )
        self._write_workflow({"survey_state": "not_returned", "channel": "phone"})
        self._create_activities()
        body = self.env._(
            "The customer did not answer the online survey in time: call them back"
            " by phone."
        )
        self._message_log_batch(dict.fromkeys(self.ids, body))
