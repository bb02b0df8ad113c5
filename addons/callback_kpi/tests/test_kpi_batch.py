import datetime

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

    def _overdue_cards(self, size, quarter):
        """``size`` overdue quarterly cards (2024, long past their deadline)
        of new employees."""
        staff = self.env["hr.employee"].create(
            [{"name": f"Overdue {quarter}-{i}"} for i in range(size)]
        )
        cards = self.env["kpi.scorecard"].create(
            [
                {"employee_id": employee.id, "year": 2024, "quarter": quarter}
                for employee in staff
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return cards

    def test_kpi09_cron_query_count_independent_of_cards(self):
        """KPI-09: the daily cron flags 3 or 10 overdue cards to HR in the same
        number of queries, and a second run adds no activity."""
        Card = self.env["kpi.scorecard"]
        overdue = self.env.ref("callback_kpi.mail_activity_type_overdue")
        Card._cron_flag_overdue()  # flags the cards already there (demo)
        self.env.flush_all()
        hr_users = self.env.ref("callback_kpi.group_callback_kpi_hr").users
        counts = []
        for quarter, size in (("2", 3), ("3", 10)):
            cards = self._overdue_cards(size, quarter)
            before = self.env.cr.sql_log_count
            Card._cron_flag_overdue()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            activities = cards.activity_ids.filtered(
                lambda a: a.activity_type_id == overdue
            )
            self.assertEqual(len(activities), size * len(hr_users))
            self.assertEqual(activities.user_id, hr_users)
        self.assertEqual(counts[0], counts[1], counts)
        cards = self._overdue_cards(5, "4")
        with self.assertQueryCount(counts[0]):
            Card._cron_flag_overdue()
            self.env.flush_all()
        # a second run flags nothing twice
        before = self.env["mail.activity"].search_count(
            [("res_model", "=", Card._name)]
        )
        Card._cron_flag_overdue()
        self.assertEqual(
            self.env["mail.activity"].search_count([("res_model", "=", Card._name)]),
            before,
        )
        self.assertEqual(len(cards.activity_ids), 5 * len(hr_users))

    def test_kpi10_annual_batch_query_count_independent_of_staff(self):
        """KPI-10 / KPI-06: the annual batch of a manager reads the approved
        quarters of 3 or 10 staff members in the same number of queries."""
        company = self.env["res.company"].create({"name": "Annual company"})
        self.user_manager.write(
            {"company_ids": [(4, company.id)], "company_id": company.id}
        )
        team = self.env["hr.department"].create(
            {"name": "Annual team", "company_id": company.id}
        )
        self.env["hr.employee"].create(
            {
                "name": "Annual manager",
                "user_id": self.user_manager.id,
                "department_id": team.id,
                "company_id": company.id,
            }
        )
        Card = (
            self.env["kpi.scorecard"]
            .with_user(self.user_manager)
            .with_company(company)
            .with_context(allowed_company_ids=[company.id])
        )

        def make_staff(year, size):
            staff = self.env["hr.employee"].create(
                [
                    {
                        "name": f"Annual {year}-{i}",
                        "company_id": company.id,
                        "department_id": team.id,
                    }
                    for i in range(size)
                ]
            )
            quarters = self.env["kpi.scorecard"].create(
                [
                    {
                        "employee_id": employee.id,
                        "company_id": company.id,
                        "year": year,
                        "quarter": quarter,
                    }
                    for employee in staff
                    for quarter in ("1", "2")
                ]
            )
            quarters.write({"state": "approved"})
            for employee in staff:  # callback staff of the year
                self._plan(
                    employee,
                    datetime.datetime(year, 5, 5, 10, 0),
                    company_id=company.id,
                )
            self.env.flush_all()
            self.env.invalidate_all()
            return staff

        def run(year):
            return Card._batch_compute(company, "year", year)

        make_staff(2021, 2)
        run(2021)  # warm caches
        counts = []
        for year, size in ((2022, 3), (2023, 10)):
            staff = make_staff(year, size)
            before = self.env.cr.sql_log_count
            cards = run(year)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            scored = cards.filtered_domain([("employee_id", "in", staff.ids)])
            self.assertEqual(scored.employee_id, staff)
            self.assertEqual(set(scored.mapped("quarter_count")), {2})
        self.assertEqual(counts[0], counts[1], counts)
