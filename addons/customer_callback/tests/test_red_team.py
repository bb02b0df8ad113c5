"""X-07: the holes a red-team run over JSON-RPC found, each tried again as the
attacking role (with_user): the refusal is asserted AND that nothing changed.
Context keys are sent as a client would send them."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CallbackRolesCase

FORGED_PLAN = {
    "default_state": "done",
    "default_exempt_quota": True,
    "default_date_done": "2026-02-01 10:00:00",
    "default_callback_type": "special",
    "default_confirmed": True,
    "default_active": False,
    "default_sampling_id": 1,
}
NO_LOG = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}


@tagged("post_install", "-at_install")
class TestRedTeam(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls.roles["salesman_callback"]  # in the manager's team
        cls.emp_colleague = cls.roles.employee(cls.colleague)
        cls.Sampling = cls.env["callback.sampling"]

    def _tracked(self, record, field):
        """Tracking values of ``field`` logged on ``record`` (as at commit)."""
        self.env.cr.precommit.run()
        return record.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == field
        )

    def _filed_escalation(self, employee=None, department=None):
        """A dissatisfied callback filed (as superuser), its escalation open."""
        plan = self._plan(employee=employee or self.emp_staff)
        record = self._record(plan, scores=(1,))
        record.action_done()
        escalation = record.escalation_ids
        self.assertEqual(len(escalation), 1)
        if department:
            escalation.department_id = department
        return escalation

    # ------------------------------------------------- A. context defaults
    def test_x07_cb13_cb07_plan_create_ignores_forged_context_defaults(self):
        plan = (
            self.Plan.with_user(self.staff)
            .with_context(**FORGED_PLAN)
            .create(
                {
                    "partner_id": self.customer.id,
                    "employee_id": self.emp_staff.id,
                    "date_deadline": datetime(2026, 3, 10),
                }
            )
        )
        self.assertRecordValues(
            plan,
            [
                {
                    "state": "planned",
                    "exempt_quota": False,
                    "date_done": False,
                    "callback_type": "periodic",
                    "confirmed": False,
                    "active": True,
                    "sampling_id": False,
                }
            ],
        )

    def test_x07_cb12_record_create_ignores_forged_context_defaults(self):
        plan = self._plan()
        forged = {
            "default_state": "done",
            "default_reviewed_by_id": self.manager.id,
            "default_review_comment": "fine",
            "default_date_reviewed": "2026-02-06 10:00:00",
            "default_active": False,
            "default_date_report": "2026-02-06 10:00:00",
        }
        record = (
            self.Record.with_user(self.staff)
            .with_context(**forged)
            .create({"plan_id": plan.id, "date": datetime(2026, 2, 5, 10)})
        )
        self.assertRecordValues(
            record,
            [
                {
                    "state": "draft",
                    "reviewed_by_id": False,
                    "review_comment": False,
                    "date_reviewed": False,
                    "active": True,
                    "date_report": False,
                }
            ],
        )
        self.assertEqual(plan.state, "planned")

    def test_x07_cb11_escalation_create_ignores_forged_context_defaults(self):
        forged = {
            "default_state": "closed",
            "default_handling": "done",
            "default_feedback": "told",
            "default_closed_by_id": self.manager.id,
            "default_handled_by_id": self.manager.id,
        }
        record = self._record(self._plan())
        escalation = (
            self.Escalation.with_user(self.staff)
            .with_context(**forged)
            .create(
                {
                    "record_id": record.id,
                    "department_id": self.roles.complaint_department.id,
                    "date_deadline": datetime(2026, 2, 20),
                    "description": "rude",
                }
            )
        )
        self.assertRecordValues(
            escalation,
            [
                {
                    "state": "open",
                    "handling": False,
                    "feedback": False,
                    "closed_by_id": False,
                    "handled_by_id": False,
                }
            ],
        )

    def test_x07_cb11_filing_does_not_pass_forged_defaults_to_the_escalation(self):
        record = self._record(self._plan(), scores=(1,))
        forged = {
            "default_state": "closed",
            "default_handling": "done",
            "default_feedback": "told",
            "default_closed_by_id": self.manager.id,
            "default_department_id": self.roles.other_department.id,
        }
        record.with_user(self.staff).with_context(**forged).action_done()
        escalation = record.escalation_ids
        self.assertRecordValues(
            escalation,
            [
                {
                    "state": "open",
                    "handling": False,
                    "feedback": False,
                    "closed_by_id": False,
                    "department_id": self.roles.complaint_department.id,
                }
            ],
        )
        # the department manager's to-do is not forged either
        self.assertFalse(escalation.activity_ids.filtered("date_done"))

    # ---------------------------------------------- B. client context keys
    def test_x07_x05_cb13_workflow_tracked_whatever_the_context(self):
        # a plan whose record was filed while it was cancelled, planned again
        # by the manager: its staff member may mark it done
        plan = self._plan()
        plan.state = "cancelled"
        self._record(plan).action_done()
        self.assertEqual(plan.state, "cancelled")
        plan.with_user(self.manager).action_reset()
        self.assertEqual(plan.state, "planned")
        before = len(self._tracked(plan, "state"))
        plan.with_user(self.staff).with_context(**NO_LOG).action_done()
        self.assertEqual(plan.state, "done")
        self.assertEqual(len(self._tracked(plan, "state")), before + 1)

    def test_x07_x05_cb12_filing_tracked_whatever_the_context(self):
        plan = self._plan()
        record = self._record(plan)
        self.env.cr.precommit.run()  # created in an earlier request
        record.with_user(self.staff).with_context(**NO_LOG).action_done()
        self.assertEqual(record.state, "done")
        self.assertTrue(self._tracked(record, "state"))
        self.assertTrue(self._tracked(plan, "state"))

    def test_x07_x05_cb13_manager_cancel_tracked_whatever_the_context(self):
        plan = self._plan(employee=self.emp_colleague)
        self.env.cr.precommit.run()  # created in an earlier request
        plan.with_user(self.manager).with_context(**NO_LOG).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        self.assertTrue(self._tracked(plan, "state"))

    def test_x07_x05_client_create_is_logged_whatever_the_context(self):
        plan = (
            self.Plan.with_user(self.manager)
            .with_context(**NO_LOG)
            .create(
                {
                    "partner_id": self.customer.id,
                    "employee_id": self.emp_staff.id,
                    "date_deadline": datetime(2026, 3, 12),
                }
            )
        )
        self.assertTrue(plan.sudo().message_ids)

    def test_x07_cb01_no_context_key_suppresses_the_assignees_todo(self):
        plan = (
            self.Plan.with_user(self.manager)
            .with_context(callback_no_activity=True)
            .create(
                {
                    "partner_id": self.customer.id,
                    "employee_id": self.emp_staff.id,
                    "date_deadline": datetime(2026, 3, 12),
                }
            )
        )
        self.assertEqual(plan.activity_ids.user_id, self.staff)

    # ------------------------------------------- C. workflow holes
    def test_x07_cb04_staff_cannot_change_the_channel_to_skip_consent(self):
        plan = self._plan(channel="visit")
        self._record(plan)  # a record exists: only the consent is missing
        as_staff = plan.with_user(self.staff)
        with self.assertRaises(AccessError):
            as_staff.write({"channel": "phone"})
        self.assertEqual(plan.channel, "visit")
        with self.assertRaises(UserError):
            as_staff.action_done()
        self.assertEqual(plan.state, "planned")
        self.assertTrue(plan.needs_confirmation)

    def test_x07_cb13_manager_cannot_delete_plans(self):
        own = self._plan(employee=self.emp_manager, deadline=datetime(2026, 1, 10))
        team = self._plan(employee=self.emp_colleague, deadline=datetime(2026, 1, 10))
        (own | team).write({"state": "missed"})
        fresh = self._plan(employee=self.emp_colleague, deadline=datetime(2026, 3, 5))
        for plan in (own, team, fresh):
            with self.assertRaises(AccessError):
                plan.with_user(self.manager).unlink()
            self.assertTrue(plan.exists())
        self.assertEqual((own | team).mapped("state"), ["missed", "missed"])

    def test_x07_cb11_manager_cannot_delete_escalations(self):
        own = self._filed_escalation(employee=self.emp_manager)
        team = self._filed_escalation(employee=self.emp_colleague)
        for escalation in (own, team):
            with self.assertRaises(AccessError):
                escalation.with_user(self.manager).unlink()
            self.assertTrue(escalation.exists())
            self.assertEqual(escalation.state, "open")

    def test_x07_cb11_staff_does_not_handle_own_customers_complaint(self):
        # the staff member is in the handling department, yet it is their record
        escalation = self._filed_escalation(department=self.roles.department)
        as_staff = escalation.with_user(self.staff)
        with self.assertRaises(AccessError):
            as_staff.write({"handling": "solved it myself"})
        self.assertFalse(escalation.handling)
        escalation.handling = "done by the department"
        with self.assertRaises(AccessError):
            as_staff.action_handle()
        self.assertEqual(escalation.state, "open")
        self.assertFalse(escalation.handled_by_id)

    def test_x07_cb11_manager_does_not_handle_own_complaint_nor_rewrite_it(self):
        escalation = self._filed_escalation(
            employee=self.emp_manager, department=self.roles.department
        )
        description = escalation.description
        as_manager = escalation.with_user(self.manager)
        with self.assertRaises(AccessError):
            as_manager.write({"handling": "fixed"})
        with self.assertRaises(UserError):
            as_manager.write({"description": "all fine"})
        escalation.handling = "done by the department"
        with self.assertRaises(AccessError):
            as_manager.action_handle()
        self.assertRecordValues(
            escalation,
            [{"state": "open", "description": description, "handled_by_id": False}],
        )
        # nor moves it to another department or a later deadline
        for vals in (
            {"department_id": self.roles.other_department.id},
            {"date_deadline": datetime(2026, 12, 31)},
        ):
            with self.assertRaises(AccessError):
                as_manager.write(vals)
        self.assertEqual(escalation.department_id, self.roles.department)
        self.assertNotEqual(escalation.date_deadline, datetime(2026, 12, 31))
        # nor a team member's: the customer's words are kept
        team = self._filed_escalation(employee=self.emp_colleague)
        with self.assertRaises(UserError):
            team.with_user(self.manager).write({"description": "all fine"})
        self.assertNotEqual(team.description, "all fine")

    def test_x07_cb11_department_still_handles(self):
        escalation = self._filed_escalation(department=self.roles.department)
        colleague = escalation.with_user(self.colleague)
        colleague.write({"handling": "replaced the part"})
        colleague.action_handle()
        self.assertEqual(escalation.state, "handled")
        self.assertEqual(escalation.handled_by_id, self.colleague)

    def test_x07_cb11_staff_cannot_escalate_a_colleagues_record(self):
        for employee in (self.emp_colleague, self.emp_other):
            record = self._record(self._plan(employee=employee))
            with self.assertRaises(AccessError):
                self.Escalation.with_user(self.staff).create(
                    {
                        "record_id": record.id,
                        "department_id": self.roles.complaint_department.id,
                        "date_deadline": datetime(2026, 2, 20),
                    }
                )
            self.assertFalse(
                self.Escalation.search_count([("record_id", "=", record.id)])
            )

    def test_x07_cb09_record_create_on_a_colleagues_or_closed_plan(self):
        colleague_plan = self._plan(employee=self.emp_other, exempt_quota=True)
        done_plan = self._plan(deadline=datetime(2026, 3, 3), exempt_quota=True)
        self._record(done_plan).action_done()
        missed_plan = self._plan(deadline=datetime(2026, 1, 3), exempt_quota=True)
        missed_plan.state = "missed"
        cancelled = self._plan(deadline=datetime(2026, 3, 4), exempt_quota=True)
        cancelled.state = "cancelled"
        Record = self.Record.with_user(self.staff)
        for plan, error in (
            (colleague_plan, AccessError),
            (done_plan, UserError),
            (missed_plan, UserError),
            (cancelled, UserError),
        ):
            count = self.Record.search_count([("plan_id", "=", plan.id)])
            with self.assertRaises(error):
                Record.create({"plan_id": plan.id, "date": datetime(2026, 2, 5)})
            self.assertEqual(
                self.Record.search_count([("plan_id", "=", plan.id)]), count
            )
        # the same guard when a draft is moved onto a closed plan
        draft = Record.create(
            {"partner_id": self.customer.id, "date": datetime(2026, 2, 5)}
        )
        with self.assertRaises(UserError):
            draft.write({"plan_id": done_plan.id})
        self.assertFalse(draft.plan_id)

    def test_x07_cb09_plan_done_only_with_a_filed_record(self):
        plan = self.Plan.with_user(self.staff).create(
            {
                "partner_id": self.customer.id,
                "employee_id": self.emp_staff.id,
                "date_deadline": datetime(2026, 3, 12),
            }
        )
        with self.assertRaises(UserError):
            plan.action_done()
        self._record(plan)  # a draft is not enough
        with self.assertRaises(UserError):
            plan.action_done()
        self.assertRecordValues(plan, [{"state": "planned", "date_done": False}])

    def test_x07_cb05_manager_cannot_forge_a_sampling(self):
        count = self.Sampling.search_count([])
        with self.assertRaises(AccessError):
            self.Sampling.with_user(self.manager).create(
                {"name": "forged", "quarter": "2026-Q1", "seed": "1", "ratio": 50}
            )
        self.assertEqual(self.Sampling.search_count([]), count)

    # ------------------------------------------ C21. partner callback fields
    def _contact_creators(self):
        """The salesperson and the plain internal user with Odoo's default
        "Contact Creation" right (base.default_user has it): the refusals
        below are ours, not the access rights'."""
        users = self.salesman | self.internal
        users.write({"groups_id": [(4, self.env.ref("base.group_partner_manager").id)]})
        return users

    def test_x07_x06_cb01_cb16_partner_callback_fields_refused_without_group(self):
        attacks = (
            {"callback_employee_id": self.emp_other.id},
            {"callback_tier": "high"},
            {"callback_key": True},
            {"callback_dnd": True},
            {"callback_preferred_time": 9.0},
            {"callback_business_changed": True},
        )
        fields_ = ["callback_employee_id", "callback_tier", "callback_key"]
        fields_ += ["callback_dnd", "callback_preferred_time"]
        for user in self._contact_creators():
            before = self.customer.read(fields_)
            partner = self.customer.with_user(user)
            for vals in attacks:
                with self.assertRaises(AccessError):
                    partner.write(vals)
                with self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).create(
                        dict(vals, name="Forged")
                    )
            self.env.invalidate_all()
            self.assertEqual(self.customer.read(fields_), before)
            self.assertFalse(self.env["res.partner"].search([("name", "=", "Forged")]))
            # the contact itself is still theirs to edit and create
            partner.write({"phone": "+86 10 1234"})
            self.assertEqual(self.customer.phone, "+86 10 1234")

    def test_x07_x06_partner_context_defaults_fill_no_callback_field(self):
        forged = {
            "default_callback_employee_id": self.emp_other.id,
            "default_callback_tier": "high",
            "default_callback_key": True,
            "default_callback_dnd": True,
            "default_callback_preferred_time": 9.0,
        }
        for user in self._contact_creators():
            partner = (
                self.env["res.partner"]
                .with_user(user)
                .with_context(**forged)
                .create({"name": f"Buyer of {user.name}"})
            )
            self.assertRecordValues(
                partner,
                [
                    {
                        "callback_employee_id": False,
                        "callback_tier": "low",
                        "callback_key": False,
                        "callback_dnd": False,
                        "callback_preferred_time": 0.0,
                    }
                ],
            )

    def test_x06_salesperson_opens_and_saves_the_partner_form(self):
        self._contact_creators()
        with Form(self.env["res.partner"].with_user(self.salesman)) as form:
            form.name = "Walk-in Buyer"
        partner = form.save()
        self.assertEqual(partner.callback_tier, "low")
        with Form(partner.with_user(self.salesman)) as form:
            form.phone = "+86 21 555"
        self.assertEqual(partner.phone, "+86 21 555")

    # ------------------------------------------ D. users without e-mail
    def test_x05_workflow_as_users_without_email(self):
        (self.staff | self.manager | self.handler).partner_id.email = False
        plan = self._plan()
        record = self._record(plan, scores=(1,))
        record.with_user(self.staff).action_done()
        self.assertEqual(record.state, "done")
        record.with_user(self.manager).action_review()
        self.assertEqual(record.reviewed_by_id, self.manager)
        self.assertTrue(
            record.message_ids.filtered(lambda m: "Reviewed by" in (m.body or ""))
        )
        escalation = record.escalation_ids
        as_handler = escalation.with_user(self.handler)
        as_handler.write({"handling": "replaced"})
        as_handler.action_handle()
        escalation.with_user(self.staff).write({"feedback": "told"})
        escalation.with_user(self.manager).action_close()
        self.assertEqual(escalation.state, "closed")
        other = self._plan(employee=self.emp_colleague, deadline=datetime(2026, 3, 6))
        other.with_user(self.manager).action_cancel()
        self.assertEqual(other.state, "cancelled")

    def test_x06_salesperson_without_email_wins_a_deal_over_the_cap(self):
        self.salesman.partner_id.email = False
        now = fields.Datetime.now()
        self._plan(deadline=now + timedelta(days=3))
        self._plan(deadline=now + timedelta(days=4))
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Deal without e-mail",
                    "type": "opportunity",
                    "partner_id": self.customer.id,
                    "user_id": self.salesman.id,
                }
            )
        )
        lead.with_user(self.salesman).action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        self.assertIn("No after-sale callback planned", lead.message_ids[0].body)
