from datetime import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CallbackCase

FRIDAY = datetime(2026, 1, 9, 10, 0)


@tagged("post_install", "-at_install")
class TestCallbackTrigger(CallbackCase):
    def test_cb02_cb03_sale_plans_two_levels(self):
        plans = self.partner_high.action_trigger_callback("sale", event_date=FRIDAY)
        self.assertEqual(len(plans), 2)
        first = plans.filtered(lambda p: p.level == "1")
        second = plans.filtered(lambda p: p.level == "2")
        self.assertEqual(first.date_deadline, datetime(2026, 1, 12, 10))
        self.assertEqual(first.employee_id, self.emp_a)
        self.assertEqual(second.date_start, datetime(2026, 1, 13, 10))
        self.assertEqual(second.date_deadline, datetime(2026, 1, 16, 10))
        self.assertEqual(second.employee_id, self.emp_cs_head)
        self.assertEqual(first.trigger_type_id.code, "sale")
        self.assertEqual(first.callback_type, "event")
        self.assertEqual(first.date_event, FRIDAY)
        self.assertEqual(
            first.questionnaire_id, self.env.ref("customer_callback.questionnaire_sale")
        )

    def test_cb02_cb18_repair_three_to_five_days_then_six_to_ten(self):
        plans = self.partner_low.action_trigger_callback("repair", event_date=FRIDAY)
        plan = plans.filtered(lambda p: p.level == "1")
        self.assertEqual(plan.date_start, datetime(2026, 1, 12, 10))
        self.assertEqual(plan.date_deadline, datetime(2026, 1, 14, 10))
        self.assertEqual(plan.callback_type, "mandatory")  # CB-06
        # CB-18: the service department calls back 6 to 10 days after a repair
        second = plans - plan
        self.assertEqual(second.level, "2")
        self.assertEqual(second.date_start, datetime(2026, 1, 15, 10))
        self.assertEqual(second.date_deadline, datetime(2026, 1, 19, 10))
        self.assertEqual(second.employee_id, self.emp_cs_head)

    def test_cb18_complaint_two_days_then_three_to_seven(self):
        plans = self.partner_medium.action_trigger_callback(
            "complaint", event_date=FRIDAY
        )
        by_level = {plan.level: plan for plan in plans}
        self.assertEqual(by_level["1"].date_deadline, datetime(2026, 1, 11, 10))
        self.assertEqual(by_level["2"].date_start, datetime(2026, 1, 12, 10))
        self.assertEqual(by_level["2"].date_deadline, datetime(2026, 1, 16, 10))

    def test_cb02_complaint_delivery_installation(self):
        complaint = self.partner_high.action_trigger_callback(
            "complaint", event_date=FRIDAY
        )
        delivery = self.partner_medium.action_trigger_callback(
            "delivery", event_date=FRIDAY
        )
        install = self.partner_low.action_trigger_callback(
            "installation", event_date=FRIDAY
        )
        complaint = complaint.filtered(lambda p: p.level == "1")
        self.assertEqual(complaint.date_deadline, datetime(2026, 1, 11, 10))
        self.assertEqual(delivery.date_deadline, datetime(2026, 1, 10, 10))
        self.assertEqual(install.date_deadline, datetime(2026, 1, 10, 10))

    def test_cb02_account_opening_three_working_days_company_calendar(self):
        plan = self.partner_high.action_trigger_callback(
            "account_opening", event_date=FRIDAY
        )
        self.assertEqual(plan.date_deadline, datetime(2026, 1, 14, 10))

    def test_cb02_working_days_honour_company_leaves(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company holiday",
                "calendar_id": self.company.resource_calendar_id.id,
                "date_from": datetime(2026, 1, 11, 16),
                "date_to": datetime(2026, 1, 12, 23),
            }
        )
        plan = self.partner_high.action_trigger_callback(
            "account_opening", event_date=FRIDAY
        )
        self.assertEqual(plan.date_deadline, datetime(2026, 1, 15, 10))

    def test_cb02_batch_over_partners(self):
        partners = self.partner_high | self.partner_medium | self.partner_low
        plans = partners.action_trigger_callback(
            "delivery", event_date=FRIDAY, origin="WH/OUT/1"
        )
        self.assertEqual(plans.partner_id, partners)
        self.assertEqual(set(plans.mapped("origin")), {"WH/OUT/1"})
        self.assertEqual(
            plans.filtered(lambda p: p.partner_id == self.partner_low).employee_id,
            self.emp_b,
        )

    def test_cb16_do_not_disturb_skipped(self):
        self.partner_low.callback_dnd = True
        plans = (self.partner_low | self.partner_high).action_trigger_callback(
            "delivery", event_date=FRIDAY
        )
        self.assertEqual(plans.partner_id, self.partner_high)

    def test_cb16_preferred_time_sets_planned_start(self):
        # the preferred hour is the customer's local hour: the complaint comes
        # at 18:00 in Beijing (10:00 UTC), the customer prefers 20:00 Beijing
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        self.partner_high.callback_preferred_time = 20.0
        plan = self.partner_high.action_trigger_callback(
            "complaint", event_date=FRIDAY
        ).filtered(lambda p: p.level == "1")
        self.assertEqual(plan.date_start, datetime(2026, 1, 9, 12, 0))

    def test_cb16_preferred_time_passed_moves_to_next_day(self):
        # 09:00 Beijing has passed at 18:00 Beijing: Saturday 09:00 Beijing
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        self.partner_high.callback_preferred_time = 9.0
        plan = self.partner_high.action_trigger_callback(
            "complaint", event_date=FRIDAY
        ).filtered(lambda p: p.level == "1")
        self.assertEqual(plan.date_start, datetime(2026, 1, 10, 1, 0))

    def test_cb07_trigger_refuses_third_callback(self):
        self.partner_high.action_trigger_callback("sale", event_date=FRIDAY)
        with self.assertRaises(ValidationError):
            self.partner_high.action_trigger_callback("complaint", event_date=FRIDAY)
        self.assertEqual(
            self.Plan.search_count([("partner_id", "=", self.partner_high.id)]), 2
        )
        special = self.partner_high.action_trigger_callback(
            "complaint", event_date=FRIDAY, exempt_quota=True
        )
        self.assertTrue(special and all(special.mapped("exempt_quota")))

    def test_unknown_trigger_code_refused(self):
        with self.assertRaises(UserError):
            self.partner_high.action_trigger_callback("nothing")

    def test_x03_window_end_before_start_refused_translated(self):
        trigger = self.env.ref("customer_callback.trigger_repair")
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaises(ValidationError) as err:
            trigger.with_context(lang="zh_CN").write({"window_start": 6.0})
        self.assertIn("回访时限", str(err.exception))  # translated (zh_CN)
        self.assertIn("6.0", str(err.exception))
        self.assertEqual(trigger.window_start, 3.0)
        with self.assertRaises(ValidationError):
            trigger.write(
                {"level2": True, "level2_window_start": 9, "level2_window_end": 2}
            )
        self.assertEqual(
            (trigger.level2_window_start, trigger.level2_window_end), (6.0, 10.0)
        )

    def test_x03_negative_window_refused(self):
        with self.assertRaises(ValidationError):
            self.env["callback.trigger.type"].create(
                {"name": "Bad", "code": "bad", "window_start": -1, "window_end": 2}
            )
        self.assertFalse(
            self.env["callback.trigger.type"].search([("code", "=", "bad")])
        )
