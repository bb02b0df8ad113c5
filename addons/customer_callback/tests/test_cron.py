from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackCron(CallbackCase):
    def _partners(self, count, tier="high"):
        return self.env["res.partner"].create(
            [
                {
                    "name": f"Cron Customer {tier} {i}",
                    "callback_tier": tier,
                    "callback_employee_id": (self.emp_a if i % 2 else self.emp_b).id,
                }
                for i in range(count)
            ]
        )

    def _run(self, today=None):
        return self.Plan._plan_periodic_callbacks(self.company, today=today)

    def test_cb01_never_called_customers_get_a_periodic_plan(self):
        plans = self._run()
        mine = plans.filtered(
            lambda p: p.partner_id in (self.partner_high | self.partner_low)
        )
        self.assertEqual(len(mine), 2)
        self.assertEqual(set(mine.mapped("callback_type")), {"periodic"})
        self.assertEqual(
            mine.filtered(lambda p: p.partner_id == self.partner_low).employee_id,
            self.emp_b,
        )
        self.assertTrue(all(plan.activity_ids for plan in mine))

    def test_cb01_second_run_creates_nothing(self):
        self._run()
        self.assertFalse(self._run())

    def test_cb01_frequency_per_tier(self):
        self._run()
        self.Plan.search(
            [
                (
                    "partner_id",
                    "in",
                    (self.partner_high | self.partner_medium | self.partner_low).ids,
                )
            ]
        ).write(
            {
                "state": "done",
                "date_start": datetime(2026, 1, 1),
                "date_deadline": datetime(2026, 1, 5),
                "date_done": datetime(2026, 1, 5),
            }
        )
        # CB-04: planned the company's 14 days ahead of the due date, which
        # is the deadline
        self.assertEqual(self.company.callback_periodic_days, 14)
        self.assertFalse(self._run(today=date(2026, 3, 21)))
        due = self._run(today=date(2026, 3, 22))
        self.assertEqual(
            due.partner_id
            & (self.partner_high | self.partner_medium | self.partner_low),
            self.partner_high,
        )
        self.assertEqual(
            due.filtered(
                lambda p: p.partner_id == self.partner_high
            ).date_deadline.date(),
            date(2026, 4, 5),
        )
        due = self._run(today=date(2026, 6, 21))
        self.assertEqual(
            due.partner_id & (self.partner_medium | self.partner_low),
            self.partner_medium,
        )
        due = self._run(today=date(2026, 12, 22))
        self.assertEqual(due.partner_id & self.partner_low, self.partner_low)

    def test_cb16_do_not_disturb_not_planned(self):
        self.partner_high.callback_dnd = True
        plans = self._run()
        self.assertNotIn(self.partner_high, plans.partner_id)

    def test_cb01_batched_queries_flat_but_one_sequence_number_a_plan(self):
        self._run()  # plan every customer already due (demo data), warm caches
        self._partners(10)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        plans_10 = self._run()
        self.env.flush_all()
        queries_10 = self.env.cr.sql_log_count - before
        self._partners(50)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        plans_50 = self._run()
        self.env.flush_all()
        queries_50 = self.env.cr.sql_log_count - before
        self.assertEqual((len(plans_10), len(plans_50)), (10, 50))
        # each plan takes its number with one nextval: Odoo's public
        # ir.sequence API has no batch call (_callback_assign_names); the
        # rest of the job costs the same for 10 or 50 customers
        self.assertEqual(queries_50 - queries_10, 50 - 10)
        self._partners(50)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(queries_50):
            self._run()
            self.env.flush_all()

    def test_cb13_cron_marks_overdue_missed(self):
        plan = self._plan(deadline=datetime(2026, 1, 10))
        self.Plan._cron_daily()
        self.assertEqual(plan.state, "missed")
        self.assertTrue(plan.is_late)

    def test_cb07_cron_skips_customers_at_cap(self):
        self.company.callback_months_high = 1
        for day in (5, 6):
            plan = self._plan(
                partner=self.partner_high,
                deadline=datetime(2026, 1, day),
                callback_type="event",
            )
            plan.write({"state": "done", "date_done": datetime(2026, 1, day)})
        with freeze_time("2026-02-20 10:00:00"):
            # due since Feb 6 (monthly), but already called twice in Q1
            plans = self._run(today=date(2026, 2, 20))
        self.assertNotIn(self.partner_high, plans.partner_id)
        self.assertIn(self.partner_low, plans.partner_id)
        with freeze_time("2026-04-02 10:00:00"):
            plans = self._run(today=date(2026, 4, 2))
        self.assertIn(self.partner_high, plans.partner_id)
