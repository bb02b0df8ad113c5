from datetime import datetime

from odoo.tests import tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackTimezone(CallbackCase):
    """Days and quarters are the company's, not UTC's: 07:30 on 1 April in
    Beijing is 23:30 on 31 March in UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"

    def test_cb07_cb14_quarter_of_a_beijing_morning(self):
        plan = self._plan(
            deadline=datetime(2026, 3, 31, 23, 30),
            date_start=datetime(2026, 3, 25),
        )
        self.assertEqual(plan.quarter, "2026-Q2")
        record = self._record(plan, date=datetime(2026, 3, 31, 23, 30))
        self.assertEqual(record.quarter, "2026-Q2")

    def test_cb12_report_due_the_next_local_day(self):
        plan = self._plan(
            deadline=datetime(2026, 4, 3), date_start=datetime(2026, 3, 25)
        )
        # called 1 April 07:30 Beijing; report 2 April 23:00 Beijing: on time
        on_time = self._record(
            plan,
            date=datetime(2026, 3, 31, 23, 30),
            date_report=datetime(2026, 4, 2, 15, 0),
        )
        self.assertFalse(on_time.report_late)
        # report 3 April 08:00 Beijing (00:00 UTC): late
        late = self._record(
            plan,
            date=datetime(2026, 3, 31, 23, 30),
            date_report=datetime(2026, 4, 3, 0, 0),
        )
        self.assertTrue(late.report_late)

    def test_cb02_working_days_counted_from_the_local_day(self):
        # Friday 9 January 23:30 UTC is Saturday 07:30 in Beijing: three
        # working days later is Wednesday 14 January 07:30 Beijing
        plan = self.partner_high.action_trigger_callback(
            "account_opening", event_date=datetime(2026, 1, 9, 23, 30)
        )
        self.assertEqual(plan.date_deadline, datetime(2026, 1, 13, 23, 30))
