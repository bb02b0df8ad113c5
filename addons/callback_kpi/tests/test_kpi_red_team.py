"""X-07: the holes a red-team run over JSON-RPC found, each replayed as the
attacking role (KPI manager, HR approver), asserting the refusal and that
nothing changed: context defaults that forge workflow fields at create,
context keys that switch the workflow's tracking off, a handed-in report
moved to another employee, workflow messages of a user without e-mail."""

import datetime

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CallbackKpiCase
from .roles import new_role_user

# a client's context that would switch the chatter off (finding 8)
NO_TRACKING = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
}


@tagged("post_install", "-at_install")
class TestKpiRedTeam(CallbackKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cards = cls._batch()
        cls.card = cls.cards.filtered(lambda c: c.employee_id == cls.emp1)
        cls.card2 = cls.cards.filtered(lambda c: c.employee_id == cls.emp2)
        cls.user_hr2 = new_role_user(cls.env, "hr_approver", "kpi_hr2", name="HR Two")

    def _tracked_states(self, record):
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written on commit
        return record.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        ).mapped("new_value_char")

    # ------------------------------------------------------------------
    # finding 4-6: default_<field> context keys at create
    # ------------------------------------------------------------------
    def test_x07_kpi08_context_defaults_forge_no_approved_card(self):
        """X-07 KPI-08 KPI-07: finding 4, the card is a plain draft."""
        Card = self.env["kpi.scorecard"].with_user(self.user_manager)
        forged_contexts = (
            {
                "default_state": "approved",
                "default_approver_id": self.user_hr.id,
                "default_reward_amount": 7777,
                "default_date_approved": "2026-01-01",
                "default_self_score": 99,
                "default_self_assessed": True,
                "default_pay_deduction_pct": 0.0,
                "default_improvement_plan": True,
                "default_total_score": 100,
                "default_grade": "A",
                "default_customer_score": 100,
                "default_customer_known": True,
            },
            {"default_state": "submitted", "default_manager_id": self.user_hr.id},
        )
        for quarter, context in zip(("3", "4"), forged_contexts, strict=True):
            card = Card.with_context(**context).create(
                {
                    "employee_id": self.emp1.id,
                    "period_type": "quarter",
                    "year": self.YEAR,
                    "quarter": quarter,
                    "line_ids": [],
                }
            )
            self.env.invalidate_all()
            self.assertRecordValues(
                card,
                [
                    {
                        "state": "draft",
                        "approver_id": False,
                        "manager_id": False,
                        "reward_amount": 0.0,
                        "date_approved": False,
                        "self_score": 0.0,
                        "self_assessed": False,
                        "improvement_plan": False,
                        "total_score": 0.0,
                        "grade": False,
                        "customer_score": 0.0,
                        "customer_known": False,
                    }
                ],
            )
            # and the real workflow still applies to it
            with self.assertRaises(UserError):
                card.with_user(self.user_hr).action_approve()

    def test_x07_kpi08_user_defaults_forge_nothing(self):
        """X-07 KPI-08: a personal default (ir.default, which every internal
        user may set for themselves) fills no workflow field either."""
        for field, value in (("state", "approved"), ("reward_amount", 7777)):
            self.env["ir.default"].with_user(self.user_manager).set(
                "kpi.scorecard", field, value, user_id=True
            )
        card = (
            self.env["kpi.scorecard"]
            .with_user(self.user_manager)
            .create({"employee_id": self.emp1.id, "year": self.YEAR, "quarter": "3"})
        )
        self.assertEqual((card.state, card.reward_amount), ("draft", 0.0))

    def test_x07_kpi10_batch_context_defaults_forge_nothing(self):
        """X-07 KPI-10 KPI-08: the batch creates the cards as superuser for
        the manager who calls it: the call's context defaults forge nothing
        (Odoo's ``sudo()`` drops them, this test keeps it so)."""
        forged = {
            "default_state": "approved",
            "default_approver_id": self.user_manager.id,
            "default_reward_amount": 7777,
            "default_events_computed": 9,
        }
        wizard = (
            self.env["kpi.scorecard.batch"]
            .with_user(self.user_manager)
            .with_context(**forged)
            .create({"period_type": "quarter", "year": self.YEAR, "quarter": "2"})
        )
        cards = self.env["kpi.scorecard"].search(wizard.action_compute()["domain"])
        self.assertTrue(cards)
        self.assertEqual(set(cards.mapped("state")), {"draft"})
        self.assertFalse(cards.approver_id)
        self.assertEqual(set(cards.mapped("reward_amount")), {0.0})
        self.assertNotIn(9, cards.line_ids.mapped("events_computed"))

    def test_x07_kpi04_context_defaults_forge_no_line_figures(self):
        """X-07 KPI-04: finding 5, on a line created alone, on the lines the
        card creates and on lines added through the card (one2many)."""
        forged = {"default_events_computed": 9, "default_bonus_events": 9}
        forged.update(default_rate_value=0.0, default_rate_known=True)
        forged.update(default_points=100, default_state="approved")
        time = self._line(self.card, "TIME")
        before = time.read(["events_computed", "bonus_events", "points"])
        Line = self.env["kpi.scorecard.line"].with_user(self.user_manager)
        line = Line.with_context(**forged).create(
            [
                {
                    "scorecard_id": self.card.id,
                    "criterion_id": time.criterion_id.id,
                    "max_points": 5,
                }
            ]
        )
        card = (
            self.env["kpi.scorecard"]
            .with_user(self.user_manager)
            .with_context(**forged)
            .create({"employee_id": self.emp1.id, "year": self.YEAR, "quarter": "3"})
        )
        self.assertTrue(card.line_ids)
        self.card2.with_user(self.user_manager).with_context(**forged).write(
            {
                "line_ids": [
                    Command.create(
                        {"criterion_id": time.criterion_id.id, "max_points": 5}
                    )
                ]
            }
        )
        added = self.card2.line_ids.filtered(lambda x: x.max_points == 5)
        self.assertEqual(len(added), 1)
        for new in line | card.line_ids | added:
            self.assertRecordValues(
                new,
                [
                    {
                        "events_computed": 0,
                        "bonus_events": 0,
                        "rate_known": False,
                        "points": new.max_points,
                    }
                ],
            )
        self.assertEqual(card.state, "draft")
        self.assertEqual(
            time.read(["events_computed", "bonus_events", "points"]), before
        )

    def test_x07_kpi14_context_defaults_forge_no_finder(self):
        """X-07 KPI-14: "found by" is the recorder, whatever the context, on
        a finding created alone or through the card."""
        proc = self._line(self.card, "PROC")
        ctx = {"default_finder_id": self.user_hr.id}
        finding = (
            self.env["kpi.finding"]
            .with_user(self.user_manager)
            .with_context(**ctx)
            .create(
                {"scorecard_id": self.card.id, "line_id": proc.id, "note": "forged"}
            )
        )
        self.card.with_user(self.user_manager).with_context(**ctx).write(
            {"finding_ids": [Command.create({"line_id": proc.id, "note": "via card"})]}
        )
        via_card = self.card.finding_ids.filtered(lambda f: f.note == "via card")
        self.assertEqual((finding | via_card).finder_id, self.user_manager)

    def test_x07_kpi03_context_defaults_forge_no_report_state(self):
        """X-07 KPI-03: finding 6, a report starts as a plain draft."""
        Report = self.env["kpi.report"].with_user(self.user_manager)
        forged_contexts = (
            {"default_state": "reviewed", "default_reviewer_id": self.user_hr.id},
            {"default_state": "submitted", "default_date_submitted": "2025-10-02"},
            {"default_date_reviewed": "2025-10-03", "default_is_late": True},
        )
        for quarter, context in zip(("2", "3", "4"), forged_contexts, strict=True):
            report = Report.with_context(**context).create(
                [
                    {
                        "name": "ctx",
                        "employee_id": self.emp1.id,
                        "year": self.YEAR,
                        "quarter": quarter,
                    }
                ]
            )
            self.assertRecordValues(
                report,
                [
                    {
                        "state": "draft",
                        "reviewer_id": False,
                        "date_submitted": False,
                        "date_reviewed": False,
                        "is_late": False,
                    }
                ],
            )

    def test_x07_context_defaults_keep_the_client_fields(self):
        """X-07: context defaults of the fields a client fills still work
        (the form's default quarter, a line's card)."""
        card = (
            self.env["kpi.scorecard"]
            .with_user(self.user_manager)
            .with_context(default_quarter="4", default_supervisor_score=80)
            .create({"employee_id": self.emp1.id, "year": self.YEAR})
        )
        self.assertEqual((card.quarter, card.supervisor_score), ("4", 80))

    # ------------------------------------------------------------------
    # finding 8: the workflow is tracked whatever the caller's context
    # ------------------------------------------------------------------
    def test_x05_kpi08_workflow_tracked_whatever_the_context(self):
        """X-05 X-07 KPI-08: submit, approve, reopen and return are tracked
        and logged although the caller asks for no tracking."""
        self._tracked_states(self.card)
        self.card.with_user(self.user_manager).with_context(
            **NO_TRACKING
        ).action_submit()
        self._tracked_states(self.card)  # one tracking message per step
        self.card.with_user(self.user_hr2).with_context(**NO_TRACKING).action_approve()
        self.assertEqual(self.card.state, "approved")
        self.assertEqual(
            sorted(self._tracked_states(self.card)), ["Approved", "Submitted"]
        )
        self.card.with_user(self.user_hr2).with_context(**NO_TRACKING).action_reopen()
        self.assertIn("Draft", self._tracked_states(self.card))
        self.assertIn(
            "reopened by HR Two", "".join(self.card.message_ids.mapped("body"))
        )
        self.card2.with_user(self.user_manager).action_submit()
        self.card2.with_user(self.user_hr2).with_context(**NO_TRACKING)._do_return(
            "Check March"
        )
        self.assertIn("Returned", self._tracked_states(self.card2))
        self.assertIn("Check March", "".join(self.card2.message_ids.mapped("body")))

    def test_x05_kpi02_client_edits_tracked_whatever_the_context(self):
        """X-05 X-07 KPI-02 KPI-11: a manager's edits of the bonus points and
        the supervisor score, and of a report's adopted suggestions, are
        tracked although the manager asks for no tracking."""
        report = self.env["kpi.report"].create(
            {
                "name": "Q1",
                "employee_id": self.emp1.id,
                "year": self.YEAR,
                "quarter": "1",
            }
        )
        self._tracked_states(self.card)
        self.card.with_user(self.user_manager).with_context(**NO_TRACKING).write(
            {"bonus_points": 7, "supervisor_score": 90}
        )
        report.with_user(self.user_manager).with_context(**NO_TRACKING).write(
            {"adopted_count": 3}
        )
        self._tracked_states(self.card)
        tracked = (self.card.message_ids | report.message_ids).tracking_value_ids
        self.assertTrue(
            {"bonus_points", "supervisor_score", "adopted_count"}
            <= set(tracked.field_id.mapped("name"))
        )

    def test_x05_kpi03_report_workflow_tracked_whatever_the_context(self):
        """X-05 X-07 KPI-03: handing in and reviewing are tracked too."""
        report = self.env["kpi.report"].create(
            {
                "name": "Q1",
                "employee_id": self.emp1.id,
                "year": self.YEAR,
                "quarter": "1",
            }
        )
        self._tracked_states(report)
        report.with_user(self.user_emp1).with_context(**NO_TRACKING).action_submit()
        self._tracked_states(report)  # one tracking message per step
        report.with_user(self.user_manager).with_context(**NO_TRACKING).action_review()
        self.assertEqual(
            sorted(self._tracked_states(report)), ["Handed in", "Reviewed"]
        )

    # ------------------------------------------------------------------
    # finding 16: a report stays its employee's, period's and company's
    # ------------------------------------------------------------------
    def test_x07_kpi03_report_identity_fixed(self):
        """X-07 KPI-03: finding 16, a handed-in report (and a draft one) is
        not moved to another employee, period or company."""
        report = self.env["kpi.report"].create(
            {
                "name": "Q1 Staff One",
                "employee_id": self.emp1.id,
                "year": self.YEAR,
                "quarter": "1",
            }
        )
        draft = report.copy({"quarter": "2", "name": "Q2 Staff One"})
        report.with_user(self.user_emp1).action_submit()
        company2 = self.env["res.company"].create({"name": "KPI Company 2"})
        self.user_manager.company_ids += company2
        for record in (report, draft):
            before = record.read(["employee_id", "year", "quarter", "company_id"])
            for vals in (
                {"employee_id": self.emp2.id},
                {"year": 2024},
                {"quarter": "4"},
                {"period_type": "year", "quarter": False},
                {"company_id": company2.id},
            ):
                with (
                    self.assertRaises(UserError),
                    mute_logger("odoo.models"),
                    self.env.cr.savepoint(),
                ):
                    record.with_user(self.user_manager).write(vals)
            self.env.invalidate_all()
            self.assertEqual(
                record.read(["employee_id", "year", "quarter", "company_id"]), before
            )
        # what a client fills is still edited on a draft
        draft.with_user(self.user_manager).write({"adopted_count": 2})
        self.assertEqual(draft.adopted_count, 2)

    # ------------------------------------------------------------------
    # D: workflow messages of a user without an e-mail address
    # ------------------------------------------------------------------
    def test_kpi08_kpi14_workflow_messages_without_email(self):
        """KPI-08 KPI-14 X-06: a KPI manager and an HR approver without an
        e-mail address record findings, submit, approve, return and reopen;
        the chatter names them."""
        manager, hr = self.user_manager, self.user_hr2
        (manager | hr).partner_id.email = False
        self.assertFalse(manager.email or hr.email)
        self.env["kpi.finding"].with_user(manager).create(
            {
                "scorecard_id": self.card.id,
                "line_id": self._line(self.card, "PROC").id,
                "note": "Skipped the identity check",
            }
        )
        message = self.card.message_ids[0]
        self.assertIn("by Callback Manager: Skipped", message.body)
        self.assertEqual(message.author_id, manager.partner_id)
        for card in self.card | self.card2:
            card.with_user(manager).action_submit()
        self.card.with_user(hr).action_approve()
        self.card2.with_user(hr)._do_return("Missing findings")
        self.assertIn("Missing findings", self.card2.message_ids[0].body)
        self.card.with_user(hr).action_reopen()
        self.assertEqual((self.card.state, self.card2.state), ("draft", "returned"))
        self.assertIn("reopened by HR Two", self.card.message_ids[0].body)
        self.assertEqual(self.card.message_ids[0].author_id, hr.partner_id)

    # ------------------------------------------------------------------
    # review: other context keys and public methods
    # ------------------------------------------------------------------
    def test_x07_kpi08_return_wizard_context_reaches_no_card(self):
        """X-07 KPI-08: the return wizard's context default names the cards,
        but only an HR approver returns them."""
        self.card.with_user(self.user_manager).action_submit()
        Wizard = self.env["kpi.scorecard.return"].with_context(
            default_scorecard_ids=[Command.set(self.card.ids)]
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Wizard.with_user(self.user_manager).create({"reason": "forged"})
        # a wizard of someone else's, confirmed by the manager
        wizard = Wizard.with_user(self.user_hr).create({"reason": "forged"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            wizard.with_user(self.user_manager).action_confirm()
        self.assertEqual(
            (self.card.state, self.card.return_reason), ("submitted", False)
        )

    def test_x07_kpi08_hr_todos_not_hidden_by_context(self):
        """X-07 KPI-08: the manager who submits cannot create HR's approval
        to-dos archived (or done) through context defaults."""
        self.card.with_user(self.user_manager).with_context(
            default_active=False, default_user_id=self.user_manager.id
        ).action_submit()
        todos = self.env["mail.activity"].search(
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
        self.assertIn(self.user_hr, todos.user_id)
        self.assertNotIn(self.user_manager, todos.user_id)

    def test_x07_report_due_date_not_forged(self):
        """X-07 KPI-03: the due date is computed, never taken from context."""
        report = (
            self.env["kpi.report"]
            .with_user(self.user_manager)
            .with_context(default_date_due="2099-01-01")
            .create(
                {
                    "name": "due",
                    "employee_id": self.emp1.id,
                    "year": self.YEAR,
                    "quarter": "1",
                }
            )
        )
        self.assertLess(report.date_due, datetime.date(self.YEAR, 5, 1))
