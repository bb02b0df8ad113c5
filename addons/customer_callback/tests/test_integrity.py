"""X-07: the server is the only guard. Each test is one attack by a real role
(with_user): the exception is asserted AND that nothing changed."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CallbackRolesCase


@tagged("post_install", "-at_install")
class TestPlanIntegrity(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.missed = cls._plan(deadline=datetime(2026, 1, 10))
        cls.missed.write({"state": "missed"})
        cls.planned = cls._plan(deadline=datetime(2026, 3, 20))

    def _snapshot(self, plan):
        return plan.read(
            [
                "state",
                "date_deadline",
                "date_start",
                "employee_id",
                "active",
                "exempt_quota",
                "date_done",
                "callback_type",
                "confirmed",
            ]
        )

    def _attack(self, plan, exception, act):
        before = self._snapshot(plan)
        with self.assertRaises(exception):
            act()
        self.env.invalidate_all()
        self.assertEqual(self._snapshot(plan), before)

    def test_x07_cb13_staff_cannot_write_state(self):
        plan = self.missed.with_user(self.staff)
        self._attack(self.missed, UserError, lambda: plan.write({"state": "done"}))
        self._attack(self.missed, UserError, lambda: plan.write({"state": "planned"}))
        self._attack(
            self.missed, UserError, lambda: plan.write({"date_done": datetime.now()})
        )

    def test_x07_no_context_key_unlocks_a_plan_state(self):
        plan = self.missed.with_user(self.staff).with_context(
            callback_record_closing=True, tracking_disable=True
        )
        self._attack(self.missed, UserError, lambda: plan.write({"state": "done"}))

    def test_x07_cb13_staff_cannot_cancel_or_replan_own_missed(self):
        plan = self.missed.with_user(self.staff)
        self._attack(self.missed, AccessError, plan.action_cancel)
        self._attack(self.missed, AccessError, plan.action_reset)

    def test_x07_cb13_staff_cannot_reschedule_reassign_exempt_archive(self):
        plan = self.missed.with_user(self.staff)
        later = datetime(2026, 6, 30)
        self._attack(
            self.missed, AccessError, lambda: plan.write({"date_deadline": later})
        )
        self._attack(
            self.missed,
            AccessError,
            lambda: plan.write({"employee_id": self.emp_other.id}),
        )
        self._attack(
            self.missed, AccessError, lambda: plan.write({"exempt_quota": True})
        )
        self._attack(
            self.missed, AccessError, lambda: plan.write({"callback_type": "special"})
        )
        self._attack(self.missed, AccessError, lambda: plan.write({"active": False}))
        self._attack(self.missed, AccessError, plan.action_archive)

    def test_x07_cb04_visit_confirmed_by_its_button_only(self):
        visit = self._plan(channel="visit", deadline=datetime(2026, 3, 1))
        as_staff = visit.with_user(self.staff)
        self._attack(visit, UserError, lambda: as_staff.write({"confirmed": True}))
        as_staff.action_confirm_visit()
        self.assertTrue(visit.confirmed)

    def test_x07_create_cannot_start_later_or_exempt(self):
        Plan = self.Plan.with_user(self.staff)
        count = self.Plan.search_count([])
        base = {
            "partner_id": self.customer.id,
            "employee_id": self.emp_staff.id,
            "date_deadline": datetime(2026, 8, 1),
        }
        with self.assertRaises(UserError):
            Plan.create(dict(base, state="done", date_done=datetime(2026, 8, 1)))
        with self.assertRaises(UserError):
            Plan.create(dict(base, state="missed"))
        with self.assertRaises(UserError):
            Plan.create(dict(base, confirmed=True, channel="visit"))
        with self.assertRaises(AccessError):
            Plan.create(dict(base, exempt_quota=True))  # CB-07
        with self.assertRaises(AccessError):
            Plan.create(dict(base, callback_type="special"))  # CB-07
        self.assertEqual(self.Plan.search_count([]), count)

    def test_x07_manager_does_not_cancel_own_plan(self):
        own = self._plan(employee=self.emp_manager, deadline=datetime(2026, 2, 1))
        as_manager = own.with_user(self.manager)
        self._attack(own, AccessError, as_manager.action_cancel)
        self._attack(
            own,
            AccessError,
            lambda: as_manager.write({"date_deadline": datetime(2026, 3, 1)}),
        )

    def test_x07_x05_manager_cancels_reschedules_tracked_in_chatter(self):
        self.env.flush_all()
        self.env.cr.precommit.run()  # the setup's creation is a past transaction
        as_manager = self.missed.with_user(self.manager)
        as_manager.action_reset()
        as_manager.write({"date_deadline": datetime(2026, 3, 25)})
        as_manager.action_cancel()
        self.assertEqual(self.missed.state, "cancelled")
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.missed.message_ids.filtered(
            lambda m: m.author_id == self.manager.partner_id
        ).tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertIn("date_deadline", tracked)

    def test_x07_other_team_manager_acts_nowhere_else(self):
        plan = self._plan(
            employee=self.emp_other,
            partner=self.other_customer,
            deadline=datetime(2026, 2, 1),
        )
        self._attack(plan, AccessError, plan.with_user(self.manager).action_cancel)


@tagged("post_install", "-at_install")
class TestRecordIntegrity(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._plan(deadline=datetime(2026, 2, 10))
        cls.done = cls._record(cls.plan, scores=(4, 4), cost=5)
        cls.done.with_user(cls.staff).action_done()
        cls.draft = cls._record(cls._plan(deadline=datetime(2026, 3, 10)), scores=(3,))

    def _snapshot(self, record):
        return record.read(
            [
                "state",
                "date_report",
                "reviewed_by_id",
                "review_comment",
                "cost",
                "satisfaction",
                "employee_id",
                "active",
            ]
        )

    def _attack(self, record, exception, act):
        before = self._snapshot(record)
        with self.assertRaises(exception):
            act()
        self.env.invalidate_all()
        self.assertEqual(self._snapshot(record), before)

    def test_x07_cb09_no_context_key_reopens_a_done_record(self):
        # the old unlock: callback_record_closing=True in the context
        record = self.done.with_user(self.staff).with_context(
            callback_record_closing=True
        )
        self._attack(self.done, UserError, lambda: record.write({"cost": 0}))
        self._attack(self.done, UserError, lambda: record.write({"state": "draft"}))

    def test_x07_cb12_staff_cannot_forge_review_or_figures(self):
        record = self.draft.with_user(self.staff)
        self._attack(
            self.draft,
            UserError,
            lambda: record.write({"reviewed_by_id": self.manager.id}),
        )
        self._attack(self.draft, UserError, lambda: record.write({"satisfaction": 100}))
        self._attack(
            self.draft,
            UserError,
            lambda: record.write({"date_report": datetime(2026, 2, 5, 11)}),
        )
        self._attack(self.draft, UserError, lambda: record.write({"state": "done"}))
        self._attack(
            self.done,
            AccessError,
            lambda: self.done.with_user(self.staff).write({"review_comment": "Great"}),
        )

    def test_x07_cb12_nobody_reviews_their_own_report(self):
        self._attack(
            self.done, AccessError, self.done.with_user(self.staff).action_review
        )
        own = self._record(
            self._plan(employee=self.emp_manager, deadline=datetime(2026, 5, 5))
        )
        own.with_user(self.manager).action_done()
        self._attack(own, AccessError, own.with_user(self.manager).action_review)
        self._attack(
            own,
            AccessError,
            lambda: own.with_user(self.manager).write({"review_comment": "Me, great"}),
        )
        self.done.with_user(self.manager).write({"review_comment": "Well done."})
        self.done.with_user(self.manager).action_review()
        self.assertEqual(self.done.reviewed_by_id, self.manager)
        self.assertTrue(self.done.date_reviewed)

    def test_x07_staff_cannot_archive_or_reassign_records(self):
        record = self.draft.with_user(self.staff)
        self._attack(self.draft, AccessError, lambda: record.write({"active": False}))
        self._attack(
            self.draft,
            AccessError,
            lambda: record.write({"employee_id": self.emp_other.id}),
        )

    def test_x07_create_cannot_start_done_or_reviewed(self):
        Record = self.Record.with_user(self.staff)
        plan = self._plan(deadline=datetime(2026, 5, 15))
        count = self.Record.search_count([])
        with self.assertRaises(UserError):
            Record.create({"plan_id": plan.id, "state": "done"})
        with self.assertRaises(UserError):
            Record.create({"plan_id": plan.id, "date_report": fields.Datetime.now()})
        with self.assertRaises(UserError):
            Record.create({"plan_id": plan.id, "reviewed_by_id": self.manager.id})
        with self.assertRaises(AccessError):
            Record.create({"plan_id": plan.id, "review_comment": "Self-praise"})
        self.assertEqual(self.Record.search_count([]), count)

    def test_x07_filing_a_record_does_not_close_a_colleagues_plan(self):
        colleague_plan = self._plan(
            employee=self.emp_other,
            partner=self.other_customer,
            deadline=datetime(2026, 3, 15),
        )
        record = self._record(colleague_plan, employee_id=self.emp_staff.id)
        self._attack(record, AccessError, record.with_user(self.staff).action_done)
        self.assertEqual(colleague_plan.state, "planned")
        with self.assertRaises(AccessError):
            self.draft.with_user(self.staff).write({"plan_id": colleague_plan.id})
        self.assertNotEqual(self.draft.plan_id, colleague_plan)

    def test_x07_cb12_report_before_its_callback_refused(self):
        future = self._record(
            self._plan(deadline=datetime(2026, 5, 18)),
            date=fields.Datetime.now() + timedelta(days=2),
        )
        self._attack(future, ValidationError, future.with_user(self.staff).action_done)
        self.assertEqual(future.plan_id.state, "planned")

    def test_x07_cb09_answers_of_a_done_record_locked(self):
        answer = self.done.answer_ids[0].with_user(self.staff)
        with self.assertRaises(UserError):
            answer.write({"score": 1})
        with self.assertRaises(UserError):
            answer.unlink()
        with self.assertRaises(UserError):
            self.env["callback.answer"].with_user(self.staff).create(
                {
                    "record_id": self.done.id,
                    "question_id": self.questions[2].id,
                    "score": 1,
                }
            )
        self.env.invalidate_all()
        # CB-10: the record's four questions, two of them answered
        self.assertEqual(self.done.answer_ids.mapped("score"), [4, 4, 0, 0])

    def test_x07_cb09_answer_not_moved_into_a_done_record(self):
        answer = self.draft.answer_ids[0]
        with self.assertRaises(UserError):
            answer.with_user(self.staff).write({"record_id": self.done.id})
        self.env.invalidate_all()
        self.assertEqual(answer.record_id, self.draft)
        self.assertEqual(len(self.done.answer_ids), 4)


@tagged("post_install", "-at_install")
class TestEscalationIntegrity(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        record = cls._record(cls._plan(deadline=datetime(2026, 2, 10)), scores=(1,))
        record.with_user(cls.staff).action_done()
        cls.escalation = record.escalation_ids
        cls.record = record

    def _snapshot(self):
        return self.escalation.read(
            ["state", "handling", "feedback", "date_feedback", "department_id"]
        )

    def _attack(self, exception, act):
        before = self._snapshot()
        with self.assertRaises(exception):
            act()
        self.env.invalidate_all()
        self.assertEqual(self._snapshot(), before)

    def _handled(self):
        self.escalation.with_user(self.handler).handling = "Replaced the part."
        self.escalation.with_user(self.handler).action_handle()
        self.escalation.with_user(self.staff).feedback = "Customer satisfied now."

    def test_cb11_escalation_goes_to_the_complaints_department(self):
        self.assertEqual(self.escalation.department_id, self.roles.complaint_department)
        self.assertEqual(self.escalation.state, "open")

    def test_x07_cb11_complained_staff_cannot_close(self):
        self._handled()
        as_staff = self.escalation.with_user(self.staff)
        self._attack(AccessError, as_staff.action_close)
        self._attack(UserError, lambda: as_staff.write({"state": "closed"}))

    def test_x07_cb11_manager_closes_only_after_handling_and_feedback(self):
        as_manager = self.escalation.with_user(self.manager)
        self._attack(UserError, as_manager.action_close)  # not handled yet
        self.escalation.with_user(self.handler).handling = "Replaced the part."
        self.escalation.with_user(self.handler).action_handle()
        self._attack(UserError, as_manager.action_close)  # no feedback yet
        self.escalation.with_user(self.staff).feedback = "Customer satisfied now."
        as_manager.action_close()
        self.assertEqual(self.escalation.state, "closed")
        self.assertEqual(self.escalation.closed_by_id, self.manager)

    def test_x07_cb11_only_the_department_records_handling(self):
        self._attack(
            AccessError,
            lambda: self.escalation.with_user(self.staff).write({"handling": "Fixed"}),
        )
        self._attack(AccessError, self.escalation.with_user(self.staff).action_handle)

    def test_x07_cb11_feedback_by_customer_service_only(self):
        self._attack(
            AccessError,
            lambda: self.escalation.with_user(self.handler).write(
                {"feedback": "All good"}
            ),
        )

    def test_x07_cb11_staff_cannot_reassign_or_move_the_deadline(self):
        as_staff = self.escalation.with_user(self.staff)
        self._attack(
            AccessError,
            lambda: as_staff.write({"department_id": self.roles.department.id}),
        )
        self._attack(
            AccessError,
            lambda: as_staff.write({"date_deadline": datetime(2030, 1, 1)}),
        )

    def test_x07_escalation_cannot_be_created_closed(self):
        count = self.Escalation.search_count([])
        with self.assertRaises(UserError):
            self.Escalation.with_user(self.staff).create(
                {
                    "record_id": self.record.id,
                    "department_id": self.roles.complaint_department.id,
                    "date_deadline": datetime(2026, 3, 1),
                    "state": "closed",
                    "handling": "x",
                    "feedback": "y",
                }
            )
        self.assertEqual(self.Escalation.search_count([]), count)

    def test_x07_closed_escalation_is_kept(self):
        self._handled()
        self.escalation.with_user(self.manager).action_close()
        self._attack(
            UserError,
            lambda: self.escalation.with_user(self.manager).write(
                {"feedback": "Changed story"}
            ),
        )

    def test_x07_cb11_department_cannot_open_escalations_on_others_records(self):
        count = self.Escalation.search_count([])
        with self.assertRaises(AccessError):
            self.Escalation.with_user(self.handler).create(
                {
                    "record_id": self.record.id,
                    "department_id": self.roles.complaint_department.id,
                    "date_deadline": datetime(2026, 3, 1),
                }
            )
        self.assertEqual(self.Escalation.search_count([]), count)


@tagged("post_install", "-at_install")
class TestPartnerIntegrity(CallbackRolesCase):
    """X-07 CB-01 CB-16: editing a contact is not deciding its callbacks. The
    acting users have Odoo's contact-editing rights (a sales group)."""

    def _snapshot(self):
        return self.customer.read(
            ["callback_tier", "callback_employee_id", "callback_key", "callback_dnd"]
        )

    def test_x07_cb01_staff_cannot_lower_their_customers_tier_or_give_them_away(self):
        staff = self.roles["salesman_callback"]  # callback staff who edit contacts
        self.customer.write(
            {
                "callback_tier": "high",
                "callback_employee_id": self.roles.employee(staff).id,
            }
        )
        before = self._snapshot()
        as_staff = self.customer.with_user(staff)
        as_staff.write({"phone": "+86 21 5555 0001"})  # the contact stays editable
        for vals in (
            {"callback_tier": "low"},
            {"callback_employee_id": self.emp_other.id},
            {"callback_key": True},
        ):
            with self.assertRaises(AccessError):
                as_staff.write(vals)
        self.env.invalidate_all()
        self.assertEqual(self._snapshot(), before)
        manager = self.manager
        manager.groups_id += self.env.ref("base.group_partner_manager")
        self.customer.with_user(manager).write({"callback_tier": "medium"})
        self.assertEqual(self.customer.callback_tier, "medium")

    def test_x07_x06_cb16_salesperson_edits_the_contact_not_its_callback_wishes(self):
        as_sales = self.customer.with_user(self.salesman)
        as_sales.write({"phone": "+86 21 5555 0000"})
        with self.assertRaises(AccessError):
            as_sales.write({"callback_dnd": True})
        self.assertFalse(self.customer.callback_dnd)
        self.customer.with_user(self.roles["salesman_callback"]).write(
            {"callback_dnd": True}
        )
        self.assertTrue(self.customer.callback_dnd)
        # a salesperson still creates customers
        partner = (
            self.env["res.partner"]
            .with_user(self.salesman)
            .create({"name": "Walk-in buyer", "callback_tier": "low"})
        )
        self.assertEqual(partner.callback_tier, "low")
