import re
import uuid

from odoo.tests import HttpCase, tagged

from .common import SurveyCallbackCommon

CSRF_RE = re.compile(r'(input.+csrf_token.+value=")([a-f0-9]{40}o[0-9]*)', re.MULTILINE)


@tagged("post_install", "-at_install")
class TestSurveyRoute(SurveyCallbackCommon, HttpCase):
    """CB-08 CB-09 CB-11 X-07: the customer answers through the survey's
    public routes, not logged in, with the link of their invitation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_survey_channel()

    def setUp(self):
        super().setUp()
        # a visitor's session (public user) on the test database
        self.authenticate(None, None)

    def _open(self, plan):
        """The customer follows the link of the invitation mail."""
        user_input = plan.sudo().survey_user_input_id
        response = self.url_open(
            f"/survey/start/{self.survey.access_token}"
            f"?answer_token={user_input.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        csrf = CSRF_RE.search(response.text).groups()[1]
        base = self.survey.get_base_url()
        self.opener.post(
            url=f"{base}/survey/begin/{self.survey.access_token}/"
            f"{user_input.access_token}",
            json={},
        )
        return user_input, csrf

    def _submit(self, answer_token, answers, csrf):
        post = {str(question.id): str(value) for question, value in answers.items()}
        post.update(csrf_token=csrf, token=answer_token)
        response = self.opener.post(
            url=f"{self.survey.get_base_url()}/survey/submit/"
            f"{self.survey.access_token}/{answer_token}",
            json={"params": post},
        )
        self.assertEqual(response.status_code, 200)
        result = response.json()["result"]
        payload = result[1] if isinstance(result, list) else result
        return payload.get("error") if isinstance(payload, dict) else None

    def test_customer_answer_files_the_record(self):
        # CB-09: the public answer creates the record: reached, answers,
        # satisfaction; the plan is done
        plan = self._new_plan()
        user_input, csrf = self._open(plan)
        error = self._submit(
            user_input.access_token,
            {self.s_quality: 5, self.s_conduct: 4, self.s_remarks: "All good"},
            csrf,
        )
        self.assertFalse(error)
        record = plan.record_ids
        self.assertEqual(len(record), 1)
        self.assertEqual(record.state, "done")
        self.assertTrue(record.reached)
        self.assertEqual(record.satisfaction, 90.0)
        self.assertEqual(record.issues, "All good")
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.survey_state, "answered")
        # the record was filed by the server, not by the public user
        self.assertNotEqual(record.create_uid, self.env.ref("base.public_user"))

    def test_dissatisfied_answer_escalates(self):
        # CB-11: the public answer escalates as a phone callback would
        plan = self._new_plan()
        user_input, csrf = self._open(plan)
        error = self._submit(
            user_input.access_token, {self.s_quality: 2, self.s_conduct: 5}, csrf
        )
        self.assertFalse(error)
        record = plan.record_ids
        self.assertTrue(record.dissatisfied)
        self.assertEqual(record.satisfaction, 70.0)
        # no department on the question: the company's customer service
        self.assertEqual(record.escalation_ids.department_id, self.roles.department)

    def test_value_off_the_scale_is_refused_and_changes_nothing(self):
        # a crafted value outside 1-5 is a validation error, nothing is
        # saved or filed; the customer then answers properly
        plan = self._new_plan()
        user_input, csrf = self._open(plan)
        for bad in ("9", "0", "-1", "abc", "2.5"):
            error = self._submit(
                user_input.access_token, {self.s_quality: bad, self.s_conduct: 5}, csrf
            )
            self.assertEqual(error, "validation")
        self.assertFalse(plan.record_ids)
        self.assertNotEqual(user_input.state, "done")
        error = self._submit(
            user_input.access_token, {self.s_quality: 5, self.s_conduct: 5}, csrf
        )
        self.assertFalse(error)
        self.assertEqual(plan.record_ids.satisfaction, 100.0)

    def test_answering_twice_is_refused(self):
        # the second submission is refused by the survey; one record
        plan = self._new_plan()
        user_input, csrf = self._open(plan)
        self._submit(
            user_input.access_token, {self.s_quality: 5, self.s_conduct: 5}, csrf
        )
        error = self._submit(
            user_input.access_token, {self.s_quality: 1, self.s_conduct: 1}, csrf
        )
        self.assertEqual(error, "unauthorized")
        self.assertEqual(len(plan.record_ids), 1)
        self.assertFalse(plan.record_ids.escalation_ids)

    def test_token_is_the_only_key(self):
        # without the answer's token nobody answers the plan; one
        # customer's token answers their own plan only
        plan = self._new_plan()
        other_plan = self._new_plan(partner=self.customer.copy({"name": "Other Co"}))
        user_input, csrf = self._open(plan)
        error = self._submit(
            str(uuid.uuid4()), {self.s_quality: 1, self.s_conduct: 1}, csrf
        )
        self.assertEqual(error, "token_wrong")
        # the survey's own link, without an invitation, opens no answer
        count = self.env["survey.user_input"].sudo().search_count([])
        self.url_open(f"/survey/start/{self.survey.access_token}")
        self.assertEqual(self.env["survey.user_input"].sudo().search_count([]), count)
        self._submit(
            user_input.access_token, {self.s_quality: 4, self.s_conduct: 4}, csrf
        )
        self.assertEqual(len(plan.record_ids), 1)
        self.assertFalse(other_plan.record_ids)
        self.assertEqual(other_plan.survey_state, "sent")

    def test_expired_invitation_is_closed(self):
        # CB-14: after the deadline the survey refuses the answer; the plan
        # fell back to the phone and files nothing from the survey
        plan = self._new_plan()
        user_input, csrf = self._open(plan)
        self.env["callback.plan"]._cron_survey_fallback(now=plan.survey_deadline)
        user_input.sudo().deadline = "2000-01-01 00:00:00"  # the days went by
        error = self._submit(
            user_input.access_token, {self.s_quality: 5, self.s_conduct: 5}, csrf
        )
        self.assertEqual(error, "answer_deadline")
        self.assertEqual(len(plan.record_ids), 1)
        self.assertFalse(plan.record_ids.reached)
        self.assertEqual(plan.state, "planned")
