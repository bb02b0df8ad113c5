import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiWorkflow(CallbackKpiCase):
    """KPI-05..KPI-09: grades, annual score, rewards, workflow, deadlines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hand_in_reports(
            cls.emp1 | cls.emp2 | cls.emp_manager | cls.emp_other,
            quarters=("1", "2", "3", "4"),
            years=(cls.YEAR - 1, cls.YEAR),
        )
        cls.cards = cls._batch()
        cls.card = cls.cards.filtered(lambda c: c.employee_id == cls.emp1)
        cls.card_manager = cls.cards.filtered(
            lambda c: c.employee_id == cls.emp_manager
        )

    def _lose(self, card, late, findings=0):
        """Make ``card`` lose 2 points per late callback (TIME) and 3 per
        process finding (PROC)."""
        self._line(card, "TIME").events_computed = late
        proc = self._line(card, "PROC")
        if findings != proc.events_manual:
            proc.finding_ids.unlink()
            self.env["kpi.finding"].create(
                {
                    "scorecard_id": card.id,
                    "line_id": proc.id,
                    "events": findings,
                    "note": "spot check",
                }
            )

    def test_kpi01_batch_creates_quarter_cards_with_deadline(self):
        self.assertIn(self.emp1, self.cards.employee_id)
        self.assertEqual(self.card.date_from, datetime.date(2025, 1, 1))
        self.assertEqual(self.card.date_to, datetime.date(2025, 3, 31))
        self.assertEqual(self.card.deadline, datetime.date(2025, 4, 10))  # KPI-09
        self.assertEqual(len(self.card.line_ids), 7)
        self.assertEqual(sum(self.card.line_ids.mapped("max_points")), 100)

    def test_kpi05_grade_boundaries_on_cards(self):
        card = self.card
        self.assertEqual((card.total_score, card.grade), (100.0, "A"))
        self._lose(card, 3, 1)  # 100 - 6 - 3 = 91
        self.assertEqual((card.total_score, card.grade), (91.0, "A"))
        self._lose(card, 4, 1)  # 89
        self.assertEqual(card.grade, "B")
        card.bonus_points = 1  # 90.0 is B
        self.assertEqual((card.total_score, card.grade), (90.0, "B"))
        card.bonus_points = 1.01
        self.assertEqual((card.total_score, card.grade), (90.01, "A"))

    def test_kpi05_x03_boundaries_out_of_order_refused(self):
        with self.assertRaises(ValidationError):
            self.company.kpi_grade_b = 95
        self.assertEqual(self.company.kpi_grade_b, 80)
        self.company.write({"kpi_grade_a": 95, "kpi_grade_b": 85})
        self.assertEqual(self.card.grade, "A")
        self._lose(self.card, 1, 1)  # 95 is B under the new boundaries
        self.assertEqual((self.card.total_score, self.card.grade), (95.0, "B"))

    def test_kpi08_settings_change_leaves_approved_cards_alone(self):
        approved = self.card
        self._lose(approved, 3)  # 94: A
        approved.action_submit()
        approved.with_user(self.user_hr).action_approve()
        draft = self.cards.filtered(lambda c: c.employee_id == self.emp2)
        self._lose(draft, 3)  # 94: A
        self.company.write({"kpi_grade_a": 95, "kpi_grade_b": 85})
        self.assertEqual((draft.total_score, draft.grade), (94.0, "B"))
        self.assertEqual((approved.total_score, approved.grade), (94.0, "A"))
        self.assertEqual(approved.reward_amount, self.company.kpi_reward_a)

    def test_kpi08_steps_out_of_order_refused(self):
        with self.assertRaises(UserError):
            self.card.with_user(self.user_hr).action_approve()  # still draft
        with self.assertRaises(UserError):
            self.card.with_user(self.user_hr).action_reopen()
        self.card.action_submit()
        with self.assertRaises(UserError):
            self.card.action_submit()
        with self.assertRaises(UserError):
            self.card.action_recompute()  # submitted cards keep their figures
        with self.assertRaises(UserError):
            self.card.with_user(self.user_hr)._do_return("  ")
        self.assertEqual(self.card.state, "submitted")
        self.assertFalse(self.card.return_reason)

    def test_kpi10_batch_wizard_defaults_to_last_quarter(self):
        wizard = Form(self.env["kpi.scorecard.batch"].with_user(self.user_manager))
        today = datetime.date.today()
        last = (today.month - 1) // 3 or 4
        self.assertEqual(wizard.quarter, str(last))
        self.assertEqual(wizard.year, today.year if today.month > 3 else today.year - 1)

    def test_kpi08_full_workflow_tracked(self):
        # records created in the running transaction are not tracked;
        # run the pending commit hooks as a commit would
        self.env.flush_all()
        self.env.cr.precommit.run()
        card = self.card.with_user(self.user_manager)
        card.action_submit()
        self.assertEqual(card.state, "submitted")
        self.assertEqual(card.manager_id, self.user_manager)
        self.env.flush_all()
        self.env.cr.precommit.run()
        card.with_user(self.user_hr).action_approve()
        self.assertEqual(self.card.state, "approved")
        self.assertEqual(self.card.approver_id, self.user_hr)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written on commit
        tracked = self.card.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")), ["Approved", "Submitted"]
        )
        # KPI-07: A earns the A bonus amount
        self.assertEqual(self.card.reward_amount, self.company.kpi_reward_a)

    def test_kpi08_return_with_reason_wizard(self):
        self.card.with_user(self.user_manager).action_submit()
        action = self.card.with_user(self.user_hr).action_return()
        wizard = Form(
            self.env["kpi.scorecard.return"]
            .with_user(self.user_hr)
            .with_context(**action["context"])
        )
        wizard.reason = "Findings of March missing"
        wizard.save().action_confirm()
        self.assertEqual(self.card.state, "returned")
        self.assertEqual(self.card.return_reason, "Findings of March missing")
        self.assertIn("Findings of March missing", self.card.message_ids[0].body)
        # the manager fixes and resubmits
        self.card.with_user(self.user_manager).action_submit()
        self.assertEqual(self.card.state, "submitted")

    def test_kpi08_approved_card_locked_reopen_logged(self):
        self.card.action_submit()
        self.card.with_user(self.user_hr).action_approve()
        with self.assertRaises(UserError):
            self.card.with_user(self.user_hr).bonus_points = 5
        with self.assertRaises(UserError):
            self._line(self.card, "TIME").with_user(self.user_manager).write(
                {"events_computed": 3}
            )
        with self.assertRaises(UserError):
            self.env["kpi.finding"].with_user(self.user_manager).create(
                {
                    "scorecard_id": self.card.id,
                    "line_id": self._line(self.card, "PROC").id,
                    "note": "late finding",
                }
            )
        self.assertEqual(self.card.total_score, 100.0)
        self.assertEqual(self.card.bonus_points, 0.0)
        # a manager cannot reopen; HR can, and it is logged
        with self.assertRaises(AccessError):
            self.card.with_user(self.user_manager).action_reopen()
        self.assertEqual(self.card.state, "approved")
        self.card.with_user(self.user_hr).action_reopen()
        self.assertEqual(self.card.state, "draft")
        self.assertIn("reopened by HR Approver", self.card.message_ids[0].body)
        self.card.bonus_points = 5
        self.assertEqual(self.card.bonus_total, 5.0)

    def test_kpi07_e_grade_improvement_plan_and_consecutive_e(self):
        # previous quarter (Q4 2024) approved with E
        previous = self._batch(quarter="4", year=2024).filtered(
            lambda c: c.employee_id == self.emp1
        )
        for card in (previous, self.card):
            card.line_ids.filtered(lambda line: line.criterion_id.code == "TIME").write(
                {"events_computed": 11}
            )  # over 10 late: TIME scores 0
            card.line_ids.filtered(lambda line: line.criterion_id.code == "QTY").write(
                {
                    "rate_value": 50,
                    "rate_known": True,
                    "rate2_value": 50,
                    "rate2_known": True,
                }
            )  # both floors breached: QTY scores 0
            self.assertEqual((card.total_score, card.grade), (55.0, "E"))
            card.action_submit()
            card.with_user(self.user_hr).action_approve()
        self.assertTrue(previous.improvement_plan)
        self.assertEqual(previous.pay_deduction_pct, 0.0)
        self.assertTrue(self.card.improvement_plan)
        self.assertEqual(
            self.card.improvement_deadline,
            self.card.date_approved + datetime.timedelta(days=30),
        )
        self.assertEqual(self.card.consecutive_e, 2)
        plan_activity = self.card.activity_ids
        self.assertEqual(plan_activity.date_deadline, self.card.improvement_deadline)
        self.assertEqual(plan_activity.user_id, self.card.manager_id)
        self.assertEqual(
            self.card.pay_deduction_pct, self.company.kpi_pay_deduction_pct
        )
        self.assertEqual(self.card.reward_amount, 0.0)

    def test_kpi06_annual_card_from_quarters(self):
        scores = []
        for quarter, lost in (("1", 20), ("2", 10)):
            card = self._batch(quarter=quarter).filtered(
                lambda c: c.employee_id == self.emp1
            )
            card.line_ids.filtered(lambda line: line.criterion_id.code == "TIME").write(
                {"events_computed": lost // 2}
            )
            scores.append(card.total_score)
            card.action_submit()
            card.with_user(self.user_hr).action_approve()
        self.assertEqual(scores, [80.0, 90.0])
        annual = self._batch(period_type="year").filtered(
            lambda c: c.employee_id == self.emp1
        )
        self.assertEqual(annual.quarter_count, 2)
        self.assertEqual(annual.quarter_average, 85.0)
        annual.supervisor_score = 70
        self.assertEqual(annual.year_end_score, 70.0)  # no customer data here
        # 85 x 60 % + 70 x 40 % = 79
        self.assertEqual(annual.total_score, 79.0)
        self.assertEqual(annual.grade, "C")
        self.assertEqual(annual.deadline, datetime.date(2026, 1, 15))
        self.assertEqual(annual.quarterly_ids.mapped("total_score"), [90.0, 80.0])
        with self.assertRaises(ValidationError):
            annual.year_end_score = 101

    def test_kpi11_evaluation_combines_supervisor_customer_self(self):
        self.card.write(
            {
                "supervisor_score": 80,
                "customer_score": 90,
                "customer_known": True,
            }
        )
        # 80 x 50 + 90 x 40 over 90
        self.assertAlmostEqual(self.card.evaluation_score, 84.44, places=2)
        self.card.write({"self_assessed": True, "self_score": 100})
        self.assertEqual(self.card.evaluation_score, 86.0)
        with self.assertRaises(ValidationError):
            self.card.supervisor_score = -5

    def test_kpi09_overdue_cards_flagged_to_hr_once(self):
        self.assertTrue(self.card.is_overdue)  # due 10 April 2025
        self.env["kpi.scorecard"]._cron_flag_overdue()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "kpi.scorecard"), ("res_id", "in", self.cards.ids)]
        )
        hr_users = self.env.ref("callback_kpi.group_callback_kpi_hr").users.filtered(
            lambda u: not u.share
        )
        self.assertEqual(len(activities), len(self.cards) * len(hr_users))
        self.assertIn(self.user_hr, activities.user_id)
        self.env["kpi.scorecard"]._cron_flag_overdue()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "kpi.scorecard"), ("res_id", "in", self.cards.ids)]
            ),
            len(activities),
        )
        # approved cards are not overdue; their overdue to-dos are done
        self.card.action_submit()
        self.card.with_user(self.user_hr).action_approve()
        self.assertFalse(self.card.is_overdue)
        self.assertFalse(self.card.activity_ids)
        self.assertIn("Scorecard approved.", self.card.message_ids.mapped("body")[0])

    def test_kpi07_rewards_set_on_approval_by_grade(self):
        """A and B earn their bonus amounts, C and D nothing and no
        improvement plan; nothing is granted before HR approves."""
        self.company.write({"kpi_reward_a": 800, "kpi_reward_b": 300})
        card_b = self.cards.filtered(lambda c: c.employee_id == self.emp2)
        card_d = self.cards.filtered(lambda c: c.employee_id == self.emp_other)
        self._lose(self.card, 3)  # 94
        self._lose(card_b, 6)  # 88
        self._lose(self.card_manager, 7, 2)  # 100 - 14 - 6 = 80: C
        self._lose(card_d, 11, 4)  # TIME zeroed: 100 - 20 - 12 = 68
        expected = {
            self.card: ("A", 800.0),
            card_b: ("B", 300.0),
            self.card_manager: ("C", 0.0),
            card_d: ("D", 0.0),
        }
        cards = self.card | card_b | self.card_manager | card_d
        self.assertEqual(cards.mapped("grade"), ["A", "B", "C", "D"])
        cards.action_submit()
        self.assertEqual(set(cards.mapped("reward_amount")), {0.0})
        cards.with_user(self.user_hr).action_approve()
        for card, (grade, amount) in expected.items():
            self.assertEqual(card.reward_amount, amount, grade)
            self.assertFalse(card.improvement_plan, grade)
            self.assertEqual(card.pay_deduction_pct, 0.0, grade)
        improvement = self.env.ref("callback_kpi.mail_activity_type_improvement")
        self.assertFalse(
            cards.activity_ids.filtered(lambda a: a.activity_type_id == improvement)
        )

    def test_kpi11_evaluation_from_callback_satisfaction(self):
        """The customer part is the satisfaction of the period's answered
        callbacks; the self-assessment counts only when given."""
        for score in (60.0, 100.0):
            plan = self._plan(self.emp1, self._dt(2, 10), "done", self._dt(2, 9))
            self._record(
                self.emp1, self._dt(2, 9), plan=plan, answered=True, satisfaction=score
            )
        self._batch()
        self.assertTrue(self.card.customer_known)
        self.assertEqual(self.card.customer_score, 80.0)
        self.card.supervisor_score = 70
        # (70 x 50 + 80 x 40) / 90
        self.assertEqual(self.card.evaluation_score, 74.44)
        self.card.self_score = 100  # not assessed: ignored
        self.assertEqual(self.card.evaluation_score, 74.44)
        self.card.self_assessed = True
        # (70 x 50 + 80 x 40 + 100 x 10) / 100
        self.assertEqual(self.card.evaluation_score, 77.0)
        # without any answered callback only the supervisor counts
        card2 = self.cards.filtered(lambda c: c.employee_id == self.emp2)
        self.assertFalse(card2.customer_known)
        card2.supervisor_score = 65
        self.assertEqual(card2.evaluation_score, 65.0)
