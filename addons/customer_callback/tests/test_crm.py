from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CallbackCase, CallbackRolesCase


@tagged("post_install", "-at_install")
class TestCallbackCrm(CallbackCase):
    def _lead(self, partner):
        return self.env["crm.lead"].create(
            {
                "name": "Big deal",
                "type": "opportunity",
                "partner_id": partner.id,
                "user_id": self.user_a.id,
            }
        )

    def test_cb02_cb03_won_opportunity_plans_after_sale_callbacks(self):
        lead = self._lead(self.partner_medium)
        lead.action_set_won()
        plans = self.Plan.search([("partner_id", "=", self.partner_medium.id)])
        self.assertEqual(sorted(plans.mapped("level")), ["1", "2"])
        self.assertEqual(set(plans.trigger_type_id.mapped("code")), {"sale"})
        self.assertEqual(
            plans.filtered(lambda p: p.level == "1").employee_id, self.emp_a
        )
        self.assertIn("Big deal", plans[0].origin)

    def test_cb02_deals_won_together_are_called_back_by_their_own_salespeople(self):
        partners = self.env["res.partner"].create(
            [{"name": "Buyer of A"}, {"name": "Buyer of B"}]
        )
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": "Deal A",
                    "type": "opportunity",
                    "partner_id": partners[0].id,
                    "user_id": self.user_a.id,
                },
                {
                    "name": "Deal B",
                    "type": "opportunity",
                    "partner_id": partners[1].id,
                    "user_id": self.user_b.id,
                },
            ]
        )
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        leads.write({"stage_id": won.id})
        front = self.Plan.search(
            [("partner_id", "in", partners.ids), ("level", "=", "1")]
        )
        self.assertEqual(
            {(plan.partner_id, plan.employee_id) for plan in front},
            {(partners[0], self.emp_a), (partners[1], self.emp_b)},
        )

    def test_cb02_stage_change_to_won_also_plans(self):
        lead = self._lead(self.partner_low)
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead.stage_id = won
        self.assertEqual(
            self.Plan.search_count([("partner_id", "=", self.partner_low.id)]), 2
        )
        lead.write({"stage_id": won.id})  # already won: nothing new
        self.assertEqual(
            self.Plan.search_count([("partner_id", "=", self.partner_low.id)]), 2
        )

    def test_cb07_won_over_cap_logs_on_lead_instead_of_blocking(self):
        self.partner_high.action_trigger_callback("sale")
        lead = self._lead(self.partner_high)
        lead.action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(
            self.Plan.search_count([("partner_id", "=", self.partner_high.id)]), 2
        )
        self.assertIn("No after-sale callback planned", lead.message_ids[0].body)

    def test_cb16_won_for_do_not_disturb_plans_nothing(self):
        self.partner_low.callback_dnd = True
        self._lead(self.partner_low).action_set_won()
        self.assertFalse(self.Plan.search([("partner_id", "=", self.partner_low.id)]))


@tagged("post_install", "-at_install")
class TestCallbackCrmRoles(CallbackRolesCase):
    """X-06: installing customer_callback breaks nothing a CRM salesperson did
    before; the after-sale plans exist for the right people."""

    def _sales_plans(self, partner):
        return self.Plan.search(
            [("partner_id", "=", partner.id), ("trigger_type_id.code", "=", "sale")]
        )

    def _lead_as(self, user, partner, **vals):
        values = {
            "name": "Deal of %s" % user.name,
            "type": "opportunity",
            "partner_id": partner.id,
            "user_id": user.id,
        }
        values.update(vals)
        return self.env["crm.lead"].with_user(user).create(values)

    def test_x06_salesperson_without_callback_group_wins_plans_exist(self):
        lead = self._lead_as(self.salesman, self.customer)
        self.assertEqual(
            lead.with_user(self.salesman).read(["name"])[0]["name"], lead.name
        )
        lead.with_user(self.salesman).action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        plans = self._sales_plans(self.customer)
        self.assertEqual(sorted(plans.mapped("level")), ["1", "2"])
        # the customer's callback owner calls back, not the salesperson
        self.assertEqual(plans.employee_id, self.emp_staff)
        self.assertIn(lead.name, plans[0].origin)

    def test_x06_new_customer_called_back_by_the_deals_salesperson(self):
        buyer = self.env["res.partner"].create({"name": "New Buyer"})
        lead = self._lead_as(self.salesman, buyer)
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead.with_user(self.salesman).write({"stage_id": won.id})
        plans = self._sales_plans(buyer)
        self.assertEqual(len(plans), 2)
        self.assertEqual(plans.employee_id, self.roles.employee(self.salesman))

    def test_x06_salesperson_with_callback_group_wins_plans_exist(self):
        seller = self.roles["salesman_callback"]
        buyer = self.env["res.partner"].create({"name": "Buyer of a callback user"})
        lead = self._lead_as(seller, buyer)
        lead.with_user(seller).action_set_won()
        plans = self._sales_plans(buyer)
        self.assertEqual(len(plans), 2)  # not silently skipped any more
        self.assertEqual(plans.employee_id, self.roles.employee(seller))
        self.assertFalse(
            lead.message_ids.filtered(
                lambda m: "No after-sale callback" in (m.body or "")
            )
        )

    def test_x06_all_leads_salesperson_wins_a_colleagues_deal(self):
        lead = self._lead_as(self.salesman, self.other_customer)
        lead.with_user(self.roles["sales_all"]).action_set_won()
        self.assertEqual(
            self._sales_plans(self.other_customer).employee_id, self.emp_other
        )

    def test_x06_lose_reopen_create_read_still_work(self):
        lead = self._lead_as(self.salesman, self.customer)
        as_sales = lead.with_user(self.salesman)
        as_sales.action_set_lost()
        self.assertFalse(lead.active)
        as_sales.action_unarchive()
        self.assertTrue(lead.active)
        as_sales.action_set_won()
        as_sales.action_set_lost()
        as_sales.action_unarchive()
        self.assertEqual(len(self._sales_plans(self.customer)), 2)  # won once
        self.assertIn(lead, self.env["crm.lead"].with_user(self.salesman).search([]))

    def test_x06_salesperson_does_not_read_callback_plans_through_the_lead(self):
        lead = self._lead_as(self.salesman, self.customer)
        lead.with_user(self.salesman).action_set_won()
        self.assertTrue(self._sales_plans(self.customer))
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).read(["callback_plan_ids"])
        with self.assertRaises(AccessError):
            self._sales_plans(self.customer)[0].with_user(self.salesman).read(
                ["partner_id"]
            )

    def test_x06_salesperson_cannot_win_a_colleagues_deal_nor_plan_for_it(self):
        colleague = self.roles["salesman_callback"]
        lead = self._lead_as(colleague, self.other_customer)
        with self.assertRaises(AccessError):
            lead.with_user(self.salesman).action_set_won()
        self.assertFalse(lead.stage_id.is_won)
        self.assertFalse(self._sales_plans(self.other_customer))

    def test_x06_cb07_won_over_cap_still_wins_and_says_why(self):
        self._plan(deadline=datetime.now() + timedelta(days=3))
        self._plan(deadline=datetime.now() + timedelta(days=4))
        lead = self._lead_as(self.salesman, self.customer)
        lead.with_user(self.salesman).action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        self.assertFalse(self._sales_plans(self.customer))
        self.assertIn("No after-sale callback planned", lead.message_ids[0].body)
