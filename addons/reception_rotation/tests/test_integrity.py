"""X-06 X-07 X-03: the server is the only guard, installing breaks nothing.

Every attack or bad input is tried as the real role (with_user) and must be
refused with an error that changes nothing.
"""

import json
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ReceptionCommon
from .roles import create_other_company, create_role_user


@tagged("post_install", "-at_install")
class TestIntegrity(ReceptionCommon):
    """X-07: workflow fields change only through the workflow's methods."""

    def _refused(self, operation, exception=AccessError):
        with self.assertRaises(exception), self.env.cr.savepoint():
            operation()
        self.attacks += 1

    def setUp(self):
        super().setUp()
        self.attacks = 0

    def test_x07_desk_cannot_edit_what_the_rotation_decided(self):
        visit = self.walk_in()
        done = self.walk_in()
        done.with_user(self.desk).action_leave()
        desk_visit = visit.with_user(self.desk)
        lead = self.env["crm.lead"].create({"name": "Other lead"})
        partner = self.env["res.partner"].create({"name": "Other partner"})
        for vals in (
            {"counted": False},
            {"server_id": self.s3.id},
            {"signed_by_id": self.s3.id},
            {"makeup_used": True},
            {"makeup_granted": True},
            {"lead_id": lead.id},
            {"partner_id": partner.id},
            {"customer_name": "Someone else"},
            {"phone": "13900000000"},
            {"ownership_id": False},
            {"outcome": "bought"},
            {"split_confirmed": True},
            {"floor_id": self.floor.id},
        ):
            self._refused(lambda vals=vals: desk_visit.write(vals))
        # X-07 state regression: a closed visit does not reopen
        self._refused(lambda: done.with_user(self.desk).write({"state": "serving"}))
        self._refused(done.with_user(self.desk).action_leave, UserError)
        self._refused(lambda: done.with_user(self.desk).write({"units": 4}), UserError)
        # create cannot start a visit, let alone in a later state
        self._refused(
            lambda: self.env["reception.visit"]
            .with_user(self.desk)
            .create(
                {
                    "floor_id": self.floor.id,
                    "visit_type": "directions",
                    "state": "done",
                    "counted": True,
                }
            )
        )
        self.assertEqual(visit.server_id, self.s1)
        self.assertTrue(visit.counted)
        self.assertEqual(done.state, "done")
        self.assertEqual(self.attacks, 17)

    def test_x07_roster_status_and_order_through_the_engine_only(self):
        self.late = self.env["hr.employee"].create({"name": "Late"})
        line = self.line(self.s1).with_user(self.desk)
        self._refused(lambda: line.write({"status": "away"}))
        self._refused(
            lambda: self.env["reception.roster.line"]
            .with_user(self.desk)
            .create(
                {
                    "roster_id": self.roster.id,
                    "employee_id": self.late.id,
                    "status": "business",
                }
            )
        )
        self.walk_in()  # the day has started
        self._refused(lambda: line.write({"sequence": 99}))
        self._refused(lambda: line.write({"start_hour": 12.0}))
        self._refused(lambda: self.line(self.s2).with_user(self.desk).unlink())
        self._refused(
            lambda: self.env["reception.roster.line"]
            .with_user(self.manager)
            .create({"roster_id": self.roster.id, "employee_id": self.s1.id})
        )
        # a salesperson does not set anyone away, not even through the action
        self._refused(self.line(self.s2).with_user(self.users[0]).action_set_away)
        self._refused(
            lambda: self.floor.with_user(self.manager).write({"rotation_state": {}})
        )
        # nor on a new floor or a copy (the red team's S3)
        Floor = self.env["reception.floor"].with_user(self.manager)
        self._refused(
            lambda: Floor.create({"name": "Forged", "rotation_state": {"x": 1}})
        )
        self._refused(
            lambda: self.floor.with_user(self.manager).copy(
                {"rotation_state": {"x": 1}}
            )
        )
        forged = Floor.with_context(default_rotation_state={"x": 1})
        self._refused(lambda: forged.create({"name": "Forged"}))
        self._refused(lambda: forged.name_create("Forged"))
        self.assertEqual(self.line(self.s1).status, "on_duty")
        self.assertEqual(self.line(self.s1).sequence, 1)
        # the logged action does it, and the log says so
        line.action_set_away()
        self.assertEqual(self.line(self.s1).status, "away")
        self.assertTrue(
            self.env["reception.log"].search(
                [("event_type", "=", "status"), ("employee_id", "=", self.s1.id)]
            )
        )
        self.assertEqual(self.attacks, 12)

    def test_x07_makeups_ownership_credit_and_log_are_the_systems(self):
        visit = self.walk_in("returning_bought")
        makeup = self.floor.makeup_ids
        ownership = self.walk_in().ownership_id
        self.assertTrue(makeup and ownership)
        owner = ownership.employee_id
        for user in (self.desk, self.manager, self.users[0]):
            self._refused(
                lambda user=user: makeup.with_user(user).write({"state": "used"})
            )
        manager_ownership = ownership.with_user(self.manager)
        for vals in (
            {"employee_id": self.s3.id},
            {"state": "lapsed"},
            {"last_followup_date": "2020-01-01"},
            {"lead_id": False},
        ):
            self._refused(lambda vals=vals: manager_ownership.write(vals))
        self._refused(
            lambda: self.env["reception.ownership"]
            .with_user(self.manager)
            .create(
                {
                    "floor_id": self.floor.id,
                    "customer_name": "Poached",
                    "phone_normalized": "13912345678",
                    "employee_id": self.s3.id,
                    "first_registration_date": "2020-01-01",
                    "last_followup_date": "2020-01-01",
                }
            )
        )
        for user in (self.desk, self.manager, self.users[0]):
            self._refused(
                lambda user=user: self.env["reception.log"]
                .with_user(user)
                .create({"floor_id": self.floor.id, "event_type": "assignment"})
            )
        # only the manager rebalances credit; the deal and reason stay
        visit.lead_id.action_set_won()
        credit = visit.lead_id.reception_credit_ids.with_user(self.manager)
        self._refused(lambda: credit.write({"lead_id": self.walk_in().lead_id.id}))
        self._refused(lambda: credit.write({"reason": "split"}))
        self._refused(
            lambda: self.env["reception.credit.split"]
            .with_user(self.manager)
            .create({"lead_id": visit.lead_id.id, "employee_id": self.s2.id})
        )
        self.assertEqual(makeup.state, "pending")
        self.assertEqual(ownership.employee_id, owner)
        self.assertEqual(self.attacks, 14)

    def test_x07_no_context_key_and_no_other_route(self):
        floor = self.floor.with_user(self.desk)
        # the floor's clock is not the caller's to set
        self.assertNotEqual(floor.with_context(reception_at=99.0)._now_hour(), 99.0)
        # a salesperson neither registers walk-ins nor calls
        seller = self.floor.with_user(self.users[0])
        self._refused(
            lambda: seller.register_visit(
                {"visit_type": "new", "customer_name": "Self", "phone": "13911110000"}
            )
        )
        self._refused(seller.action_incoming_call)
        # nor closes or hands over a colleague's visit
        other = self.walk_in()
        self.assertEqual(other.server_id, self.s1)
        self._refused(other.with_user(self.users[1]).action_bought)
        self._refused(lambda: other.with_user(self.users[1])._handover(self.s3))
        # nor confirms another user's wizard
        wizard = (
            self.env["reception.walkin.wizard"]
            .with_user(self.desk)
            .create(
                {
                    "floor_id": self.floor.id,
                    "customer_name": "Wang",
                    "phone": "13922223333",
                }
            )
        )
        self._refused(wizard.with_user(self.manager).action_confirm)
        # the verified-customer route needs the manager (RR-10)
        self._refused(
            lambda: floor.register_visit(
                {
                    "visit_type": "new",
                    "customer_name": other.customer_name,
                    "phone": "13955556666",
                    "verified_ownership_id": other.ownership_id.id,
                }
            )
        )
        self.assertEqual(other.state, "serving")
        self.assertEqual(self.attacks, 6)

    def test_x07_salesperson_does_not_read_colleagues_customers(self):
        mine = self.walk_in(name="Mine", phone="13811110001")
        theirs = self.walk_in(name="Theirs Secret", phone="13811110002")
        self.assertEqual((mine.server_id, theirs.server_id), (self.s1, self.s2))
        seller = self.users[0]
        Visit = self.env["reception.visit"].with_user(seller)
        rows = Visit.search_read([], ["customer_name", "phone"])
        self.assertEqual([r["id"] for r in rows], [mine.id])
        for fname in ("customer_name", "phone", "override_reason"):
            self._refused(lambda fname=fname: theirs.with_user(seller).read([fname]))
        logs = self.env["reception.log"].with_user(seller).search_read([], ["note"])
        self.assertTrue(logs)
        self.assertNotIn("Theirs Secret", json.dumps(logs))
        # the engine state keys the day's customers by phone: server only
        self._refused(lambda: self.floor.with_user(seller).read(["rotation_state"]))
        owned = self.env["reception.ownership"].with_user(seller).search([])
        self.assertEqual(owned, mine.ownership_id)
        # the board: the floor's order and counts, no colleague's customer
        board = (
            self.env["reception.floor"].with_user(seller).get_board_data(self.floor.id)
        )
        text = json.dumps(board, ensure_ascii=False)
        self.assertNotIn("Theirs Secret", text)
        self.assertNotIn("13811110002", text)
        self.assertEqual(board["visit_count"], 2)
        self.assertEqual([ln["counted"] for ln in board["lines"]][:2], [1, 1])
        floor = self.floor.with_user(seller)
        self.assertEqual(floor.visit_today_count, 2)
        self.assertEqual(floor.serving_count, 2)


