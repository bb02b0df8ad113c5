"""X-06: installing reception_rotation breaks nothing a CRM user could do."""

from odoo.tests import Form, tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestCrmWithoutReceptionRole(ReceptionCommon):
    """X-06: Odoo's own CRM roles keep working once the addon is installed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.crm_user = cls.roles["crm_salesperson"]
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)

    def test_x06_crm_salesperson_creates_reads_wins_and_loses(self):
        Lead = self.env["crm.lead"].with_user(self.crm_user)
        # the lead form (with this addon's page) opens for them
        form = Form(Lead.with_context(default_type="opportunity"))
        form.name = "Deal of a CRM salesperson"
        lead = form.save()
        lead.read(["name", "stage_id", "probability"])
        lost = Lead.create({"name": "Lost deal", "type": "opportunity"})
        lead.action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        lost.action_set_lost()
        self.assertFalse(lost.active)
        moved = Lead.create({"name": "Moved to won", "type": "opportunity"})
        moved.write({"stage_id": self.won_stage.id})
        self.assertEqual(moved.probability, 100)

    def test_x06_rr11_crm_salesperson_wins_a_walk_in_deal_credit_exists(self):
        """X-06 RR-11: a walk-in's lead handed to a CRM salesperson without
        a reception role: winning it works and the owner gets the credit."""
        visit = self.walk_in()
        visit.lead_id.user_id = self.crm_user
        lead = visit.lead_id.with_user(self.crm_user)
        lead.action_set_won()
        credit = self.env["reception.credit.split"].search(
            [("lead_id", "=", visit.lead_id.id)]
        )
        self.assertEqual(credit.employee_id, self.s1)
        self.assertEqual(credit.share, 1.0)
        # the crm user sees no reception field of the lead
        self.assertNotIn("reception_visit_ids", lead.fields_get())

    def test_rr11_credit_once_through_won_stages_not_on_lost(self):
        visit = self.walk_in()
        lost = self.walk_in()
        lead = visit.lead_id.with_user(self.users[0])
        lead.action_set_won()
        lead.write({"stage_id": self.won_stage.id})
        lost.lead_id.with_user(self.users[1]).action_set_lost()
        Credit = self.env["reception.credit.split"]
        self.assertEqual(len(Credit.search([("lead_id", "=", lead.id)])), 1)
        self.assertFalse(Credit.search([("lead_id", "=", lost.lead_id.id)]))
