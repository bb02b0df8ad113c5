"""RR-16: two receptionists pressing "next" at the same moment.

A desk action waits for the floor's turn (``reception.floor._wait_turn``)
before it reads anything, then starts on a fresh snapshot: desks queue
instead of failing under REPEATABLE READ (issue 9). A transaction that wrote
before keeps its snapshot: a stale one is refused by the floor row lock and
the desk keeps its turn over Odoo's retry.

TransactionCase runs in one transaction that is rolled back; this test needs
two real transactions, so it commits its own data in fresh cursors and
removes it at the end (the one exception to "never commit", and only here).
"""

from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestConcurrency(TransactionCase):
    def _setup_floor(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            employees = env["hr.employee"].create(
                [{"name": "RR16 Sales %d" % i} for i in range(3)]
            )
            floor = env["reception.floor"].create({"name": "RR16 floor"})
            env["reception.roster"].create(
                {
                    "floor_id": floor.id,
                    "date": floor._floor_today(),
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "employee_id": e.id,
                                "sequence": i,
                                "start_hour": 0,
                                "end_hour": 24,
                            },
                        )
                        for i, e in enumerate(employees)
                    ],
                }
            )
            cr.commit()  # pylint: disable=invalid-commit
            return floor.id, employees.ids

    def _cleanup(self, floor_id, employee_ids):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM reception_log WHERE floor_id = %s; "
                "DELETE FROM reception_makeup WHERE floor_id = %s; "
                "DELETE FROM reception_ownership WHERE floor_id = %s; "
                "UPDATE crm_lead SET active = false WHERE id IN "
                "(SELECT lead_id FROM reception_visit WHERE floor_id = %s); "
                "DELETE FROM reception_visit WHERE floor_id = %s; "
                "DELETE FROM reception_floor WHERE id = %s",
                [floor_id] * 6,
            )
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["hr.employee"].browse(employee_ids).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _visit(self, cr, floor_id, phone):
        env = api.Environment(cr, SUPERUSER_ID, {})
        visit = (
            env["reception.floor"]
            .browse(floor_id)
            .register_visit(
                {"visit_type": "new", "customer_name": "RR16 " + phone, "phone": phone}
            )
        )
        visit.action_leave()
        return visit.server_id.id

    def _short_wait(self):
        """The floor's turn waits 300 ms instead of 30 s: a desk blocked by
        another that this one thread holds open fails fast."""
        return patch.object(type(self.env["reception.floor"]), "_turn_wait", "300ms")

    def _refused_visit(self, cr, floor_id, phone, error):
        """The visit on ``cr`` fails with ``error`` (expected contention: no
        "bad query" ERROR in the log), and ``cr`` rolls back as Odoo's RPC
        layer does before its retry."""
        with (
            self.assertNoLogs("odoo.sql_db", level="ERROR"),
            self.assertRaises(error),
        ):
            self._visit(cr, floor_id, phone)
        cr.rollback()

    def _counted(self, floor_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT server_id, count(*) FROM reception_visit "
                "WHERE floor_id = %s AND counted GROUP BY server_id",
                [floor_id],
            )
            return dict(cr.fetchall())

    def test_rr16_second_receptionist_waits_then_gets_the_next_turn(self):
        floor_id, employee_ids = self._setup_floor()
        try:
            with (
                self._short_wait(),
                self.registry.cursor() as cr1,
                self.registry.cursor() as cr2,
            ):
                first = self._visit(cr1, floor_id, "13500000001")
                # cr1 holds the floor's turn until it ends: cr2 waits for it
                # (here past the wait, as cr1 cannot commit meanwhile)
                self._refused_visit(
                    cr2, floor_id, "13500000002", psycopg2.errors.LockNotAvailable
                )
                cr1.commit()
                # the retry (what Odoo's RPC layer does) gets the next turn
                second = self._visit(cr2, floor_id, "13500000002")
                cr2.commit()
            self.assertEqual(first, employee_ids[0])
            self.assertEqual(second, employee_ids[1])
            self.assertEqual(
                self._counted(floor_id), {employee_ids[0]: 1, employee_ids[1]: 1}
            )
            with self.registry.cursor() as cr:
                # RR-15: the two desks did not fork the floor's log chain
                floor = api.Environment(cr, SUPERUSER_ID, {})["reception.floor"]
                result = floor.browse(floor_id).action_verify_log()
                self.assertEqual(result["params"]["type"], "success")
        finally:
            self._cleanup(floor_id, employee_ids)

    def test_rr16_a_desk_on_an_old_snapshot_starts_again_on_a_fresh_one(self):
        """Issue 9: the desk read the floor before the other desk committed;
        it waits its turn, drops its old snapshot and takes the next turn,
        with no serialization failure nor retry."""
        floor_id, employee_ids = self._setup_floor()
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                cr2.execute(
                    "SELECT rotation_state FROM reception_floor WHERE id = %s",
                    [floor_id],
                )
                self._visit(cr1, floor_id, "13500000003")
                cr1.commit()
                self.assertEqual(
                    self._visit(cr2, floor_id, "13500000004"), employee_ids[1]
                )
                cr2.commit()
            self.assertEqual(
                self._counted(floor_id), {employee_ids[0]: 1, employee_ids[1]: 1}
            )
        finally:
            self._cleanup(floor_id, employee_ids)

    def test_rr16_a_desk_that_wrote_keeps_its_turn_over_odoos_retry(self):
        """A desk action after a write in the same transaction (Odoo logs a
        session's device on its first request) cannot drop its snapshot: the
        floor row lock refuses the stale state, and the desk keeps the
        floor's turn over Odoo's retry, so that the retry is not refused
        again by the other desks' commits (the red team's R1)."""
        floor_id, employee_ids = self._setup_floor()
        try:
            with (
                self._short_wait(),
                self.registry.cursor() as cr1,
                self.registry.cursor() as cr2,
                self.registry.cursor() as cr3,
            ):
                cr2.execute(
                    "UPDATE hr_employee SET write_date = write_date WHERE id = %s",
                    [employee_ids[2]],
                )
                self._visit(cr1, floor_id, "13500000005")
                cr1.commit()
                # refused, and cr2 keeps the turn over its rollback
                self._refused_visit(
                    cr2, floor_id, "13500000006", psycopg2.errors.SerializationFailure
                )
                self._refused_visit(
                    cr3, floor_id, "13500000009", psycopg2.errors.LockNotAvailable
                )
                self.assertEqual(
                    self._visit(cr2, floor_id, "13500000006"), employee_ids[1]
                )
                cr2.commit()  # the turn goes with it
                self.assertEqual(
                    self._visit(cr3, floor_id, "13500000009"), employee_ids[2]
                )
                cr3.commit()
            self.assertEqual(
                self._counted(floor_id),
                {employee_ids[0]: 1, employee_ids[1]: 1, employee_ids[2]: 1},
            )
        finally:
            self._cleanup(floor_id, employee_ids)

    def test_rr16_the_turn_is_released_when_a_desk_rolls_back(self):
        floor_id, employee_ids = self._setup_floor()
        try:
            with (
                self._short_wait(),
                self.registry.cursor() as cr1,
                self.registry.cursor() as cr2,
            ):
                self._visit(cr1, floor_id, "13500000007")
                cr1.rollback()  # e.g. the desk's request failed
                # no wait: the turn went with cr1's transaction
                self.assertEqual(
                    self._visit(cr2, floor_id, "13500000008"), employee_ids[0]
                )
                cr2.commit()
            self.assertEqual(self._counted(floor_id), {employee_ids[0]: 1})
        finally:
            self._cleanup(floor_id, employee_ids)
