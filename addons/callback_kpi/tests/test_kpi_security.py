from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiSecurity(CallbackKpiCase):
    """KPI-08 / KPI-11 / X-02: who reads, writes and approves what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hand_in_reports(cls.emp1 | cls.emp2 | cls.emp_manager | cls.emp_other)
        cls.cards = cls._batch()
        cls.card1 = cls.cards.filtered(lambda c: c.employee_id == cls.emp1)
        cls.card2 = cls.cards.filtered(lambda c: c.employee_id == cls.emp2)
        cls.card_other = cls.cards.filtered(lambda c: c.employee_id == cls.emp_other)
        cls.card_hr = cls.env["kpi.scorecard"].create(
            {"employee_id": cls.emp_hr.id, "year": cls.YEAR, "quarter": "2"}
        )

    def test_kpi11_employee_reads_own_only(self):
        Card = self.env["kpi.scorecard"].with_user(self.user_emp1)
        self.assertEqual(Card.search([("id", "in", self.cards.ids)]), self.card1)
        self.assertEqual(self.card1.with_user(self.user_emp1).grade, "A")
        with self.assertRaises(AccessError):
            self.card2.with_user(self.user_emp1).read(["total_score"])
        lines = self.env["kpi.scorecard.line"].with_user(self.user_emp1).search([])
        self.assertEqual(lines.scorecard_id, self.card1)

    def test_kpi11_employee_cannot_write_own_card(self):
        with self.assertRaises(AccessError):
            self.card1.with_user(self.user_emp1).write({"bonus_points": 10})
        with self.assertRaises(AccessError):
            self._line(self.card1, "TIME").with_user(self.user_emp1).write(
                {"events_computed": 0}
            )
        with self.assertRaises(AccessError):
            self.card1.with_user(self.user_emp1).action_submit()
        self.assertEqual(self.card1.bonus_points, 0.0)
        self.assertEqual(self.card1.state, "draft")

    def test_kpi11_manager_sees_team_not_other_team(self):
        Card = self.env["kpi.scorecard"].with_user(self.user_manager)
        visible = Card.search([("id", "in", self.cards.ids)])
        self.assertIn(self.card1, visible)
        self.assertIn(self.card2, visible)
        self.assertNotIn(self.card_other, visible)
        with self.assertRaises(AccessError):
            self.card_other.with_user(self.user_manager).write({"bonus_points": 1})

    def test_kpi11_hr_sees_all(self):
        Card = self.env["kpi.scorecard"].with_user(self.user_hr)
        self.assertEqual(Card.search([("id", "in", self.cards.ids)]), self.cards)

    def test_kpi08_approving_without_hr_group_refused(self):
        self.card1.with_user(self.user_manager).action_submit()
        with self.assertRaises(AccessError):
            self.card1.with_user(self.user_manager).action_approve()
        with self.assertRaises(AccessError):
            self.card1.with_user(self.user_manager).action_return()
        self.assertEqual(self.card1.state, "submitted")
        self.assertFalse(self.card1.approver_id)

    def test_kpi08_nobody_approves_own_scorecard(self):
        self.card_hr.action_submit()  # by the superuser
        with self.assertRaises(UserError):
            self.card_hr.with_user(self.user_hr).action_approve()
        self.assertEqual(self.card_hr.state, "submitted")
        self.assertEqual(self.card_hr.reward_amount, 0.0)

    def test_kpi08_editing_approved_card_refused(self):
        self.card1.with_user(self.user_manager).action_submit()
        self.card1.with_user(self.user_hr).action_approve()
        for user in (self.user_manager, self.user_hr):
            with self.assertRaises(UserError):
                self.card1.with_user(user).write({"supervisor_score": 10})
            with self.assertRaises(UserError):
                self.card1.with_user(user).unlink()
        self.assertEqual(self.card1.supervisor_score, 0.0)
        self.assertEqual(self.card1.state, "approved")

    def test_x02_company_isolation(self):
        other = self.env["res.company"].create({"name": "Other company"})
        self.user_hr.write({"company_ids": [(4, other.id)]})
        employee = self.env["hr.employee"].create(
            {"name": "Abroad", "company_id": other.id}
        )
        foreign = self.env["kpi.scorecard"].create(
            {
                "employee_id": employee.id,
                "company_id": other.id,
                "year": 2025,
                "quarter": "1",
            }
        )
        Card = (
            self.env["kpi.scorecard"]
            .with_user(self.user_hr)
            .with_context(allowed_company_ids=[self.company.id])
        )
        self.assertNotIn(foreign, Card.search([]))
        in_other = Card.with_context(allowed_company_ids=[other.id]).search([])
        self.assertEqual(in_other, foreign)

    def test_kpi11_manager_reads_but_does_not_score_own_card(self):
        """A manager's own card is computed with their team's but stays
        read-only to them: no assessment, finding, report or submission."""
        own = self.cards.filtered(lambda c: c.employee_id == self.emp_manager)
        card = own.with_user(self.user_manager)
        self.assertEqual(card.total_score, 100.0)
        with self.assertRaises(AccessError):
            card.write({"supervisor_score": 100, "bonus_points": 10})
        with self.assertRaises(AccessError):
            card.action_submit()
        with self.assertRaises(AccessError):
            self._line(own, "TIME").with_user(self.user_manager).write(
                {"events_computed": 0}
            )
        with self.assertRaises(AccessError):
            self.env["kpi.finding"].with_user(self.user_manager).create(
                {
                    "scorecard_id": own.id,
                    "line_id": self._line(own, "PROC").id,
                    "note": "own finding",
                }
            )
        with self.assertRaises(AccessError):
            self.env["kpi.report"].with_user(self.user_manager).create(
                {
                    "name": "Own report",
                    "employee_id": self.emp_manager.id,
                    "year": self.YEAR,
                    "quarter": "1",
                    "adopted_count": 10,
                }
            )
        self.assertEqual(
            (own.supervisor_score, own.bonus_points, own.state), (0.0, 0.0, "draft")
        )
        self.assertFalse(own.finding_ids)
        # their team's cards remain theirs to score
        self.card1.with_user(self.user_manager).write({"supervisor_score": 80})
        self.card1.with_user(self.user_manager).action_submit()
        self.assertEqual(self.card1.state, "submitted")

    def test_kpi04_batch_counts_callbacks_the_user_cannot_read(self):
        """KPI-04 / KPI-10: a manager who is a mere callback user, and an HR
        approver without callback rights, score from all the staff's
        callbacks, not from those they may read."""
        self._plan(self.emp1, self._dt(2, 10), "missed")
        self._plan(self.emp_other, self._dt(2, 10), "missed")
        self._plan(self.emp_other, self._dt(2, 11), "missed")
        Plan = self.env["callback.plan"].with_user(self.user_manager)
        self.assertFalse(Plan.search([("employee_id", "=", self.emp1.id)]))
        self.env["kpi.scorecard"].with_user(self.user_manager)._batch_compute(
            self.company, "quarter", self.YEAR, self.QUARTER
        )
        self.assertEqual(self._line(self.card1, "TIME").points, 18.0)
        self.assertEqual(self.card1.plans_due, 1)
        self.assertEqual(self._line(self.card_other, "TIME").points, 20.0)
        cards = (
            self.env["kpi.scorecard"]
            .with_user(self.user_hr)
            ._batch_compute(self.company, "quarter", self.YEAR, self.QUARTER)
        )
        self.assertIn(self.card_other, cards)
        self.assertEqual(self._line(self.card_other, "TIME").points, 16.0)
        self.assertEqual(self.card_other.plans_due, 2)

    def test_kpi11_scored_employee_cannot_recompute(self):
        with self.assertRaises(AccessError):
            self.card1.with_user(self.user_emp1).action_recompute()
