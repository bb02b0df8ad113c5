"""X-06 with the three addons in one database: a company's sales team keeps
working once our addons are installed.

Each act runs as the real role (``with_user``); the superuser only sets up
data. A CRM salesperson with none of our groups, one with the callback staff
group and one with the reception salesperson group create, read, win, lose and
restore their deals; winning plans the after-sale callbacks (CB-02/CB-03) for
the deal's salesperson (or the customer's callback owner), and a won walk-in
deal is credited on the floor (RR-11/RR-17).
"""

from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.customer_callback.tests.roles import ROLE_GROUPS as CALLBACK_ROLES
from odoo.addons.reception_rotation.tests.roles import (
    ROLE_GROUPS as RECEPTION_ROLES,
)

# the CRM salesperson of each addon's role table, with and without our groups
SELLERS = {
    "crm_only": CALLBACK_ROLES["salesman"],
    "callback": CALLBACK_ROLES["salesman_callback"],
    "reception": RECEPTION_ROLES["crm_salesperson"]
    + ","
    + RECEPTION_ROLES["reception_salesperson"],
}


@tagged("post_install", "-at_install")
class TestCrmRolesTogether(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.sellers = {}
        for key, groups in SELLERS.items():
            user = new_test_user(
                cls.env, f"x06_{key}", groups=groups, name=f"Seller {key}"
            )
            cls.env["hr.employee"].create({"name": user.name, "user_id": user.id})
            cls.sellers[key] = user

    def _won_deal_as(self, user, customer):
        Lead = self.env["crm.lead"].with_user(user)
        partner = self.env["res.partner"].with_user(user).create({"name": customer})
        lead = Lead.create(
            {
                "name": f"Deal with {customer}",
                "type": "opportunity",
                "partner_id": partner.id,
                "user_id": user.id,
            }
        )
        lead.action_set_won()
        return lead, partner

    def test_x06_cb02_every_salesperson_wins_and_callbacks_are_planned(self):
        for key, user in self.sellers.items():
            with self.subTest(seller=key):
                lead, partner = self._won_deal_as(user, f"Customer of {key}")
                self.assertTrue(lead.with_user(user).stage_id.is_won)
                plans = self.env["callback.plan"].search(
                    [("partner_id", "=", partner.id)]
                )
                self.assertEqual(
                    sorted(plans.mapped("level")),
                    ["1", "2"],
                    "CB-02/CB-03: both levels of the after-sale callback",
                )
                first = plans.filtered(lambda p: p.level == "1")
                self.assertEqual(first.employee_id.user_id, user)
                self.assertEqual(set(plans.mapped("state")), {"planned"})

    def test_x06_salesperson_loses_and_restores_deals(self):
        for key, user in self.sellers.items():
            with self.subTest(seller=key):
                lead = (
                    self.env["crm.lead"]
                    .with_user(user)
                    .create({"name": f"Lost deal {key}", "type": "opportunity"})
                )
                lead.action_set_lost()
                self.assertFalse(lead.active)
                lead.toggle_active()
                self.assertTrue(lead.active)
                lead.write({"stage_id": self.won_stage.id})
                self.assertTrue(lead.stage_id.is_won)

    def test_x06_crm_rights_do_not_open_callbacks_or_the_floor(self):
        """Winning plans callbacks on the salesperson's behalf; it does not
        give a salesperson without our groups our records (CB-17, X-07)."""
        user = self.sellers["crm_only"]
        lead, partner = self._won_deal_as(user, "Private Customer")
        self.assertTrue(
            self.env["callback.plan"].search([("partner_id", "=", partner.id)])
        )
        for model in ("callback.plan", "callback.record", "reception.visit"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(user).search([])
        # the lead's form, as the web client loads it, opens and saves
        with Form(lead.with_user(user)) as form:
            form.description = "Called after the sale"
        self.assertEqual(
            lead.with_user(user).description, "<p>Called after the sale</p>"
        )
