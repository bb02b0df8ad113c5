from datetime import datetime

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackRecord(CallbackCase):
    def test_cb10_satisfaction_from_answers(self):
        record = self._record(self._plan(), scores=(5, 4, 4, 3))
        self.assertEqual(record.satisfaction, 80.0)
        self.assertTrue(record.answered)
        self.assertFalse(record.dissatisfied)

    def test_cb10_no_answers_not_returned(self):
        record = self._record(self._plan())
        self.assertFalse(record.answered)
        self.assertEqual(record.satisfaction, 0.0)

    def test_cb09_record_holds_plan_data(self):
        plan = self._plan(channel="email")
        record = self._record(plan, cost=12.5)
        self.assertEqual(record.partner_id, self.partner_high)
        self.assertEqual(record.employee_id, self.emp_a)
        self.assertEqual(record.user_id, self.user_a)
        self.assertEqual(record.department_id, self.dep_a)
        self.assertEqual(record.channel, "email")
        self.assertEqual(record.currency_id, self.company.currency_id)

    def test_cb09_filing_closes_the_plan(self):
        plan = self._plan()
        record = self._record(plan, scores=(5, 5))
        record.action_done()
        self.assertEqual(record.state, "done")
        self.assertEqual(plan.state, "done")
        self.assertFalse(plan.activity_ids)
        self.assertTrue(record.date_report)

    def test_cb12_report_next_day_on_time_later_late(self):
        on_time = self._record(self._plan(), date=fields.Datetime.now())
        on_time.action_done()
        self.assertFalse(on_time.report_late)
        late = self._record(
            self._plan(deadline=datetime(2026, 5, 1)), date=datetime(2020, 1, 1)
        )
        late.action_done()
        self.assertTrue(late.report_late)

    def test_cb12_supervisor_review(self):
        record = self._record(self._plan())
        record.action_done()
        record.with_user(self.user_manager).write({"review_comment": "Good call."})
        record.with_user(self.user_manager).action_review()
        self.assertEqual(record.reviewed_by_id, self.user_manager)
        self.assertIn("Reviewed by", record.message_ids[0].body)

    def test_cb09_done_record_locked_and_kept(self):
        record = self._record(self._plan(), scores=(4, 4), cost=5)
        record.action_done()
        with self.assertRaises(UserError):
            record.write({"cost": 0})
        self.assertEqual(record.cost, 5)
        with self.assertRaises(UserError):
            record.answer_ids[0].score = 1
        with self.assertRaises(UserError):
            record.answer_ids[0].unlink()
        # CB-10: the questionnaire's four questions, two answered
        self.assertEqual(record.answer_ids.mapped("score"), [4, 4, 0, 0])
        self.assertEqual(record.satisfaction, 80.0)
        with self.assertRaises(UserError):
            record.unlink()
        self.assertTrue(record.exists())
        record.action_archive()
        self.assertFalse(record.active)

    def test_x03_negative_cost_refused_nothing_changed(self):
        plan = self._plan()
        with self.assertRaises(ValidationError):
            self._record(plan, cost=-1)
        self.assertFalse(self.Record.search([("plan_id", "=", plan.id)]))
        record = self._record(plan, cost=3)
        with self.assertRaises(ValidationError):
            record.cost = -10
        self.assertEqual(record.cost, 3)

    def test_x03_score_out_of_range_refused(self):
        record = self._record(self._plan(), scores=(4,))
        answer = record.answer_ids.filtered("score")
        with self.assertRaises(ValidationError):
            answer.score = 6
        self.assertEqual(answer.score, 4)
        with self.assertRaises(ValidationError):
            answer.score = -1
        self.assertEqual(record.satisfaction, 80.0)

    def test_cb11_dissatisfied_answer_escalates_to_department(self):
        question = self.env.ref("customer_callback.question_installation_quality")
        question.questionnaire_id.question_ids.department_id = False
        question.department_id = self.dep_quality
        record = self._record(self._plan(), scores=(1, 5, 2, 5))
        self.assertTrue(record.dissatisfied)
        record.action_done()
        escalations = record.escalation_ids
        self.assertEqual(escalations.department_id, self.dep_quality | self.dep_cs)
        quality = escalations.filtered(lambda e: e.department_id == self.dep_quality)
        self.assertIn("Product quality: 1", quality.description)
        self.assertEqual(quality.state, "open")
        self.assertTrue(quality.date_deadline > fields.Datetime.now())
        cs = escalations - quality
        self.assertEqual(cs.activity_ids.user_id, self.emp_cs_head.user_id)

    def test_cb11_satisfied_no_escalation(self):
        record = self._record(self._plan(), scores=(3, 4, 5, 5))
        record.action_done()
        self.assertFalse(record.escalation_ids)

    def test_cb11_escalation_needs_handling_then_feedback(self):
        record = self._record(self._plan(), scores=(1,))
        record.action_done()
        escalation = record.escalation_ids
        with self.assertRaises(UserError):
            escalation.action_handle()
        escalation.handling = "Replaced the part."
        escalation.action_handle()
        self.assertEqual(escalation.state, "handled")
        with self.assertRaises(UserError):
            escalation.action_close()
        self.assertEqual(escalation.state, "handled")
        with self.assertRaises(ValidationError):
            escalation.write({"state": "closed"})
        self.assertEqual(escalation.state, "handled")
        escalation.feedback = "Called Mr. Wang: he is satisfied now."
        escalation.action_close()
        self.assertEqual(escalation.state, "closed")
        self.assertTrue(escalation.date_feedback)
        self.env.flush_all()
        self.env.cr.precommit.run()
        states = escalation.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(states), 2)
        with self.assertRaises(UserError):
            escalation.unlink()
