"""Issue 8, item 7 with every addon installed (X-01): the CRM thread from
walk-in to after-sale callback, as the real roles.

The receptionist registers a walk-in; nobody creates a contact by hand: the
walk-in's lead has its customer (RR-17), so when the floor salesperson wins
it, customer_callback plans the after-sale callbacks for that customer
(CB-02/CB-03). A refused registration (same phone, another name, RR-10) has
its own customer: winning it never plans callbacks on the owner's customer.
"""

from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.reception_rotation.tests.roles import (
    ROLE_GROUPS as RECEPTION_ROLES,
)


@tagged("post_install", "-at_install")
class TestWalkinThreadTogether(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = new_test_user(
            cls.env, "xt_desk", groups=RECEPTION_ROLES["receptionist"]
        )
        cls.sellers = cls.env["res.users"]
        cls.employees = cls.env["hr.employee"]
        for i in (1, 2):
            user = new_test_user(
                cls.env,
                "xt_sales%d" % i,
                groups=RECEPTION_ROLES["reception_salesperson"],
                name="Thread Seller %d" % i,
            )
            cls.sellers |= user
            cls.employees |= cls.env["hr.employee"].create(
                {"name": "Thread Seller %d" % i, "user_id": user.id}
            )
        cls.floor = cls.env["reception.floor"].create(
            {
                "name": "Thread Showroom",
                "team_id": cls.env["crm.team"].create({"name": "Thread Team"}).id,
            }
        )
        cls.env["reception.roster"].create(
            {
                "floor_id": cls.floor.id,
                "date": cls.floor._floor_today(),
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "employee_id": emp.id,
                            "sequence": seq,
                            "start_hour": 0.0,
                            "end_hour": 24.0,
                        },
                    )
                    for seq, emp in enumerate(cls.employees, start=1)
                ],
            }
        )

    def plans_of(self, partner):
        return self.env["callback.plan"].search(
            [("partner_id", "=", partner.commercial_partner_id.id)]
        )

    def test_rr17_cb02_won_walkin_is_called_back_without_a_manual_contact(self):
        partners_before = self.env["res.partner"].search_count([])
        visit = self.floor.with_user(self.desk).register_visit(
            {"visit_type": "new", "customer_name": "Xu Ming", "phone": "13911112222"}
        )
        seller = visit.server_user_id
        self.assertEqual(seller, self.sellers[0])
        lead = visit.with_user(seller).lead_id
        partner = lead.partner_id
        self.assertTrue(partner, "RR-17: the walk-in's lead has its customer")
        self.assertEqual(partner, visit.partner_id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before + 1)
        self.assertFalse(self.plans_of(partner))
        lead.action_set_won()
        plans = self.plans_of(partner)
        self.assertTrue(plans, "CB-02: after-sale callbacks for the walk-in")
        self.assertEqual(set(plans.mapped("state")), {"planned"})
        self.assertIn("1", plans.mapped("level"), "CB-03: the front line first")
        self.assertEqual(
            lead.with_env(self.env).reception_credit_ids.employee_id, visit.server_id
        )

    def test_rr10_refused_registration_won_calls_back_its_own_customer(self):
        desk = self.floor.with_user(self.desk)
        owner_visit = desk.register_visit(
            {"visit_type": "new", "customer_name": "Pan Yue", "phone": "13933334444"}
        )
        owner_partner = owner_visit.partner_id
        other = desk.register_visit(
            {"visit_type": "new", "customer_name": "Not Pan", "phone": "13933334444"}
        )
        self.assertFalse(other.registration_valid)
        self.assertNotEqual(other.partner_id, owner_partner)
        self.assertNotEqual(other.lead_id, owner_visit.lead_id)
        other.lead_id.with_user(other.server_user_id).action_set_won()
        self.assertTrue(self.plans_of(other.partner_id))
        self.assertFalse(self.plans_of(owner_partner))
