"""A callback with a dissatisfied answer, end to end, every act by its real
role (no sudo in the test body): CB-09 CB-11 CB-12 X-05 X-07."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CallbackRolesCase


@tagged("post_install", "-at_install")
class TestCallbackWorkflow(CallbackRolesCase):
    def test_cb11_dissatisfied_callback_handled_fed_back_closed(self):
        # the manager plans the callback for their staff member
        plan = self.Plan.with_user(self.manager).create(
            {
                "partner_id": self.customer.id,
                "employee_id": self.emp_staff.id,
                "date_deadline": fields.Datetime.now() + timedelta(days=2),
            }
        )
        self.assertEqual(plan.activity_ids.user_id, self.staff)
        # the staff member opens a record from the plan and files it
        action = plan.with_user(self.staff).action_new_record()
        Record = self.Record.with_user(self.staff).with_context(**action["context"])
        with Form(Record) as form:
            form.reached = True
            form.contact_name = "Mr. Wang"
            form.questionnaire_id = self.questions.questionnaire_id
            for question, score in zip(self.questions[:2], (1, 5), strict=True):
                with form.answer_ids.new() as answer:
                    answer.question_id = question
                    answer.score = score
        record = form.record
        self.assertTrue(record.dissatisfied)
        record.action_done()
        # each act is a request of its own: end this one's transaction work
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(record.state, "done")
        self.assertEqual(plan.with_user(self.staff).state, "done")
        # CB-11: the escalation goes to the complaints department
        escalation = record.escalation_ids
        self.assertEqual(escalation.department_id, self.roles.complaint_department)
        self.assertEqual(escalation.state, "open")
        # the department (its member, not the staff member) records the handling
        as_handler = escalation.with_user(self.handler)
        self.assertIn(escalation, self.Escalation.with_user(self.handler).search([]))
        as_handler.write({"handling": "Sent a technician; part replaced."})
        as_handler.action_handle()
        self.assertEqual(escalation.state, "handled")
        self.assertEqual(escalation.handled_by_id, self.handler)
        # customer service (the staff member) records the feedback to the customer
        escalation.with_user(self.staff).write(
            {"feedback": "Called Mr. Wang back: satisfied with the repair."}
        )
        # the staff member whose customer complained does not close it
        with self.assertRaises(AccessError):
            escalation.with_user(self.staff).action_close()
        self.assertEqual(escalation.state, "handled")
        # the manager closes it, and reviews the report (CB-12)
        escalation.with_user(self.manager).action_close()
        self.assertEqual(escalation.state, "closed")
        self.assertEqual(escalation.closed_by_id, self.manager)
        self.assertTrue(escalation.date_feedback)
        record.with_user(self.manager).write({"review_comment": "Good follow-up."})
        record.with_user(self.manager).action_review()
        self.assertEqual(record.reviewed_by_id, self.manager)
        # the state, the handling and the feedback are in the chatter
        self.env.flush_all()
        self.env.cr.precommit.run()
        # read back as the test (the acts above were by the roles)
        messages = self.Escalation.browse(escalation.id).message_ids
        tracked = messages.tracking_value_ids.field_id.mapped("name")
        self.assertTrue({"state", "handling", "feedback"} <= set(tracked))
        # CB-14: the staff member sees the callback in their own figures
        figure = self.env["callback.figure"].with_user(self.staff).search([])
        self.assertEqual(figure.employee_id, self.emp_staff)
        self.assertEqual((figure.done_count, figure.record_count), (1, 1))
