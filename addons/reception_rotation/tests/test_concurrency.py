"""RR-16: two receptionists pressing "next" at the same moment.

TransactionCase runs in one transaction that is rolled back; this test needs
two real transactions, so it commits its own data in fresh cursors and
removes it at the end (the one exception to "never commit", and only here).
"""

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

    def test_rr16_second_receptionist_waits_then_gets_the_next_turn(self):
        floor_id, employee_ids = self._setup_floor()
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                first = self._visit(cr1, floor_id, "13500000001")
                # cr1 holds the floor lock: cr2 cannot read the state
                cr2.execute("SET lock_timeout = '300ms'")
                # expected contention is no "bad query" ERROR in the log
                with (
                    self.assertNoLogs("odoo.sql_db", level="ERROR"),
                    self.assertRaises(psycopg2.errors.LockNotAvailable),
                ):
                    self._visit(cr2, floor_id, "13500000002")
                cr2.rollback()
                cr1.commit()
                # the retry (what Odoo's RPC layer does) gets the next turn
                second = self._visit(cr2, floor_id, "13500000002")
                cr2.commit()
            self.assertEqual(first, employee_ids[0])
            self.assertEqual(second, employee_ids[1])
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT server_id, count(*) FROM reception_visit "
                    "WHERE floor_id = %s AND counted GROUP BY server_id",
                    [floor_id],
                )
                self.assertEqual(
                    dict(cr.fetchall()), {employee_ids[0]: 1, employee_ids[1]: 1}
                )
                # RR-15: the two desks did not fork the floor's log chain
                floor = api.Environment(cr, SUPERUSER_ID, {})["reception.floor"]
                result = floor.browse(floor_id).action_verify_log()
                self.assertEqual(result["params"]["type"], "success")
        finally:
            self._cleanup(floor_id, employee_ids)

    def test_rr16_concurrent_commit_is_a_serialization_failure(self):
        floor_id, employee_ids = self._setup_floor()
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                cr2.execute("SELECT 1 FROM reception_floor WHERE id = %s", [floor_id])
                self._visit(cr1, floor_id, "13500000003")
                cr1.commit()
                # cr2's snapshot predates cr1's commit: it must not reuse the
                # old state; PostgreSQL refuses and Odoo retries the request
                with (
                    self.assertNoLogs("odoo.sql_db", level="ERROR"),
                    self.assertRaises(psycopg2.errors.SerializationFailure),
                ):
                    self._visit(cr2, floor_id, "13500000004")
                cr2.rollback()
                self.assertEqual(
                    self._visit(cr2, floor_id, "13500000004"), employee_ids[1]
                )
                cr2.commit()
        finally:
            self._cleanup(floor_id, employee_ids)
