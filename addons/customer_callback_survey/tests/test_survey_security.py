from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SurveyCallbackCase

SURVEY_OFFICER = "survey.group_survey_user"


@tagged("post_install", "-at_install")
class TestSurveySecurity(SurveyCallbackCase):
    """X-07: the survey token is the customer's only key; the public or portal
    customer gains no right on callback documents; nobody forges, reads or
    answers the invitation that scores them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        officer = cls.env.ref(SURVEY_OFFICER)
        # staff and manager who are also Survey officers (Odoo's default for
        # new internal users)
        (cls.staff | cls.manager | cls.roles.other_user).write(
            {"groups_id": [Command.link(officer.id)]}
        )
        cls.plan = cls._new_plan(cls)

    def test_customer_gains_no_right_on_callbacks(self):
        # the answering customer (portal or public) reads nothing of ours
        self._answer(self.plan, {self.s_quality: 5, self.s_conduct: 5})
        public = self.env.ref("base.public_user")
        for user in (self.portal, public):
            for model in ("callback.record", "callback.plan", "callback.escalation"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.plan.record_ids.with_user(user).read(["satisfaction"])

    def test_plan_invitation_fields_are_the_workflow(self):
        # staff and managers do not write the invitation's fields
        for user in (self.staff, self.manager):
            for vals in (
                {"survey_state": "answered"},
                {"survey_state": False},
                {"survey_deadline": "2099-01-01 00:00:00"},
                {"survey_send_date": "2000-01-01 00:00:00"},
                {"survey_user_input_id": False},
            ):
                with self.assertRaises(UserError):
                    self.plan.with_user(user).write(vals)
        self.assertEqual(self.plan.survey_state, "sent")
        with self.assertRaises(UserError):
            self._new_plan(
                partner=self.customer.copy({"name": "Forged"}),
                survey_state="answered",
            )

    def test_context_default_forges_no_invitation_state(self):
        # a default_<field> context key fills no invitation field
        plan = (
            self.env["callback.plan"]
            .with_user(self.staff)
            .with_context(
                default_survey_state="not_returned",
                default_survey_deadline="2000-01-01 00:00:00",
            )
            .create(
                {
                    "partner_id": self.customer.copy({"name": "Ctx"}).id,
                    "employee_id": self.staff_employee.id,
                    "channel": "phone",
                    "date_deadline": "2099-01-01 00:00:00",
                }
            )
        )
        self.assertFalse(plan.survey_state)
        self.assertFalse(plan.survey_deadline)

    def test_nobody_links_an_answer_to_a_plan(self):
        # a Survey officer cannot point an answer at a plan, nor file a
        # record as a survey answer
        stray = self.survey.sudo()._create_answer(
            partner=self.customer, check_attempts=False
        )
        with self.assertRaises(UserError):
            stray.with_user(self.manager).write({"callback_plan_id": self.plan.id})
        with self.assertRaises(UserError):
            self.env["survey.user_input"].with_user(self.manager).create(
                {"survey_id": self.survey.id, "callback_plan_id": self.plan.id}
            )
        with self.assertRaises(UserError):
            self.env["callback.record"].with_user(self.staff).create(
                {"plan_id": self.plan.id, "survey_user_input_id": stray.id}
            )
        self.assertFalse(stray.callback_plan_id)
        self.assertFalse(self.plan.record_ids)

    def test_assignee_cannot_read_or_answer_their_own_survey(self):
        # the staff member scored by the survey does not see its token
        # nor its answers (even as a Survey officer); a colleague may
        user_input = self.plan.sudo().survey_user_input_id
        Input = self.env["survey.user_input"]
        self.assertFalse(
            Input.with_user(self.staff).search([("id", "=", user_input.id)])
        )
        with self.assertRaises(AccessError):
            user_input.with_user(self.staff).read(["access_token"])
        with self.assertRaises(AccessError):
            user_input.with_user(self.staff).write({"deadline": False})
        with self.assertRaises(AccessError):
            self.env["survey.user_input.line"].with_user(self.staff).create(
                {
                    "user_input_id": user_input.id,
                    "question_id": self.s_quality.id,
                    "answer_type": "scale",
                    "value_scale": 5,
                }
            )
        self.assertEqual(
            Input.with_user(self.roles.other_user).search([("id", "=", user_input.id)]),
            user_input,
        )

    def test_record_survey_link_is_not_writable(self):
        # staff cannot re-link a filed online record to another answer
        self._answer(self.plan, {self.s_quality: 5, self.s_conduct: 5})
        record = self.plan.record_ids
        with self.assertRaises(UserError):
            record.with_user(self.staff).write({"survey_user_input_id": False})
        self.assertTrue(record.survey_user_input_id)

    def test_scored_staff_do_not_edit_the_callback_survey(self):
        # a Survey officer scored by the survey does not change its
        # questions, scales or access; the callback manager does; other
        # surveys stay theirs
        staff = self.staff
        with self.assertRaises(AccessError):
            self.s_quality.with_user(staff).write({"scale_min_label": "Great"})
        with self.assertRaises(AccessError):
            self.survey.with_user(staff).write({"access_mode": "public"})
        with self.assertRaises(AccessError):
            self.env["survey.question"].with_user(staff).create(
                {
                    "survey_id": self.survey.id,
                    "title": "Bonus",
                    "question_type": "text_box",
                }
            )
        with self.assertRaises(AccessError):
            self.s_remarks.with_user(staff).unlink()
        with self.assertRaises(AccessError):
            self.survey.with_user(staff).unlink()
        self.assertEqual(self.survey.access_mode, "token")
        self.s_remarks.with_user(self.manager).write({"title": "Your remarks"})
        self.assertEqual(self.s_remarks.title, "Your remarks")
        own = self.env["survey.survey"].with_user(staff).create({"title": "Lunch"})
        own.write({"title": "Lunch poll"})
        self.assertEqual(own.title, "Lunch poll")


@tagged("post_install", "-at_install")
class TestSurveyPlanner(SurveyCallbackCase):
    """X-07: a survey the customer answers scores the plan's assignee: the
    staff member it scores neither plans nor sends it (they could point it
    to an address of their own)."""

    def test_x07_staff_do_not_plan_or_send_their_own_survey(self):
        with self.assertRaises(AccessError):
            self._new_plan(user=self.staff)
        plan = self._new_plan(channel="phone", user=self.staff)
        with self.assertRaises(AccessError):
            plan.with_user(self.staff).write({"channel": "survey"})
        survey_plan = self._new_plan(
            partner=self.customer.copy({"name": "No Mail Yet", "email": False})
        )
        survey_plan.partner_id.sudo().email = "staff.private@example.com"
        with self.assertRaises(AccessError):
            survey_plan.with_user(self.staff).action_send_survey()
        self.assertFalse(survey_plan.survey_state)

    def test_x07_manager_does_not_plan_a_survey_for_themselves(self):
        with self.assertRaises(AccessError):
            self._new_plan(
                user=self.manager,
                employee_id=self.roles.employee(self.manager).id,
            )
