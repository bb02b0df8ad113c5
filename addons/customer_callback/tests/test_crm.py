from odoo.tests import tagged

from .common import CallbackCase


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
