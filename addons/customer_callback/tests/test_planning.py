"""CB-04 quarterly planning and CB-22 to-dos when the window opens, with the
daily job in batches (Odoo's cron progress API)."""

from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestQuarterlyPlanning(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.callback_periodic_days = 14
        cls.customers = cls.partner_high | cls.partner_medium | cls.partner_low

    def _done_on(self, partner, day):
        plan = self._plan(
            partner=partner,
            employee=partner.callback_employee_id,
            deadline=datetime.combine(day, datetime.min.time()).replace(hour=12),
            callback_type="special",
        )
        plan.write({"state": "done", "date_done": plan.date_deadline})
        return plan

    def _wizard(self, user=None, quarter="2"):
        form = Form(
            self.env["callback.planning.wizard"].with_user(user or self.user_manager)
        )
        form.year = 2026
        form.quarter = quarter
        form.seed = "11"
        wizard = form.save()
        wizard.action_compute()
        return wizard

    def test_cb04_periodic_deadline_is_the_due_date(self):
        """CB-01 CB-04: called on 1 January, a high-value customer is due on
        1 April: the daily job plans them 14 days ahead with 1 April as the
        deadline (before: created on 1 April, due two weeks later)."""
        self._done_on(self.partner_high, date(2026, 1, 1))
        plans = self.Plan._plan_periodic_callbacks(
            self.company, today=date(2026, 3, 17)
        )
        self.assertNotIn(self.partner_high, plans.partner_id)
        plans = self.Plan._plan_periodic_callbacks(
            self.company, today=date(2026, 3, 18)
        )
        plan = plans.filtered(lambda p: p.partner_id == self.partner_high)
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.date_deadline.date(), date(2026, 4, 1))
        self.assertEqual(plan.quarter, "2026-Q2")
        # the minimum frequency is kept: the deadline is the due date
        self.assertLessEqual(plan.date_deadline.date(), date(2026, 4, 1))

    def test_cb04_quarter_wizard_deadline_is_the_due_date(self):
        """CB-04: in the quarter's plan, a customer due on 15 May has that
        deadline; a customer never called has the quarter's end."""
        self._done_on(self.partner_high, date(2026, 2, 15))
        with freeze_time("2026-04-01 02:00:00"):
            wizard = self._wizard()
            deadlines = {
                line.partner_id: line.date_deadline for line in wizard.line_ids
            }
            self.assertEqual(deadlines[self.partner_high], date(2026, 5, 15))
            self.assertEqual(deadlines[self.partner_medium], date(2026, 6, 30))
            # CB-17: manager A plans for team A
            wizard.line_ids.employee_id = self.emp_a
            action = wizard.action_create_plans()
        plans = self.Plan.search(action["domain"])
        high = plans.filtered(lambda p: p.partner_id == self.partner_high)
        self.assertEqual(high.date_deadline.date(), date(2026, 5, 15))
        # CB-22: planned on 1 April, called from 1 May (14 days ahead of the
        # due date): no to-do in April
        self.assertEqual(high.date_start.date(), date(2026, 5, 1))
        self.assertTrue(high.todo_pending)
        self.assertFalse(high.activity_ids)
        # its window opens on 1 May: the to-do comes 3 days before
        opens = high.date_start - timedelta(days=3)
        with freeze_time(opens - timedelta(hours=1)):
            self.Plan._cron_daily()
        self.assertFalse(high.activity_ids)
        with freeze_time(opens + timedelta(hours=1)):
            self.Plan._cron_daily()
        self.assertEqual(high.activity_ids.user_id, self.user_a)

    def test_cb04_running_the_wizard_twice_adds_nothing(self):
        with freeze_time("2026-04-01 02:00:00"):
            first = self._wizard()
            first.line_ids.employee_id = self.emp_a
            planned = self.Plan.search(first.action_create_plans()["domain"])
            self.assertIn(self.partner_high, planned.partner_id)
            again = self._wizard()
            self.assertFalse(again.line_ids)
            action = again.action_create_plans()
        self.assertFalse(self.Plan.search(action["domain"]))
        self.assertEqual(
            self.Plan.search_count(
                [("partner_id", "=", self.partner_high.id), ("quarter", "=", "2026-Q2")]
            ),
            1,
        )

    def test_cb04_quarter_end_in_beijing_stays_in_the_quarter(self):
        """CB-04: 18:00 on 30 June in Beijing is 10:00 UTC: the plans of Q2
        are in Q2 (before: 18:00 UTC, already 1 July in Beijing)."""
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        with freeze_time("2026-03-31 17:00:00"):  # 1 April 01:00 in Beijing
            wizard = self._wizard()
            # CB-17: manager A plans for team A
            wizard.line_ids.employee_id = self.emp_a
            plans = self.Plan.search(wizard.action_create_plans()["domain"])
        self.assertTrue(plans)
        self.assertEqual(set(plans.mapped("quarter")), {"2026-Q2"})
        medium = plans.filtered(lambda p: p.partner_id == self.partner_medium)
        self.assertEqual(medium.date_deadline, datetime(2026, 6, 30, 10, 0))
        # the window opens on 1 April 08:00 Beijing, not before
        self.assertEqual(medium.date_start, datetime(2026, 4, 1, 0, 0))

    def test_cb04_quarterly_job_plans_the_quarter_once(self):
        """CB-04: the job at the start of the quarter prepares its plans, with
        the recorded sample; run again, it adds nothing."""
        with freeze_time("2026-04-01 01:00:00"):
            self.env["callback.planning.wizard"]._cron_plan_quarter()
            plans = self.Plan.search(
                [("partner_id", "in", self.customers.ids), ("quarter", "=", "2026-Q2")]
            )
            self.assertEqual(plans.partner_id, self.customers)
            self.assertEqual(
                set(plans.mapped("callback_type")) - {"sample"}, {"periodic"}
            )
            count = self.Plan.search_count([])
            self.env["callback.planning.wizard"]._cron_plan_quarter()
            self.assertEqual(self.Plan.search_count([]), count)
        cron = self.env.ref("customer_callback.ir_cron_callback_quarterly")
        self.assertEqual((cron.interval_number, cron.interval_type), (3, "months"))
        self.assertEqual(cron.nextcall.day, 1)
        self.assertIn(cron.nextcall.month, (1, 4, 7, 10))

    def test_cb04_staff_cannot_run_the_quarter_plan(self):
        """CB-04: the quarter's plan is the manager's; a staff member's
        attempt changes nothing."""
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._wizard(user=self.user_a).action_create_plans()
        self.assertFalse(self.Plan.search([("quarter", "=", "2026-Q2")]))


