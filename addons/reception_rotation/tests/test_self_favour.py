"""X-07: nobody on the floor serves, credits or verifies in their own favour.

Found by a red-team run over JSON-RPC: each route below got through before.
Every attack runs as the real role and changes nothing.
"""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestSelfFavour(ReceptionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the second salesperson is the floor's deputy (RR-15); the manager
        # is also a salesperson of the floor (an employee on the roster)
        cls.floor.deputy_ids = cls.users[1]
        cls.manager_employee = cls.env["hr.employee"].create(
            {"name": "Selling Manager", "user_id": cls.manager.id}
        )
        cls.roster.line_ids = [
            (
                0,
                0,
                {
                    "employee_id": cls.manager_employee.id,
                    "sequence": 9,
                    "start_hour": 0.0,
                    "end_hour": 24.0,
                },
            )
        ]

    def _visit_count(self):
        return self.env["reception.visit"].search_count([])

    @mute_logger("odoo.models")
    def test_x07_rr15_an_override_never_serves_the_one_who_makes_it(self):
        before = self._visit_count()
        for user, employee in (
            (self.users[1], self.s2),
            (self.manager, self.manager_employee),
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.floor.with_user(user).register_visit(
                    {
                        "visit_type": "new",
                        "customer_name": "Self Served",
                        "phone": "13955555555",
                        "override_employee_id": employee.id,
                        "reason": "me",
                    }
                )
        self.assertEqual(self._visit_count(), before)
        # the override of a colleague still goes through
        visit = self.floor.with_user(self.users[1]).register_visit(
            {
                "visit_type": "new",
                "customer_name": "Asked For S3",
                "phone": "13955555556",
                "override_employee_id": self.s3.id,
                "reason": "asked for s3",
            }
        )
        self.assertEqual(visit.with_env(self.env).server_id, self.s3)

    def test_x07_rr10_only_the_floor_manager_verifies_a_customer(self):
        first = self.walk_in(name="Secret One", phone="13900000001")
        before = self._visit_count()
        with self.assertRaises(AccessError):
            self.floor.with_user(self.users[1]).register_visit(
                {
                    "visit_type": "new",
                    "customer_name": "zzz",
                    "phone": "13900000098",
                    "override_employee_id": self.s3.id,
                    "reason": "x",
                    "verified_ownership_id": first.ownership_id.id,
                }
            )
        self.assertEqual(self._visit_count(), before)

    def test_x07_rr11_nobody_rebalances_a_credit_that_credits_them(self):
        visit = self.walk_in(name="Buyer", phone="13900000002")
        lead = visit.lead_id
        lead.write(
            {
                "stage_id": self.env["crm.stage"]
                .search([("is_won", "=", True)], limit=1)
                .id
            }
        )
        credit = lead.reception_credit_ids
        self.assertEqual(credit.employee_id, visit.server_id)
        Credit = credit.with_user(self.manager)
        with self.assertRaises(AccessError):
            Credit.write({"employee_id": self.manager_employee.id})
        self.assertEqual(credit.employee_id, visit.server_id)
        # the manager rebalances between two colleagues
        Credit.write({"employee_id": self.s4.id})
        self.assertEqual(credit.employee_id, self.s4)
        # ... and then cannot take it from s4 for themselves either
        with self.assertRaises(AccessError):
            Credit.write({"employee_id": self.manager_employee.id})

    def test_x07_rr02_a_roster_status_is_not_set_by_a_context_default(self):
        lines_before = self.roster.line_ids
        newcomer = self.env["hr.employee"].create({"name": "Newcomer"})
        roster = self.env["reception.roster"].create(
            {"floor_id": self.floor.id, "date": "2030-01-01"}
        )
        Line = (
            self.env["reception.roster.line"]
            .with_user(self.desk)
            .with_context(default_status="business")
        )
        with self.assertRaises(AccessError):
            Line.create({"roster_id": roster.id, "employee_id": newcomer.id})
        self.assertFalse(roster.line_ids)
        self.assertEqual(self.roster.line_ids, lines_before)

    def test_x05_a_receptionist_without_email_changes_a_status(self):
        self.desk.partner_id.email = False
        line = self.line(self.s3)
        line.with_user(self.desk).action_set_away_notice()
        self.assertEqual(line.status, "away_notice")
        self.assertIn("Sales 3", self.roster.message_ids[:1].body)

    def _handover_as(self, user, visit, owner):
        wizard = (
            self.env["reception.handover.wizard"]
            .with_user(user)
            .create({"visit_id": visit.id, "owner_id": owner.id})
        )
        return wizard.action_confirm()

    def test_x07_rr09_the_owner_of_a_handover_is_the_recorded_one(self):
        visit = self.walk_in(name="Old Customer", phone="13900000003")
        self.assertEqual(visit.server_id, self.s1)
        seller = self.users[0]
        # nobody hands a customer over to themselves
        with self.assertRaises(UserError):
            self._handover_as(seller, visit, self.s1)
        # a customer registered before today by s3, served by s1 today: only
        # s3 takes them over, not a colleague the finder picks
        visit.ownership_id.write(
            {
                "employee_id": self.s3.id,
                "first_registration_date": visit.day - timedelta(days=2),
            }
        )
        with self.assertRaises(UserError):
            self._handover_as(seller, visit, self.s2)
        self.assertEqual((visit.server_id, visit.makeup_granted), (self.s1, False))
        self._handover_as(seller, visit, self.s3)
        self.assertEqual(visit.server_id, self.s3)

    def test_x07_rr14_a_bulk_buyer_alert_names_the_customer_to_managers_only(self):
        visit = self.walk_in(name="Bulk Secret Buyer", phone="13900000004")
        self.assertEqual(visit.server_id, self.s1)
        visit.units = 3
        visit.with_user(self.desk).action_bought()
        colleague = self.users[1]
        Message = self.env["mail.message"].with_user(colleague)
        self.assertFalse(Message.search([("body", "ilike", "Bulk Secret Buyer")]))
        floor_bodies = self.floor.with_user(colleague).message_ids.mapped("body")
        self.assertFalse([b for b in floor_bodies if "Bulk Secret Buyer" in b])
        manager_view = visit.with_user(self.manager)
        self.assertIn("Bulk Secret Buyer", manager_view.message_ids[:1].body)
        self.assertEqual(manager_view.activity_ids.user_id, self.manager)

    def test_x07_rr11_a_follow_up_dated_ahead_keeps_no_customer(self):
        visit = self.walk_in(name="Lapsing", phone="13900000005")
        ownership = visit.ownership_id
        seller = visit.server_user_id
        lead = visit.lead_id.with_user(seller)
        lead.message_post(body="follow-up", date="2030-01-01 00:00:00")
        followups = ownership._lead_followups()
        self.assertEqual(followups[ownership.id], fields.Date.today())