@tagged("post_install", "-at_install")
class TestBadInput(ReceptionCommon):
    """X-03: bad input gets a translated error and changes nothing."""

    def _counts(self):
        self.env.invalidate_all()
        return [
            self.env[model].search_count([])
            for model in ("reception.visit", "reception.log", "reception.makeup")
        ] + [self.floor.rotation_state]

    def test_x03_bad_walk_ins_change_nothing(self):
        self.walk_in()
        before = self._counts()
        floor = self.floor.with_user(self.desk)
        bad = (
            # RR-19: a brought-in newcomer with a phone but no name
            {
                "visit_type": "brought_by_old",
                "customer_name": "",
                "phone": "13800001112",
            },
            {"visit_type": "new", "customer_name": "Li", "phone": "not a phone"},
            {"visit_type": "new", "customer_name": "Li", "phone": "12"},
            {"visit_type": "new", "customer_name": "", "phone": "13800001111"},
        )
        for vals in bad:
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                floor.register_visit(vals)
        self.assertEqual(self._counts(), before)

    def test_x03_settings_shares_and_hours_refused(self):
        floor = self.floor.with_user(self.manager)
        for vals in (
            {"non_buyer_minutes": -1},
            {"bulk_units": 0},
            {"ownership_lapse_days": 0},
        ):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                floor.write(vals)
        line = self.line(self.s1).with_user(self.desk)
        for vals in (
            {"start_hour": -1.0},
            {"end_hour": 25.0},
            {"start_hour": 15.0, "end_hour": 9.0},
        ):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                line.write(vals)
        self.assertEqual((line.start_hour, line.end_hour), (0.0, 24.0))
        visit = self.walk_in()
        visit.lead_id.action_set_won()
        credit = visit.lead_id.reception_credit_ids.with_user(self.manager)
        for share in (1.5, -0.2, 0.7):  # outside 0-100 %, or not adding up
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                credit.write({"share": share})
        self.assertEqual(credit.share, 1.0)

    def test_x03_new_errors_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        floor = self.floor.with_user(self.desk).with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as err:
            floor.register_visit({"visit_type": "new", "customer_name": "Li"})
        self.assertIn("电话", str(err.exception))
        seller = self.floor.with_user(self.users[0]).with_context(lang="zh_CN")
        with self.assertRaises(AccessError) as err:
            seller.register_visit({"visit_type": "directions"})
        self.assertIn("前台", str(err.exception))


