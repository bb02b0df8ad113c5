"""Callbacks in a real browser: web_tour tours run by odoo-bin in headless
Chromium, each as its real role, in English and in Simplified Chinese (issue
9, item 1). Tagged ``browser_tour``: the harness runs them as a suite of their
own in the database where every addon is installed with demo data
(``scripts/test.sh tours``); pytest-odoo, which serves no HTTP, skips them."""

import unittest

from odoo import fields, http
from odoo.service import server
from odoo.tests import HttpCase, tagged

from .roles import new_role_user


class TourCase(HttpCase):
    """A browser test whose tours run in English and in Simplified Chinese:
    zh_CN is installed and the terms of ``tour_modules`` loaded."""

    tour_modules = ("customer_callback",)

    @classmethod
    def setUpClass(cls):
        if not server.server:
            raise unittest.SkipTest("needs the HTTP server of odoo-bin")
        super().setUpClass()
        # CPython 3.11.7 may fail ast.literal_eval in threads on first use
        # ("AST constructor recursion depth mismatch"): read the manifests
        # behind the static files once, before the browser asks in parallel
        cls.statics = http.root.statics
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            list(cls.tour_modules), ["zh_CN"], overwrite=True
        )

    def run_tour(self, user, lang, tour, url="/odoo"):
        """Run ``tour`` as ``user`` with the user's language ``lang``."""
        user.lang = lang
        self.start_tour(url, tour, login=user.login)


@tagged("post_install", "-at_install", "browser_tour")
class TestCallbackTours(TourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        Department = cls.env["hr.department"]
        service = Department.create({"name": "Tour Customer Service"})
        company.callback_department_id = service
        cls.salesman = new_role_user(cls.env, "salesman_callback", "tour_salesman")
        cls.staff = new_role_user(cls.env, "callback_user", "tour_callback_staff")
        Employee = cls.env["hr.employee"]
        cls.salesman_employee = Employee.create(
            {"name": "Tour Salesman", "user_id": cls.salesman.id}
        )
        cls.staff_employee = Employee.create(
            {
                "name": "Tour Staff",
                "user_id": cls.staff.id,
                "department_id": service.id,
            }
        )
        cls.questionnaire = cls.env["callback.questionnaire"].create(
            {
                "name": "Tour questionnaire",
                "question_ids": [
                    (0, 0, {"name": "Tour question %d" % i, "sequence": i})
                    for i in (1, 2, 3)
                ],
            }
        )

    def _win_deal(self, lang):
        """CB-02/CB-03: the salesperson wins the deal in the pipeline, then
        finds its after-sale callback among their plans."""
        buyer = self.env["res.partner"].create({"name": "Tour Buyer"})
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour Deal",
                "type": "opportunity",
                "partner_id": buyer.id,
                "user_id": self.salesman.id,
            }
        )
        self.run_tour(self.salesman, lang, "customer_callback_win_deal")
        self.assertTrue(lead.stage_id.is_won)
        plans = self.env["callback.plan"].search([("partner_id", "=", buyer.id)])
        self.assertEqual(sorted(plans.mapped("level")), ["1", "2"])
        self.assertEqual(
            plans.filtered(lambda p: p.level == "1").employee_id,
            self.salesman_employee,
        )

    def test_salesperson_wins_deal(self):
        self._win_deal("en_US")

    def test_salesperson_wins_deal_zh_cn(self):
        self._win_deal("zh_CN")

    def _fill_record(self, lang):
        """CB-09/CB-10/CB-12: the staff member logs the callback of their
        plan, answers every question and files the report."""
        client = self.env["res.partner"].create({"name": "Tour Client"})
        plan = self.env["callback.plan"].create(
            {
                "partner_id": client.id,
                "employee_id": self.staff_employee.id,
                "questionnaire_id": self.questionnaire.id,
                "date_deadline": fields.Date.add(fields.Date.today(), days=7),
            }
        )
        self.run_tour(self.staff, lang, "customer_callback_fill_record")
        record = plan.record_ids
        self.assertEqual(len(record), 1)
        self.assertEqual(record.state, "done")
        self.assertEqual(record.contact_name, "Mrs Tour")
        self.assertEqual(
            sorted(record.answer_ids.mapped(lambda a: (a.question_id.name, a.score))),
            [("Tour question 1", 5), ("Tour question 2", 4), ("Tour question 3", 4)],
        )
        self.assertEqual(plan.state, "done")

    def test_staff_fill_record(self):
        self._fill_record("en_US")

    def test_staff_fill_record_zh_cn(self):
        self._fill_record("zh_CN")
