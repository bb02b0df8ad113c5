from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestSecurity(ReceptionCommon):
    def test_salesperson_sees_only_own_visits(self):
        v1 = self.walk_in()
        v2 = self.walk_in()
        Visit = self.env["reception.visit"].with_user(self.users[0])
        self.assertEqual(Visit.search([("floor_id", "=", self.floor.id)]), v1)
        with self.assertRaises(AccessError):
            v2.with_user(self.users[0]).read(["customer_name"])
        # and their lead, not the others'
        Lead = self.env["crm.lead"].with_user(self.users[0])
        self.assertIn(v1.lead_id, Lead.search([]))
        desk_visits = (
            self.env["reception.visit"]
            .with_user(self.desk)
            .search([("floor_id", "=", self.floor.id)])
        )
        self.assertEqual(desk_visits, v1 | v2)

    def test_rr15_nobody_edits_or_deletes_the_log(self):
        self.walk_in()
        log = self.env["reception.log"].search([("floor_id", "=", self.floor.id)])
        self.assertTrue(log)
        for user in (self.desk, self.manager, self.users[0]):
            with self.assertRaises(UserError):
                log.with_user(user).write({"note": "changed"})
            with self.assertRaises(UserError):
                log.with_user(user).unlink()
        with self.assertRaises(UserError):
            log.sudo().write({"note": "changed"})
        with self.assertRaises(UserError):
            log.sudo().unlink()

    def test_served_visit_cannot_be_deleted(self):
        visit = self.walk_in()
        with self.assertRaises(UserError):
            visit.sudo().unlink()

    def test_desk_cannot_change_floor_settings(self):
        with self.assertRaises(AccessError):
            self.floor.with_user(self.desk).write({"bulk_units": 9})

    def test_multi_company_isolation(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        floor = self.env["reception.floor"].create(
            {"name": "Other floor", "company_id": other.id}
        )
        floors = self.env["reception.floor"].with_user(self.desk).search([])
        self.assertIn(self.floor, floors)
        self.assertNotIn(floor, floors)

    def test_desk_reads_the_visit_and_floor_forms(self):
        visit = self.walk_in()
        spec = {
            "lead_id": {"fields": {"display_name": {}}},
            "partner_id": {"fields": {"display_name": {}}},
            "server_id": {"fields": {"display_name": {}}},
            "ownership_id": {"fields": {"display_name": {}}},
        }
        for user in (self.desk, self.users[0], self.manager):
            data = visit.with_user(user).web_read(spec)
            self.assertEqual(data[0]["server_id"]["id"], self.s1.id)
        floor_spec = {
            "team_id": {"fields": {"display_name": {}}},
            "board_line_ids": {"fields": {"employee_id": {}, "counted_today": {}}},
            "makeup_ids": {"fields": {"employee_id": {}}},
        }
        for user in (self.desk, self.users[1]):
            self.floor.with_user(user).web_read(floor_spec)

    def test_rr15_deputy_uses_the_floor_override_button(self):
        """A deputy (salesperson only) sees the Override button of their floor
        and records the override through its wizard; the log says who."""
        deputy = self.users[1]
        self.floor.deputy_ids = deputy
        floor = self.floor.with_user(deputy)
        self.assertTrue(floor.can_override)
        self.assertFalse(self.floor.with_user(self.users[0]).can_override)
        action = floor.action_open_override()
        form = Form(
            self.env[action["res_model"]]
            .with_user(deputy)
            .with_context(**action["context"])
        )
        form.employee_id = self.s3
        form.customer_name = "Tang"
        form.phone = "13600006666"
        form.reason = "regular of s3"
        result = form.save().action_confirm()
        visit = self.env["reception.visit"].browse(result["res_id"])
        self.assertEqual(visit.server_id, self.s3)
        log = self.env["reception.log"].search(
            [("visit_id", "=", visit.id), ("event_type", "=", "override")]
        )
        self.assertEqual(log.user_id, deputy)
        with self.assertRaises(AccessError):
            self.floor.with_user(self.users[0]).action_open_override()
