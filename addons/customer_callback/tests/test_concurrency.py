"""CB-07: two callback staff planning the same customer at the same moment.

TransactionCase runs in one transaction that is rolled back; this test needs
two real transactions, so it commits its own data in fresh cursors and
removes it at the end (as reception_rotation's concurrency test does).
"""

from datetime import datetime

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

DEADLINE = datetime(2026, 2, 10, 12)


@tagged("post_install", "-at_install")
class TestQuarterCapConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.li = self.env.ref(
            "customer_callback.user_callback_li_demo", raise_if_not_found=False
        )
        self.wang = self.env.ref(
            "customer_callback.user_callback_wang_demo", raise_if_not_found=False
        )
        if not (self.li and self.wang):
            self.skipTest("needs the demo callback staff")

    def _setup_customer(self, name):
        """A customer with one plan this quarter (the cap is two), committed."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env.company.callback_quarter_cap = 2
            partner = env["res.partner"].create({"name": name})
            self._create_plan(env(user=self.li.id), partner.id)
            cr.commit()  # pylint: disable=invalid-commit
            return partner.id

    def _cleanup(self, partner_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["callback.plan"].with_context(active_test=False).search(
                [("partner_id", "=", partner_id)]
            ).unlink()
            env["res.partner"].browse(partner_id).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _create_plan(self, env, partner_id):
        return (
            env["callback.plan"]
            .create(
                {
                    "partner_id": partner_id,
                    "employee_id": env.user.employee_id.id,
                    "date_deadline": DEADLINE,
                }
            )
            .id
        )

    def _count(self, partner_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["callback.plan"].search_count(
                [("partner_id", "=", partner_id), ("state", "=", "planned")]
            )

    def test_cb07_second_planner_waits_for_the_first(self):
        partner_id = self._setup_customer("CB07 race waits")
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                env1 = api.Environment(cr1, self.li.id, {})
                env2 = api.Environment(cr2, self.wang.id, {})
                self._create_plan(env1, partner_id)
                # cr1 holds the customer's row: cr2 cannot count meanwhile
                cr2.execute("SET lock_timeout = '300ms'")
                with self.assertRaises(psycopg2.errors.LockNotAvailable):
                    self._create_plan(env2, partner_id)
                cr2.rollback()
                cr1.commit()
                env2.invalidate_all()
                # cr2 again: now it sees the second plan and refuses a third
                with self.assertRaises(ValidationError):
                    self._create_plan(env2, partner_id)
                cr2.rollback()
            self.assertEqual(self._count(partner_id), 2)
        finally:
            self._cleanup(partner_id)

    def test_cb07_stale_snapshot_fails_and_the_retry_refuses(self):
        partner_id = self._setup_customer("CB07 race stale")
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                env1 = api.Environment(cr1, self.li.id, {})
                env2 = api.Environment(cr2, self.wang.id, {})
                # cr2's snapshot predates cr1's plan
                cr2.execute("SELECT 1 FROM res_partner WHERE id = %s", [partner_id])
                self._create_plan(env1, partner_id)
                cr1.commit()
                # without the lock cr2 would count 2 and create a third plan
                with self.assertRaises(psycopg2.errors.SerializationFailure):
                    self._create_plan(env2, partner_id)
                cr2.rollback()
                env2.invalidate_all()
                # what Odoo's retry does: the same request in a new transaction
                with self.assertRaises(ValidationError):
                    self._create_plan(env2, partner_id)
                cr2.rollback()
            self.assertEqual(self._count(partner_id), 2)
        finally:
            self._cleanup(partner_id)
