"""Issue 8, item 7: the CRM thread from walk-in to after-sale (RR-10, RR-11,
RR-17), as the real roles: the receptionist registers, the salespeople work
their leads, the floor manager reads the log."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestCrmThread(ReceptionCommon):
    def _reset_day(self):
        # set-up: a new day on the floor (the served customers are forgotten)
        self.forget_customers()

    def partners(self, name):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "=", name)])
        )

    def test_rr17_walk_in_lead_gets_a_created_customer(self):
        """A phone CRM does not know: the server creates the customer (the
        receptionist may not create contacts) in the floor's company, and the
        lead is theirs; the serving salesperson reads both."""
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.desk).create({"name": "X"})
        visit = self.walk_in(name="Han Mei", phone="138 1234 0001")
        partner = visit.partner_id
        self.assertTrue(partner)
        self.assertEqual(partner.name, "Han Mei")
        self.assertEqual(partner.phone, "138 1234 0001")
        self.assertEqual(partner.company_id, self.floor.company_id)
        self.assertEqual(visit.lead_id.partner_id, partner)
        self.assertEqual(visit.ownership_id.partner_id, partner)
        seller = visit.lead_id.with_user(visit.server_user_id)
        self.assertEqual(seller.partner_id.name, "Han Mei")

    def test_rr17_known_customer_found_by_phone_is_not_duplicated(self):
        partner = self.env["res.partner"].create(
            {"name": "Tang Li", "phone": "+86 138-1234-0002"}
        )
        visit = self.walk_in(name="Tang Li", phone="13812340002")
        self.assertEqual(visit.partner_id, partner)
        self.assertEqual(visit.lead_id.partner_id, partner)
        self.assertEqual(self.partners("Tang Li"), partner)
        visit.action_leave()
        self._reset_day()
        again = self.walk_in(
            "returning_not_bought", name="Tang Li", phone="13812340002"
        )
        self.assertEqual(again.partner_id, partner)
        self.assertEqual(again.lead_id, visit.lead_id)

    def test_rr17_open_lead_without_customer_gets_one(self):
        """A lead phoned in without a contact: the walk-in attaches to it and
        gives it its customer."""
        lead = self.env["crm.lead"].create(
            {
                "name": "Phoned in",
                "type": "opportunity",
                "phone": "13812340003",
                "team_id": self.team.id,
                "user_id": self.s1.user_id.id,
            }
        )
        visit = self.walk_in(name="Bai Yu", phone="13812340003")
        self.assertEqual(visit.lead_id, lead)
        self.assertTrue(lead.partner_id)
        self.assertEqual(lead.partner_id, visit.partner_id)
        self.assertEqual(lead.partner_id.name, "Bai Yu")

    def test_rr10_refused_registration_never_attached_to_the_other_customer(self):
        """Same phone, another name, no family tie: an invalid registration,
        with a lead and a customer of its own; the owner's lead and partner
        are untouched."""
        first = self.walk_in(name="Father Qian", phone="13812340004")
        lead, partner = first.lead_id, first.partner_id
        first.action_leave()
        self._reset_day()
        other = self.walk_in(name="Stranger", phone="13812340004")
        self.assertFalse(other.registration_valid)
        self.assertFalse(other.ownership_id)
        self.assertTrue(other.lead_id)
        self.assertNotEqual(other.lead_id, lead)
        self.assertNotEqual(other.partner_id, partner)
        self.assertEqual(other.partner_id.name, "Stranger")
        self.assertEqual(lead.partner_id, partner)
        self.assertEqual(lead.contact_name, "Father Qian")
        self.assertEqual(lead.user_id, self.s1.user_id)
        # the immediate family is the same customer: the owner's lead
        other.action_leave()
        spouse = self.walk_in(
            "returning_not_bought",
            name="Mother Qian",
            phone="13812340004",
            family_relation="spouse",
        )
        self.assertEqual(spouse.lead_id, lead)
        self.assertEqual(spouse.partner_id, partner)

    def test_rr10_refused_registration_ignores_nameless_crm_records(self):
        """CRM holds the owner's phone on a lead without a name: a refused
        registration (strict) does not take it."""
        first = self.walk_in(name="Gao Fei", phone="13812340005")
        first.action_leave()
        self._reset_day()
        nameless = self.env["crm.lead"].create(
            {"name": "Call", "phone": "13812340005", "team_id": self.team.id}
        )
        other = self.walk_in(name="Someone Else", phone="13812340005")
        self.assertFalse(other.registration_valid)
        self.assertNotEqual(other.lead_id, nameless)
        self.assertNotEqual(other.lead_id, first.lead_id)
        self.assertFalse(nameless.partner_id)

    def test_rr10_crm_customer_of_another_name_is_another_customer(self):
        """No floor ownership, but CRM knows the phone under another name:
        not the visitor's lead nor partner (RR-10), unless family."""
        known = self.env["res.partner"].create(
            {"name": "Zhao Lei", "phone": "13812340006"}
        )
        self.env["crm.lead"].create(
            {
                "name": "Zhao's deal",
                "partner_id": known.id,
                "phone": "13812340006",
                "team_id": self.team.id,
            }
        )
        visit = self.walk_in(name="Qin Hao", phone="13812340006")
        self.assertTrue(visit.registration_valid)
        self.assertNotEqual(visit.partner_id, known)
        self.assertNotEqual(visit.lead_id.partner_id, known)

    def test_rr11_open_leads_follow_the_new_owner_logged(self):
        """The customer lapses, a colleague registers them anew: the open
        leads (the floor's and another of the same customer) pass to the new
        owner, a won one stays; the move is in the chained log."""
        visit = self.walk_in(name="Zhou Jie", phone="13812340007")
        lead, partner = visit.lead_id, visit.partner_id
        old_user = self.s1.user_id
        self.assertEqual(lead.user_id, old_user)
        other_lead = self.env["crm.lead"].create(
            {"name": "Second deal", "partner_id": partner.id, "user_id": old_user.id}
        )
        won = self.env["crm.lead"].create(
            {"name": "Old deal", "partner_id": partner.id, "user_id": old_user.id}
        )
        won.action_set_won()
        visit.action_leave()
        ownership = visit.ownership_id
        ownership.last_followup_date = fields.Date.today() - timedelta(days=8)
        self.env["reception.ownership"]._cron_lapse()
        self.assertEqual(ownership.state, "lapsed")
        self._reset_day()
        again = self.walk_in(name="Zhou Jie", phone="13812340007")
        new_user = again.server_user_id
        self.assertEqual(again.server_id, self.s2)
        self.assertEqual(ownership.employee_id, self.s2)
        self.assertEqual(again.lead_id, lead)
        self.assertEqual(lead.user_id, new_user)
        self.assertEqual(lead.team_id, self.team, "the lead stays in the floor team")
        self.assertEqual(other_lead.user_id, new_user)
        self.assertEqual(won.user_id, old_user)
        # the new owner works the lead; the old one no longer sees it
        lead.with_user(new_user).write({"description": "Visited again"})
        self.assertFalse(
            self.env["crm.lead"].with_user(old_user).search([("id", "=", lead.id)])
        )
        log = self.env["reception.log"].search(
            [("floor_id", "=", self.floor.id), ("reason", "=", "lead_followed")]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.employee_id, self.s2)
        self.assertEqual(log.user_id, self.desk)
        self.assertIn("Second deal", log.note)
        result = self.floor.with_user(self.manager).action_verify_log()
        self.assertEqual(result["params"]["type"], "success")

    def test_rr09_rr11_same_day_handover_the_leads_follow_logged(self):
        """Registered by the finder today, it is the colleague's customer: the
        finder (the real role) hands over; ownership, lead and the customer's
        other open lead pass to the colleague, logged."""
        visit = self.walk_in(name="Kong Li", phone="13812340009")
        finder = visit.server_user_id
        self.assertEqual(visit.server_id, self.s1)
        second = self.env["crm.lead"].create(
            {
                "name": "Kong's second deal",
                "partner_id": visit.partner_id.id,
                "user_id": finder.id,
            }
        )
        visit.with_user(finder)._handover(self.s2)
        self.assertEqual(visit.server_id, self.s2)
        self.assertEqual(visit.ownership_id.employee_id, self.s2)
        self.assertEqual(visit.lead_id.user_id, self.s2.user_id)
        self.assertEqual(second.user_id, self.s2.user_id)
        log = self.env["reception.log"].search(
            [("visit_id", "=", visit.id), ("reason", "=", "lead_followed")]
        )
        self.assertEqual(log.user_id, finder)
        self.assertEqual(log.employee_id, self.s2)

    def test_x06_rr11_a_crm_salespersons_lead_stays_theirs(self):
        """X-06: a salesperson of the company who does not work the floor
        keeps their deal with the same customer when the floor's customer
        passes to a colleague (a handover, a lapse)."""
        crm_user = new_test_user(
            self.env,
            login="rr_crm_only",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        visit = self.walk_in(name="Qin Hai", phone="13812340010")
        theirs = self.env["crm.lead"].create(
            {
                "name": "Key account deal",
                "partner_id": visit.partner_id.id,
                "user_id": crm_user.id,
                "expected_revenue": 900000,
            }
        )
        visit.with_user(visit.server_user_id)._handover(self.s2)
        self.assertEqual(visit.lead_id.user_id, self.s2.user_id)
        self.assertEqual(theirs.user_id, crm_user)

    def test_rr11_a_lapsed_customer_kept_by_the_same_owner_moves_nothing(self):
        visit = self.walk_in(name="Lu Qi", phone="13812340008")
        visit.action_leave()
        ownership = visit.ownership_id
        ownership.last_followup_date = fields.Date.today() - timedelta(days=8)
        self.env["reception.ownership"]._cron_lapse()
        self._reset_day()
        # the order gives the customer back to s1 (s2, s3, s4 busy)
        for _i in range(3):
            self.walk_in()
        again = self.walk_in(name="Lu Qi", phone="13812340008")
        self.assertEqual(again.server_id, self.s1)
        self.assertEqual(ownership.state, "active")
        self.assertFalse(
            self.env["reception.log"].search_count(
                [("floor_id", "=", self.floor.id), ("reason", "=", "lead_followed")]
            )
        )

    def test_rr17_registration_cost_stays_flat_with_the_customer(self):
        """Creating the customer adds a fixed cost: a round of four new
        walk-ins costs the same on the tenth round as on the second."""

        def round_queries():
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            for _i in range(4):
                self.walk_in().action_leave()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        round_queries()
        small = round_queries()
        for _i in range(7):
            round_queries()
        self.assertEqual(round_queries(), small)
