from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestOwnership(ReceptionCommon):
    def _reset_day(self):
        self.forget_customers()

    def test_rr10_first_valid_registration_wins(self):
        visit = self.walk_in(name="Sun", phone="13311112222")
        own = visit.ownership_id
        self.assertTrue(visit.registration_valid)
        self.assertEqual(own.employee_id, self.s1)
        visit.action_leave()
        self._reset_day()
        # the same customer comes again as "new": still s1's customer
        again = self.walk_in(name="Sun", phone="+86 133 1111 2222")
        self.assertEqual(again.server_id, self.s1)
        self.assertEqual(again.ownership_id, own)

    def test_rr10_family_rule(self):
        self.walk_in(name="Father Qian", phone="13322223333").action_leave()
        self._reset_day()
        # same phone, another name, not family: another customer, invalid
        other = self.walk_in(name="Stranger", phone="13322223333")
        self.assertFalse(other.registration_valid)
        self.assertFalse(other.ownership_id)
        self.assertEqual(other.server_id, self.s2)
        other.action_leave()
        # same phone, the spouse: the same customer, to the owner
        spouse = self.walk_in(
            "returning_not_bought",
            name="Mother Qian",
            phone="13322223333",
            family_relation="spouse",
        )
        self.assertEqual(spouse.server_id, self.s1)
        # same name, another phone: another customer
        clone = self.walk_in(name="Father Qian", phone="13399998888")
        self.assertNotEqual(clone.ownership_id, spouse.ownership_id)

    def test_rr11_ownership_lapses_without_followup(self):
        visit = self.walk_in(name="Zhou", phone="13344445555")
        own = visit.ownership_id
        self.flush_tracking()
        own.last_followup_date = fields.Date.today() - timedelta(days=8)
        lapsed = self.env["reception.ownership"]._cron_lapse()
        self.assertIn(own, lapsed)
        self.assertEqual(own.state, "lapsed")
        self.flush_tracking()
        tracked = own.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked)
        visit.action_leave()
        self._reset_day()
        # a lapsed customer is new again: the rotation decides, new owner
        again = self.walk_in(name="Zhou", phone="13344445555")
        self.assertEqual(again.server_id, self.s2)
        self.assertEqual(own.employee_id, self.s2)
        self.assertEqual(own.state, "active")

    def test_rr11_message_on_lead_is_a_followup(self):
        visit = self.walk_in(name="Wu", phone="13355556666")
        own = visit.ownership_id
        own.last_followup_date = fields.Date.today() - timedelta(days=10)
        visit.lead_id.with_user(self.s1.user_id).message_post(
            body="Called back", message_type="comment"
        )
        self.env["reception.ownership"]._cron_lapse()
        self.assertEqual(own.state, "active")
        self.assertEqual(own.last_followup_date, fields.Date.today())

    def test_rr11_deal_within_traceback_credited_to_owner(self):
        visit = self.walk_in(name="Zheng", phone="13366667777")
        visit.action_leave()
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        visit.lead_id.sudo().user_id = self.users[2]
        visit.lead_id.stage_id = won
        credit = visit.lead_id.reception_credit_ids
        self.assertEqual(credit.employee_id, self.s1)
        self.assertEqual(credit.share, 1.0)
        self.assertEqual(credit.reason, "owner")

    def test_rr11_deal_after_traceback_goes_to_server(self):
        visit = self.walk_in(name="Feng", phone="13377778888")
        visit.action_leave()
        visit.ownership_id.last_followup_date = fields.Date.today() - timedelta(days=9)
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        visit.lead_id.stage_id = won
        self.assertEqual(visit.lead_id.reception_credit_ids.reason, "server")

    def test_rr10_manager_verified_same_name_other_phone(self):
        """The manager picks the verified customer in the walk-in wizard: the
        visit goes to its owner; the desk alone cannot claim it."""
        first = self.walk_in(name="Feng Lan", phone="13355556666")
        own = first.ownership_id
        first.action_leave()
        self._reset_day()
        with self.assertRaises(AccessError):
            self.walk_in(
                "returning_not_bought",
                name="Feng Lan",
                phone="13355557777",
                verified_ownership_id=own.id,
            )
        form = Form(
            self.env["reception.walkin.wizard"]
            .with_user(self.manager)
            .with_context(default_floor_id=self.floor.id)
        )
        form.visit_type = "returning_not_bought"
        form.customer_name = "Feng Lan"
        form.phone = "13355557777"
        form.verified_ownership_id = own
        form.save().action_confirm()
        visit = self.env["reception.visit"].search(
            [("phone_normalized", "=", "13355557777")]
        )
        self.assertEqual(visit.ownership_id, own)
        self.assertEqual(visit.server_id, self.s1)
        self.assertEqual(visit.lead_id, first.lead_id)

    def test_rr10_verified_customer_of_another_floor_refused(self):
        other = self.env["reception.floor"].create({"name": "Other"})
        foreign = self.env["reception.ownership"].create(
            {
                "floor_id": other.id,
                "customer_name": "Feng Lan",
                "phone_normalized": "13355558888",
                "employee_id": self.s3.id,
                "first_registration_date": fields.Date.today(),
                "last_followup_date": fields.Date.today(),
            }
        )
        before = self.env["reception.visit"].search_count([])
        with self.assertRaises(ValidationError):
            self.walk_in(
                "returning_not_bought",
                name="Feng Lan",
                phone="13355559999",
                user=self.manager,
                verified_ownership_id=foreign.id,
            )
        self.assertEqual(self.env["reception.visit"].search_count([]), before)
