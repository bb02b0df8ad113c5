from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackSecurity(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_a = cls._plan(partner=cls.partner_high, employee=cls.emp_a)
        cls.plan_b = cls._plan(partner=cls.partner_low, employee=cls.emp_b)
        cls.record_a = cls._record(cls.plan_a, scores=(5,))
        cls.record_b = cls._record(cls.plan_b, scores=(4,))
        cls.record_a.action_done()

    def test_cb17_user_without_group_cannot_read(self):
        plain = self.user_plain
        with self.assertRaises(AccessError):
            self.record_a.with_user(plain).read(["satisfaction"])
        with self.assertRaises(AccessError):
            self.Record.with_user(plain).search([])
        with self.assertRaises(AccessError):
            self.plan_a.with_user(plain).read(["partner_id"])

    def test_cb17_user_sees_own_only(self):
        records = self.Record.with_user(self.user_a).search([])
        self.assertEqual(records, self.record_a)
        with self.assertRaises(AccessError):
            self.record_b.with_user(self.user_a).read(["satisfaction"])
        with self.assertRaises(AccessError):
            self.plan_b.with_user(self.user_a).read(["partner_id"])
        self.assertEqual(self.Plan.with_user(self.user_a).search([]), self.plan_a)

    def test_cb17_manager_sees_team_not_other_team(self):
        Record = self.Record.with_user(self.user_manager)
        self.assertEqual(Record.search([]), self.record_a)
        with self.assertRaises(AccessError):
            self.record_b.with_user(self.user_manager).read(["satisfaction"])
        self.dep_b.parent_id = self.dep_a  # team B now under manager A's team
        self.env.invalidate_all()
        self.assertEqual(Record.search([]), self.record_a | self.record_b)

    def test_cb17_escalations_own_callbacks_and_handling_department_only(self):
        Escalation = self.env["callback.escalation"]
        deadline = "2026-03-01 10:00:00"
        esc_a = Escalation.create(
            {
                "record_id": self.record_a.id,
                "department_id": self.dep_quality.id,
                "date_deadline": deadline,
            }
        )
        esc_b = Escalation.create(
            {
                "record_id": self.record_b.id,
                "department_id": self.dep_quality.id,
                "date_deadline": deadline,
            }
        )
        self.assertEqual(Escalation.with_user(self.user_a).search([]), esc_a)
        with self.assertRaises(AccessError):
            esc_b.with_user(self.user_a).read(["description"])
        # a quality employee with the callback group handles both
        self.emp_b.department_id = self.dep_quality
        self.env.invalidate_all()
        self.assertEqual(
            Escalation.with_user(self.user_b).search(
                [("id", "in", (esc_a | esc_b).ids)]
            ),
            esc_a | esc_b,
        )

    def test_cb09_user_cannot_delete_done_record(self):
        with self.assertRaises(AccessError):
            self.record_a.with_user(self.user_a).unlink()
        self.assertTrue(self.record_a.exists())

    def test_cb17_user_files_own_record(self):
        plan = self._plan(partner=self.partner_medium, employee=self.emp_a)
        record = self.Record.with_user(self.user_a).create(
            {"plan_id": plan.id, "reached": True}
        )
        record.action_done()
        self.assertEqual(plan.state, "done")
        self.assertEqual(record.employee_id, self.emp_a)

    def test_cb17_user_cannot_assign_to_other_team_then_read(self):
        plan = self.Plan.with_user(self.user_a).create(
            {
                "partner_id": self.partner_medium.id,
                "employee_id": self.emp_a.id,
                "date_deadline": "2026-08-01 10:00:00",
            }
        )
        self.assertEqual(plan.activity_ids.user_id, self.user_a)

    def test_multi_company_isolation(self):
        other = self.env["res.company"].create({"name": "Other Branch"})
        self.user_manager.write({"company_ids": [(4, other.id)]})
        employee = self.env["hr.employee"].create(
            {
                "name": "Other staff",
                "company_id": other.id,
                "user_id": self.user_manager.id,
                "department_id": self.dep_a.id,
            }
        )
        plan = self.Plan.with_company(other).create(
            {
                "partner_id": self.partner_medium.id,
                "employee_id": employee.id,
                "company_id": other.id,
                "date_deadline": "2026-08-01 10:00:00",
            }
        )
        Plan = self.Plan.with_user(self.user_manager)
        self.assertNotIn(
            plan, Plan.with_context(allowed_company_ids=[self.company.id]).search([])
        )
        self.assertIn(
            plan,
            Plan.with_context(allowed_company_ids=[self.company.id, other.id]).search(
                []
            ),
        )
