from psycopg2 import IntegrityError

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiBatch(CallbackKpiCase):
    """KPI-10: one action scores every callback staff member of a period."""

    def test_kpi10_batch_twice_no_duplicate_recomputes_drafts_only(self):
        self._plan(self.emp1, self._dt(2, 10), "missed")
        wizard = Form(self.env["kpi.scorecard.batch"].with_user(self.user_manager))
        wizard.year = self.YEAR
        wizard.quarter = "1"
        action = wizard.save().action_compute()
        cards = self.env["kpi.scorecard"].search(action["domain"])
        # a manager scores their team (the HR approver all callback staff)
        self.assertEqual(
            set(cards.employee_id), {self.emp1, self.emp2, self.emp_manager}
        )
        everyone = self._batch()
        self.assertIn(self.emp_other, everyone.employee_id)
        card1 = cards.filtered(lambda c: c.employee_id == self.emp1)
        card2 = cards.filtered(lambda c: c.employee_id == self.emp2)
        self.assertEqual(self._line(card1, "TIME").points, 18.0)
        card2.action_submit()
        # more data, second run
        self._plan(self.emp1, self._dt(2, 11), "missed")
        self._plan(self.emp2, self._dt(2, 11), "missed")
        again = self._batch()
        self.assertEqual(again, everyone)
        self.assertEqual(
            self.env["kpi.scorecard"].search_count(
                [("period_key", "=", "2025-Q1"), ("employee_id", "=", self.emp1.id)]
            ),
            1,
        )
        self.assertEqual(self._line(card1, "TIME").points, 16.0)  # recomputed
        self.assertEqual(self._line(card2, "TIME").points, 20.0)  # submitted: kept

    def test_kpi10_sql_unique_employee_period(self):
        self._batch()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["kpi.scorecard"].create(
                {"employee_id": self.emp1.id, "year": self.YEAR, "quarter": "1"}
            )

    def test_kpi10_query_count_independent_of_staff(self):
        """The batch's SQL query count does not grow with the staff number
        (a company of its own, so that only the staff made here count)."""
        company = self.env["res.company"].create({"name": "Batch company"})
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company.id]))
        Card = env["kpi.scorecard"]

        def make_staff(quarter, size):
            staff = env["hr.employee"].create(
                [
                    {"name": f"Batch {quarter}-{i}", "company_id": company.id}
                    for i in range(size)
                ]
            )
            month = 3 * int(quarter) - 1
            for i, employee in enumerate(staff):
                plan = self._plan(
                    employee,
                    self._dt(month, 10),
                    "done",
                    self._dt(month, 9),
                    company_id=company.id,
                )
                self._record(
                    employee,
                    self._dt(month, 8),
                    plan=plan,
                    reached=bool(i % 2),
                    cost=10.0,
                    company=company,
                )
            env.flush_all()
            env.invalidate_all()
            return staff

        make_staff("1", 2)
        Card._batch_compute(company, "quarter", self.YEAR, "1")  # warm caches
        counts = []
        for quarter, size in (("2", 3), ("3", 10)):
            staff = make_staff(quarter, size)
            before = env.cr.sql_log_count
            cards = Card._batch_compute(company, "quarter", self.YEAR, quarter)
            env.flush_all()
            counts.append(env.cr.sql_log_count - before)
            self.assertEqual(cards.employee_id, staff)
            self.assertEqual(len(cards.line_ids), 7 * size)
        self.assertEqual(counts[0], counts[1], counts)
        make_staff("4", 5)
        with self.assertQueryCount(counts[0]):
            Card._batch_compute(company, "quarter", self.YEAR, "4")
            env.flush_all()