@tagged("post_install", "-at_install")
class TestMultiCompany(ReceptionCommon):
    """X-02: a user of company B reads nothing of company A's floor."""

    def test_x02_company_b_reads_nothing_of_company_a(self):
        visit = self.walk_in()
        company_b, floor_b, users_b = create_other_company(self.env)
        visit_b = floor_b.with_user(users_b["receptionist"]).register_visit(
            {"visit_type": "new", "customer_name": "B", "phone": "13977778888"}
        )
        models = (
            "reception.floor",
            "reception.roster",
            "reception.roster.line",
            "reception.visit",
            "reception.makeup",
            "reception.ownership",
            "reception.log",
            "reception.credit.split",
        )
        visit.lead_id.action_set_won()
        visit_b.lead_id.action_set_won()
        for user in users_b.values():
            for model in models:
                if not self.env[model].with_user(user).has_access("read"):
                    continue
                records = self.env[model].with_user(user).search([])
                self.assertFalse(
                    records.sudo().filtered(lambda r: r.company_id != company_b),
                    "%s of company A read by %s" % (model, user.login),
                )
            with self.assertRaises(AccessError):
                self.floor.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                visit.with_user(user).read(["customer_name"])
        for user in (self.desk, self.manager, self.users[0]):
            self.assertFalse(
                self.env["reception.visit"]
                .with_user(user)
                .search([("company_id", "=", company_b.id)])
            )
        self.assertTrue(visit_b.server_id)