@tagged("post_install", "-at_install")
class TestTodosWhenWindowOpens(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.callback_activity_days = 3
        cls.activity_type = cls.env.ref("customer_callback.mail_activity_type_callback")

    def _todos(self, plans):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "callback.plan"),
                ("res_id", "in", plans.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _future_plans(self, count, start=datetime(2026, 7, 1, 8)):
        partners = self.env["res.partner"].create(
            [
                {"name": f"Future {i}", "callback_employee_id": self.emp_a.id}
                for i in range(count)
            ]
        )
        return (
            self.Plan.with_user(self.user_manager)
            .create(
                [
                    {
                        "partner_id": partner.id,
                        "employee_id": self.emp_a.id,
                        "date_start": start,
                        "date_deadline": datetime(2026, 9, 30, 10),
                        "callback_type": "periodic",
                    }
                    for partner in partners
                ]
            )
            .sudo()
        )

    @freeze_time("2026-04-01 09:00:00")
    def test_cb22_no_todo_before_the_window_opens(self):
        """CB-22: a plan made in April for July gives its assignee no to-do in
        April; the daily job gives it three days before the window opens."""
        plan = self._future_plans(1)
        self.assertTrue(plan.todo_pending)
        self.assertFalse(self._todos(plan))
        self.assertFalse(
            self.env["mail.activity"]
            .with_user(self.user_a)
            .search([("res_model", "=", "callback.plan"), ("res_id", "=", plan.id)])
        )
        self.Plan._cron_daily()
        self.assertFalse(self._todos(plan))
        with freeze_time("2026-06-28 08:00:00"):
            self.Plan._cron_daily()
        todo = self._todos(plan)
        self.assertEqual(todo.user_id, self.user_a)
        self.assertEqual(todo.date_deadline, date(2026, 9, 30))
        self.assertFalse(plan.todo_pending)
        # the assignee sees it in their own activities
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(self.user_a)
            .search([("res_model", "=", "callback.plan"), ("res_id", "=", plan.id)]),
            todo.with_user(self.user_a),
        )
        # given once
        with freeze_time("2026-06-29 08:00:00"):
            self.Plan._cron_daily()
        self.assertEqual(len(self._todos(plan)), 1)

    @freeze_time("2026-04-01 09:00:00")
    def test_cb22_open_window_gives_the_todo_at_once(self):
        plan = self._future_plans(1, start=datetime(2026, 4, 3, 8))
        self.assertFalse(plan.todo_pending)
        self.assertEqual(self._todos(plan).user_id, self.user_a)

    @freeze_time("2026-04-01 09:00:00")
    def test_cb22_rescheduled_plan_waits_again(self):
        """CB-22: the manager moves an open plan's window to August: its
        to-do goes until then; moved back, it comes back."""
        plan = self._future_plans(1, start=datetime(2026, 4, 2, 8))
        self.assertTrue(self._todos(plan))
        plan.with_user(self.user_manager).write({"date_start": datetime(2026, 8, 1)})
        self.assertFalse(self._todos(plan))
        self.assertTrue(plan.todo_pending)
        plan.with_user(self.user_manager).write({"date_start": datetime(2026, 4, 2)})
        self.assertEqual(len(self._todos(plan)), 1)
        self.assertFalse(plan.todo_pending)

    @freeze_time("2026-04-01 09:00:00")
    def test_cb22_todo_flag_is_the_jobs(self):
        """X-07 CB-22: staff cannot pull or push a to-do by the flag."""
        plan = self._future_plans(1)
        for user in (self.user_a, self.user_manager):
            with self.assertRaises(UserError):
                plan.with_user(user).write({"todo_pending": False})
        created = self.Plan.with_user(self.user_manager).create(
            {
                "partner_id": self.partner_low.id,
                "employee_id": self.emp_a.id,
                "date_start": datetime(2026, 8, 1),
                "date_deadline": datetime(2026, 9, 1),
                "todo_pending": False,
            }
        )
        self.assertTrue(created.todo_pending)

    @freeze_time("2026-06-28 08:00:00")
    def test_cb22_todos_created_in_batch_queries_flat(self):
        """CB-22: one day's to-dos cost the same queries for 5 or 25 plans."""
        with freeze_time("2026-04-01 09:00:00"):
            small = self._future_plans(5)
            large = self._future_plans(25)
        self.env.flush_all()
        large.write({"todo_pending": False})  # set aside for the second run
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(len(self.Plan._create_due_todos()), 5)
        self.env.flush_all()
        queries_5 = self.env.cr.sql_log_count - before
        large.write({"todo_pending": True})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(queries_5):
            self.assertEqual(len(self.Plan._create_due_todos()), 25)
            self.env.flush_all()
        self.assertEqual(len(self._todos(small | large)), 30)

    @freeze_time("2026-06-28 08:00:00")
    def test_cb22_daily_job_in_batches_reports_progress(self):
        """CB-22: each call of the job handles one batch and tells Odoo's
        cron runner what is left (``_notify_progress``), so the runner
        commits and calls again until nothing is left."""
        with freeze_time("2026-04-01 09:00:00"):
            plans = self._future_plans(5)
        # the customers are planned for today: the calls give the to-dos
        self.env["res.company"].sudo().search([]).callback_planned_on = date(
            2026, 6, 28
        )
        cron = self.env.ref("customer_callback.ir_cron_callback_daily")
        rounds = []
        for _round in range(20):
            progress = self.env["ir.cron.progress"].create(
                {"cron_id": cron.id, "done": 0, "remaining": 0}
            )
            remaining = self.Plan.with_context(
                ir_cron_progress_id=progress.id
            )._cron_daily(batch_size=2)
            rounds.append((progress.done, progress.remaining))
            self.assertEqual(progress.remaining, remaining)
            if not remaining:
                break
        self.assertGreater(len(rounds), 2)
        self.assertTrue(all(done > 0 for done, _left in rounds))
        self.assertEqual(rounds[-1][1], 0)
        self.assertEqual(len(self._todos(plans)), 5)

    def test_cb01_daily_job_goes_on_from_the_company_cursor(self):
        """CB-01 CB-22: the job plans a company's customers a batch per call,
        from where the last call stopped; every customer once, and the
        company is done for the day when the last batch is in."""
        partners = self.env["res.partner"].create(
            [
                {"name": f"Cursor {i}", "callback_employee_id": self.emp_b.id}
                for i in range(7)
            ]
        )
        company = self.company.sudo()
        with freeze_time("2026-05-04 09:00:00"):
            for _round in range(50):
                if not self.Plan._cron_daily(batch_size=3):
                    break
            self.assertEqual(company.callback_planned_on, date(2026, 5, 4))
            self.assertEqual(company.callback_planning_cursor, 0)
            plans = self.Plan.search([("partner_id", "in", partners.ids)])
            self.assertEqual(plans.partner_id, partners)
            self.assertEqual(len(plans), 7)
            # done for today: another call plans nothing
            self.Plan._cron_daily(batch_size=3)
            self.assertEqual(
                self.Plan.search_count([("partner_id", "in", partners.ids)]), 7
            )
