from datetime import datetime

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackPlan(CallbackCase):
    def test_cb01_partner_tier_defaults_to_low(self):
        partner = self.env["res.partner"].create({"name": "New Customer"})
        self.assertEqual(partner.callback_tier, "low")

    def test_plan_gets_sequence_name_and_team(self):
        plan = self._plan()
        self.assertTrue(plan.name.startswith("CBP/"))
        self.assertEqual(plan.user_id, self.user_a)
        self.assertEqual(plan.department_id, self.dep_a)
        self.assertEqual(plan.quarter, "2026-Q1")
        self.assertEqual(plan.channel, "phone")  # CB-08 default

    def test_sequence_numbers_from_the_company_through_the_public_api(self):
        """A batch create numbers each document through ir.sequence's public
        API: the shared sequence's format, consecutive numbers; a company's
        own sequence comes before the shared one, with its date range."""
        Plan = self.Plan.with_user(self.user_manager)
        partners = self.partner_high | self.partner_medium | self.partner_low

        def create(partners):
            return Plan.create(
                [
                    {
                        "partner_id": partner.id,
                        "employee_id": self.emp_a.id,
                        "date_deadline": datetime(2026, 2, 10, 12),
                        "date_start": datetime(2026, 2, 5, 12),
                    }
                    for partner in partners
                ]
            )

        year = fields.Date.context_today(self.Plan).year
        plans = create(partners)
        for name in plans.mapped("name"):
            self.assertRegex(name, r"^CBP/%s/\d{5}$" % year)
        numbers = [int(name.rsplit("/", 1)[1]) for name in plans.mapped("name")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))
        own = self.env["ir.sequence"].create(
            {
                "name": "Own callback plans",
                "code": "callback.plan",
                "prefix": "OWN/%(range_year)s/",
                "padding": 3,
                "use_date_range": True,
                "company_id": self.company.id,
            }
        )
        plans = create(partners)
        self.assertEqual(
            plans.mapped("name"),
            [f"OWN/{year}/001", f"OWN/{year}/002", f"OWN/{year}/003"],
        )
        self.assertEqual(len(own.date_range_ids), 1)
        # the records and escalations are numbered the same way
        record = self.Record.with_user(self.user_a).create(
            {"plan_id": plans[0].id, "date": datetime(2026, 2, 5, 10)}
        )
        self.assertRegex(record.name, r"^CBR/%s/\d{5}$" % year)
        # the number's date is the day's, not one a client's context asks
        forged = self.Record.with_user(self.user_a).with_context(
            ir_sequence_date="2001-01-01"
        )
        record = forged.create(
            {"plan_id": plans[1].id, "date": datetime(2026, 2, 5, 10)}
        )
        self.assertRegex(record.name, r"^CBR/%s/\d{5}$" % year)
        # nor a number a client gives, on create or copy
        given = self.Record.with_user(self.user_a).create(
            {
                "plan_id": plans[2].id,
                "date": datetime(2026, 2, 5, 10),
                "name": record.name,
            }
        )
        self.assertRegex(given.name, r"^CBR/%s/\d{5}$" % year)
        self.assertNotEqual(given.name, record.name)
        copied = given.with_user(self.user_a).copy({"name": "CBR/2001/00001"})
        self.assertRegex(copied.name, r"^CBR/%s/\d{5}$" % year)

    def test_cb07_third_callback_in_quarter_refused_nothing_changed(self):
        self._plan(deadline=datetime(2026, 1, 10))
        self._plan(deadline=datetime(2026, 3, 30))
        count = self.Plan.search_count([("partner_id", "=", self.partner_high.id)])
        with self.assertRaises(ValidationError) as err:
            self._plan(deadline=datetime(2026, 2, 15))
        self.assertIn("2026-Q1", str(err.exception))
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaises(ValidationError) as err:
            self.Plan.with_context(lang="zh_CN").create(
                {
                    "partner_id": self.partner_high.id,
                    "employee_id": self.emp_a.id,
                    "date_deadline": datetime(2026, 2, 15),
                }
            )
        self.assertIn("每季度最多允许 2 次", str(err.exception))
        self.assertEqual(
            self.Plan.search_count([("partner_id", "=", self.partner_high.id)]), count
        )

    def test_cb07_next_quarter_allowed(self):
        self._plan(deadline=datetime(2026, 1, 10))
        self._plan(deadline=datetime(2026, 3, 30))
        plan = self._plan(deadline=datetime(2026, 4, 1))
        self.assertEqual(plan.quarter, "2026-Q2")

    def test_cb07_exempt_and_special_callbacks_do_not_count(self):
        self._plan(deadline=datetime(2026, 1, 10))
        self._plan(deadline=datetime(2026, 1, 11))
        abnormal = self._plan(deadline=datetime(2026, 1, 12), exempt_quota=True)
        special = self._plan(deadline=datetime(2026, 1, 13), callback_type="special")
        self.assertTrue(abnormal and special)
        with self.assertRaises(ValidationError):
            abnormal.exempt_quota = False

    def test_cb07_cancelled_frees_a_slot(self):
        first = self._plan(deadline=datetime(2026, 1, 10))
        self._plan(deadline=datetime(2026, 1, 11))
        first.action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.assertTrue(self._plan(deadline=datetime(2026, 1, 12)))
        with self.assertRaises(ValidationError):
            first.action_reset()
        self.assertEqual(first.state, "cancelled")

    def test_x03_deadline_before_start_refused(self):
        with self.assertRaises(ValidationError):
            self._plan(date_start=datetime(2026, 2, 20), deadline=datetime(2026, 2, 10))
        self.assertFalse(self.Plan.search([("partner_id", "=", self.partner_high.id)]))

    def test_plan_activity_for_assignee_closed_when_done(self):
        plan = self._plan()
        activity = plan.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_a)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("customer_callback.mail_activity_type_callback"),
        )
        plan.action_done()
        self.assertEqual(plan.state, "done")
        self.assertFalse(plan.activity_ids)
        self.assertTrue(plan.date_done)

    def test_plan_activity_removed_when_cancelled(self):
        plan = self._plan()
        plan.action_cancel()
        self.assertFalse(plan.activity_ids)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "callback.plan"), ("res_id", "=", plan.id)]
            )
        )

    def test_reassigning_moves_the_activity(self):
        plan = self._plan()
        plan.employee_id = self.emp_b
        self.assertEqual(plan.activity_ids.user_id, self.user_b)

    def test_cb04_visit_needs_confirmation(self):
        plan = self._plan(channel="visit")
        self.assertTrue(plan.needs_confirmation)
        with self.assertRaises(UserError):
            plan.action_done()
        self.assertEqual(plan.state, "planned")
        plan.action_confirm_visit()
        plan.action_done()
        self.assertEqual(plan.state, "done")

    def test_cb09_done_plan_cannot_be_deleted_only_archived(self):
        plan = self._plan()
        plan.action_done()
        with self.assertRaises(UserError):
            plan.unlink()
        self.assertTrue(plan.exists())
        with self.assertRaises(UserError):
            plan.write({"partner_id": self.partner_low.id})
        self.assertEqual(plan.partner_id, self.partner_high)
        plan.action_archive()
        self.assertFalse(plan.active)

    def test_cb13_overdue_plans_marked_missed_in_batch(self):
        late = self._plan(deadline=datetime(2026, 1, 10))
        future = self._plan(deadline=datetime(2026, 3, 30), date_start=False)
        missed = self.Plan._mark_missed(now=datetime(2026, 2, 1))
        self.assertEqual(missed, late)
        self.assertEqual(late.state, "missed")
        self.assertTrue(late.is_late)
        self.assertFalse(late.activity_ids)
        self.assertEqual(future.state, "planned")

    def test_x05_state_change_tracked(self):
        plan = self._plan()
        self.env.flush_all()
        self.env.cr.precommit.run()  # creation messages, as at commit
        plan.action_done()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = plan.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked)
        self.assertEqual(tracked[0].new_value_char, "Done")

    def test_cb14_done_after_deadline_is_late(self):
        plan = self._plan(
            deadline=datetime(2020, 1, 1), date_start=datetime(2019, 12, 30)
        )
        plan.action_done()
        self.assertTrue(plan.is_late)

    def test_partner_smart_buttons_counts(self):
        self._plan()
        done = self._plan(deadline=datetime(2026, 5, 1))
        done.action_done()
        self._record(done)
        partner = self.partner_high
        partner.invalidate_recordset()
        self.assertEqual(partner.callback_plan_count, 2)
        self.assertEqual(partner.callback_record_count, 1)
        self.assertEqual(partner.callback_last_date, done.date_done)
        self.assertEqual(partner.callback_next_date, datetime(2026, 2, 10, 12))
        action = partner.action_view_callback_plans()
        self.assertEqual(self.Plan.search(action["domain"]).partner_id, partner)

    def test_x03_preferred_time_out_of_range(self):
        with self.assertRaises(ValidationError):
            self.partner_low.callback_preferred_time = 25
        self.assertEqual(self.partner_low.callback_preferred_time, 0)

    def test_plan_assignee_follows_with_default_subtypes(self):
        plan = self._plan()
        follower = plan.message_follower_ids.filtered(
            lambda f: f.partner_id == self.user_a.partner_id
        )
        self.assertEqual(len(follower), 1)
        default = self.env["mail.message.subtype"].default_subtypes("callback.plan")[0]
        self.assertEqual(follower.subtype_ids, default)
        plan.employee_id = self.emp_b  # reassigned: the new assignee follows too
        self.assertIn(self.user_b.partner_id, plan.message_partner_ids)