@tagged("post_install", "-at_install")
class TestLogChain(ReceptionCommon):
    """RR-15 X-07: the log is a hash chain the floor manager verifies."""

    def _day(self):
        visits = [self.walk_in() for _i in range(3)]
        visits[0].with_user(self.desk).action_leave()
        self.line(self.s4).with_user(self.desk).action_set_away()
        return self.env["reception.log"].search(
            [("floor_id", "=", self.floor.id)], order="sequence"
        )

    def _verify(self, user=None):
        return self.floor.with_user(user or self.manager).action_verify_log()

    def test_rr15_untouched_chain_verifies(self):
        logs = self._day()
        self.assertEqual(logs.mapped("sequence"), list(range(1, len(logs) + 1)))
        self.assertTrue(all(logs.mapped("log_hash")))
        result = self._verify()
        self.assertEqual(result["params"]["type"], "success")
        self.assertIn("%s lines verified" % len(logs), result["params"]["message"])
        # only managers verify
        with self.assertRaises(AccessError):
            self._verify(self.desk)

    def test_rr15_line_changed_in_sql_is_named(self):
        logs = self._day()
        target = logs[2]
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE reception_log SET employee_id = %s WHERE id = %s",
            [self.s3.id, target.id],
        )
        with self.assertRaises(UserError) as err:
            self._verify()
        message = str(err.exception)
        self.assertIn("line %s (ID %s" % (target.sequence, target.id), message)

    def test_rr15_line_deleted_in_sql_names_the_next(self):
        logs = self._day()
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM reception_log WHERE id = %s", [logs[1].id])
        with self.assertRaises(UserError) as err:
            self._verify()
        self.assertIn(
            "line %s (ID %s" % (logs[2].sequence, logs[2].id), str(err.exception)
        )

    def test_rr15_verified_in_chunks_without_a_query_per_line(self):
        logs = self._day()
        note = logs[-1].note
        self.env.flush_all()
        with patch(
            "odoo.addons.reception_rotation.models.reception_floor_log.VERIFY_CHUNK", 2
        ):
            self.assertEqual(self._verify()["params"]["type"], "success")
            self.env.cr.execute(
                "UPDATE reception_log SET note = 'forged' WHERE id = %s",
                [logs[-1].id],
            )
            with self.assertRaises(UserError) as err:
                self._verify()
        self.assertIn("(ID %s" % logs[-1].id, str(err.exception))
        # queries: one per chunk of lines, not one per line
        self.env.cr.execute(
            "UPDATE reception_log SET note = %s WHERE id = %s",
            [note, logs[-1].id],
        )
        floor = self.floor.with_user(self.manager)
        floor.action_verify_log()
        with self.assertQueryCount(8):
            floor.action_verify_log()

    def test_rr15_log_added_in_sql_outside_the_chain(self):
        self._day()
        self.env.flush_all()
        self.env.cr.execute(
            "INSERT INTO reception_log (floor_id, event_type, date, reason) "
            "VALUES (%s, 'assignment', now(), 'rotation')",
            [self.floor.id],
        )
        with self.assertRaises(UserError), mute_logger("odoo.models"):
            self._verify()

    def test_rr15_roles_user_helper(self):
        """The deputy role: a salesperson named on the floor (RR-15)."""
        deputy = create_role_user(self.env, "floor_deputy", "rr_deputy_2")
        self.floor.deputy_ids = deputy
        self.assertTrue(self.floor.with_user(deputy).can_override)
        with self.assertRaises(AccessError):
            self._verify(deputy)
