from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CallbackKpiCase
from .roles import new_role_user


@tagged("post_install", "-at_install")
class TestKpiRolesWorkflow(CallbackKpiCase):
    """KPI-08 / KPI-10 / KPI-11 end to end as the real roles, no superuser in
    the acts: the KPI manager scores the team and submits, HR approves and
    reopens, the scored employee reads their own card only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hand_in_reports(cls.emp1 | cls.emp2 | cls.emp_manager)

    def test_kpi08_team_scored_submitted_approved_reopened(self):
        # the KPI manager runs the batch for the team (KPI-10)
        wizard = Form(self.env["kpi.scorecard.batch"].with_user(self.user_manager))
        wizard.year = self.YEAR
        wizard.quarter = self.QUARTER
        action = wizard.save().action_compute()
        Card = self.env["kpi.scorecard"].with_user(self.user_manager)
        cards = Card.search(action["domain"])
        self.assertEqual(
            set(cards.employee_id), {self.emp1, self.emp2, self.emp_manager}
        )
        card = cards.filtered(lambda c: c.employee_id == self.emp1)
        self.assertEqual(self._line(card, "TIME").points, 20.0)
        # adds a finding and the supervisor's score, submits
        finding = (
            self.env["kpi.finding"]
            .with_user(self.user_manager)
            .create(
                {
                    "scorecard_id": card.id,
                    "line_id": self._line(card, "PROC").id,
                    "note": "Did not confirm the customer identity",
                }
            )
        )
        self.assertEqual(finding.finder_id, self.user_manager)
        card.write({"supervisor_score": 85})
        # the scored employee reads their card, does not write it
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            card.with_user(self.user_emp1).write({"supervisor_score": 100})
        self.assertEqual(card.with_user(self.user_emp1).supervisor_score, 85.0)
        self.assertEqual((card.total_score, card.grade), (97.0, "A"))
        card.action_submit()
        self.assertEqual(
            (card.state, card.manager_id), ("submitted", self.user_manager)
        )
        # HR gets the to-do (KPI-08), not the manager nor the scored person
        approval = self.env.ref("callback_kpi.mail_activity_type_approval")
        todo = card.activity_ids.filtered(lambda a: a.activity_type_id == approval)
        self.assertIn(self.user_hr, todo.user_id)
        self.assertNotIn(self.user_manager, todo.user_id)
        self.assertNotIn(self.user_emp1, todo.user_id)
        # HR approves: the reward appears, the card is locked
        hr_card = card.with_user(self.user_hr)
        hr_card.action_approve()
        self.assertEqual(hr_card.state, "approved")
        self.assertEqual(hr_card.approver_id, self.user_hr)
        self.assertEqual(hr_card.reward_amount, self.company.kpi_reward_a)
        self.assertFalse(
            card.activity_ids.filtered(lambda a: a.activity_type_id == approval)
        )
        with self.assertRaises(UserError):
            card.write({"supervisor_score": 100})
        with self.assertRaises(UserError):
            finding.with_user(self.user_manager).unlink()
        # the scored employee sees their own card, read-only, not colleagues'
        mine = self.env["kpi.scorecard"].with_user(self.user_emp1)
        self.assertEqual(mine.search([("id", "in", cards.ids)]), card)
        self.assertEqual(card.with_user(self.user_emp1).grade, "A")
        with self.assertRaises(UserError):
            card.with_user(self.user_emp1).write({"self_score": 100})
        colleague = cards.filtered(lambda c: c.employee_id == self.emp2)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            colleague.with_user(self.user_emp1).read(["total_score"])
        # HR reopens: logged in the chatter, the reward withdrawn
        hr_card.action_reopen()
        self.assertEqual(card.state, "draft")
        self.assertEqual(card.reward_amount, 0.0)
        self.assertFalse(card.approver_id)
        self.assertIn("reopened by HR Approver", card.message_ids[0].body)
        # the manager can score it again
        card.write({"supervisor_score": 90})
        self.assertEqual(card.supervisor_score, 90.0)

    def test_kpi08_return_with_reason_as_roles(self):
        card = self._batch().filtered(lambda c: c.employee_id == self.emp1)
        card.with_user(self.user_manager).action_submit()
        action = card.with_user(self.user_hr).action_return()
        wizard = Form(
            self.env["kpi.scorecard.return"]
            .with_user(self.user_hr)
            .with_context(**action["context"])
        )
        wizard.reason = "Spot-check sheet missing"
        wizard.save().action_confirm()
        self.assertEqual(card.state, "returned")
        approval = self.env.ref("callback_kpi.mail_activity_type_approval")
        self.assertFalse(
            card.activity_ids.filtered(lambda a: a.activity_type_id == approval)
        )
        card.with_user(self.user_manager).write({"supervisor_score": 70})
        card.with_user(self.user_manager).action_submit()
        self.assertEqual(card.state, "submitted")


@tagged("post_install", "-at_install")
class TestKpiMultiCompany(CallbackKpiCase):
    """X-02: every company-bound model of the addon has a multi-company rule,
    checked with two companies."""

    COMPANY_MODELS = (
        "kpi.scorecard",
        "kpi.scorecard.line",
        "kpi.finding",
        "kpi.report",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "KPI company 2"})
        cls.user_hr2 = new_role_user(
            cls.env, "hr_approver", "kpi_hr2", company=cls.company2
        )
        emp2 = cls.env["hr.employee"].create(
            {"name": "Abroad", "company_id": cls.company2.id}
        )
        cls.records = {}
        for company, employee in ((cls.company, cls.emp1), (cls.company2, emp2)):
            card = cls.env["kpi.scorecard"].create(
                {
                    "employee_id": employee.id,
                    "company_id": company.id,
                    "year": cls.YEAR,
                    "quarter": cls.QUARTER,
                }
            )
            finding = cls.env["kpi.finding"].create(
                {
                    "scorecard_id": card.id,
                    "line_id": cls._line(cls, card, "PROC").id,
                    "note": "check",
                }
            )
            report = cls.env["kpi.report"].create(
                {
                    "name": "Q1",
                    "employee_id": employee.id,
                    "company_id": company.id,
                    "year": cls.YEAR,
                    "quarter": cls.QUARTER,
                }
            )
            criterion = cls.env["kpi.criterion"].create(
                {
                    "code": f"MC{company.id}",
                    "name": "Company criterion",
                    "max_points": 1,
                    "active": False,
                    "company_id": company.id,
                }
            )
            cls.records[company] = {
                "kpi.scorecard": card,
                "kpi.scorecard.line": card.line_ids,
                "kpi.finding": finding,
                "kpi.report": report,
                "kpi.criterion": criterion,
            }

    def test_x02_every_company_model_has_a_company_rule(self):
        for model in (*self.COMPANY_MODELS, "kpi.criterion"):
            rules = self.env["ir.rule"].search(
                [("model_id.model", "=", model), ("global", "=", True)]
            )
            self.assertTrue(
                any("company_ids" in rule.domain_force for rule in rules), model
            )
            self.assertIn("company_id", self.env[model]._fields, model)

    def test_x02_two_companies_isolated(self):
        for user, mine, theirs in (
            (self.user_hr, self.company, self.company2),
            (self.user_hr2, self.company2, self.company),
        ):
            for model in (*self.COMPANY_MODELS, "kpi.criterion"):
                Model = self.env[model].with_user(user).with_context(active_test=False)
                found = Model.search(
                    [
                        (
                            "id",
                            "in",
                            [
                                *self.records[mine][model].ids,
                                *self.records[theirs][model].ids,
                            ],
                        )
                    ]
                )
                self.assertEqual(found, self.records[mine][model].with_user(user))
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.records[theirs][model].with_user(user).read(["company_id"])
        # an HR approver of both companies sees the one they work in
        self.user_hr.company_ids += self.company2
        Card = self.env["kpi.scorecard"].with_user(self.user_hr)
        cards = (
            self.records[self.company]["kpi.scorecard"]
            | self.records[self.company2]["kpi.scorecard"]
        )
        self.assertEqual(
            Card.with_context(allowed_company_ids=[self.company2.id]).search(
                [("id", "in", cards.ids)]
            ),
            self.records[self.company2]["kpi.scorecard"],
        )
        self.assertEqual(
            Card.with_context(
                allowed_company_ids=[self.company.id, self.company2.id]
            ).search([("id", "in", cards.ids)]),
            cards,
        )

    def test_x02_batch_of_another_company_refused(self):
        with self.assertRaises(AccessError):
            self.env["kpi.scorecard"].with_user(self.user_hr)._batch_compute(
                self.company2, "quarter", self.YEAR, "2"
            )
        self.assertFalse(
            self.env["kpi.scorecard"].search(
                [("company_id", "=", self.company2.id), ("quarter", "=", "2")]
            )
        )
