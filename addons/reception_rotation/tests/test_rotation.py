from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import ReceptionCommon


@tagged("post_install", "-at_install")
class TestRotation(ReceptionCommon):
    def test_rr01_walk_ins_rotate_and_are_logged(self):
        visits = []
        for _i in range(5):
            visit = self.walk_in()
            visit.with_user(self.desk).action_leave()
            visits.append(visit)
        self.assertEqual(
            self.served(*visits), [self.s1, self.s2, self.s3, self.s4, self.s1]
        )
        self.assertTrue(all(v.counted for v in visits))
        self.assertEqual(self.floor.next_employee_id, self.s2)
        logs = self.env["reception.log"].search(
            [("floor_id", "=", self.floor.id), ("event_type", "=", "assignment")]
        )
        self.assertEqual(len(logs), 5)
        self.assertEqual(logs.user_id, self.desk)
        self.assertEqual(self.line(self.s1).counted_today, 2)

    def test_visit_sequence_number_from_the_company(self):
        """A visit takes its number through ir.sequence's public API: the
        shared sequence's format, then a company's own sequence before it."""
        first, second = self.walk_in(), self.walk_in()
        for visit in (first, second):
            self.assertRegex(visit.name, r"^RV\d{4}-\d{5}$")
        self.assertEqual(int(second.name[-5:]), int(first.name[-5:]) + 1)
        self.env["ir.sequence"].create(
            {
                "name": "Own walk-ins",
                "code": "reception.visit",
                "prefix": "OWN-",
                "padding": 3,
                "company_id": self.env.company.id,
            }
        )
        self.assertEqual(self.walk_in().name, "OWN-001")

    def test_x05_x07_a_visit_is_numbered_and_tracked_whatever_the_context(self):
        """X-07: a visit's number carries the day's date, not one the desk's
        context asks for; X-05: closing it is tracked even when the caller
        asks for no tracking."""
        desk = self.floor.with_user(self.desk).with_context(
            ir_sequence_date="2001-01-01"
        )
        visit = desk.register_visit(
            {"visit_type": "new", "customer_name": "Seq", "phone": "13822220052"}
        ).with_env(self.env)
        self.assertNotIn("0101-", visit.name)
        self.flush_tracking()  # the registration's request ends
        visit.with_user(self.desk).with_context(
            tracking_disable=True, mail_notrack=True
        ).action_leave()
        self.flush_tracking()
        self.assertEqual(visit.state, "done")
        self.assertTrue(
            visit.message_ids.tracking_value_ids.filtered(
                lambda value: value.field_id.name == "state"
            )
        )

    def test_rr03_away_without_notice_skipped_no_makeup(self):
        self.line(self.s1).with_user(self.desk).action_set_away()
        self.assertEqual(self.line(self.s1).status, "away")
        self.assertIn("Away without notice", self.roster.message_ids[0].body)
        visit = self.walk_in()
        self.assertEqual(visit.server_id, self.s2)
        skip = self.env["reception.log"].search(
            [("visit_id", "=", visit.id), ("event_type", "=", "skip")]
        )
        self.assertEqual(skip.employee_id, self.s1)
        self.assertEqual(skip.reason, "away_no_notice")
        self.assertFalse(self.floor.makeup_ids)

    def test_rr04_rr05_returning_buyer_makeup_used_once(self):
        first = self.walk_in("returning_bought")
        self.assertFalse(first.counted)
        self.assertTrue(first.makeup_granted)
        makeup = self.floor.makeup_ids
        self.assertEqual(makeup.employee_id, first.server_id)
        first.with_user(self.desk).action_leave()
        nxt = self.walk_in()
        self.assertEqual(nxt.server_id, first.server_id)
        self.assertTrue(nxt.makeup_used and nxt.counted)
        self.assertEqual(makeup.state, "used")
        self.assertEqual(makeup.used_visit_id, nxt)

    def test_rr05_peer_research_not_counted_last_in_order(self):
        visit = self.walk_in("peer_research", name="Peer")
        self.assertEqual(visit.server_id, self.s4)
        self.assertFalse(visit.counted)
        self.assertEqual(self.floor.next_employee_id, self.s1)
        self.assertFalse(visit.lead_id)

    def test_rr06_returning_goes_to_owner_setting(self):
        first = self.walk_in(name="Zhang", phone="13912345678")
        first.action_leave()
        self.assertEqual(first.server_id, self.s1)
        self.floor.returning_policy = "makeup"
        again = self.walk_in("returning_not_bought", name="Zhang", phone="13912345678")
        # RR-07 would keep it uncounted anyway: check the owner is chosen
        self.assertEqual(again.server_id, self.s1)
        self.assertFalse(again.counted)

    def test_rr07_same_customer_same_day_counts_once(self):
        first = self.walk_in(name="Li", phone="13812345678")
        first.action_leave()
        again = self.walk_in(name="Li", phone="138 1234 5678")
        self.assertEqual(again.server_id, first.server_id)
        self.assertFalse(again.counted)
        self.assertEqual(self.line(self.s1).counted_today, 1)

    def test_rr08_busy_salesperson_skipped(self):
        busy = self.walk_in()
        self.assertEqual(busy.server_id, self.s1)
        visit = self.walk_in()
        self.assertEqual(visit.server_id, self.s2)
        self.assertFalse(self.floor.makeup_ids)

    def test_rr09_handover_to_owner_finder_gets_makeup(self):
        owned = self.walk_in(name="Wang", phone="13711112222")
        owned.action_leave()  # s1 owns Wang
        self.forget_customers()
        visit = self.walk_in(name="Wang Jr", phone="13722223333")
        self.assertEqual(visit.server_id, self.s2)
        wizard = Form(
            self.env["reception.handover.wizard"].with_context(
                default_visit_id=visit.id
            )
        )
        wizard.owner_id = self.s1
        wizard.save().action_confirm()
        self.assertEqual(visit.server_id, self.s1)
        self.assertTrue(visit.counted)
        self.assertEqual(self.floor.makeup_ids.employee_id, self.s2)
        self.assertEqual(self.floor.makeup_ids.reason, "handover")
        self.assertEqual(visit.ownership_id.employee_id, self.s1)
        self.assertEqual(visit.lead_id.user_id, self.s1.user_id)

    def test_rr09_unreachable_owner_deal_split_half(self):
        self.line(self.s3).with_user(self.desk).action_set_off()
        visit = self.walk_in(name="Zhao", phone="13755556666")
        self.assertEqual(visit.server_id, self.s1)
        visit._handover(self.s3)
        self.assertEqual(visit.server_id, self.s1)
        self.assertEqual(visit.split_employee_id, self.s3)
        visit.units = 1
        visit.action_bought()
        self.assertTrue(visit.split_confirmed)
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        visit.lead_id.stage_id = won_stage
        credit = visit.lead_id.reception_credit_ids
        self.assertEqual(credit.employee_id, self.s1 | self.s3)
        self.assertEqual(credit.mapped("share"), [0.5, 0.5])
        self.assertTrue(visit.won)

    def test_rr12_back_from_business_gets_makeups(self):
        self.line(self.s1).with_user(self.desk).action_set_business()
        for _i in range(6):
            self.walk_in().action_leave()
        self.line(self.s1).with_user(self.desk).action_set_on_duty()
        makeups = self.floor.makeup_ids
        self.assertEqual(len(makeups), 2)
        self.assertEqual(set(makeups.mapped("reason")), {"back_from_business"})
        self.assertEqual(self.walk_in().server_id, self.s1)

    def test_rr13_incoming_call_next_in_order_answers(self):
        self.floor.with_user(self.desk).action_incoming_call()
        call = self.env["reception.visit"].search(
            [("floor_id", "=", self.floor.id), ("visit_type", "=", "phone_call")]
        )
        self.assertEqual(call.server_id, self.s2)
        self.assertFalse(call.counted)
        self.assertEqual(self.floor.next_employee_id, self.s1)

    def test_rr14_bulk_buyer_reported_to_manager(self):
        visit = self.walk_in()
        visit.units = 3
        visit.with_user(self.desk).action_bought()
        # on the visit, which names the customer (X-07: not the floor's chatter)
        activity = visit.activity_ids
        self.assertEqual(activity.user_id, self.manager)
        small = self.walk_in()
        small.units = 2
        small.action_bought()
        self.assertFalse(small.activity_ids)
        self.assertFalse(self.floor.activity_ids)

    def test_rr15_override_needs_reason_and_manager(self):
        wizard = Form(
            self.env["reception.override.wizard"]
            .with_user(self.manager)
            .with_context(default_floor_id=self.floor.id)
        )
        wizard.employee_id = self.s3
        wizard.customer_name = "VIP"
        wizard.phone = "13600001111"
        with self.assertRaises(AssertionError):
            wizard.save()  # reason is required
        wizard.reason = "Asked for Sales 3 by name"
        wizard.save().action_confirm()
        visit = self.env["reception.visit"].search([("customer_name", "=", "VIP")])
        self.assertEqual(visit.server_id, self.s3)
        log = self.env["reception.log"].search(
            [("visit_id", "=", visit.id), ("event_type", "=", "override")]
        )
        self.assertEqual(log.note, "Asked for Sales 3 by name")
        self.assertEqual(log.user_id, self.manager)
        with self.assertRaises(UserError):
            self.floor.with_user(self.manager).register_visit(
                {
                    "visit_type": "new",
                    "customer_name": "X",
                    "phone": "13600002222",
                    "override_employee_id": self.s2.id,
                    "reason": "  ",
                }
            )
        with self.assertRaises(AccessError):
            self.floor.with_user(self.desk).register_visit(
                {
                    "visit_type": "new",
                    "customer_name": "X",
                    "phone": "13600002222",
                    "override_employee_id": self.s2.id,
                    "reason": "friend",
                }
            )

    def test_rr15_deputy_may_override(self):
        deputy = self.users[3]
        deputy.groups_id += self.env.ref(
            "reception_rotation.group_reception_rotation_desk"
        )
        self.floor.deputy_ids = deputy
        visit = self.floor.with_user(self.users[3]).register_visit(
            {
                "visit_type": "new",
                "customer_name": "Y",
                "phone": "13600003333",
                # the deputy is s4: never to themselves (RR-15, X-07)
                "override_employee_id": self.s3.id,
                "reason": "deputy decision",
            }
        )
        self.assertEqual(visit.server_id, self.s3)

    def test_rr15_deputy_overrides_without_the_desk_role(self):
        """A deputy named on the floor is a salesperson, not a receptionist:
        the override wizard works for them, and only for them."""
        deputy = self.users[2]
        self.floor.deputy_ids = deputy
        wizard = (
            self.env["reception.override.wizard"]
            .with_user(deputy)
            .create(
                {
                    "floor_id": self.floor.id,
                    "employee_id": self.s4.id,
                    "visit_type": "new",
                    "customer_name": "Qian",
                    "phone": "13600004444",
                    "reason": "the customer asked for s4",
                }
            )
        )
        action = wizard.action_confirm()
        visit = self.env["reception.visit"].browse(action["res_id"])
        self.assertEqual(visit.server_id, self.s4)
        self.assertEqual(visit.override_reason, "the customer asked for s4")
        other = self.users[1]  # a salesperson who is not a deputy
        with self.assertRaises(AccessError):
            self.env["reception.override.wizard"].with_user(other).create(
                {
                    "floor_id": self.floor.id,
                    "employee_id": self.s4.id,
                    "customer_name": "Zhou",
                    "phone": "13600005555",
                    "reason": "no right",
                }
            ).action_confirm()

    def test_rr17_visit_creates_lead_returning_attaches(self):
        visit = self.walk_in(name="Chen", phone="13544445555")
        lead = visit.lead_id
        self.assertTrue(lead)
        self.assertEqual(lead.user_id, self.s1.user_id)
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.type, "opportunity")
        visit.action_leave()
        self.forget_customers()
        again = self.walk_in("returning_not_bought", name="Chen", phone="13544445555")
        self.assertEqual(again.lead_id, lead)
        self.assertEqual(again.server_id, self.s1)

    def test_rr17_returning_customer_attaches_to_the_lead_crm_already_has(self):
        """A customer CRM knew before the floor did (a phoned-in lead, written
        with another formatting) attaches to that lead: no duplicate."""
        known = self.env["crm.lead"].create(
            {
                "name": "Phoned in",
                "type": "opportunity",
                "phone": "+86 139-1234-5678",
                "team_id": self.team.id,
                "user_id": self.s2.user_id.id,
            }
        )
        leads_before = self.env["crm.lead"].search_count([])
        visit = self.walk_in("returning_not_bought", name="Sun Li", phone="13912345678")
        self.assertEqual(visit.lead_id, known)
        self.assertEqual(self.env["crm.lead"].search_count([]), leads_before)

    def test_x03_not_a_phone_refused_nothing_changes(self):
        before = self.env["reception.visit"].search_count([])
        with self.assertRaises(ValidationError):
            self.walk_in(name="Bad", phone="call me")
        with self.assertRaises(ValidationError):
            self.floor.with_user(self.desk).register_visit(
                {"visit_type": "new", "customer_name": "Nophone", "phone": False}
            )
        with self.assertRaises(ValidationError):
            self.env["reception.visit"].create(
                {"floor_id": self.floor.id, "visit_type": "new", "customer_name": "N"}
            )
        self.assertEqual(self.env["reception.visit"].search_count([]), before)
        self.assertEqual(self.floor.next_employee_id, self.s1)

    def test_x03_settings_validated(self):
        with self.assertRaises(ValidationError):
            self.floor.bulk_units = 0
        with self.assertRaises(ValidationError):
            self.floor.ownership_lapse_days = -1
        with self.assertRaises(ValidationError):
            self.line(self.s1).end_hour = -2

    def test_x05_visit_state_tracked(self):
        visit = self.walk_in()
        self.flush_tracking()  # changes in the creating transaction are not
        visit.action_leave()
        self.flush_tracking()
        tracked = visit.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked)

    def test_rr02_only_rostered_hours_take_turns(self):
        self.line(self.s1).write({"start_hour": 14.0, "end_hour": 18.0})
        # the floor's clock at 10:00 (a context key cannot set it, X-07)
        self.startPatcher(
            patch.object(type(self.floor), "_now_hour", return_value=10.0)
        )
        floor = self.floor
        visit = floor.with_user(self.desk).register_visit(
            {"visit_type": "new", "customer_name": "Early", "phone": "13400001111"}
        )
        self.assertEqual(visit.server_id, self.s2)
        # a manager override before the rostered hours does not count
        early = floor.with_user(self.manager).register_visit(
            {
                "visit_type": "new",
                "customer_name": "Early 2",
                "phone": "13400002222",
                "override_employee_id": self.s1.id,
                "reason": "customer asked",
            }
        )
        self.assertEqual(early.server_id, self.s1)
        self.assertFalse(early.counted)

    def test_rr05_non_buyer_reported_to_manager(self):
        visit = self.walk_in("non_buyer", name="Decorator", identified_minutes=2)
        self.assertEqual(visit.server_id, self.s4)
        self.assertFalse(visit.counted)
        message = self.floor.message_ids.filtered(
            lambda m: "Non-buyer" in (m.body or "")
        )
        self.assertIn(self.manager.partner_id, message.partner_ids)

    def test_rr17_figures_by_salesperson(self):
        for _i in range(3):
            self.walk_in().action_leave()
        self.walk_in("returning_bought").action_leave()
        rows = self.env["reception.visit"]._read_group(
            [("floor_id", "=", self.floor.id)],
            ["server_id"],
            ["__count", "counted_count:sum", "makeup_count:sum"],
        )
        figures = {emp: (n, c, m) for emp, n, c, m in rows}
        self.assertEqual(figures[self.s1], (1, 1, 0))
        self.assertEqual(figures[self.s4], (1, 0, 1))

    def test_rr16_queries_per_assignment_do_not_grow_with_history(self):
        def round_queries():
            """Queries of one full round (each salesperson serves once)."""
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            for _i in range(4):
                self.walk_in().action_leave()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        round_queries()  # warm the caches
        small = round_queries()
        for _i in range(6):
            round_queries()
        self.assertEqual(round_queries(), small)

    def test_new_day_roster_copies_the_last_order(self):
        tomorrow = self.floor._get_roster(
            self.roster.date + timedelta(days=1), create=True
        )
        self.assertEqual(
            tomorrow.line_ids.mapped("employee_id"), self.roster.line_ids.employee_id
        )

    def test_salesperson_closes_own_visit_only(self):
        mine = self.walk_in()
        other = self.walk_in()
        mine.units = 1
        mine.with_user(self.users[0]).action_bought()
        self.assertEqual(mine.outcome, "bought")
        with self.assertRaises(AccessError):
            other.with_user(self.users[0]).action_leave()

    def test_x03_errors_are_translated_to_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        floor = self.floor.with_user(self.desk).with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as err:
            floor.register_visit(
                {"visit_type": "new", "customer_name": "王", "phone": "abc"}
            )
        self.assertIn("不是有效的电话号码", str(err.exception))

    def test_desk_user_flow_through_the_board_and_wizard(self):
        board = Form(self.floor.with_user(self.desk))
        self.assertEqual(board.next_employee_id, self.s1)
        self.assertEqual(len(board.board_line_ids), 4)
        action = (
            self.floor.with_user(self.desk)
            .with_context(default_visit_type="new")
            .action_open_walkin()
        )
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.desk)
            .with_context(**action["context"])
        )
        wizard.customer_name = "Form Customer"
        wizard.phone = "13412341234"
        result = wizard.save().action_confirm()
        self.assertEqual(result["params"]["type"], "success")
        visit = self.env["reception.visit"].search(
            [("customer_name", "=", "Form Customer")]
        )
        self.assertEqual(visit.server_id, self.s1)
        self.assertEqual(
            Form(self.floor.with_user(self.desk)).next_employee_id, self.s2
        )

    def test_board_data_for_the_desk_screen(self):
        self.walk_in()  # s1 serving
        self.line(self.s3).with_user(self.desk).action_set_business()
        data = (
            self.env["reception.floor"]
            .with_user(self.desk)
            .get_board_data(self.floor.id)
        )
        self.assertEqual(data["next_name"], self.s2.name)
        self.assertTrue(data["is_desk"])
        self.assertFalse(data["can_override"])
        lines = {line["employee"]: line for line in data["lines"]}
        self.assertTrue(lines[self.s1.name]["is_serving"])
        self.assertEqual(lines[self.s1.name]["counted"], 1)
        self.assertEqual(lines[self.s3.name]["status"], "business")
        self.assertTrue(lines[self.s2.name]["is_next"])
        self.assertEqual(lines[self.s1.name]["hours"], "00:00 - 24:00")
        action = self.floor.action_open_board()
        self.assertEqual(action["tag"], "reception_rotation.board")

    def test_rr05_asking_for_someone_not_on_the_floor(self):
        visit = self.walk_in("ask_someone", name="Courier")
        self.assertFalse(visit.server_id)
        self.assertFalse(visit.counted)
        self.assertEqual(visit.state, "done")
        asked = self.walk_in("ask_someone", name="Friend", asked_employee_id=self.s3.id)
        self.assertEqual(asked.server_id, self.s3)
        self.assertFalse(asked.counted)
        self.assertEqual(self.floor.next_employee_id, self.s1)

    def test_rr02_floor_day_and_hours_follow_the_floor_time_zone(self):
        """RR-02: at 07:30 in Beijing (23:30 UTC the day before) a desk user
        whose own time zone is UTC works on the floor's day, and rostered hours
        are read in the floor's time zone."""
        with freeze_time("2026-11-22 23:30:00"):
            floor = self.env["reception.floor"].create(
                {"name": "Beijing Showroom", "tz": "Asia/Shanghai"}
            )
            self.assertEqual(str(floor._floor_today()), "2026-11-23")
            self.assertEqual(floor._now_hour(), 7.5)
            self.env["reception.roster"].create(
                {
                    "floor_id": floor.id,
                    "date": "2026-11-23",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "employee_id": self.s1.id,
                                "sequence": 1,
                                "start_hour": 7.0,
                                "end_hour": 12.0,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "employee_id": self.s2.id,
                                "sequence": 2,
                                "start_hour": 9.0,
                                "end_hour": 18.0,
                            },
                        ),
                    ],
                }
            )
            self.desk.tz = "UTC"
            visit = floor.with_user(self.desk).register_visit(
                {
                    "visit_type": "new",
                    "customer_name": "Zhao Min",
                    "phone": "13600001111",
                }
            )
            # s2's hours start at 09:00 Beijing time: only s1 is on duty
            self.assertEqual(visit.server_id, self.s1)
            self.assertTrue(visit.counted)
            self.assertEqual(str(visit.day), "2026-11-23")
