"""CB-15 CB-19 CB-20 CB-21 X-07: dealers and their customer files, deposit
deductions, callback costs and the supervisor's spot checks, acted by the
real roles (callback staff, callback manager)."""

from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..engine import spot_check
from .common import CallbackRolesCase
from .roles import new_role_user


class SupervisionCase(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sale = cls.env.ref("customer_callback.trigger_sale")
        cls.repair = cls.env.ref("customer_callback.trigger_repair")
        cls.dealer = cls.env["res.partner"].create(
            {"name": "Jiangnan Motors", "is_company": True, "is_callback_dealer": True}
        )
        cls.colleague = cls.roles["salesman_callback"]
        cls.emp_colleague = cls.roles.employee(cls.colleague)
        # a second manager of the team (X-07: checks the first one's work)
        cls.manager2 = new_role_user(cls.env, "callback_manager", "cb_manager2")
        cls.env["hr.employee"].create(
            {
                "name": cls.manager2.name,
                "user_id": cls.manager2.id,
                "department_id": cls.roles.department.id,
            }
        )

    def _as(self, user, model):
        return self.env[model].with_user(user)

    def _done_record(self, employee=None, day=5, partner=None, **vals):
        plan = self._plan(
            employee=employee,
            partner=partner,
            deadline=datetime(2026, 2, day, 12),
            exempt_quota=True,
        )
        record = self._record(plan, scores=(4, 4), date=datetime(2026, 2, day, 10))
        record.action_done()
        return record


@tagged("post_install", "-at_install")
class TestDealers(SupervisionCase):
    def _event_plan(self, customer, event, **vals):
        values = {
            "partner_id": customer.id,
            "employee_id": self.emp_staff.id,
            "trigger_type_id": self.sale.id,
            "callback_type": "event",
            "date_event": event,
            "date_start": event,
            "date_deadline": event + timedelta(days=3),
            "exempt_quota": True,
        }
        values.update(vals)
        return self._as(self.manager, "callback.plan").create(values)

    def test_cb19_x07_only_the_manager_says_whose_customer_it_is(self):
        """The acting users have Odoo's contact-editing rights."""
        customer = self.customer
        staff = self.colleague  # callback staff who edit contacts
        with self.assertRaises(AccessError):
            customer.with_user(staff).write({"callback_dealer_id": self.dealer.id})
        with self.assertRaises(AccessError):
            self._as(staff, "res.partner").create(
                {"name": "Self-made dealer", "is_callback_dealer": True}
            )
        self.assertFalse(customer.callback_dealer_id)
        self.manager.groups_id += self.env.ref("base.group_partner_manager")
        customer.with_user(self.manager).write({"callback_dealer_id": self.dealer.id})
        self.assertEqual(customer.callback_dealer_id, self.dealer)

    def test_cb19_file_created_after_the_sale_day_is_late(self):
        customer = self.env["res.partner"].create(
            {
                "name": "Late File",
                "phone": "13800000001",
                "street": "1 Road",
                "city": "Suzhou",
                "callback_dealer_id": self.dealer.id,
            }
        )
        today = fields.Datetime.now().replace(hour=12, minute=0, second=0)
        on_time = self._event_plan(customer, today)
        late = self._event_plan(customer, today - timedelta(days=2))
        self.assertEqual(on_time.dealer_id, self.dealer)
        self.assertFalse(on_time.file_late)
        self.assertTrue(late.file_late)
        self.assertFalse(late.file_incomplete)

    def test_cb19_incomplete_file_flagged_and_stays_flagged(self):
        customer = self.env["res.partner"].create(
            {
                "name": "No Address",
                "mobile": "139",
                "callback_dealer_id": self.dealer.id,
            }
        )
        plan = self._event_plan(customer, fields.Datetime.now())
        self.assertTrue(plan.file_incomplete)
        self.assertIn("Street", plan.file_missing)
        self.assertIn("City", plan.file_missing)
        self.assertNotIn("Phone", plan.file_missing)
        # completed later: the file was not complete on the day (CB-19)
        customer.write({"street": "2 Road", "city": "Wuxi"})
        self.assertTrue(plan.file_incomplete)
        # the service department's second level checks no file again
        second = self._event_plan(customer, fields.Datetime.now(), level="2")
        self.assertFalse(second.file_incomplete)
        # no dealer: no dealer file to check
        plain = self._event_plan(self.other_customer, fields.Datetime.now())
        self.assertFalse(plain.dealer_id)
        self.assertFalse(plain.file_incomplete)

    def test_cb19_x07_file_flags_and_dealer_are_never_forged(self):
        customer = self.env["res.partner"].create(
            {"name": "Forge", "callback_dealer_id": self.dealer.id}
        )
        plan = self._event_plan(customer, fields.Datetime.now())
        self.assertTrue(plan.file_incomplete)
        for user in (self.manager, self.staff):
            with self.assertRaises(UserError):
                plan.with_user(user).write({"file_incomplete": False})
        with self.assertRaises(UserError):
            self._event_plan(customer, fields.Datetime.now(), dealer_id=False)
        forged = (
            self.env["callback.plan"]
            .with_user(self.manager)
            .with_context(default_file_late=True, default_dealer_id=False)
            .create(
                {
                    "partner_id": customer.id,
                    "employee_id": self.emp_staff.id,
                    "date_deadline": datetime(2026, 5, 1),
                    "exempt_quota": True,
                }
            )
        )
        self.assertFalse(forged.file_late)
        self.assertEqual(forged.dealer_id, self.dealer)
        self.assertTrue(plan.file_incomplete)

    def test_cb15_record_carries_the_dealer_of_its_plan(self):
        self.customer.write({"callback_dealer_id": self.dealer.id})
        record = self._done_record()
        self.assertEqual(record.dealer_id, self.dealer)
        with self.assertRaises(UserError):
            record.with_user(self.manager).write({"dealer_id": False})

    def test_cb19_manager_records_and_confirms_a_deduction(self):
        Deduction = self._as(self.manager, "callback.dealer.deduction")
        deduction = Deduction.create(
            {
                "name": "File of Li Lei created a week late",
                "dealer_id": self.dealer.id,
                "quarter": "2026-Q1",
                "reason": "late",
                "amount": 2000,
            }
        )
        deduction.write({"amount": 3000})
        self.env.flush_all()
        self.env.cr.precommit.run()
        # CB-19 X-07: another manager confirms
        deduction.with_user(self.manager2).action_confirm()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(deduction.state, "confirmed")
        self.assertEqual(deduction.recorded_by_id, self.manager)
        self.assertEqual(deduction.confirmed_by_id, self.manager2)
        # the confirmation is tracked
        tracked = (
            deduction.message_ids.filtered(
                lambda m: m.author_id == self.manager2.partner_id
            )
            .sudo()
            .tracking_value_ids.field_id.mapped("name")
        )
        self.assertIn("state", tracked)
        with self.assertRaises(UserError):
            deduction.write({"amount": 1000})
        with self.assertRaises(UserError):
            deduction.unlink()
        with self.assertRaises(UserError):
            deduction.with_user(self.manager2).action_confirm()
        self.assertEqual(deduction.amount, 3000)

    def test_cb19_x07_whoever_recorded_a_deduction_does_not_confirm_it(self):
        """CB-19 X-07: the manager who recorded a deduction cannot confirm it
        (translated error, nothing changed); another manager does."""
        self.env["res.lang"]._activate_lang("zh_CN")
        deduction = self._as(self.manager, "callback.dealer.deduction").create(
            {
                "name": "Late file",
                "dealer_id": self.dealer.id,
                "quarter": "2026-Q1",
                "reason": "late",
                "amount": 2000,
            }
        )
        with self.assertRaises(AccessError) as error:
            deduction.with_user(self.manager).with_context(
                lang="zh_CN"
            ).action_confirm()
        self.assertIn("另一位经理", str(error.exception))
        self.assertEqual(deduction.state, "draft")
        self.assertFalse(deduction.confirmed_by_id)
        # in a batch with another manager's deduction: nothing is confirmed
        theirs = self._as(self.manager2, "callback.dealer.deduction").create(
            {
                "name": "Incomplete file",
                "dealer_id": self.dealer.id,
                "quarter": "2026-Q1",
                "amount": 1000,
            }
        )
        with self.assertRaises(AccessError):
            (deduction | theirs).with_user(self.manager).action_confirm()
        self.assertEqual((deduction | theirs).mapped("state"), ["draft", "draft"])
        theirs.with_user(self.manager).action_confirm()
        deduction.with_user(self.manager2).action_confirm()
        self.assertEqual((deduction | theirs).mapped("state"), ["confirmed"] * 2)
        self.assertEqual(theirs.confirmed_by_id, self.manager)
        # the recorder is not a field anyone types
        self.assertEqual(deduction.recorded_by_id, self.manager)

    def test_cb19_x07_whoever_changed_a_deduction_does_not_confirm_it(self):
        """CB-19 X-07: a manager who rewrites another manager's draft answers
        for it as its recorder and cannot confirm it; nor can the first
        recorder: a third manager confirms what the two wrote."""
        deduction = self._as(self.manager2, "callback.dealer.deduction").create(
            {
                "name": "Placeholder",
                "dealer_id": self.dealer.id,
                "quarter": "2026-Q1",
                "amount": 1000,
            }
        )
        deduction.with_user(self.manager).write(
            {"name": "Falsified file", "reason": "falsification", "amount": 10000}
        )
        self.assertEqual(deduction.recorded_by_id, self.manager)
        for author in (self.manager, self.manager2):
            with self.assertRaises(AccessError):
                deduction.with_user(author).action_confirm()
        self.assertEqual(deduction.state, "draft")
        with self.assertRaises(UserError):
            deduction.with_user(self.manager).write(
                {"recorded_by_id": self.manager2.id}
            )
        self.assertEqual(deduction.recorded_by_id, self.manager)
        manager3 = new_role_user(self.env, "callback_manager", "cb_manager3")
        # a later edit by someone else does not clear an earlier author
        deduction.with_user(manager3).write({"note": "Seen"})
        with self.assertRaises(AccessError):
            deduction.with_user(self.manager).action_confirm()
        self.assertEqual(deduction.author_ids, self.manager | self.manager2 | manager3)
        manager4 = new_role_user(self.env, "callback_manager", "cb_manager4")
        deduction.with_user(manager4).action_confirm()
        manager3 = manager4
        self.assertEqual(deduction.state, "confirmed")
        self.assertEqual(deduction.confirmed_by_id, manager3)

    def test_cb19_x07_a_deduction_stays_in_its_company(self):
        """CB-19 X-07: a manager cannot push a deduction into a company he
        does not belong to (a draft or a confirmed one), nor record one there
        or against another company's dealer."""
        company2 = self.roles.company2
        Deduction = self._as(self.manager, "callback.dealer.deduction")
        values = {
            "name": "Late file",
            "dealer_id": self.dealer.id,
            "quarter": "2026-Q1",
            "reason": "late",
            "amount": 2000,
        }
        draft = Deduction.create(values)
        confirmed = Deduction.create(values)
        confirmed.with_user(self.manager2).action_confirm()
        for deduction in (draft, confirmed):
            with self.assertRaises(UserError):
                deduction.write({"company_id": company2.id})
        with self.assertRaises(AccessError):
            Deduction.create({**values, "company_id": company2.id})
        dealer2 = self.env["res.partner"].create(
            {
                "name": "Other company's dealer",
                "is_callback_dealer": True,
                "company_id": company2.id,
            }
        )
        with self.assertRaises(UserError):
            Deduction.create({**values, "dealer_id": dealer2.id})
        self.assertEqual((draft | confirmed).company_id, self.company)
        self.assertFalse(
            self._as(self.roles.company2_manager, "callback.dealer.deduction").search(
                [("id", "in", (draft | confirmed).ids)]
            )
        )

    def test_cb19_x03_deduction_amounts_of_the_regulation(self):
        Deduction = self._as(self.manager, "callback.dealer.deduction")
        base = {"name": "Case", "dealer_id": self.dealer.id, "quarter": "2026-Q1"}
        for amount, reason in (
            (999, "incomplete"),
            (10001, "late"),
            (0, "late"),
            (-1000, "incomplete"),
            (5000, "falsification"),
        ):
            with (
                self.subTest(amount=amount, reason=reason),
                self.assertRaises(ValidationError),
            ):
                Deduction.create(dict(base, amount=amount, reason=reason))
        ok = Deduction.create(dict(base, amount=10000, reason="falsification"))
        self.assertEqual(ok.amount, 10000)
        with self.assertRaises(ValidationError):
            Deduction.create(dict(base, amount=1000, quarter="2026-Q5"))
        with self.assertRaises(ValidationError):
            Deduction.create(dict(base, amount=1000, dealer_id=self.customer.id))
        self.assertEqual(
            self.env["callback.dealer.deduction"].search_count(
                [("dealer_id", "=", self.dealer.id)]
            ),
            1,
        )

    def test_cb19_x07_staff_neither_record_nor_confirm_deductions(self):
        deduction = self._as(self.manager, "callback.dealer.deduction").create(
            {
                "name": "Case",
                "dealer_id": self.dealer.id,
                "quarter": "2026-Q1",
                "amount": 1000,
            }
        )
        with self.assertRaises(AccessError):
            self._as(self.staff, "callback.dealer.deduction").create(
                {"name": "x", "dealer_id": self.dealer.id, "amount": 1000}
            )
        with self.assertRaises(AccessError):
            deduction.with_user(self.staff).action_confirm()
        with self.assertRaises(UserError):
            self._as(self.manager, "callback.dealer.deduction").create(
                {
                    "name": "Born confirmed",
                    "dealer_id": self.dealer.id,
                    "amount": 1000,
                    "state": "confirmed",
                }
            )
        with self.assertRaises(UserError):
            deduction.with_user(self.manager).write({"state": "confirmed"})
        self.assertEqual(deduction.state, "draft")

    def test_cb19_figures_per_dealer_and_quarter(self):
        other_dealer = self.env["res.partner"].create(
            {"name": "Taihu Auto", "is_company": True, "is_callback_dealer": True}
        )
        late = self.env["res.partner"].create(
            {"name": "Incomplete", "callback_dealer_id": self.dealer.id}
        )
        complete = self.env["res.partner"].create(
            {
                "name": "Complete",
                "phone": "1",
                "street": "s",
                "city": "c",
                "callback_dealer_id": other_dealer.id,
            }
        )
        now = fields.Datetime.now()
        self._event_plan(late, now)
        self._event_plan(late, now - timedelta(days=3))
        self._event_plan(complete, now)
        Deduction = self._as(self.manager, "callback.dealer.deduction")
        quarter = (
            self.env["callback.plan"].search([("partner_id", "=", late.id)])[:1].quarter
        )
        confirmed = Deduction.create(
            {
                "name": "Incomplete file",
                "dealer_id": self.dealer.id,
                "quarter": quarter,
                "amount": 1500,
            }
        )
        confirmed.with_user(self.manager2).action_confirm()
        Deduction.create(
            {
                "name": "Draft",
                "dealer_id": self.dealer.id,
                "quarter": quarter,
                "amount": 9000,
            }
        )
        figures = self.env["callback.dealer.deduction"]._dealer_figures(
            self.company, [quarter]
        )
        row = figures[(self.dealer, quarter)]
        self.assertEqual(row["files"], 2)
        self.assertEqual(row["incomplete"], 2)
        self.assertEqual(row["deducted"], 1500.0, "drafts are not deducted")
        self.assertEqual(figures[(other_dealer, quarter)]["flagged"], 0)


@tagged("post_install", "-at_install")
class TestCosts(SupervisionCase):
    def test_cb20_supervisor_approves_and_the_excess_is_the_staffs(self):
        self.company.callback_cost_limit = 100
        record = self._done_record()
        Cost = self._as(self.staff, "callback.cost")
        first = Cost.create({"record_id": record.id, "name": "Taxi", "amount": 80})
        second = Cost.create({"record_id": record.id, "name": "Lunch", "amount": 50})
        self.assertEqual(first.state, "draft")
        with self.assertRaises(AccessError):
            first.with_user(self.staff).action_approve()
        (first | second).with_user(self.manager).action_approve()
        self.assertEqual((first.reimbursed, first.excess), (80, 0))
        self.assertEqual((second.reimbursed, second.excess), (20, 30))
        self.assertEqual(second.approved_by_id, self.manager)
        self.assertEqual(second.cost_limit, 100)
        # approved claims are locked and kept
        with self.assertRaises(UserError):
            first.with_user(self.staff).write({"amount": 10})
        with self.assertRaises(UserError):
            first.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            first.with_user(self.manager).action_refuse()
        # a later claim on the same callback: the limit is used up
        third = Cost.create({"record_id": record.id, "name": "Parking", "amount": 5})
        third.with_user(self.manager).action_approve()
        self.assertEqual((third.reimbursed, third.excess), (0, 5))

    def test_cb20_x07_nobody_approves_their_own_cost(self):
        own_record = self._done_record(employee=self.emp_manager)
        cost = self._as(self.manager, "callback.cost").create(
            {"record_id": own_record.id, "name": "Own taxi", "amount": 10}
        )
        with self.assertRaises(AccessError):
            cost.with_user(self.manager).action_approve()
        with self.assertRaises(AccessError):
            cost.with_user(self.manager).action_refuse()
        self.assertEqual(cost.state, "draft")

    def test_cb20_x07_nobody_approves_a_claim_they_made(self):
        """CB-20 X-07: a manager who claims a cost on a staff member's
        callback does not approve or refuse it himself (the claimant is
        create_uid, which no client writes); the staff member's own claim on
        the same callback he approves."""
        record = self._done_record()
        cost = self._as(self.manager, "callback.cost").create(
            {"record_id": record.id, "name": "mgr taxi", "amount": 45}
        )
        with self.assertRaises(AccessError):
            cost.with_user(self.manager).action_approve()
        with self.assertRaises(AccessError):
            cost.with_user(self.manager).action_refuse()
        self.assertEqual((cost.state, cost.reimbursed), ("draft", 0))
        staff_claim = self._as(self.staff, "callback.cost").create(
            {"record_id": record.id, "name": "Taxi", "amount": 10}
        )
        staff_claim.with_user(self.manager).action_approve()
        self.assertEqual(staff_claim.approved_by_id, self.manager)

    def test_cb20_x07_a_claim_stays_in_its_company_and_is_locked_whole(self):
        """CB-20 X-07: the company, staff member and callback of a claim are
        the callback's, never written; an approved claim is locked whole."""
        record = self._done_record()
        cost = self._as(self.staff, "callback.cost").create(
            {"record_id": record.id, "name": "Taxi", "amount": 10}
        )
        for user in (self.staff, self.manager):
            for vals in (
                {"company_id": self.roles.company2.id},
                {"user_id": self.other_staff.id},
                {"employee_id": self.emp_other.id},
                {"quarter": "2020-Q1"},
            ):
                with self.assertRaises(UserError):
                    cost.with_user(user).write(vals)
        cost.with_user(self.manager).action_approve()
        other = self._done_record(employee=self.emp_other, partner=self.other_customer)
        for vals in (
            {"name": "renamed"},
            {"amount": 99},
            {"record_id": other.id},
            {"company_id": self.roles.company2.id},
        ):
            with self.assertRaises(UserError):
                cost.with_user(self.manager).write(vals)
        self.assertEqual(
            (cost.name, cost.amount, cost.record_id, cost.company_id),
            ("Taxi", 10, record, self.company),
        )

    def test_cb20_x07_claims_are_not_forged(self):
        record = self._done_record()
        other = self._done_record(employee=self.emp_other, partner=self.other_customer)
        Cost = self._as(self.staff, "callback.cost")
        with self.assertRaises(AccessError):
            Cost.create({"record_id": other.id, "name": "Not mine", "amount": 10})
        with self.assertRaises(UserError):
            Cost.create(
                {"record_id": record.id, "name": "x", "amount": 10, "state": "approved"}
            )
        with self.assertRaises(UserError):
            Cost.create(
                {"record_id": record.id, "name": "x", "amount": 10, "reimbursed": 10}
            )
        cost = Cost.create({"record_id": record.id, "name": "Taxi", "amount": 10})
        for vals in ({"state": "approved"}, {"excess": 0}, {"record_id": other.id}):
            with self.assertRaises(UserError):
                cost.with_user(self.manager).write(vals)
        with self.assertRaises(AccessError):
            self._as(self.internal, "callback.cost").create(
                {"record_id": record.id, "name": "x", "amount": 1}
            )
        self.assertEqual((cost.state, cost.reimbursed), ("draft", 0))

    def test_cb20_x03_bad_amounts_and_limits(self):
        record = self._done_record()
        Cost = self._as(self.staff, "callback.cost")
        for amount in (0, -5):
            with self.assertRaises(ValidationError):
                Cost.create({"record_id": record.id, "name": "x", "amount": amount})
        with self.assertRaises(ValidationError):
            self.company.callback_cost_limit = -1
        with self.assertRaises(ValidationError):
            self.roles.department.with_user(self.manager).sudo().write(
                {"callback_budget_quarter": -10}
            )
        self.assertFalse(
            self.env["callback.cost"].search([("record_id", "=", record.id)])
        )

    def test_cb20_team_cost_against_the_team_budget(self):
        """CB-20: the team's approved costs against the team's budget, not
        one person's."""
        self.company.callback_cost_limit = 0
        team = self.roles.department
        team.sudo().callback_budget_quarter = 400
        mine = self._done_record()
        colleague_customer = self.env["res.partner"].create({"name": "Colleague's"})
        theirs = self._done_record(
            employee=self.emp_colleague, partner=colleague_customer
        )
        elsewhere = self._done_record(
            employee=self.emp_other, partner=self.other_customer
        )
        claims = self.env["callback.cost"]
        for user, record, amount in (
            (self.staff, mine, 100),
            (self.colleague, theirs, 200),
            (self.other_staff, elsewhere, 999),
        ):
            claims |= self._as(user, "callback.cost").create(
                {"record_id": record.id, "name": "Trip", "amount": amount}
            )
        claims[:2].with_user(self.manager).action_approve()
        claims[2].sudo().action_approve()
        figures = (team | self.roles.other_department)._callback_cost_figures(
            [mine.quarter]
        )
        self.assertEqual(
            figures[(team.id, mine.quarter)],
            {
                "cost": 300.0,
                "excess": 0.0,
                "budget": 400.0,
                "difference": 100.0,
                "budget_use": 75.0,
            },
        )
        self.assertIsNone(
            figures[(self.roles.other_department.id, mine.quarter)]["budget_use"]
        )

    def test_cb17_staff_see_their_own_claims_only(self):
        record = self._done_record()
        cost = self._as(self.staff, "callback.cost").create(
            {"record_id": record.id, "name": "Taxi", "amount": 10}
        )
        self.assertEqual(
            self._as(self.other_staff, "callback.cost").search([("id", "=", cost.id)]),
            self.env["callback.cost"],
        )
        self.assertEqual(
            self._as(self.manager, "callback.cost").search([("id", "=", cost.id)]),
            cost,
        )


@tagged("post_install", "-at_install")
class TestSpotChecks(SupervisionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = cls.env["callback.record"]
        for day in range(1, 9):
            customer = cls.env["res.partner"].create({"name": f"Spot {day}"})
            cls.records |= cls._done_record_cls(customer, day)

    @classmethod
    def _done_record_cls(cls, customer, day):
        plan = cls._plan(
            partner=customer, deadline=datetime(2026, 2, day, 12), exempt_quota=True
        )
        record = cls._record(plan, scores=(4,), date=datetime(2026, 2, day, 10))
        record.action_done()
        return record

    def _check(self, user=None, **vals):
        values = {
            "employee_id": self.emp_staff.id,
            "quarter": "2026-Q1",
            "sample_size": 3,
        }
        values.update(vals)
        return self._as(user or self.manager, "callback.spot.check").create(values)

    def test_cb21_reproducible_sample_of_the_staffs_done_callbacks(self):
        first = self._check()
        first.action_draw()
        self.assertEqual(len(first.line_ids), 3)
        self.assertEqual(first.population_count, 8)
        self.assertLessEqual(first.line_ids.record_id, self.records)
        # CB-21: the recorded seed over the same callbacks draws the same sample
        self.assertTrue(first.seed)
        self.assertEqual(
            sorted(first.line_ids.record_id.ids),
            spot_check.draw(self.records.ids, 3, first.seed),
        )
        # CB-21: the quarter's days, in the company's calendar
        self.assertEqual(
            (first.date_from, first.date_to),
            (fields.Date.to_date("2026-01-01"), fields.Date.to_date("2026-03-31")),
        )

    def test_cb21_x07_one_spot_check_per_staff_member_and_quarter(self):
        """CB-21 X-07: the supervisor draws a staff member's sample once a
        quarter; a second check of the same quarter (to keep the sample that
        suits) is refused, translated, and nothing is created."""
        self.env["res.lang"]._activate_lang("zh_CN")
        first = self._check()
        Check = self.env["callback.spot.check"]
        count = Check.search_count([])
        with self.assertRaises(ValidationError) as error:
            Check.with_user(self.manager).with_context(lang="zh_CN").create(
                {"employee_id": self.emp_staff.id, "quarter": "2026-Q1"}
            )
        self.assertIn("2026-Q1", str(error.exception))
        self.assertIn("每季度", str(error.exception))
        first.with_user(self.manager).action_draw()
        seed = first.seed
        # another manager of the team cannot draw it again either
        with self.assertRaises(ValidationError):
            self._check(user=self.manager2)
        self.assertEqual(Check.search_count([]), count)
        # nor move a check of another quarter onto the drawn one's
        second = self._check(quarter="2026-Q2")
        with self.assertRaises(ValidationError):
            second.with_user(self.manager).write({"quarter": "2026-Q1"})
        self.assertEqual(second.quarter, "2026-Q2")
        self.assertEqual(first.seed, seed)
        self.assertEqual(len(first.line_ids), 3)
        # the period is the quarter: its days are not typed
        with self.assertRaises(UserError):
            second.with_user(self.manager).write({"date_from": "2026-05-01"})
        with self.assertRaises(UserError):
            self._check(quarter="2026-Q3", date_to="2026-08-31")

    @mute_logger("odoo.sql_db")
    def test_cb21_x07_the_database_refuses_a_second_check_of_the_quarter(self):
        """CB-21 X-07: two managers drawing at the same moment both pass the
        check above; the unique index keeps one (the second insert waits for
        the first and fails)."""
        first = self._check()
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                """INSERT INTO callback_spot_check
                       (company_id, employee_id, quarter, sample_size, state)
                   VALUES (%s, %s, %s, 3, 'draft')""",
                (first.company_id.id, first.employee_id.id, first.quarter),
            )

    def test_cb21_x07_the_seed_is_unknown_before_the_draw(self):
        """CB-21 X-07: the seed is chosen at the draw (a random token with the
        check's number): nobody can work the sample out from the draft and
        delete it when it does not suit."""
        check = self._check()
        self.assertFalse(check.seed)
        check.with_user(self.manager).action_draw()
        self.assertTrue(check.seed.startswith(f"{check.id}-"))
        self.assertNotIn(fields.Datetime.to_string(check.create_date), check.seed)

    def test_cb21_x07_nobody_scores_or_confirms_a_check_of_their_own(self):
        """CB-21 X-07: a check of the manager's own callbacks (made by another
        manager) is drawn, scored and confirmed by that other manager only."""
        plan = self._plan(
            employee=self.emp_manager,
            partner=self.env["res.partner"].create({"name": "Own"}),
            deadline=datetime(2026, 2, 3, 12),
            exempt_quota=True,
        )
        self._record(plan, scores=(4,), date=datetime(2026, 2, 3, 10)).action_done()
        check = self._check(user=self.manager2, employee_id=self.emp_manager.id)
        with self.assertRaises(AccessError):
            check.with_user(self.manager).action_draw()
        self.assertFalse(check.line_ids)
        check.with_user(self.manager2).action_draw()
        with self.assertRaises(AccessError):
            check.line_ids.with_user(self.manager).write({"score": 100})
        with self.assertRaises(AccessError):
            check.with_user(self.manager).action_confirm()
        self.assertEqual((check.state, check.score), ("draft", 0.0))
        check.line_ids.with_user(self.manager2).write({"score": 70})
        check.with_user(self.manager2).action_confirm()
        self.assertEqual(check.checked_by_id, self.manager2)

    def test_cb21_x07_the_seed_is_the_servers(self):
        """CB-21 X-07: the manager does not choose the seed (he would pick
        the one whose sample suits)."""
        with self.assertRaises(UserError):
            self._check(seed="s1")
        check = self._check()
        with self.assertRaises(UserError):
            check.with_user(self.manager).write({"seed": "s2"})
        self.assertFalse(check.seed)
        check.with_user(self.manager).action_draw()
        seed = check.seed
        with self.assertRaises(UserError):
            check.with_user(self.manager).write({"seed": "s2"})
        self.assertEqual(check.seed, seed)

    def test_cb21_x07_a_drawn_sample_is_kept_and_every_draw_visible(self):
        """CB-21 X-07: a drawn spot check is never deleted (its lines are not
        dropped with it), so redrawing until the sample suits leaves every
        draw in sight; the draw is logged in the chatter."""
        check = self._check()
        # the check is created in a request of its own (changes of a record
        # created in the same transaction are not tracked)
        self.env.flush_all()
        self.env.cr.precommit.run()
        check.with_user(self.manager).action_draw()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = (
            check.message_ids.filtered(lambda m: m.author_id == self.manager.partner_id)
            .sudo()
            .tracking_value_ids.field_id.mapped("name")
        )
        self.assertIn("seed", tracked)
        self.assertIn("population_count", tracked)
        lines = check.line_ids
        with self.assertRaises(UserError):
            check.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            check.sudo().unlink()
        self.assertTrue(check.exists())
        self.assertEqual(lines.exists(), lines)
        # an undrawn draft may still be dropped
        draft = self._check(quarter="2026-Q2")
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_cb21_x07_a_spot_check_stays_in_its_company(self):
        check = self._check()
        with self.assertRaises(UserError):
            check.with_user(self.manager).write({"company_id": self.roles.company2.id})
        check.with_user(self.manager).action_draw()
        with self.assertRaises(UserError):
            check.with_user(self.manager).write({"company_id": self.roles.company2.id})
        self.assertEqual(check.company_id, self.company)

    def test_cb21_scored_confirmed_and_locked(self):
        check = self._check()
        check.action_draw()
        for line, score in zip(check.line_ids, (80, 90, 100), strict=True):
            line.with_user(self.manager).write({"score": score, "note": "ok"})
        self.assertEqual(check.score, 90.0)
        with self.assertRaises(ValidationError):
            check.line_ids[0].with_user(self.manager).write({"score": 101})
        check.with_user(self.manager).action_confirm()
        self.assertEqual(check.state, "confirmed")
        self.assertEqual(check.checked_by_id, self.manager)
        with self.assertRaises(UserError):
            check.line_ids[0].with_user(self.manager).write({"score": 10})
        with self.assertRaises(UserError):
            check.with_user(self.manager).write({"seed": "43"})
        with self.assertRaises(UserError):
            check.with_user(self.manager).unlink()
        # CB-21: locked whole once confirmed, its name too
        name = check.name
        for vals in ({"name": "renamed"}, {"score": 100}, {"sample_size": 3}):
            with self.assertRaises(UserError):
                check.with_user(self.manager).write(vals)
            with self.assertRaises(UserError):
                check.sudo().write(vals)
        self.assertEqual((check.name, check.score), (name, 90.0))
        # the staff member reads their own spot check, cannot change it
        as_staff = check.with_user(self.staff)
        self.assertEqual(as_staff.score, 90.0)
        with self.assertRaises(AccessError):
            as_staff.line_ids[0].write({"score": 100})

    def test_cb21_x07_nobody_spot_checks_their_own_callbacks(self):
        with self.assertRaises(AccessError):
            self._check(employee_id=self.emp_manager.id)
        check = self._check()
        with self.assertRaises(AccessError):
            check.with_user(self.manager).write({"employee_id": self.emp_manager.id})
        with self.assertRaises(AccessError):
            self._check(user=self.staff)
        with self.assertRaises(AccessError):
            check.with_user(self.staff).action_draw()
        self.assertFalse(check.line_ids)

    def test_cb21_x07_the_sample_is_drawn_not_picked(self):
        check = self._check()
        with self.assertRaises(AccessError):
            self._as(self.manager, "callback.spot.check.line").create(
                {"spot_check_id": check.id, "record_id": self.records[0].id}
            )
        with self.assertRaises(UserError):
            self._check(line_ids=[(0, 0, {"record_id": self.records[0].id})])
        with self.assertRaises(UserError):
            check.with_user(self.manager).write(
                {"line_ids": [(0, 0, {"record_id": self.records[0].id})]}
            )
        with self.assertRaises(UserError):
            check.with_user(self.manager).action_confirm()
        check.action_draw()
        with self.assertRaises(UserError):
            check.with_user(self.manager).action_draw()
        with self.assertRaises(UserError):
            check.with_user(self.manager).write({"sample_size": 8})
        with self.assertRaises(AccessError):
            check.line_ids[0].with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            self._check(quarter="2026-Q2", state="confirmed")
        self.assertEqual(len(check.line_ids), 3)

    def test_cb21_x03_bad_periods_and_sizes(self):
        for quarter in ("2026-Q5", "Q1 2026", "0-Q1", ""):
            with self.assertRaises(ValidationError):
                self._check(quarter=quarter)
        # a text that reads as a taken quarter is not another quarter
        # (spaces, full-width digits): refused, not a second check of it
        self._check()
        for quarter in ("2026-Q1 ", " 2026-Q1", "2026-Q1\n", "２０２６-Q1"):
            with self.assertRaises(ValidationError):
                self._check(quarter=quarter)
        with self.assertRaises(ValidationError):
            self._check(sample_size=0)
        empty = self._check(quarter="2025-Q1")
        with self.assertRaises(UserError):
            empty.with_user(self.manager).action_draw()
        self.assertFalse(empty.line_ids)

    @mute_logger("odoo.sql_db")
    def test_cb21_a_callback_is_sampled_once(self):
        check = self._check()
        check.action_draw()
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            check.line_ids[0].sudo().copy({"spot_check_id": check.id})


@tagged("post_install", "-at_install")
class TestFigureScreens(SupervisionCase):
    """CB-15 CB-19 CB-20: the managers' reporting screens read the engine's
    figures; staff and other companies do not open them."""

    def _screen(self, model, user, **vals):
        wizard = self._as(user, model).create({"year": 2025, **vals})
        action = wizard.action_compute()
        self.assertEqual(action["res_model"], f"{model[:-7]}.line")
        self.assertEqual(
            action["views"], [(False, "list"), (False, "pivot"), (False, "graph")]
        )
        return self._as(user, action["res_model"]).search(action["domain"])

    def test_cb15_cb19_dealer_figures_per_dealer_and_quarter(self):
        dealer_x, dealer_y = self.env["res.partner"].create(
            [
                {"name": "Dealer X", "is_company": True, "is_callback_dealer": True},
                {"name": "Dealer Y", "is_company": True, "is_callback_dealer": True},
            ]
        )
        complete = {"phone": "1", "street": "s", "city": "c"}
        x1, x2, y1 = self.env["res.partner"].create(
            [
                {"name": "X1", "callback_dealer_id": dealer_x.id, **complete},
                {"name": "X2", "callback_dealer_id": dealer_x.id},
                {"name": "Y1", "callback_dealer_id": dealer_y.id},
            ]
        )
        # files created today, after the May 2025 sale or repair: late
        event = datetime(2025, 5, 1, 10)
        for customer, trigger, score in (
            (x1, self.sale, 5),  # 100
            (x2, self.repair, 3),  # 60
            (y1, self.sale, 2),  # 40
            (y1, self.repair, 4),  # 80
        ):
            plan = self._plan(
                partner=customer,
                trigger_type_id=trigger.id,
                date_event=event,
                deadline=datetime(2025, 5, 10),
                exempt_quota=True,
            )
            self._record(plan, scores=(score,), date=datetime(2025, 5, 5)).action_done()
        Deduction = self._as(self.manager, "callback.dealer.deduction")
        values = {"dealer_id": dealer_x.id, "quarter": "2025-Q2", "reason": "late"}
        confirmed = Deduction.create({**values, "name": "Late X1", "amount": 2000})
        confirmed.with_user(self.manager2).action_confirm()
        Deduction.create({**values, "name": "Late X2", "amount": 5000})
        lines = self._screen("callback.dealer.figure.wizard", self.manager)
        x, y = (
            lines.filtered(lambda line, d=d: line.dealer_id == d)
            for d in (dealer_x, dealer_y)
        )
        # CB-15: X 100 x 0.3 + 60 x 0.7 = 72, first; Y 40 x 0.3 + 80 x 0.7 = 68
        self.assertEqual(
            (x.quarter, x.rank, x.sale, x.service, x.weighted),
            ("2025-Q2", 1, 100.0, 60.0, 72.0),
        )
        self.assertEqual((y.rank, y.weighted), (2, 68.0))
        # CB-19: files due, late, incomplete; deductions recorded and confirmed
        self.assertEqual((x.files, x.late, x.incomplete, x.flagged), (2, 2, 1, 2))
        self.assertEqual((y.files, y.late, y.incomplete, y.flagged), (2, 2, 2, 2))
        self.assertEqual(
            (
                x.recorded_count,
                x.recorded_amount,
                x.confirmed_count,
                x.confirmed_amount,
            ),
            (2, 7000.0, 1, 2000.0),
        )
        self.assertEqual((y.recorded_count, y.confirmed_amount), (0, 0.0))
        # the same figures as the engine's over the deductions' method
        figures = self.env["callback.dealer.deduction"]._dealer_figures(
            self.company, ["2025-Q2"]
        )
        self.assertEqual(figures[(dealer_x, "2025-Q2")]["deducted"], x.confirmed_amount)
        # the pivot reads the rows (a dealer's year: its quarters summed)
        [(dealer, flagged, amount)] = self._as(
            self.manager, "callback.dealer.figure.line"
        )._read_group(
            [("id", "in", x.ids)],
            ["dealer_id"],
            ["flagged:sum", "confirmed_amount:sum"],
        )
        self.assertEqual((dealer, flagged, amount), (dealer_x, 2, 2000.0))

    def test_cb15_cb19_x07_dealer_figures_are_a_managers_of_their_company(self):
        """X-02 X-07: staff do not open the screen; a manager reads the
        figures of a company of theirs only, and nobody opens another's."""
        with self.assertRaises(AccessError):
            self._screen("callback.dealer.figure.wizard", self.staff)
        with self.assertRaises(AccessError):
            self._screen(
                "callback.dealer.figure.wizard",
                self.manager,
                company_id=self.roles.company2.id,
            )
        lines = self._screen("callback.dealer.figure.wizard", self.manager2)
        wizard = lines.wizard_id or self.env["callback.dealer.figure.wizard"].search(
            [("create_uid", "=", self.manager2.id)]
        )
        self.assertFalse(
            self._as(self.manager, "callback.dealer.figure.wizard").search(
                [("id", "in", wizard.ids)]
            )
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.manager).action_compute()

    def test_cb20_team_cost_against_budget_on_screen(self):
        """CB-20: per team and quarter, the cost, the budget, what is left of
        it and the excess the staff bore; the team's manager sees their team,
        not another one."""
        self.company.callback_cost_limit = 120
        team = self.roles.department
        team.sudo().callback_budget_quarter = 250
        self.roles.other_department.sudo().callback_budget_quarter = 999
        mine = self._done_record(day=5)
        second = self._done_record(
            day=6, partner=self.env["res.partner"].create({"name": "Second"})
        )
        theirs = self._done_record(
            employee=self.emp_colleague,
            partner=self.env["res.partner"].create({"name": "Colleague's"}),
        )
        claims = self.env["callback.cost"]
        for user, record, amount in (
            (self.staff, mine, 150),  # 120 paid, 30 the staff member's
            (self.staff, second, 60),
            (self.colleague, theirs, 100),
        ):
            claims |= self._as(user, "callback.cost").create(
                {"record_id": record.id, "name": "Trip", "amount": amount}
            )
        claims.with_user(self.manager).action_approve()
        lines = self._screen("callback.team.cost.wizard", self.manager, year=2026)
        q1 = lines.filtered(lambda line: line.quarter == "2026-Q1")
        self.assertEqual(q1.department_id, team)
        # 120 + 60 + 100 = 280 against 250: 30 over, 112 %
        self.assertEqual(
            (q1.cost, q1.budget, q1.difference, q1.excess, q1.budget_use),
            (280.0, 250.0, -30.0, 30.0, 112.0),
        )
        # a budgeted quarter without cost shows its whole budget left
        q2 = lines.filtered(lambda line: line.quarter == "2026-Q2")
        self.assertEqual((q2.cost, q2.difference, q2.budget_use), (0.0, 250.0, 0.0))
        # CB-14 CB-17: not the team the manager neither belongs to nor heads
        self.assertNotIn(self.roles.other_department, lines.department_id)
        # the year's rate in the pivot: summed cost against summed budget
        [(rate, cost)] = self._as(self.manager, "callback.team.cost.line")._read_group(
            [("id", "in", lines.ids)], [], ["budget_use:avg", "cost:sum"]
        )
        self.assertEqual((rate, cost), (28.0, 280.0))
        # staff do not open it
        with self.assertRaises(AccessError):
            self._screen("callback.team.cost.wizard", self.staff)

    def test_cb15_cb19_cb20_the_screens_stay_batched(self):
        """The screens read grouped figures: as many queries for six dealers
        (and their files, answers, deductions) as for two."""

        def dealers_with_data(count):
            for n in range(count):
                dealer = self.env["res.partner"].create(
                    {"name": f"Batch Dealer {n}", "is_callback_dealer": True}
                )
                customer = self.env["res.partner"].create(
                    {"name": f"Batch Customer {n}", "callback_dealer_id": dealer.id}
                )
                plan = self._plan(
                    partner=customer,
                    trigger_type_id=self.sale.id,
                    date_event=datetime(2025, 5, 1, 10),
                    deadline=datetime(2025, 5, 10),
                    exempt_quota=True,
                )
                self._record(plan, scores=(4,), date=datetime(2025, 5, 5)).action_done()
                self.env["callback.dealer.deduction"].create(
                    {
                        "name": f"Case {n}",
                        "dealer_id": dealer.id,
                        "quarter": "2025-Q2",
                        "amount": 1000,
                    }
                )

        def queries(model):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._screen(model, self.manager)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        # each count after a first run that warms the caches (the user,
        # the rules): what is left grows with the rows or not at all
        dealers_with_data(2)
        queries("callback.dealer.figure.wizard")
        few = queries("callback.dealer.figure.wizard")
        dealers_with_data(4)
        queries("callback.dealer.figure.wizard")
        self.assertEqual(queries("callback.dealer.figure.wizard"), few)
