"""Issue 8, item 9: the seed's remaining floor rules on real records, as the
real roles (RR-19 an old customer brings a new one, RR-21 a non-buyer
confirmed together by the salesperson and the floor manager)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..engine import DEFAULT_SETTINGS
from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestBroughtByOld(ReceptionCommon):
    """RR-19 (seed 001, second version, art. 5)."""

    def old_customer(self, name, phone, bought=False):
        """Set-up: a customer of s3 from an earlier day."""
        for _i in range(2):  # s1, s2 busy: s3 takes the next
            self.walk_in()
        visit = self.walk_in(name=name, phone=phone)
        self.assertEqual(visit.server_id, self.s3)
        if bought:
            visit.units = 1
            visit.action_bought()
        else:
            visit.action_leave()
        # a new day: nobody serving, nothing served
        self.forget_customers(serving=True)
        return visit

    def counted(self, employee):
        return self.line(employee).counted_today

    def test_rr19_closed_referrer_registered_newcomer_counts_for_their_seller(self):
        self.old_customer("Old Bought", "13700000001", bought=True)
        before = self.counted(self.s3)
        friend = self.walk_in(
            "brought_by_old",
            name="Friend One",
            phone="13700000011",
            referrer_phone="13700000001",
            referrer_bought=True,
        )
        self.assertEqual(friend.server_id, self.s3)
        self.assertTrue(friend.counted)
        self.assertTrue(friend.registration_valid)
        self.assertEqual(self.counted(self.s3), before + 1)
        # registered: the newcomer is the old customer's salesperson's now
        self.assertEqual(friend.ownership_id.employee_id, self.s3)
        self.assertEqual(friend.lead_id.user_id, self.s3.user_id)
        self.assertEqual(friend.partner_id.name, "Friend One")

    def test_rr19_rr05_closed_referrer_unregistered_newcomer_not_counted(self):
        self.old_customer("Old Bought 2", "13700000002", bought=True)
        before = self.counted(self.s3)
        friend = self.walk_in(
            "brought_by_old",
            name="Shy Friend",
            referrer_phone="13700000002",
            referrer_bought=True,
        )
        self.assertEqual(friend.server_id, self.s3)
        self.assertFalse(friend.counted)
        self.assertFalse(friend.registration_valid)
        self.assertFalse(friend.lead_id, "not registered: no CRM customer yet")
        self.assertEqual(self.counted(self.s3), before)

    def test_rr19_open_referrer_with_a_friend_counts_once(self):
        self.old_customer("Old Open", "13700000003")
        before = self.counted(self.s3)
        friend = self.walk_in(
            "brought_by_old",
            name="Friend Three",
            phone="13700000033",
            referrer_phone="13700000003",
        )
        self.assertTrue(friend.counted)
        friend.action_leave()
        old = self.walk_in("returning_not_bought", name="Old Open", phone="13700000003")
        self.assertEqual(old.server_id, self.s3)
        self.assertFalse(old.counted, "RR-19: the two count once")
        self.assertEqual(self.counted(self.s3), before + 1)
        reasons = (
            self.env["reception.log"]
            .search([("visit_id", "=", old.id)])
            .mapped("reason")
        )
        self.assertIn("brought_by_open_once", reasons)

    def test_rr19_a_phone_without_a_name_is_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.walk_in("brought_by_old", name="", phone="13700000044")


@tagged("post_install", "-at_install")
class TestNonBuyerConfirmed(ReceptionCommon):
    """RR-21 (seed 001, third version, art. 6): the salesperson reports, the
    floor manager confirms; neither alone, nobody on their own report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.s1.user_id

    def reported(self, minutes_ago=1, at_door=False):
        visit = self.walk_in(name="Decorator Wu", phone="13600000001")
        self.assertEqual(visit.server_id, self.s1)
        # set-up: the visitor arrived ``minutes_ago`` minutes ago
        visit.date = fields.Datetime.now() - timedelta(minutes=minutes_ago)
        mine = visit.with_user(self.seller)
        if at_door:
            mine.action_mark_non_buyer_at_door()
        else:
            mine.action_mark_non_buyer()
        return visit

    def test_rr21_salesperson_reports_manager_confirms(self):
        visit = self.reported(minutes_ago=2)
        self.assertEqual(visit.non_buyer_state, "marked")
        self.assertEqual(visit.non_buyer_marked_by_id, self.seller)
        self.assertGreaterEqual(visit.non_buyer_minutes, 2.0)
        self.assertTrue(visit.counted, "the report alone changes no count")
        self.assertEqual(self.line(self.s1).counted_today, 1)
        todo = visit.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertTrue(todo, "the manager gets a to-do on the visit")
        visit.with_user(self.manager).action_confirm_non_buyer()
        self.assertEqual(visit.non_buyer_state, "confirmed")
        self.assertEqual(visit.non_buyer_confirmed_by_id, self.manager)
        self.assertFalse(visit.counted)
        self.assertTrue(visit.makeup_granted)
        self.assertEqual(self.line(self.s1).counted_today, 0)
        makeup = self.env["reception.makeup"].search(
            [("granted_visit_id", "=", visit.id), ("state", "=", "pending")]
        )
        self.assertEqual(makeup.employee_id, self.s1)
        self.assertEqual(makeup.reason, "non_buyer")
        self.assertFalse(
            visit.activity_ids.filtered(lambda a: a.user_id == self.manager)
        )
        reasons = (
            self.env["reception.log"]
            .search([("visit_id", "=", visit.id)])
            .mapped("reason")
        )
        self.assertIn("non_buyer_marked", reasons)
        self.assertIn("non_buyer_confirmed", reasons)
        # the make-up is an extra reception: s1 takes the next customer
        visit.with_user(self.seller).action_leave()
        self.assertEqual(self.walk_in().server_id, self.s1)

    def test_rr21_identified_late_stays_counted(self):
        visit = self.reported(minutes_ago=10)
        visit.with_user(self.manager).action_confirm_non_buyer()
        self.assertEqual(visit.non_buyer_state, "confirmed")
        self.assertTrue(visit.counted)
        self.assertFalse(visit.makeup_granted)

    def test_rr21_before_the_door_after_the_minutes(self):
        visit = self.reported(minutes_ago=10, at_door=True)
        self.assertTrue(visit.non_buyer_before_door)
        visit.with_user(self.manager).action_confirm_non_buyer()
        self.assertFalse(visit.counted)

    def test_rr21_manager_refuses_it_stays_counted(self):
        visit = self.reported()
        visit.with_user(self.manager).action_refuse_non_buyer()
        self.assertEqual(visit.non_buyer_state, "refused")
        self.assertTrue(visit.counted)
        with self.assertRaises(UserError):
            visit.with_user(self.manager).action_confirm_non_buyer()
        with self.assertRaises(UserError):
            visit.with_user(self.seller).action_mark_non_buyer()

    def test_rr21_neither_alone(self):
        visit = self.walk_in(name="Reporter Li", phone="13600000002")
        # the desk types no number and reports nothing
        with self.assertRaises(AccessError):
            visit.with_user(self.desk).action_mark_non_buyer()
        # a colleague does not report someone else's customer
        with self.assertRaises(AccessError):
            visit.with_user(self.users[1]).action_mark_non_buyer()
        # the manager cannot confirm what nobody reported
        with self.assertRaises(UserError):
            visit.with_user(self.manager).action_confirm_non_buyer()
        visit.with_user(self.seller).action_mark_non_buyer()
        # the salesperson does not confirm their own report
        for user in (self.seller, self.desk, self.users[1]):
            with self.assertRaises(AccessError):
                visit.with_user(user).action_confirm_non_buyer()
        self.assertTrue(visit.counted)
        self.assertEqual(visit.non_buyer_state, "marked")

    def test_rr21_nobody_confirms_their_own(self):
        """A salesperson who is also a floor manager reports their own
        customer: another manager must confirm."""
        self.seller.groups_id |= self.env.ref(
            "reception_rotation.group_reception_rotation_manager"
        )
        visit = self.reported()
        with self.assertRaises(AccessError):
            visit.with_user(self.seller).action_confirm_non_buyer()
        with self.assertRaises(AccessError):
            visit.with_user(self.seller).action_refuse_non_buyer()
        visit.with_user(self.manager).action_confirm_non_buyer()
        self.assertFalse(visit.counted)

    def test_rr21_x07_report_fields_are_the_workflow_s(self):
        visit = self.walk_in(name="Builder Ma", phone="13600000003")
        for user in (self.seller, self.manager, self.desk):
            for vals in (
                {"non_buyer_state": "confirmed"},
                {"non_buyer_minutes": 0.5},
                {"non_buyer_before_door": True},
                {"non_buyer_confirmed_by_id": self.manager.id},
            ):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    visit.with_user(user).write(vals)
        self.assertFalse(visit.non_buyer_state)

    def test_rr21_only_a_counted_new_customer_once(self):
        returning = self.walk_in("returning_bought")
        with self.assertRaises(UserError):
            returning.with_user(returning.server_user_id).action_mark_non_buyer()
        returning.with_user(self.desk).action_leave()
        visit = self.reported()
        with self.assertRaises(UserError):
            visit.with_user(self.seller).action_mark_non_buyer_at_door()

    def test_rr05_desk_non_buyer_typed_minutes_are_ignored(self):
        """A non-buyer registered at the desk announced themselves on
        arrival: minutes typed at the desk change nothing (RR-21)."""
        visit = self.walk_in("non_buyer", name="Ad man", identified_minutes=30)
        self.assertFalse(visit.counted)
        self.assertEqual(visit.server_id, self.s4)


@tagged("post_install", "-at_install")
class TestEngineDefaults(ReceptionCommon):
    def test_rr05_rr06_rr14_engine_defaults_are_the_floor_defaults(self):
        """RR-05 RR-06 RR-14: the engine's default settings are the ones a new
        floor gets; a change to one side fails here."""
        defaults = self.env["reception.floor"].default_get(list(DEFAULT_SETTINGS))
        self.assertEqual(defaults, DEFAULT_SETTINGS)
