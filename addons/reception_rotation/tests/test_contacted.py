"""RR-20: a visitor who phoned or was canvassed by a named salesperson goes
to that salesperson; one who names nobody is a new customer. Run at the desk
by the receptionist through the walk-in wizard (with_user, no sudo)."""

from odoo.tests import Form, tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestContacted(ReceptionCommon):
    def _walk_in(self, name, phone, contacted=None):
        floor = self.floor.with_user(self.desk)
        action = floor.with_context(default_visit_type="new").action_open_walkin()
        wizard = self.env[action["res_model"]].with_user(self.desk)
        form = Form(wizard.with_context(**action["context"]))
        form.customer_name = name
        form.phone = phone
        if contacted:
            form.contacted_employee_id = contacted
        form.save().action_confirm()
        visit = (
            self.env["reception.visit"]
            .with_user(self.desk)
            .search([("floor_id", "=", self.floor.id)], limit=1, order="id desc")
        )
        visit.action_leave()
        return visit

    def _reasons(self, visit):
        return (
            self.env["reception.log"]
            .with_user(self.manager)
            .search([("visit_id", "=", visit.id), ("event_type", "=", "assignment")])
            .mapped("reason")
        )

    def test_rr20_named_salesperson_serves_nobody_named_is_new(self):
        # the visitor says s3 phoned them: s3 serves, counted (RR-20)
        called = self._walk_in("Qian", "13900000201", contacted=self.s3)
        self.assertEqual(called.server_id, self.s3)
        self.assertTrue(called.counted)
        self.assertEqual(self._reasons(called), ["contacted_by"])
        self.assertEqual(called.ownership_id.employee_id, self.s3)  # RR-10
        # names nobody: a new customer, to the one whose turn it is
        anon = self._walk_in("Sun", "13900000202")
        self.assertEqual(anon.server_id, self.s1)
        self.assertEqual(self._reasons(anon), ["rotation"])
        # the named salesperson is away: received in the order
        self.line(self.s4).with_user(self.desk).action_set_away_notice()
        absent = self._walk_in("Zhou", "13900000203", contacted=self.s4)
        self.assertEqual(absent.server_id, self.s2)
        self.assertTrue(absent.counted)
        self.assertEqual(self._reasons(absent), ["contact_absent"])
