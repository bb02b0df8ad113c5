from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiLocking(CallbackKpiCase):
    """KPI-08: an approved scorecard, its lines and findings cannot be edited
    by anyone through the ORM; reopening is an HR action, logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hand_in_reports(cls.emp1 | cls.emp2 | cls.emp_manager | cls.emp_other)
        cls.card = cls._batch().filtered(lambda c: c.employee_id == cls.emp1)
        cls.proc = cls.card.line_ids.filtered(
            lambda line: line.criterion_id.code == "PROC"
        )
        cls.finding = cls.env["kpi.finding"].create(
            {
                "scorecard_id": cls.card.id,
                "line_id": cls.proc.id,
                "note": "Skipped the identity check",
            }
        )
        cls.card.action_submit()
        cls.card.with_user(cls.user_hr).action_approve()

    def _assert_untouched(self):
        self.env.invalidate_all()
        self.assertEqual(self.card.state, "approved")
        self.assertEqual(self.card.total_score, 97.0)
        self.assertEqual(self.card.supervisor_score, 0.0)
        self.assertEqual(self.proc.points, 12.0)
        self.assertEqual(self.card.finding_ids, self.finding)
        self.assertEqual(self.finding.note, "Skipped the identity check")

    def test_kpi08_context_key_does_not_unlock_approved_card(self):
        """The reopen action's unlock cannot be forged through the context of
        an RPC call."""
        for user in (self.user_manager, self.user_hr):
            unlock = {"kpi_unlock": True}
            with self.assertRaises(UserError):
                self.card.with_user(user).with_context(**unlock).write(
                    {"supervisor_score": 5, "state": "draft"}
                )
            with self.assertRaises(UserError):
                self.proc.with_user(user).with_context(**unlock).write(
                    {"events_computed": 5}
                )
        self._assert_untouched()

    def test_kpi08_lines_and_findings_of_approved_card_locked(self):
        time = self._line(self.card, "TIME")
        for env in (
            self.env(user=self.user_manager),
            self.env(user=self.user_hr),
            self.env,  # the superuser too
        ):
            with self.assertRaises(UserError):
                self.finding.with_env(env).write({"note": "softened"})
            with self.assertRaises(UserError):
                self.finding.with_env(env).unlink()
            with self.assertRaises(UserError):
                time.with_env(env).unlink()
            with self.assertRaises(UserError):
                env["kpi.scorecard.line"].create(
                    {
                        "scorecard_id": self.card.id,
                        "criterion_id": time.criterion_id.id,
                        "max_points": 5,
                    }
                )
            with self.assertRaises(UserError):
                self.card.with_env(env).write({"bonus_points": 3})
        # a finding of a draft card cannot be moved onto the approved one
        draft = self._batch().filtered(lambda c: c.employee_id == self.emp2)
        moved = self.env["kpi.finding"].create(
            {
                "scorecard_id": draft.id,
                "line_id": self._line(draft, "PROC").id,
                "note": "draft finding",
            }
        )
        with self.assertRaises(UserError):
            moved.write({"scorecard_id": self.card.id, "line_id": self.proc.id})
        self._assert_untouched()

    def test_kpi08_reopen_is_hr_only_and_logged(self):
        for user in (self.user_emp1, self.user_manager):
            with self.assertRaises(AccessError):
                self.card.with_user(user).action_reopen()
        self._assert_untouched()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.card.with_user(self.user_hr).action_reopen()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(self.card.state, "draft")
        self.assertFalse(self.card.approver_id)
        self.assertEqual(self.card.reward_amount, 0.0)
        bodies = self.card.message_ids.mapped("body")
        self.assertTrue(any("reopened by HR Approver" in body for body in bodies))
        tracked = self.card.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state" and t.new_value_char == "Draft"
        )
        self.assertEqual(tracked.old_value_char, "Approved")
        # the reopened card is editable again
        self.finding.write({"note": "confirmed"})
        self.assertEqual(self.finding.note, "confirmed")
