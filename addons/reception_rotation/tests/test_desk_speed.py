"""The desk's speed and the log's reasons, as the receptionist (issue 9).

A walk-in registered and closed at the desk costs a fixed number of queries,
about twice what Odoo takes to create one CRM lead (the figures of both:
tests/bench_reception_rotation.py --desk). Every reason the engine gives is
one the reception log knows; one it would not know is an error (RR-15).
"""

from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..engine import LOG_REASONS
from ..models import reception_floor_dispatch
from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestDeskSpeed(ReceptionCommon):
    def register_and_close(self, name, phone):
        visit = self.floor.with_user(self.desk).register_visit(
            {"visit_type": "new", "customer_name": name, "phone": phone}
        )
        self.flush_tracking()  # two requests: the close is tracked apart
        visit.with_user(self.desk).action_leave()
        self.flush_tracking()
        return visit

    def test_rr16_register_and_close_query_count(self):
        """The visit, its log lines, the customer's ownership, contact and
        lead, the floor lock, the board message and the tracked close."""
        self.register_and_close("Warm Up", "13900007776")
        # 49 with the test's warm caches, one of them whether the desk may
        # wait for the floor's turn (it may not: the test's transaction has
        # written); the bench, committing each visit, counts 55 against 30
        # for a bare crm.lead create (95 before issue 9)
        with self.assertQueryCount(49):
            visit = self.register_and_close("Speed", "13900007777")
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.server_id, self.s2)
        self.assertTrue(visit.ownership_id)
        self.assertEqual(visit.lead_id.partner_id, visit.partner_id)
        self.assertEqual(visit.lead_id.user_id, self.s2.user_id)

    def test_x05_walk_in_created_quietly_changes_tracked(self):
        """No "created" note nor the receptionist as follower on the visit,
        the ownership or the lead, and no e-mail to the salesperson per
        walk-in; the salesperson follows the lead, the reception log has the
        registration and the close is tracked (X-05)."""
        visit = self.register_and_close("Quiet", "13900008888")
        desk = self.desk.partner_id
        seller = self.s1.user_id.partner_id
        for record in (visit, visit.ownership_id, visit.lead_id):
            self.assertNotIn(desk, record.message_partner_ids, record._name)
        self.assertIn(seller, visit.lead_id.message_partner_ids)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "crm.lead"), ("res_id", "=", visit.lead_id.id)]
            )
        )
        reasons = (
            self.env["reception.log"]
            .search([("visit_id", "=", visit.id)])
            .mapped("reason")
        )
        self.assertEqual(sorted(reasons), ["registration", "rotation"])
        tracked = visit.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)

    def test_rr15_log_knows_every_engine_reason(self):
        known = dict(self.env["reception.log"]._fields["reason"].selection)
        self.assertFalse(set(LOG_REASONS) - set(known))

    def test_rr15_status_change_logged_with_its_own_reason(self):
        self.line(self.s2).with_user(self.desk).action_set_away()
        log = self.env["reception.log"].search(
            [("floor_id", "=", self.floor.id), ("event_type", "=", "status")]
        )
        self.assertEqual(
            [(line.reason, line.note) for line in log], [("status", "on_duty>away")]
        )

    def test_rr15_unknown_engine_reason_is_an_error(self):
        """A reason the log does not know is refused, never stored as
        "other": the walk-in changes nothing."""
        real = reception_floor_dispatch.apply_event

        def unknown_reason(state, event):
            decision = real(state, event)
            decision["log"].append(
                {"event": "assignment", "employee": None, "reason": "x", "note": ""}
            )
            return decision

        Visit = self.env["reception.visit"]
        before = Visit.search_count([]), self.env["reception.log"].search_count([])
        with (
            patch.object(reception_floor_dispatch, "apply_event", unknown_reason),
            self.assertRaises(ValidationError),
        ):
            self.walk_in(name="Unknown", phone="13900009999")
        after = Visit.search_count([]), self.env["reception.log"].search_count([])
        self.assertEqual(after, before)
