from odoo.tests import TransactionCase

from ..engine import forget_customers
from .roles import create_role_user, create_roles


class ReceptionCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.roles = create_roles(cls.env)
        cls.manager = cls.roles["floor_manager"]
        cls.desk = cls.roles["receptionist"]
        cls.deputy = cls.roles["floor_deputy"]
        cls.users = cls.env["res.users"]
        cls.employees = cls.env["hr.employee"]
        for i in range(1, 5):
            user = create_role_user(
                cls.env, "reception_salesperson", "rr_sales%d" % i, "Sales %d" % i
            )
            cls.users |= user
            cls.employees |= cls.env["hr.employee"].create(
                {"name": "Sales %d" % i, "user_id": user.id}
            )
        cls.s1, cls.s2, cls.s3, cls.s4 = cls.employees
        cls.team = cls.env["crm.team"].create({"name": "Floor Team"})
        cls.floor = cls.env["reception.floor"].create(
            {
                "name": "Test Showroom",
                "team_id": cls.team.id,
                "manager_id": cls.manager.id,
            }
        )
        cls.roster = cls.env["reception.roster"].create(
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
        cls.phone_seq = 0

    def forget_customers(self, serving=False, floor=None):
        """Set-up: the floor's customers of the day are forgotten, as on a
        new day, the order and counts kept (``serving``: nobody serves)."""
        floor = floor or self.floor
        floor.rotation_state = forget_customers(floor.rotation_state, serving)

    def line(self, employee):
        return self.roster.line_ids.filtered(lambda ln: ln.employee_id == employee)

    def walk_in(self, visit_type="new", name=None, phone=None, user=None, **vals):
        if visit_type in ("new", "returning_not_bought", "returning_bought") and not (
            phone
        ):
            type(self).phone_seq += 1
            phone = "1380000%04d" % self.phone_seq
            name = name or "Customer %d" % self.phone_seq
        floor = self.floor.with_user(user or self.desk)
        visit = floor.register_visit(
            dict(vals, visit_type=visit_type, customer_name=name, phone=phone)
        )
        return visit.with_env(self.env)

    def flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def served(self, *visits):
        return [v.server_id for v in visits]
