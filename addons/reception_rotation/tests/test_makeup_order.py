"""RR-04, RR-05: a make-up is an extra turn, seen at the desk.

The receptionist runs the walk-ins through the wizard (with_user, no sudo):
a returning buyer served by their owner uses no turn; the make-up it earns is
one extra reception before the turn holder, then the order resumes.
"""

from datetime import timedelta

from odoo.tests import Form, tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestMakeupOrder(ReceptionCommon):
    def _walk_in(self, visit_type, name, phone):
        floor = self.floor.with_user(self.desk)
        action = floor.with_context(default_visit_type=visit_type).action_open_walkin()
        wizard = self.env[action["res_model"]].with_user(self.desk)
        form = Form(wizard.with_context(**action["context"]))
        form.customer_name = name
        form.phone = phone
        result = form.save().action_confirm()
        self.assertEqual(result["params"]["type"], "success")
        visit = (
            self.env["reception.visit"]
            .with_user(self.desk)
            .search([("floor_id", "=", self.floor.id)], limit=1, order="id desc")
        )
        visit.action_leave()
        return visit

    def _next(self):
        self.floor.invalidate_recordset()
        return self.floor.with_user(self.desk).next_employee_id

    def test_rr04_rr05_returning_buyer_makeup_is_an_extra_turn(self):
        # fixture: Li registered with s1 last week and bought (RR-10)
        today = self.floor._floor_today()
        self.env["reception.ownership"].sudo().create(
            {
                "floor_id": self.floor.id,
                "customer_name": "Li",
                "phone_normalized": "13900000001",
                "employee_id": self.s1.id,
                "first_registration_date": today - timedelta(days=6),
                "last_followup_date": today - timedelta(days=1),
            }
        )
        wang = self._walk_in("new", "Wang", "13900000003")
        ma = self._walk_in("new", "Ma", "13900000002")
        self.assertEqual((wang.server_id, ma.server_id), (self.s1, self.s2))
        self.assertEqual(self._next(), self.s3)  # s3 holds the turn
        # Li comes back: the owner s1 serves, no count, no turn (RR-05)
        back = self._walk_in("returning_bought", "Li", "13900000001")
        self.assertEqual(back.server_id, self.s1)
        self.assertFalse(back.counted)
        self.assertTrue(back.makeup_granted)
        makeup = self.floor.makeup_ids
        self.assertEqual((makeup.employee_id, makeup.state), (self.s1, "pending"))
        self.assertEqual(self._next(), self.s1)  # the make-up comes first
        visits = [
            self._walk_in("new", "New %d" % i, "1390000010%d" % i) for i in range(5)
        ]
        # the make-up, then the turn holder s3: the order resumes where it was,
        # and s1 still has their own turn in the next round
        self.assertEqual(
            self.served(*visits), [self.s1, self.s3, self.s4, self.s1, self.s2]
        )
        self.assertEqual([v.makeup_used for v in visits], [True] + [False] * 4)
        self.assertTrue(all(v.counted for v in visits))
        self.assertEqual((makeup.state, makeup.used_visit_id), ("used", visits[0]))
        counted = {
            line.employee_id: line.counted_today
            for line in self.roster.with_user(self.desk).line_ids
        }
        # one extra reception for s1, nobody else lost a place
        self.assertEqual(counted, {self.s1: 3, self.s2: 2, self.s3: 1, self.s4: 1})

    def test_rr08_rr18_helper_of_a_busy_owner_gets_an_extra_turn(self):
        # fixture: Li registered with s1 last week, has not bought (RR-10)
        today = self.floor._floor_today()
        self.env["reception.ownership"].sudo().create(
            {
                "floor_id": self.floor.id,
                "customer_name": "Li",
                "phone_normalized": "13900000001",
                "employee_id": self.s1.id,
                "first_registration_date": today - timedelta(days=6),
                "last_followup_date": today - timedelta(days=1),
            }
        )
        floor = self.floor.with_user(self.desk)
        busy = floor.register_visit(
            {"visit_type": "new", "customer_name": "Wang", "phone": "13900000003"}
        )
        self.assertEqual(busy.server_id, self.s1)
        # Li comes while s1 is busy, s1 names nobody: the last in order helps
        li = floor.register_visit(
            {
                "visit_type": "returning_not_bought",
                "customer_name": "Li",
                "phone": "13900000001",
            }
        )
        self.assertEqual(li.server_id, self.s4)
        self.assertFalse(li.counted or li.makeup_granted)
        self.assertEqual(li.split_employee_id, self.s1)
        # no deal (RR-18): the owner is counted, the helper gets a make-up
        li.with_user(self.desk).action_leave()
        busy.with_user(self.desk).action_leave()
        makeup = self.floor.makeup_ids
        self.assertEqual((makeup.employee_id, makeup.reason), (self.s4, "helped"))
        counted = {
            line.employee_id: line.counted_today
            for line in self.roster.with_user(self.desk).line_ids
        }
        self.assertEqual(counted, {self.s1: 2, self.s2: 0, self.s3: 0, self.s4: 0})
        # the make-up is an extra reception; s4 keeps their place in the order
        visits = [
            self._walk_in("new", "New %d" % i, "1390000020%d" % i) for i in range(4)
        ]
        self.assertEqual(self.served(*visits), [self.s4, self.s2, self.s3, self.s4])
        self.assertEqual([v.makeup_used for v in visits], [True] + [False] * 3)
