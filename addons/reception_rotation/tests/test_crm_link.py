from odoo.tests import tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestCrmLink(ReceptionCommon):
    """RR-17: a customer CRM already knows attaches to their lead or partner."""

    def lead(self, phone, team=None, **vals):
        return self.env["crm.lead"].create(
            dict(
                {
                    "name": "Known %s" % phone,
                    "type": "opportunity",
                    "phone": phone,
                    "team_id": (team or self.team).id,
                    "user_id": self.s2.user_id.id,
                },
                **vals,
            )
        )

    def lead_count(self):
        return self.env["crm.lead"].with_context(active_test=False).search_count([])

    def test_rr17_returning_customer_attaches_to_the_partner(self):
        """No lead in CRM, but the contact is known by phone: the new lead is
        the partner's, and the visit shows the partner."""
        partner = self.env["res.partner"].create(
            {"name": "Zhao Min", "phone": "+86 135-0000-1111"}
        )
        visit = self.walk_in(
            "returning_not_bought", name="Zhao Min", phone="13500001111"
        )
        self.assertEqual(visit.partner_id, partner)
        self.assertEqual(visit.lead_id.partner_id, partner)
        self.assertEqual(visit.ownership_id.partner_id, partner)
        self.assertEqual(visit.lead_id.user_id, visit.server_id.user_id)

    def test_rr17_new_walk_in_known_to_crm_creates_no_duplicate_lead(self):
        """Marked "new" at the desk but already an open lead of the floor's
        team (it phoned in): the visit attaches to it."""
        known = self.lead("135 0000 2222")
        before = self.lead_count()
        visit = self.walk_in("new", name="Qian Wei", phone="13500002222")
        self.assertEqual(visit.lead_id, known)
        self.assertEqual(self.lead_count(), before)

    def test_rr17_in_a_chinese_company_the_lookup_reads_odoos_e164_phones(self):
        """Issue 9: in a company of China, Odoo's phone mixin keeps numbers in
        E.164 (phone_sanitized): mobiles and landlines (the trunk 0 dropped)
        are found through it; a record Odoo could not sanitize (its own
        country is another's) is found by the digits as typed."""
        self.env.company.country_id = self.env.ref("base.cn")
        mobile = self.lead("135 0000 5555")
        landline = self.lead("010-6552 9988")
        foreign = self.lead("13500007777", country_id=self.env.ref("base.us").id)
        partner = self.env["res.partner"].create(
            {
                "name": "Zhao Min",
                "phone": "0755-8888 7777",
                "company_id": self.env.company.id,
            }
        )
        hk_partner = self.env["res.partner"].create(
            {
                "name": "Sun Li",
                "phone": "135-0000-8888",
                "country_id": self.env.ref("base.hk").id,
            }
        )
        self.assertEqual(mobile.phone_sanitized, "+8613500005555")
        self.assertEqual(landline.phone_sanitized, "+861065529988")
        self.assertFalse(foreign.phone_sanitized)
        self.assertFalse(hk_partner.phone_sanitized)
        for lead, name, typed in (
            (mobile, "Qian Wei", "13500005555"),
            (landline, "Qian Wei", "010 6552 9988"),
            (foreign, "Qian Wei", "135-0000-7777"),
        ):
            visit = self.walk_in("new", name=name, phone=typed)
            self.assertEqual(visit.lead_id, lead, typed)
            visit.with_user(self.desk).action_leave()
        visit = self.walk_in("new", name="Zhao Min", phone="0755 88887777")
        self.assertEqual(visit.partner_id, partner)
        visit.with_user(self.desk).action_leave()
        visit = self.walk_in("new", name="Sun Li", phone="+86 135 0000 8888")
        self.assertEqual(visit.partner_id, hk_partner)
        visit.with_user(self.desk).action_leave()
        # two numbers, of which Odoo sanitizes one: the other is found too
        two = self.lead("010-6552 9997", mobile="139 0000 2001")
        self.assertEqual(two.phone_sanitized, "+8613900002001")
        visit = self.walk_in("new", name="Qian Wei", phone="010 6552 9997")
        self.assertEqual(visit.lead_id, two)

    def test_rr17_prefers_the_open_lead_of_the_floor_team(self):
        other_team = self.env["crm.team"].create({"name": "Online"})
        self.lead("13500003333", team=other_team)
        ours = self.lead("+86 13500003333")
        self.lead("13500003333").action_set_lost()
        visit = self.walk_in(
            "returning_not_bought", name="Sun Yu", phone="135-0000-3333"
        )
        self.assertEqual(visit.lead_id, ours)

    def test_rr17_won_lead_not_reused_its_partner_is(self):
        partner = self.env["res.partner"].create({"name": "Li Lei"})
        won = self.lead("13500004444", partner_id=partner.id)
        won.action_set_won()
        partner.phone = False  # found through the lead, not the contact
        visit = self.walk_in("returning_bought", name="Li Lei", phone="13500004444")
        self.assertNotEqual(visit.lead_id, won)
        self.assertEqual(visit.lead_id.partner_id, partner)
        self.assertEqual(visit.partner_id, partner)

    def test_rr17_other_company_leads_are_not_matched(self):
        company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["crm.lead"].create(
            {"name": "Elsewhere", "phone": "13500005555", "company_id": company.id}
        )
        visit = self.walk_in("new", name="Zhou", phone="13500005555")
        self.assertNotEqual(visit.lead_id, foreign)

    def test_rr17_lookup_is_batched(self):
        """One search for leads, one for contacts: the cost does not grow
        with the leads CRM holds for the phone."""
        teams = self.env["crm.team"].create([{"name": "T%d" % i} for i in range(5)])
        leads = self.env["crm.lead"]
        for team in teams:
            leads |= self.lead("13500006666", team=team)
        visit = self.walk_in("new", name="Wu", phone="13500006666")
        self.assertIn(visit.lead_id, leads)
        self.env.invalidate_all()
        # the leads' and contacts' numbers Odoo could not sanitize, then the
        # leads, their stages, the contacts, and the names of the leads'
        # customers, compared with the visitor's (RR-10): one each
        with self.assertQueryCount(10):
            lead, partner = visit._find_crm_customer()
        self.assertIn(lead, leads)
        # RR-17: the walk-in gave the lead its customer
        self.assertEqual(partner, visit.partner_id)
        self.assertEqual(lead.partner_id, visit.partner_id)
