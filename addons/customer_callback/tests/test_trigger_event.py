"""CB-18: events from any installed app, bound from the trigger type's form to
Odoo's automation engine; second levels; "Log an event" on the customer; the
window of a plan created by hand. Every act runs as its real role."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CallbackRolesCase

EVENT = datetime(2026, 1, 9, 10, 0)


@tagged("post_install", "-at_install")
class TestTriggerEvent(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company's own "escalated deal" event: a deal whose priority
        # becomes "very high" calls for a complaint-like callback (crm.lead is
        # present in every database of the addon; Repair or Helpdesk bind the
        # same way)
        cls.trigger = cls.env["callback.trigger.type"].create(
            {
                "name": "Escalated Deal",
                "code": "escalated_deal",
                "window_unit": "days",
                "window_start": 0,
                "window_end": 2,
                "level2": True,
                "level2_window_start": 3,
                "level2_window_end": 7,
            }
        )
        # an event of yesterday: its callbacks are still to be made
        cls.recent = fields.Datetime.now().replace(microsecond=0) - timedelta(days=1)
        cls.lead_model = cls.env["ir.model"]._get("crm.lead")
        cls.lead_partner = cls.env["ir.model.fields"]._get("crm.lead", "partner_id")
        cls.sales_user = cls.salesman
        cls.lead = (
            cls.env["crm.lead"]
            .create(
                {
                    "name": "Escalated Deal",
                    "type": "opportunity",
                    "partner_id": cls.customer.id,
                    "user_id": cls.sales_user.id,
                }
            )
            .with_user(cls.sales_user)
        )

    def _bind(self, domain="[('priority', '=', '3')]", **vals):
        trigger = self.trigger.with_user(self.manager)
        trigger.write(
            {
                "model_id": self.lead_model.id,
                "partner_field_id": self.lead_partner.id,
                "event_domain": domain,
                **vals,
            }
        )
        trigger.action_bind_event()
        return trigger

    def _plans(self, partner=None):
        return self.Plan.search(
            [
                ("partner_id", "=", (partner or self.customer).id),
                ("trigger_type_id", "=", self.trigger.id),
            ]
        )

    # ------------------------------------------------------------ binding
    def test_cb18_manager_binds_from_the_form_to_an_automation_rule(self):
        trigger = self._bind()
        self.assertTrue(trigger.event_bound)
        rule = self.trigger.sudo().automation_id
        self.assertEqual(rule.model_id, self.lead_model)
        self.assertEqual(rule.trigger, "on_create_or_write")
        self.assertEqual(rule.action_server_ids.state, "callback_plan")
        self.assertEqual(rule.action_server_ids.callback_trigger_type_id, self.trigger)
        # only a change of a field of the condition fires it
        self.assertEqual(rule.trigger_field_ids.mapped("name"), ["priority"])

    def test_cb18_x06_salesperson_marks_the_event_plans_once(self):
        """X-06: a CRM salesperson with none of the callback groups marks the
        event; the callbacks are planned for the customer's owner, once."""
        self._bind()
        self.lead.write({"priority": "3"})
        plans = self._plans()
        self.assertEqual(len(plans), 2, "two levels (CB-03)")
        first = plans.filtered(lambda p: p.level == "1")
        self.assertEqual(first.employee_id, self.emp_staff)
        self.assertEqual(first.origin, "Escalated Deal")
        self.assertEqual(
            first.date_deadline - first.date_event, timedelta(days=2), "window CB-02"
        )
        # the record keeps matching: no new event
        self.lead.write({"priority": "3", "description": "<p>still hot</p>"})
        self.lead.write({"name": "Escalated Deal (renamed)"})
        self.assertEqual(self._plans(), plans)
        # the salesperson reaches no callback data through the event
        with self.assertRaises(AccessError):
            plans.with_user(self.sales_user).read(["name"])

    def test_cb18_event_is_a_change_into_the_condition(self):
        self._bind()
        self.lead.write({"priority": "3"})
        self.lead.write({"priority": "1"})
        self.assertEqual(len(self._plans()), 2)
        # matching again is a new event (here capped by CB-07: 2 a quarter)
        self.lead.write({"priority": "3"})
        self.assertEqual(self.lead.priority, "3", "the act itself is never refused")
        self.assertEqual(len(self._plans()), 2)
        self.assertTrue(
            any(
                "No callback planned" in message.body
                for message in self.lead.sudo().message_ids
            ),
            "the lead says why (X-06)",
        )

    def test_cb18_a_record_created_matching_is_an_event(self):
        self._bind()
        other = self.env["res.partner"].create(
            {"name": "Created Hot", "callback_employee_id": self.emp_other.id}
        )
        self.env["crm.lead"].with_user(self.sales_user).create(
            {"name": "Hot from the start", "partner_id": other.id, "priority": "3"}
        )
        self.assertEqual(self._plans(other).employee_id, self.emp_other | self._cs())

    def _cs(self):
        return self.company.callback_department_id.manager_id

    def test_cb18_event_date_field_and_no_customer(self):
        date_field = self.env["ir.model.fields"]._get("crm.lead", "date_deadline")
        self._bind(date_field_id=date_field.id)
        self.lead.sudo().date_deadline = fields.Date.to_date("2026-01-09")
        self.lead.write({"priority": "3"})
        first = self._plans().filtered(lambda p: p.level == "1")
        self.assertEqual(first.date_event, datetime(2026, 1, 9))
        self.assertEqual(first.date_deadline, datetime(2026, 1, 11))
        # a record without a customer marks nothing, and is not refused
        lonely = (
            self.env["crm.lead"]
            .with_user(self.sales_user)
            .create({"name": "No customer"})
        )
        lonely.write({"priority": "3"})
        self.assertEqual(lonely.priority, "3")

    def test_cb18_unbind_and_archive_stop_the_events(self):
        trigger = self._bind()
        trigger.action_unbind_event()
        self.assertFalse(trigger.event_bound)
        self.lead.write({"priority": "3"})
        self.assertFalse(self._plans())
        trigger.action_bind_event()
        trigger.write({"active": False})
        self.assertFalse(self.trigger.sudo().automation_id.active)

    def test_cb18_changing_the_condition_updates_the_rule(self):
        trigger = self._bind()
        trigger.write({"event_domain": "[('priority', '=', '2')]"})
        rule = self.trigger.sudo().automation_id
        self.assertIn("'2'", rule.filter_domain)
        self.assertEqual(len(rule.action_server_ids), 1)
        self.lead.write({"priority": "2"})
        self.assertEqual(len(self._plans()), 2)

    # ------------------------------------------------------------ guards
    def test_cb18_x07_only_a_manager_binds(self):
        self.trigger.sudo().write(
            {"model_id": self.lead_model.id, "partner_field_id": self.lead_partner.id}
        )
        for user in (self.staff, self.salesman, self.internal):
            with self.assertRaises(AccessError):
                self.trigger.with_user(user).action_bind_event()
        self.assertFalse(self.trigger.event_bound)
        rule = self.env["base.automation"].create(
            {
                "name": "Someone else's rule",
                "model_id": self.lead_model.id,
                "trigger": "on_create_or_write",
            }
        )
        with self.assertRaises(AccessError):
            self.trigger.with_user(self.manager).write({"automation_id": rule.id})
        with self.assertRaises(AccessError):
            self.env["callback.trigger.type"].with_user(self.manager).create(
                {"name": "Sneaky", "code": "sneaky", "automation_id": rule.id}
            )
        self.assertFalse(self.trigger.sudo().automation_id)

    def test_cb18_x07_shared_trigger_types_are_the_administrators(self):
        """CB-18 X-07: a trigger type without a company is shared
        configuration: an administrator binds, unbinds and edits it; a
        callback manager (of either company) only reads it, and binds the
        trigger types of their own company. A module update still works."""
        self.env["res.lang"]._activate_lang("zh_CN")
        admin = new_test_user(
            self.env,
            "cb_sod_admin",
            groups="base.group_user,base.group_system,"
            "customer_callback.group_customer_callback_manager",
        )
        shared = self.trigger
        shared.sudo().write(
            {
                "company_id": False,
                "model_id": self.lead_model.id,
                "partner_field_id": self.lead_partner.id,
                "event_domain": "[('priority', '=', '3')]",
            }
        )
        shared.with_user(admin).action_bind_event()
        self.assertTrue(shared.event_bound)
        for manager in (self.manager, self.roles.company2_manager):
            as_manager = shared.with_user(manager).with_context(
                lang="zh_CN", allowed_company_ids=manager.company_ids.ids
            )
            self.assertEqual(as_manager.name, "Escalated Deal")
            with self.assertRaises(AccessError) as error:
                as_manager.action_unbind_event()
            self.assertIn("管理员", str(error.exception))
            for act in (
                as_manager.action_bind_event,
                lambda m=as_manager: m.write({"window_end": 9}),
                lambda m=as_manager: m.write({"company_id": m.env.company.id}),
                lambda m=as_manager: m.update_field_translations(
                    "name", {"zh_CN": "改名"}
                ),
                as_manager.unlink,
            ):
                with self.assertRaises(AccessError):
                    act()
        self.assertTrue(shared.event_bound)
        self.assertEqual((shared.window_end, shared.company_id.id), (2.0, False))
        # nor is a shared one made by a manager, new or from their own
        own = self.env["callback.trigger.type"].with_user(self.manager)
        with self.assertRaises(AccessError):
            own.create({"name": "Shared", "code": "shared", "company_id": False})
        mine = own.create({"name": "Mine", "code": "mine", "window_end": 2})
        self.assertEqual(mine.company_id, self.company)
        with self.assertRaises(AccessError):
            mine.write({"company_id": False})
        # nor handed to a company the manager does not work in
        other = self.roles.company2_manager.company_id
        self.assertNotIn(other, self.manager.company_ids)
        with self.assertRaises(AccessError):
            mine.write({"company_id": other.id})
        self.assertEqual(mine.company_id, self.company)
        # their own company's: the manager binds and unbinds it
        mine.write(
            {"model_id": self.lead_model.id, "partner_field_id": self.lead_partner.id}
        )
        mine.action_bind_event()
        self.assertTrue(mine.event_bound)
        mine.action_unbind_event()
        self.assertFalse(mine.event_bound)
        # the administrator unbinds the shared one; a module update (the
        # server) rewrites it
        shared.with_user(admin).action_unbind_event()
        self.assertFalse(shared.event_bound)
        shared.write({"window_end": 4})
        shared.action_bind_event()
        self.assertTrue(shared.event_bound)

    def test_cb18_x03_bad_binding_refused_translated(self):
        trigger = self.trigger.with_user(self.manager)
        with self.assertRaises(UserError):
            trigger.action_bind_event()  # no model
        trigger.write({"model_id": self.lead_model.id})
        with self.assertRaises(UserError):
            trigger.action_bind_event()  # no customer field
        trigger.write(
            {
                "partner_field_id": self.lead_partner.id,
                "event_domain": "[('no_such_field', '=', 1)]",
            }
        )
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaises(UserError) as err:
            trigger.with_context(lang="zh_CN").action_bind_event()
        self.assertIn("事件条件", str(err.exception))
        trigger.write({"event_domain": "not a domain ("})
        with self.assertRaises(UserError):
            trigger.action_bind_event()
        self.assertFalse(trigger.event_bound)
        self.assertFalse(
            self.env["base.automation"].search([("model_id", "=", self.lead_model.id)])
        )

    def test_cb18_x07_a_condition_is_data_never_code(self):
        """X-07: the condition is read as literal data; an expression that
        would run as the server (here: grant the caller Settings) is refused
        and runs nothing."""
        admin = self.env.ref("base.group_system")
        trigger = self.trigger.with_user(self.manager)
        trigger.write(
            {
                "model_id": self.lead_model.id,
                "partner_field_id": self.lead_partner.id,
                "event_domain": "[('id', '!=', user.sudo().write({'groups_id':"
                f" [(4, {admin.id})]}}) and 0)]",
            }
        )
        with self.assertRaises(UserError):
            trigger.action_bind_event()
        self.assertNotIn(admin, self.manager.groups_id)
        self.assertFalse(trigger.event_bound)
        # dates are written as plain values
        trigger.write({"event_domain": "[('date_deadline', '<=', '2026-12-31')]"})
        trigger.action_bind_event()
        self.assertTrue(trigger.event_bound)

    def test_cb18_x07_the_action_is_not_run_by_hand(self):
        """X-07: whoever may edit a record cannot run the rule's action by hand
        to plan callbacks for an event that did not happen."""
        self._bind()
        action = self.trigger.sudo().automation_id.action_server_ids
        with self.assertRaises(AccessError):
            action.with_user(self.sales_user).with_context(
                active_model="crm.lead",
                active_ids=self.lead.ids,
                active_id=self.lead.id,
            ).run()
        self.assertFalse(self._plans())

    # ------------------------------------------------------------ log an event
    def _log(self, user, partners, trigger_code="repair", **vals):
        trigger = self.env["callback.trigger.type"].search(
            [("code", "=", trigger_code)], limit=1
        )
        wizard = (
            self.env["callback.event.wizard"]
            .with_user(user)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({"trigger_type_id": trigger.id, "date_event": self.recent, **vals})
        )
        return wizard, wizard.action_log_event()

    def test_cb18_staff_log_an_event_on_the_customer(self):
        """A company without Repair logs the repair pick-up on the customer:
        the dealer level within 3-5 days, the service department 6-10."""
        _wizard, action = self._log(
            self.staff, self.customer | self.other_customer, origin="RO/0042"
        )
        plans = self.Plan.search(action["domain"])
        self.assertEqual(len(plans), 4)
        self.assertEqual(set(plans.mapped("origin")), {"RO/0042"})
        level1 = plans.filtered(lambda p: p.level == "1")
        # each customer's owner calls back, a colleague's customer included
        self.assertEqual(level1.employee_id, self.emp_staff | self.emp_other)
        self.assertEqual(
            set(level1.mapped("date_deadline")), {self.recent + timedelta(5)}
        )
        level2 = plans - level1
        self.assertEqual(
            set(level2.mapped("date_deadline")), {self.recent + timedelta(10)}
        )

    def test_cb18_x07_log_an_event_refused_to_others_and_ahead(self):
        for user in (self.salesman, self.internal, self.portal):
            with self.assertRaises(AccessError):
                self._log(user, self.customer)
        with self.assertRaises(UserError):
            self._log(
                self.staff,
                self.customer,
                date_event=fields.Datetime.now() + timedelta(days=2),
            )
        # an event logged after its callbacks were due would give the
        # customer's owner plans missed the day they are made
        with self.assertRaises(UserError):
            self._log(self.staff, self.other_customer, date_event=datetime(2020, 1, 1))
        self.assertFalse(
            self.Plan.search(
                [("partner_id", "in", (self.customer | self.other_customer).ids)]
            )
        )
        # somebody else's wizard is not theirs to run
        wizard = (
            self.env["callback.event.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [(6, 0, self.customer.ids)],
                    "trigger_type_id": self.env.ref(
                        "customer_callback.trigger_repair"
                    ).id,
                    "date_event": self.recent,
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.staff).action_log_event()

    # ------------------------------------------------------------ by hand
    def test_cb18_plan_by_hand_with_a_trigger_type_gets_its_window(self):
        repair = self.env.ref("customer_callback.trigger_repair")
        plan = self.Plan.with_user(self.staff).create(
            {
                "partner_id": self.customer.id,
                "employee_id": self.emp_staff.id,
                "trigger_type_id": repair.id,
                "date_event": EVENT,
            }
        )
        self.assertEqual(plan.date_start, EVENT + timedelta(days=3))
        self.assertEqual(plan.date_deadline, EVENT + timedelta(days=5))
        # a deadline given by hand is kept
        mine = self.Plan.with_user(self.staff).create(
            {
                "partner_id": self.customer.id,
                "employee_id": self.emp_staff.id,
                "trigger_type_id": repair.id,
                "date_event": EVENT,
                "date_deadline": EVENT + timedelta(days=1),
            }
        )
        self.assertEqual(mine.date_deadline, EVENT + timedelta(days=1))
