from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase

from odoo.addons.customer_callback.tests.roles import make_roles


class SurveyCallbackCommon:
    """Shared set-up: the callback roles (customer_callback's helper), a
    questionnaire whose survey the callback manager generated, a customer
    with an e-mail address. The superuser only sets up data."""

    @classmethod
    def _setup_survey_channel(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.roles = make_roles(cls.env, prefix="sv")
        cls.manager = cls.roles["callback_manager"]
        cls.staff = cls.roles["callback_user"]
        cls.portal = cls.roles["portal"]
        cls.company = cls.roles.company
        cls.company.write(
            {
                "callback_department_id": cls.roles.department.id,
                "callback_dissatisfied_score": 2,
                "callback_survey_days": 3,
            }
        )
        cls.questionnaire = cls.env["callback.questionnaire"].create(
            {
                "name": "After Installation (online)",
                "question_ids": [
                    (0, 0, {"name": "Product quality", "sequence": 1}),
                    (
                        0,
                        0,
                        {
                            "name": "Installer conduct",
                            "sequence": 2,
                            "department_id": cls.roles.complaint_department.id,
                        },
                    ),
                ],
            }
        )
        cls.q_quality, cls.q_conduct = cls.questionnaire.question_ids
        # CB-10: the callback manager generates the survey from the questions
        cls.questionnaire.with_user(cls.manager).action_generate_survey()
        cls.survey = cls.questionnaire.survey_id
        by_callback = {q.callback_question_id: q for q in cls.survey.question_ids}
        cls.s_quality = by_callback[cls.q_quality]
        cls.s_conduct = by_callback[cls.q_conduct]
        cls.s_remarks = cls.survey.question_ids.filtered(
            lambda q: q.question_type == "text_box"
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Garden Hotel",
                "email": "hotel@example.com",
                "callback_employee_id": cls.roles.employee(cls.staff).id,
            }
        )
        cls.staff_employee = cls.roles.employee(cls.staff)

    def _new_plan(self, partner=None, user=None, **vals):
        """A plan on the online-survey channel, created by the staff member's
        callback manager (X-07: not by the staff member it scores)."""
        now = fields.Datetime.now()
        values = {
            "partner_id": (partner or self.customer).id,
            "employee_id": self.staff_employee.id,
            "channel": "survey",
            "questionnaire_id": self.questionnaire.id,
            "date_start": now,
            "date_deadline": now + timedelta(days=10),
        }
        values.update(vals)
        return self.env["callback.plan"].with_user(user or self.manager).create(values)

    def _answer(self, plan, scores, remark=None):
        """The customer answers in the survey's own way: the controller's
        saving and closing calls on the answer (sudo, as the route does),
        under the public user's environment."""
        public = self.env.ref("base.public_user")
        user_input = plan.sudo().survey_user_input_id.with_user(public).sudo()
        for question, score in scores.items():
            user_input._save_lines(question, str(score))
        if remark:
            user_input._save_lines(self.s_remarks, remark)
        user_input._mark_done()
        return user_input


class SurveyCallbackCase(SurveyCallbackCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_survey_channel()
