"""A day on the floor as the real roles, end to end, no sudo (X-07).

The manager sets up the floor and names a deputy, the receptionist plans the
roster and runs the walk-ins through the wizards, the salespeople close
their own customers, the manager and the deputy override with a reason, and
each salesperson sees their own customers only.
"""

from odoo.tests import Form, TransactionCase, tagged

from .roles import create_role_user, create_roles


@tagged("post_install", "-at_install")
class TestDeskDay(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        roles = create_roles(cls.env, ("receptionist", "floor_manager", "floor_deputy"))
        cls.desk = roles["receptionist"]
        cls.manager = roles["floor_manager"]
        cls.deputy = roles["floor_deputy"]
        cls.sellers = [
            create_role_user(cls.env, "reception_salesperson", "rr_day_%d" % i)
            for i in range(1, 4)
        ]
        cls.s1, cls.s2, cls.s3 = (
            cls.env["hr.employee"].create({"name": user.name, "user_id": user.id})
            for user in cls.sellers
        )
        cls.team = cls.env["crm.team"].create({"name": "Day Team"})

    def _walk_in(self, floor, visit_type="new", **values):
        action = floor.with_context(default_visit_type=visit_type).action_open_walkin()
        wizard = self.env[action["res_model"]].with_user(self.desk)
        form = Form(wizard.with_context(**action["context"]))
        for name, value in values.items():
            setattr(form, name, value)
        result = form.save().action_confirm()
        self.assertEqual(result["params"]["type"], "success")
        return self._last_visit(floor)

    def _override(self, floor, user, employee, name, phone, reason):
        action = floor.with_user(user).action_open_override()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        )
        form.employee_id = employee
        form.customer_name = name
        form.phone = phone
        form.reason = reason
        result = form.save().action_confirm()
        return self.env["reception.visit"].with_user(self.desk).browse(result["res_id"])

    def _last_visit(self, floor):
        return (
            self.env["reception.visit"]
            .with_user(self.desk)
            .search([("floor_id", "=", floor.id)], limit=1)
        )

    def test_rr_x07_a_day_of_walk_ins_as_the_real_roles(self):
        # the manager sets up the floor and names a deputy (RR-15)
        floor = (
            self.env["reception.floor"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Day Showroom",
                    "team_id": self.team.id,
                    "deputy_ids": [(6, 0, self.deputy.ids)],
                }
            )
        )
        floor = floor.with_user(self.desk)
        # the receptionist plans today's order (RR-01)
        action = floor.action_open_roster()
        roster = (
            self.env["reception.roster"].with_user(self.desk).browse(action["res_id"])
        )
        with Form(roster) as form:
            for employee in (self.s1, self.s2, self.s3):
                with form.line_ids.new() as line:
                    line.employee_id = employee
                    line.start_hour = 0.0
                    line.end_hour = 24.0
        self.assertEqual(roster.line_ids.employee_id, self.s1 | self.s2 | self.s3)
        line3 = roster.line_ids.filtered(lambda ln: ln.employee_id == self.s3)

        # walk-ins rotate (RR-01)
        anna = self._walk_in(floor, customer_name="Anna", phone="13700000001")
        bo = self._walk_in(floor, customer_name="Bo", phone="13700000002")
        self.assertEqual((anna.server_id, bo.server_id), (self.s1, self.s2))
        # s3 steps away without notice: the desk's logged action (RR-03)
        line3.action_set_away()
        self.assertEqual(line3.status, "away")
        # s1 sells to Anna herself; the desk sees Bo out without a deal
        anna_s1 = anna.with_user(self.sellers[0])
        anna_s1.units = 1
        anna_s1.action_bought()
        bo.action_leave()
        chen = self._walk_in(floor, customer_name="Chen", phone="13700000003")
        self.assertEqual(chen.server_id, self.s1)  # s3 away: skipped
        line3.action_set_on_duty()
        # a returning buyer: not counted, the server gets a make-up (RR-04)
        dong = self._walk_in(
            floor, "returning_bought", customer_name="Dong", phone="13700000004"
        )
        self.assertFalse(dong.counted)
        self.assertTrue(dong.makeup_granted)
        holder = dong.server_id
        dong.action_leave()
        # Bo comes back: their owner s2 serves (RR-06, RR-10), same lead (RR-17)
        bo_again = self._walk_in(
            floor, "returning_not_bought", customer_name="Bo", phone="13700000002"
        )
        self.assertEqual(bo_again.server_id, self.s2)
        self.assertEqual(bo_again.lead_id, bo.lead_id)
        bo_again.action_leave()
        chen.action_leave()
        # the make-up is used on the next new customer (RR-04)
        eve = self._walk_in(floor, customer_name="Eve", phone="13700000005")
        self.assertEqual(eve.server_id, holder)
        self.assertTrue(eve.makeup_used)
        # the manager overrides with a reason, the deputy too (RR-15)
        fang = self._override(
            floor, self.manager, self.s3, "Fang", "13700000006", "asked for s3"
        )
        self.assertEqual(fang.server_id, self.s3)
        free = (self.s1 | self.s2) - eve.server_id
        gao = self._override(
            floor, self.deputy, free, "Gao", "13700000007", "neighbour of the owner"
        )
        self.assertEqual(gao.server_id, free)
        Log = self.env["reception.log"].with_user(self.manager)
        overrides = Log.search(
            [("floor_id", "=", floor.id), ("event_type", "=", "override")],
            order="id",
        )
        self.assertEqual(overrides.user_id, self.manager | self.deputy)
        self.assertEqual(
            overrides.mapped("note"), ["asked for s3", "neighbour of the owner"]
        )
        # each salesperson sees their own customers only
        for user, employee in zip(
            self.sellers, (self.s1, self.s2, self.s3), strict=True
        ):
            visits = (
                self.env["reception.visit"]
                .with_user(user)
                .search_read(
                    [("floor_id", "=", floor.id)], ["customer_name", "server_id"]
                )
            )
            self.assertTrue(visits)
            self.assertEqual({v["server_id"][0] for v in visits}, {employee.id})
        # s1 wins Anna's deal and is credited (RR-11)
        anna.lead_id.with_user(self.sellers[0]).action_set_won()
        credit = (
            self.env["reception.credit.split"]
            .with_user(self.sellers[0])
            .search([("lead_id", "=", anna.lead_id.id)])
        )
        self.assertEqual((credit.employee_id, credit.share), (self.s1, 1.0))
        # the day's log is intact, as the manager verifies (RR-15)
        result = floor.with_user(self.manager).action_verify_log()
        self.assertEqual(result["params"]["type"], "success")
