"""The three addons installed together in one database (X-01).

Each addon's own suite runs in a database where it is installed alone; this
suite runs where all three are installed at once and checks that they compose:
a walk-in registered on the floor (reception_rotation) becomes a CRM lead; when
that deal is won, the owner is credited (RR-11/RR-17) *and* the after-sale
callbacks are planned (customer_callback, CB-02/CB-03); the callback KPI batch
then scores the staff who made callbacks (callback_kpi, KPI-04/KPI-10).
"""

from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.callback_kpi.tests.roles import ROLE_GROUPS as KPI_ROLES
from odoo.addons.reception_rotation.tests.roles import (
    ROLE_GROUPS as RECEPTION_ROLES,
)


@tagged("post_install", "-at_install")
class TestSuiteTogether(TransactionCase):
    """Every act as its real role (the superuser only sets up the floor, the
    team and the users): the receptionist registers the walk-in, the floor
    salesperson wins the deal, the KPI manager scores the team and submits,
    HR approves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = new_test_user(
            cls.env, "x_desk", groups=RECEPTION_ROLES["receptionist"]
        )
        user = new_test_user(
            cls.env,
            "x_sales",
            groups=RECEPTION_ROLES["crm_salesperson"]
            + ","
            + RECEPTION_ROLES["reception_salesperson"],
            name="Floor Seller",
        )
        cls.seller_user = user
        cls.kpi_manager = new_test_user(
            cls.env, "x_kpi_manager", groups=KPI_ROLES["kpi_manager"]
        )
        cls.hr = new_test_user(cls.env, "x_hr", groups=KPI_ROLES["hr_approver"])
        manager_employee = cls.env["hr.employee"].create(
            {"name": "KPI Manager", "user_id": cls.kpi_manager.id}
        )
        team = cls.env["hr.department"].create(
            {"name": "Floor and callbacks", "manager_id": manager_employee.id}
        )
        manager_employee.department_id = team
        cls.seller = cls.env["hr.employee"].create(
            {
                "name": "Floor Seller",
                "user_id": user.id,
                "department_id": team.id,
                "parent_id": manager_employee.id,
            }
        )
        cls.floor = cls.env["reception.floor"].create(
            {
                "name": "Together Showroom",
                "team_id": cls.env["crm.team"].create({"name": "Together Team"}).id,
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
                            "employee_id": cls.seller.id,
                            "sequence": 1,
                            "start_hour": 0.0,
                            "end_hour": 24.0,
                        },
                    )
                ],
            }
        )

    def test_x01_all_three_installed(self):
        modules = self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    ["customer_callback", "reception_rotation", "callback_kpi"],
                )
            ]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 3)

    def test_rr17_cb02_won_walkin_deal_is_credited_and_called_back(self):
        visit = self.floor.with_user(self.desk).register_visit(
            {"visit_type": "new", "customer_name": "Wang Fang", "phone": "13912345678"}
        )
        self.assertEqual(visit.server_id, self.seller)
        lead = visit.with_user(self.seller_user).lead_id
        self.assertTrue(lead, "RR-17: the walk-in registers as a CRM lead")
        self.assertEqual(lead.user_id, self.seller_user)
        partner = self._customer_of(lead, "Wang Fang", "13912345678")
        plans_before = self.env["callback.plan"].search_count(
            [("partner_id", "=", partner.commercial_partner_id.id)]
        )
        lead.action_set_won()
        lead = lead.with_env(self.env)
        credits = lead.reception_credit_ids
        self.assertEqual(credits.employee_id, self.seller)
        self.assertEqual(sum(credits.mapped("share")), 1.0)
        plans = self.env["callback.plan"].search(
            [("partner_id", "=", partner.commercial_partner_id.id)]
        )
        self.assertGreater(len(plans), plans_before, "CB-02: after-sale callbacks")
        self.assertEqual(set(plans.mapped("state")), {"planned"})
        self.assertIn("1", plans.mapped("level"), "CB-03: the front line calls first")

    def test_kpi04_kpi10_walkin_seller_callbacks_are_scored(self):
        """The after-sale callbacks of a won walk-in deal feed the seller's
        quarterly scorecard; running the batch twice creates no duplicate."""
        visit = self.floor.with_user(self.desk).register_visit(
            {"visit_type": "new", "customer_name": "Li Lei", "phone": "13787654321"}
        )
        lead = visit.with_user(self.seller_user).lead_id
        self._customer_of(lead, "Li Lei", "13787654321")
        lead.action_set_won()
        plans = self.env["callback.plan"].search([("employee_id", "=", self.seller.id)])
        self.assertTrue(plans, "the seller calls their own customer back")
        deadline = min(plans.mapped("date_deadline"))
        quarter = str((deadline.month - 1) // 3 + 1)
        for _run in range(2):
            self.env["kpi.scorecard.batch"].with_user(self.kpi_manager).create(
                {"period_type": "quarter", "year": deadline.year, "quarter": quarter}
            ).action_compute()
        cards = (
            self.env["kpi.scorecard"]
            .with_user(self.kpi_manager)
            .search(
                [
                    ("employee_id", "=", self.seller.id),
                    ("year", "=", deadline.year),
                    ("quarter", "=", quarter),
                ]
            )
        )
        self.assertEqual(len(cards), 1, "KPI-10: no duplicate on a second run")
        self.assertTrue(cards.line_ids, "KPI-03: one line per criterion")
        self.assertTrue(cards.grade)
        # KPI-08: the manager submits, HR approves; the card is then locked
        cards.action_submit()
        cards.with_user(self.hr).action_approve()
        self.assertEqual(cards.with_env(self.env).state, "approved")

    def _customer_of(self, lead, name, phone):
        """The seller records the walk-in's customer on the lead."""
        user = lead.env.user
        partner = lead.partner_id or self.env["res.partner"].with_user(user).create(
            {"name": name, "phone": phone}
        )
        lead.partner_id = partner
        return partner
