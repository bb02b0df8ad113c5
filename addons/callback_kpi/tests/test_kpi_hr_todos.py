"""X-07 / X-02: HR's to-dos on a scorecard (KPI-08, KPI-09) belong to the HR
of the card's company. Found by a second red-team run over JSON-RPC: HR of
another company was given the to-dos (and so read the card's name and
period), and the manager who submitted a card could mark HR's approval to-do
done, move or delete it."""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CallbackKpiCase
from .roles import new_role_user


@tagged("post_install", "-at_install")
class TestKpiHrTodos(CallbackKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls._batch().filtered(lambda c: c.employee_id == cls.emp1)
        cls.company_b = cls.env["res.company"].create({"name": "KPI Company B"})
        cls.hr_b = new_role_user(
            cls.env, "hr_approver", "kpi_hr_b", company=cls.company_b, name="HR B"
        )

    def _approval_todos(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "kpi.scorecard"),
                ("res_id", "=", self.card.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("callback_kpi.mail_activity_type_approval").id,
                ),
            ]
        )

    def test_x02_kpi08_hr_of_another_company_gets_no_todo(self):
        self.card.with_user(self.user_manager).action_submit()
        todos = self._approval_todos()
        self.assertIn(self.user_hr, todos.user_id)
        self.assertNotIn(self.hr_b, todos.user_id)
        self.assertNotIn(self.hr_b.partner_id, self.card.message_partner_ids)
        Activity = self.env["mail.activity"].with_user(self.hr_b)
        self.assertFalse(Activity.search([("res_model", "=", "kpi.scorecard")]))

    @mute_logger("odoo.models")
    def test_x07_kpi08_the_submitter_leaves_hrs_todo_alone(self):
        self.card.with_user(self.user_manager).action_submit()
        todo = self._approval_todos().filtered(lambda a: a.user_id == self.user_hr)
        self.assertTrue(todo)
        mine = todo.with_user(self.user_manager)
        attacks = (
            lambda: mine.action_feedback(feedback="approved (fake)"),
            lambda: mine.action_done(),
            lambda: mine.write({"user_id": self.user_manager.id}),
            lambda: mine.write({"date_deadline": "2030-01-01"}),
            lambda: mine.unlink(),
            lambda: self.card.with_user(self.user_manager).write(
                {"activity_ids": [(2, todo.id)]}
            ),
        )
        for attack in attacks:
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                attack()
        self.assertTrue(todo.exists())
        self.assertEqual(todo.user_id, self.user_hr)
        self.assertEqual(self.card.state, "submitted")
        # HR approves: the to-do is done through the workflow
        self.card.with_user(self.user_hr).action_approve()
        self.assertFalse(todo.exists())
