import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CallbackKpiCase
from .roles import new_role_user

# the fields that must not move when an attack is refused
CARD_FIELDS = (
    "state",
    "manager_id",
    "approver_id",
    "date_approved",
    "reward_amount",
    "improvement_plan",
    "pay_deduction_pct",
    "total_score",
    "grade",
    "supervisor_score",
    "employee_id",
    "return_reason",
)


@tagged("post_install", "-at_install")
class TestKpiIntegrity(CallbackKpiCase):
    """X-07 / KPI-08: states, approvals, rewards, scores and figures change
    only through the workflow methods, which check the caller's role; every
    attack runs as the attacking role and changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cards = cls._batch()
        cls.card = cls.cards.filtered(lambda c: c.employee_id == cls.emp1)
        cls.card2 = cls.cards.filtered(lambda c: c.employee_id == cls.emp2)
        cls.card_other = cls.cards.filtered(lambda c: c.employee_id == cls.emp_other)
        cls.time = cls.card.line_ids.filtered(
            lambda line: line.criterion_id.code == "TIME"
        )
        # a manager of the team who is also HR approver, and is scored
        cls.user_boss = new_role_user(cls.env, "hr_approver", "kpi_boss", name="Boss")
        cls.user_boss.groups_id += cls.env.ref(
            "customer_callback.group_customer_callback_user"
        )
        cls.emp_boss = cls.env["hr.employee"].create(
            {
                "name": "Boss",
                "user_id": cls.user_boss.id,
                "department_id": cls.team.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        cls.card_boss = cls.env["kpi.scorecard"].create(
            {"employee_id": cls.emp_boss.id, "year": cls.YEAR, "quarter": cls.QUARTER}
        )
        cls.approved = cls.card2
        cls.approved.with_user(cls.user_manager).action_submit()
        cls.approved.with_user(cls.user_hr).action_approve()

    def _snapshot(self, cards):
        self.env.invalidate_all()
        return [tuple(card[name] for name in CARD_FIELDS) for card in cards]

    def _assert_refused(self, exception, act, *records):
        """``act`` raises ``exception`` and leaves ``records`` as they were."""
        cards = self.env["kpi.scorecard"].concat(*records)
        before = self._snapshot(cards)
        with (
            mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"),
            self.assertRaises(exception),
            self.env.cr.savepoint(),
        ):
            act()
        self.assertEqual(self._snapshot(cards), before)

    # ------------------------------------------------------------------
    # X-07 KPI-08: plain writes of what the workflow sets
    # ------------------------------------------------------------------
    def test_x07_kpi08_manager_cannot_approve_or_reward_by_write(self):
        card = self.card.with_user(self.user_manager)
        attacks = (
            {"state": "approved"},
            {"state": "submitted", "manager_id": self.user_manager.id},
            {"approver_id": self.user_manager.id},
            {"date_approved": datetime.date(2025, 4, 1)},
            {"reward_amount": 99999},
            {"improvement_plan": True},
            {"pay_deduction_pct": 0.0, "consecutive_e": 0},
            {"total_score": 110, "grade": "A"},
            {"base_score": 100},
            {"customer_score": 100, "customer_known": True},
            {"plans_due": 0, "plans_done": 0},
            {"return_reason": "forged"},
        )
        for vals in attacks:
            self._assert_refused(AccessError, lambda v=vals: card.write(v), self.card)
        self.assertEqual(self.card.state, "draft")

    def test_x07_kpi08_hr_cannot_approve_by_write(self):
        self.card.with_user(self.user_manager).action_submit()
        card = self.card.with_user(self.user_hr)
        for vals in (
            {"state": "approved", "approver_id": self.user_hr.id},
            {"reward_amount": 1000},
            {"state": "draft"},  # a regression without the workflow
        ):
            self._assert_refused(AccessError, lambda v=vals: card.write(v), self.card)
        self.assertEqual(self.card.state, "submitted")

    def test_x07_kpi08_context_key_unlocks_nothing(self):
        for user in (self.user_manager, self.user_hr):
            for key in ("kpi_unlock", "kpi_workflow", "force_write"):
                card = self.approved.with_user(user).with_context(**{key: True})
                self._assert_refused(
                    UserError,
                    lambda c=card: c.write({"state": "draft", "reward_amount": 0}),
                    self.approved,
                )
        self.assertEqual(self.approved.state, "approved")

    def test_x07_kpi08_create_cannot_start_later(self):
        Card = self.env["kpi.scorecard"].with_user(self.user_manager)
        base = {"employee_id": self.emp1.id, "year": self.YEAR, "quarter": "3"}
        for extra in (
            {"state": "submitted"},
            {"state": "approved"},
            {"state": "returned"},
            {"approver_id": self.user_hr.id},
            {"reward_amount": 1000},
            {"total_score": 100, "grade": "A"},
        ):
            self._assert_refused(
                AccessError, lambda e=extra: Card.create({**base, **e}), self.card
            )
        self.assertFalse(
            self.env["kpi.scorecard"].search(
                [("employee_id", "=", self.emp1.id), ("quarter", "=", "3")]
            )
        )

    def test_x07_card_identity_fixed(self):
        card = self.card.with_user(self.user_manager)
        for vals in (
            {"employee_id": self.emp_manager.id},
            {"employee_id": self.emp2.id},
            {"year": 2024},
            {"quarter": "2"},
        ):
            self._assert_refused(UserError, lambda v=vals: card.write(v), self.card)

    def test_x07_kpi04_line_figures_not_typed(self):
        line = self.time.with_user(self.user_manager)
        before = (self.time.events_computed, self.time.points)
        for vals in (
            {"events_computed": 0},
            {"points": 20},
            {"deduction": 0},
            {"rate_value": 100, "rate_known": True},
            {"bonus_events": 5},
            {"zeroed": False},
        ):
            self._assert_refused(AccessError, lambda v=vals: line.write(v), self.card)
        self.assertEqual((self.time.events_computed, self.time.points), before)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["kpi.scorecard.line"].with_user(self.user_manager).create(
                {
                    "scorecard_id": self.card.id,
                    "criterion_id": self.time.criterion_id.id,
                    "max_points": 0,
                    "bonus_events": 10,
                }
            )

    def test_kpi08_lines_and_findings_not_moved_onto_locked_card(self):
        locked_line = self._line(self.approved, "PROC")
        for env in (self.env(user=self.user_manager), self.env(user=self.user_hr)):
            self._assert_refused(
                UserError,
                lambda e=env: self.time.with_env(e).write(
                    {"scorecard_id": self.approved.id}
                ),
                self.card,
                self.approved,
            )
        # the superuser neither
        self._assert_refused(
            UserError,
            lambda: self.time.write({"scorecard_id": self.approved.id}),
            self.card,
            self.approved,
        )
        finding = (
            self.env["kpi.finding"]
            .with_user(self.user_manager)
            .create(
                {
                    "scorecard_id": self.card.id,
                    "line_id": self._line(self.card, "PROC").id,
                    "note": "draft finding",
                }
            )
        )
        self._assert_refused(
            UserError,
            lambda: finding.write(
                {"scorecard_id": self.approved.id, "line_id": locked_line.id}
            ),
            self.card,
            self.approved,
        )
        self.assertEqual(finding.scorecard_id, self.card)
        self.assertEqual(self.time.scorecard_id, self.card)

    def test_kpi08_submitted_card_not_edited(self):
        self.card.with_user(self.user_manager).action_submit()
        card = self.card.with_user(self.user_manager)
        self._assert_refused(
            UserError, lambda: card.write({"supervisor_score": 90}), self.card
        )
        self._assert_refused(
            UserError,
            lambda: self.env["kpi.finding"]
            .with_user(self.user_manager)
            .create(
                {
                    "scorecard_id": self.card.id,
                    "line_id": self._line(self.card, "PROC").id,
                    "note": "after submission",
                }
            ),
            self.card,
        )
        self.assertFalse(self.card.finding_ids)

    # ------------------------------------------------------------------
    # X-07 KPI-08: separation of duties
    # ------------------------------------------------------------------
    def test_x07_kpi08_nobody_acts_on_own_card_even_manager_and_hr(self):
        boss = self.card_boss.with_user(self.user_boss)
        for act in (
            lambda: boss.write({"supervisor_score": 100}),
            lambda: boss.write({"bonus_points": 10}),
            lambda: boss.action_submit(),
            lambda: boss.action_reopen(),
            lambda: boss.unlink(),
            lambda: self._line(self.card_boss, "TIME")
            .with_user(self.user_boss)
            .write({"max_points": 25}),
            lambda: self.env["kpi.finding"]
            .with_user(self.user_boss)
            .create(
                {
                    "scorecard_id": self.card_boss.id,
                    "line_id": self._line(self.card_boss, "PROC").id,
                    "note": "own",
                }
            ),
            lambda: self.env["kpi.scorecard"]
            .with_user(self.user_boss)
            .create({"employee_id": self.emp_boss.id, "year": 2025, "quarter": "4"}),
        ):
            self._assert_refused(AccessError, act, self.card_boss)
        # submitted by the manager, the boss still neither approves, returns
        # nor reopens it
        self.card_boss.with_user(self.user_manager).action_submit()
        for act in (
            lambda: boss.action_approve(),
            lambda: boss.action_return(),
            lambda: boss._do_return("own card"),
        ):
            self._assert_refused(UserError, act, self.card_boss)
        self.card_boss.with_user(self.user_hr).action_approve()
        self._assert_refused(AccessError, boss.action_reopen, self.card_boss)
        self.assertEqual(self.card_boss.state, "approved")
        self.assertEqual(self.card_boss.approver_id, self.user_hr)

    def test_kpi08_submitter_does_not_approve(self):
        self.card_other.with_user(self.user_boss).action_submit()
        self._assert_refused(
            UserError,
            self.card_other.with_user(self.user_boss).action_approve,
            self.card_other,
        )
        self.card_other.with_user(self.user_hr).action_approve()
        self.assertEqual(self.card_other.approver_id, self.user_hr)

    def test_kpi08_reopen_hr_only_logged(self):
        for user in (self.user_emp2, self.user_manager):
            self._assert_refused(
                AccessError,
                self.approved.with_user(user).action_reopen,
                self.approved,
            )
        self.approved.with_user(self.user_hr).action_reopen()
        self.assertEqual(self.approved.state, "draft")
        self.assertEqual(self.approved.reward_amount, 0.0)
        self.assertIn("reopened by HR Approver", self.approved.message_ids[0].body)

    def test_x07_scored_employee_cannot_act(self):
        card = self.card.with_user(self.user_emp1)
        for act in (
            card.action_submit,
            card.action_approve,
            card.action_recompute,
            lambda: card._do_return("x"),
            lambda: card.write({"supervisor_score": 100}),
        ):
            self._assert_refused(AccessError, act, self.card)

    # ------------------------------------------------------------------
    # KPI-14 / X-03: findings
    # ------------------------------------------------------------------
    def test_kpi14_finder_is_the_recorder(self):
        Finding = self.env["kpi.finding"].with_user(self.user_manager)
        finding = Finding.create(
            {
                "scorecard_id": self.card.id,
                "line_id": self._line(self.card, "PROC").id,
                "note": "Skipped the identity check",
                "finder_id": self.user_hr.id,  # forged
            }
        )
        self.assertEqual(finding.finder_id, self.user_manager)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            finding.write({"finder_id": self.user_hr.id})
        self.assertEqual(finding.finder_id, self.user_manager)
        self.assertTrue(
            any(
                "by Callback Manager: Skipped" in body
                for body in self.card.message_ids.mapped("body")
            )
        )

    def test_x03_finding_outside_period_refused(self):
        Finding = self.env["kpi.finding"].with_user(self.user_manager)
        line = self._line(self.card, "PROC")
        for date in (datetime.date(2024, 12, 31), datetime.date(2025, 4, 1)):
            with self.assertRaises(ValidationError):
                Finding.create(
                    {
                        "scorecard_id": self.card.id,
                        "line_id": line.id,
                        "note": "out of period",
                        "date": date,
                    }
                )
        finding = Finding.create(
            {"scorecard_id": self.card.id, "line_id": line.id, "note": "in period"}
        )
        # a past quarter: the finding defaults to its last day
        self.assertEqual(finding.date, datetime.date(2025, 3, 31))
        with self.assertRaises(ValidationError):
            finding.write({"date": datetime.date(2025, 7, 1)})
        self.assertEqual(finding.date, datetime.date(2025, 3, 31))
        self.assertEqual(line.events_manual, 1)

    # ------------------------------------------------------------------
    # KPI-03 / X-07: analysis reports
    # ------------------------------------------------------------------
    def _report(self, employee, **vals):
        return self.env["kpi.report"].create(
            {
                "name": f"Q1 of {employee.name}",
                "employee_id": employee.id,
                "year": self.YEAR,
                "quarter": "1",
                **vals,
            }
        )

    def test_x07_report_workflow_fields_and_own_report(self):
        report = self._report(self.emp1)
        as_manager = report.with_user(self.user_manager)
        for vals in (
            {"state": "reviewed"},
            {"date_submitted": datetime.date(2025, 4, 2)},
            {"reviewer_id": self.user_manager.id},
            {"date_reviewed": datetime.date(2025, 4, 3)},
            {"is_late": False},
        ):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                as_manager.write(vals)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["kpi.report"].with_user(self.user_manager).create(
                {
                    "name": "forged",
                    "employee_id": self.emp2.id,
                    "year": self.YEAR,
                    "quarter": "1",
                    "state": "reviewed",
                }
            )
        self.assertEqual((report.state, report.date_submitted), ("draft", False))
        # the staff member hands in their own report; nobody reviews their own
        report.with_user(self.user_emp1).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.date_submitted, datetime.date.today())
        with self.assertRaises(AccessError):
            report.with_user(self.user_emp1).action_review()
        own = self._report(self.emp_boss)
        own.with_user(self.user_manager).action_submit()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            own.with_user(self.user_boss).action_review()
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            own.with_user(self.user_boss).write({"adopted_count": 5})
        self.assertEqual((own.state, own.adopted_count), ("submitted", 0))
        report.with_user(self.user_manager).action_review()
        self.assertEqual(report.reviewer_id, self.user_manager)
        # no regression, no edit of a reviewed report
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            report.with_user(self.user_hr).write({"state": "draft"})
        with self.assertRaises(UserError):
            report.with_user(self.user_hr).write({"adopted_count": 9})
        with self.assertRaises(UserError):
            report.with_user(self.user_hr).action_submit()
        self.assertEqual((report.state, report.adopted_count), ("reviewed", 0))

    def test_x03_report_dated_before_period_end_refused(self):
        with self.assertRaises(ValidationError):
            self._report(self.emp1, date_submitted=datetime.date(2025, 3, 20))
        current = self._report(self.emp1, year=datetime.date.today().year + 1)
        with self.assertRaises(ValidationError):
            current.with_user(self.user_manager).action_submit()
        self.assertEqual(current.state, "draft")
        self.assertFalse(
            self.env["kpi.report"].search(
                [("employee_id", "=", self.emp1.id), ("year", "=", self.YEAR)]
            )
        )

    # ------------------------------------------------------------------
    # KPI-14 / X-07: the self-assessment is the scored person's own
    # ------------------------------------------------------------------
    def test_kpi14_self_assessment_by_the_scored_person_only(self):
        action = self.card.with_user(self.user_emp1).action_open_self_assessment()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_emp1)
            .with_context(**action["context"])
        )
        wizard.score = 88
        wizard.save().action_confirm()
        self.assertEqual((self.card.self_score, self.card.self_assessed), (88.0, True))
        # nobody enters it for them, nor changes it
        for user in (self.user_manager, self.user_hr):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.card.with_user(user).write({"self_score": 100})
            with self.assertRaises(AccessError):
                self.card.with_user(user).action_self_assess(100)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.card2.with_user(self.user_emp1).action_self_assess(100)
        # not once the card is submitted
        self.card.with_user(self.user_manager).action_submit()
        with self.assertRaises(UserError):
            self.card.with_user(self.user_emp1).action_self_assess(100)
        self.assertEqual(self.card.self_score, 88.0)
