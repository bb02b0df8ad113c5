from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SurveyCallbackCase


@tagged("post_install", "-at_install")
class TestSurveyChannel(SurveyCallbackCase):
    # ----------------------------------------------------------- questionnaire
    def test_generated_survey_scores_like_the_questionnaire(self):
        # CB-10: one 1-5 scale per callback question, asked to invited
        # customers only (token), answered once
        scales = self.survey.question_ids.filtered(lambda q: q.question_type == "scale")
        self.assertEqual(scales.callback_question_id, self.questionnaire.question_ids)
        self.assertEqual(set(scales.mapped("scale_min")), {1})
        self.assertEqual(set(scales.mapped("scale_max")), {5})
        self.assertEqual(self.survey.access_mode, "token")
        self.assertTrue(self.survey.is_attempts_limited)
        self.assertEqual(self.survey.attempts_limit, 1)
        self.assertEqual(len(self.s_remarks), 1)

    def test_generate_twice_or_empty_refused(self):
        # a questionnaire has one survey; an empty one has nothing to ask
        with self.assertRaises(UserError):
            self.questionnaire.with_user(self.manager).action_generate_survey()
        empty = self.env["callback.questionnaire"].create({"name": "Empty"})
        with self.assertRaises(UserError):
            empty.with_user(self.manager).action_generate_survey()
        self.assertFalse(empty.survey_id)

    def test_staff_cannot_generate_a_survey(self):
        # questionnaires are the manager's
        other = self.env["callback.questionnaire"].create(
            {"name": "Other", "question_ids": [(0, 0, {"name": "Quality"})]}
        )
        with self.assertRaises(AccessError):
            other.with_user(self.staff).action_generate_survey()
        self.assertFalse(other.survey_id)

    def test_linked_question_must_be_a_callback_scale(self):
        # CB-10: a survey question scoring a callback question is a 1-5 scale
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.s_quality.scale_max = 10
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.s_remarks.callback_question_id = self.q_quality
        self.assertEqual(self.s_quality.scale_max, 5)

    # -------------------------------------------------------------- invitation
    def test_plan_on_survey_channel_sends_its_invitation(self):
        # CB-08: the plan invites the customer: a mail in the queue with the
        # survey link of this customer's answer
        plan = self._new_plan()
        user_input = plan.sudo().survey_user_input_id
        self.assertEqual(plan.survey_state, "sent")
        self.assertEqual(user_input.partner_id, self.customer)
        self.assertEqual(user_input.callback_plan_id, plan)
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(self.customer.email, mail.email_to)
        self.assertIn(
            f"/survey/start/{self.survey.access_token}"
            f"?answer_token={user_input.access_token}",
            mail.body_html,
        )
        # the assignee has no call to make while the customer may answer
        self.assertFalse(plan.activity_ids)
        # CB-14: the answer expires with the company's delay
        self.assertEqual(user_input.deadline, plan.survey_send_date + timedelta(days=3))
        self.assertEqual(plan.survey_deadline, user_input.deadline)

    def test_invitation_at_preferred_time_in_customer_language(self):
        # CB-16: the mail goes out at the customer's preferred contact time,
        # in their language
        self.env["res.lang"]._activate_lang("fr_FR")
        template = self.env.ref(
            "customer_callback_survey.mail_template_callback_survey_invite"
        )
        template.update_field_translations(
            "subject", {"fr_FR": "Votre avis sur notre service"}
        )
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        customer = self.customer.copy(
            {"name": "Hotel Paris", "lang": "fr_FR", "callback_preferred_time": 20.0}
        )
        plan = self._new_plan(partner=customer)
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "survey.user_input"),
                ("res_id", "=", plan.sudo().survey_user_input_id.id),
            ]
        )
        self.assertEqual(mail.subject, "Votre avis sur notre service")
        self.assertEqual(mail.scheduled_date, plan.survey_send_date)
        local = self.company._callback_local(plan.survey_send_date)
        self.assertEqual((local.hour, local.minute), (20, 0))
        self.assertGreaterEqual(
            plan.survey_send_date, fields.Datetime.now() - timedelta(minutes=1)
        )

    def test_no_invitation_without_email_or_survey(self):
        # CB-08 CB-16: no address, an opt-out or no survey: nothing is sent,
        # the assignee keeps the call to-do, the button says why
        no_mail = self.customer.copy({"name": "No Mail Co", "email": False})
        plan = self._new_plan(partner=no_mail)
        self.assertFalse(plan.survey_state)
        self.assertTrue(plan.activity_ids)
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            plan.with_user(self.manager).action_send_survey()
        opted_out = self.customer.copy({"name": "Quiet Co", "callback_dnd": True})
        plan = self._new_plan(partner=opted_out)
        self.assertFalse(plan.survey_state)
        with self.assertRaisesRegex(UserError, "does not wish"):
            plan.with_user(self.manager).action_send_survey()
        phone_only = self.env["callback.questionnaire"].create({"name": "Phone"})
        plan = self._new_plan(
            partner=self.customer.copy({"name": "Phone Co"}),
            questionnaire_id=phone_only.id,
        )
        self.assertFalse(plan.survey_state)
        with self.assertRaisesRegex(UserError, "no online survey"):
            plan.with_user(self.manager).action_send_survey()

    def test_send_button_after_fixing_the_address(self):
        # CB-08: the manager sends the invitation once the customer has an
        # address; a second send is refused
        partner = self.customer.copy({"name": "Later Mail Co", "email": False})
        plan = self._new_plan(partner=partner)
        partner.email = "later@example.com"
        plan.with_user(self.manager).action_send_survey()
        self.assertEqual(plan.survey_state, "sent")
        self.assertFalse(plan.activity_ids)
        with self.assertRaisesRegex(UserError, "already sent"):
            plan.with_user(self.manager).action_send_survey()

    def test_manager_switching_to_survey_sends(self):
        # CB-08: a manager moving a phone plan to the online channel invites
        plan = self._new_plan(channel="phone")
        self.assertFalse(plan.survey_state)
        plan.with_user(self.manager).channel = "survey"
        self.assertEqual(plan.survey_state, "sent")

    # ------------------------------------------------------------ the answer
    def test_answer_files_the_record_and_closes_the_plan(self):
        # CB-09 CB-10: the customer's answers are the callback record: reached,
        # answers, satisfaction; the plan is done
        plan = self._new_plan()
        self._answer(
            plan, {self.s_quality: 5, self.s_conduct: 4}, remark="Quick install"
        )
        record = plan.record_ids
        self.assertEqual(len(record), 1)
        self.assertEqual(record.state, "done")
        self.assertEqual(record.channel, "survey")
        self.assertTrue(record.reached)
        self.assertTrue(record.answered)
        self.assertEqual(record.employee_id, self.staff_employee)
        self.assertEqual(
            {(a.question_id, a.score) for a in record.answer_ids},
            {(self.q_quality, 5), (self.q_conduct, 4)},
        )
        self.assertEqual(record.satisfaction, 90.0)
        self.assertFalse(record.dissatisfied)
        self.assertEqual(record.issues, "Quick install")
        self.assertFalse(record.report_late)
        self.assertFalse(record.escalation_ids)
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.survey_state, "answered")
        # the assignee reads the record the customer filed
        self.assertEqual(record.with_user(self.staff).satisfaction, 90.0)

    def test_dissatisfied_answer_escalates_as_a_phone_callback_does(self):
        # CB-11: a dissatisfied answer escalates to the question's department,
        # exactly as the staff's filing does
        plan = self._new_plan()
        self._answer(plan, {self.s_quality: 4, self.s_conduct: 1})
        record = plan.record_ids
        self.assertTrue(record.dissatisfied)
        self.assertEqual(record.satisfaction, 50.0)
        escalation = record.escalation_ids
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.department_id, self.roles.complaint_department)
        self.assertIn("Installer conduct: 1", escalation.description)
        # the same answers filed by staff on a phone plan escalate the same way
        phone_plan = self._new_plan(
            partner=self.customer.copy({"name": "Phone Co"}), channel="phone"
        )
        phone = (
            self.env["callback.record"]
            .with_user(self.staff)
            .create(
                {
                    "plan_id": phone_plan.id,
                    "reached": True,
                    "answer_ids": [
                        (0, 0, {"question_id": self.q_quality.id, "score": 4}),
                        (0, 0, {"question_id": self.q_conduct.id, "score": 1}),
                    ],
                }
            )
        )
        phone.action_done()
        self.assertEqual(phone.escalation_ids.department_id, escalation.department_id)
        self.assertEqual(phone.satisfaction, record.satisfaction)

    def test_threshold_is_the_company_setting(self):
        # CB-11: the 'dissatisfied' threshold of the company applies online too
        self.company.callback_dissatisfied_score = 3
        plan = self._new_plan()
        self._answer(plan, {self.s_quality: 3, self.s_conduct: 5})
        self.assertTrue(plan.record_ids.dissatisfied)
        self.assertEqual(len(plan.record_ids.escalation_ids), 1)

    def test_answering_twice_files_one_record(self):
        # X-07 CB-09: a second closing of the same answer files nothing more
        plan = self._new_plan()
        user_input = self._answer(plan, {self.s_quality: 5, self.s_conduct: 5})
        user_input._mark_done()
        self.assertEqual(len(plan.record_ids), 1)

    def test_answer_of_a_plan_done_by_phone_files_nothing(self):
        # CB-09: staff called first and filed; the late survey adds no record
        plan = self._new_plan()
        record = (
            self.env["callback.record"]
            .with_user(self.staff)
            .create({"plan_id": plan.id, "reached": True})
        )
        record.action_done()
        self._answer(plan, {self.s_quality: 1, self.s_conduct: 1})
        self.assertEqual(plan.record_ids, record)
        self.assertFalse(record.escalation_ids)

    def test_answer_not_linked_to_a_plan_files_nothing(self):
        # only a plan's own invitation files a record (a survey answer
        # of the same survey without a plan: nothing)
        plan = self._new_plan()
        stray = self.survey.sudo()._create_answer(
            partner=self.customer, check_attempts=False
        )
        stray._save_lines(self.s_quality, "1")
        stray._mark_done()
        self.assertFalse(plan.record_ids)
        self.assertEqual(plan.survey_state, "sent")

    def test_score_off_the_scale_is_refused(self):
        # the customer cannot pick a value off the 1-5 scale, so no
        # satisfaction outside 0-100
        for bad in ("9", "0", "-2", "abc", "2.5"):
            self.assertIn(self.s_quality.id, self.s_quality.validate_question(bad))
        self.assertEqual(self.s_quality.validate_question("5"), {})
        # a value forced into the answer line is refused at filing, nothing
        # is filed
        plan = self._new_plan()
        user_input = plan.sudo().survey_user_input_id
        user_input._save_lines(self.s_quality, "9")
        with self.assertRaisesRegex(UserError, "cannot be scored"):
            user_input._mark_done()
        self.assertFalse(plan.record_ids)

    # ------------------------------------------------------------ fallback
    def test_no_answer_falls_back_to_a_phone_callback(self):
        # CB-14: after the company's days the plan is the assignee's phone
        # callback (a to-do) and the survey counts as not returned
        plan = self._new_plan()
        Plan = self.env["callback.plan"]
        early = plan.survey_deadline - timedelta(hours=1)
        self.assertFalse(Plan._cron_survey_fallback(now=early))
        self.assertEqual(plan.survey_state, "sent")
        fallen = Plan._cron_survey_fallback(now=plan.survey_deadline)
        self.assertEqual(fallen, plan)
        self.assertEqual(plan.survey_state, "not_returned")
        self.assertEqual(plan.channel, "phone")
        self.assertEqual(plan.state, "planned")
        activity = plan.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.staff)
        not_returned = plan.record_ids
        self.assertEqual(not_returned.state, "done")
        self.assertEqual(not_returned.channel, "survey")
        self.assertFalse(not_returned.reached)
        self.assertFalse(not_returned.answered)
        # the late answer files nothing: the survey closed with the deadline
        self._answer(plan, {self.s_quality: 5, self.s_conduct: 5})
        self.assertEqual(plan.record_ids, not_returned)
        # the assignee calls and files as usual: the plan is done
        phone = (
            self.env["callback.record"]
            .with_user(self.staff)
            .create(
                {
                    "plan_id": plan.id,
                    "reached": True,
                    # CB-10: every question answered, the questionnaire is
                    # returned
                    "answer_ids": [
                        (0, 0, {"question_id": self.q_quality.id, "score": 5}),
                        (0, 0, {"question_id": self.q_conduct.id, "score": 4}),
                    ],
                }
            )
        )
        phone.action_done()
        self.assertEqual(plan.state, "done")
        self.assertFalse(plan.activity_ids)
        # CB-14: two attempts, one returned questionnaire: return rate 50 %
        self.env.flush_all()
        figure = self.env["callback.figure"].search(
            [("employee_id", "=", self.staff_employee.id)]
        )
        self.assertEqual(sum(figure.mapped("record_count")), 2)
        self.assertEqual(sum(figure.mapped("answered_count")), 1)
        self.assertEqual(
            self.env["callback.figure"]._read_group(
                [("employee_id", "=", self.staff_employee.id)],
                [],
                ["return_rate:avg"],
            )[0][0],
            50.0,
        )

    def test_fallback_is_batched_and_skips_answered(self):
        # CB-14: one daily run handles every due plan; answered ones stay
        partners = (
            self.customer.copy({"name": "Batch 1"})
            | self.customer.copy({"name": "Batch 2"})
            | self.customer.copy({"name": "Batch 3"})
        )
        plans = self.env["callback.plan"]
        for partner in partners:
            plans |= self._new_plan(partner=partner)
        self._answer(plans[0], {self.s_quality: 5, self.s_conduct: 5})
        later = max(plans.mapped("survey_deadline")) + timedelta(days=1)
        fallen = self.env["callback.plan"]._cron_survey_fallback(now=later)
        self.assertEqual(fallen, plans[1:])
        self.assertEqual(plans[0].survey_state, "answered")
        self.assertEqual(set(plans[1:].mapped("survey_state")), {"not_returned"})
        # run again: nothing more
        self.assertFalse(self.env["callback.plan"]._cron_survey_fallback(now=later))
        self.assertEqual(len(plans[1:].record_ids), 2)

    def test_answer_delay_setting_refuses_bad_input(self):
        # X-03 CB-14: the delay is 1-365 days, refused otherwise, unchanged
        for bad in (0, -2, 400):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.company.callback_survey_days = bad
        self.assertEqual(self.company.callback_survey_days, 3)
