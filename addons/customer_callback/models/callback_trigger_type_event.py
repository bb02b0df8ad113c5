"""CB-18: events from any installed app.

A trigger type is bound, from its form, to a model of the database, the
condition that marks the event (a repair order becoming done, an outgoing
delivery validated, a ticket closed) and the field that holds the customer.
Binding creates an automation rule of Odoo's own engine (``base_automation``)
whose action is a server action of type *Plan Callbacks*: Repair, Inventory,
Helpdesk or a company's own app trigger callbacks without a line of code, and
the rule shows in *Settings > Technical > Automation Rules* like any other.
The same action type can be used in a rule an administrator writes by hand.
"""

import ast
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

_logger = logging.getLogger(__name__)

# fields of a trigger type that only the binding actions write
BINDING_PROTECTED = {"automation_id"}


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[("callback_plan", "Plan Callbacks")],
        ondelete={"callback_plan": "cascade"},
    )
    callback_trigger_type_id = fields.Many2one(
        "callback.trigger.type",
        string="Callback Trigger",
        ondelete="cascade",
        help="CB-18: the callbacks this event calls for.",
    )

    @api.constrains("state", "callback_trigger_type_id", "model_id")
    def _check_callback_trigger(self):
        for action in self.filtered(lambda a: a.state == "callback_plan"):
            trigger = action.callback_trigger_type_id
            if not trigger:
                raise ValidationError(
                    self.env._("A Plan Callbacks action needs a callback trigger.")
                )
            if trigger.model_id and trigger.model_id != action.model_id:
                raise ValidationError(
                    self.env._(
                        "The callback trigger %(trigger)s is bound to %(bound)s,"
                        " not to %(model)s.",
                        trigger=trigger.name,
                        bound=trigger.model_id.name,
                        model=action.model_id.name,
                    )
                )

    def _run_action_callback_plan_multi(self, eval_context=None):
        """CB-18: the records of the event plan their customers' callbacks.

        X-07: only the automation rule runs it (Odoo runs a rule's actions as
        the server); run by hand over RPC, by whoever may edit the records,
        it would plan callbacks for an event that never happened. Even then,
        only the records that meet the event condition plan anything."""
        eval_context = eval_context or {}
        env = eval_context.get("env") or self.env
        if not env.su:
            raise AccessError(
                self.env._(
                    "Callbacks are planned by the event itself, not by running"
                    " its action by hand."
                )
            )
        records = eval_context.get("records") or eval_context.get("record")
        trigger = self.callback_trigger_type_id
        if records and trigger.model_name == records._name:
            records = records.filtered_domain(trigger._event_domain())
            if records:
                trigger._callback_on_event(records)
        return False


class CallbackTriggerType(models.Model):
    _inherit = "callback.trigger.type"

    model_id = fields.Many2one(
        "ir.model",
        string="Event Model",
        ondelete="set null",
        domain=[("transient", "=", False)],
        help="CB-18: the app record whose change marks the event, e.g. a repair"
        " order, a delivery, a helpdesk ticket.",
    )
    model_name = fields.Char(related="model_id.model", string="Event Model Name")
    event_domain = fields.Char(
        string="Event Condition",
        default="[]",
        help="CB-18: the event happens when a record starts to match this"
        " condition (e.g. a repair order whose state becomes Done).",
    )
    partner_field_id = fields.Many2one(
        "ir.model.fields",
        string="Customer Field",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'),"
        " ('relation', '=', 'res.partner')]",
        help="CB-18: the field of the event's record that holds the customer."
        " Empty on a contact: the contact itself.",
    )
    date_field_id = fields.Many2one(
        "ir.model.fields",
        string="Event Date Field",
        ondelete="set null",
        domain="[('model_id', '=', model_id),"
        " ('ttype', 'in', ('date', 'datetime'))]",
        help="Where the event's date is read; empty: when the change is saved.",
    )
    automation_id = fields.Many2one(
        "base.automation",
        string="Automation Rule",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups="base.group_system",
    )
    event_bound = fields.Boolean(
        string="Bound to an App", compute="_compute_event_bound"
    )

    @api.depends("automation_id.active")
    def _compute_event_bound(self):
        for trigger in self:
            # sudo: automation rules are technical records
            trigger.event_bound = bool(trigger.sudo().automation_id.active)

    @api.onchange("model_id")
    def _onchange_model_id(self):
        self.partner_field_id = False
        self.date_field_id = False
        self.event_domain = "[]"

    # ---------------------------------------------------------------- guards
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(BINDING_PROTECTED & set(v) for v in vals_list):
            raise AccessError(
                self.env._("A trigger type is bound to an app by its Bind button.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and BINDING_PROTECTED & set(vals):
            raise AccessError(
                self.env._("A trigger type is bound to an app by its Bind button.")
            )
        # CB-18: a shared trigger type, or one made shared, is the
        # administrator's (callback.shared.configuration)
        res = super().write(vals)
        binding = {"model_id", "event_domain", "partner_field_id", "date_field_id"}
        if binding & set(vals):
            bound = self.filtered("event_bound")
            if bound:  # the rule follows its trigger type's new binding
                bound.action_bind_event()
        if "active" in vals and not vals["active"]:
            # sudo: automation rules are technical; the caller could archive
            # the trigger type (manager), so the rule goes with it
            self.sudo().automation_id.active = False
        return res

    # ---------------------------------------------------------------- binding
    def _check_binding(self):
        self.ensure_one()
        if not self.model_id:
            raise UserError(
                self.env._(
                    "Choose the model whose records mark the event of %(trigger)s.",
                    trigger=self.name,
                )
            )
        if self.model_name not in self.env:
            raise UserError(
                self.env._(
                    "The model %(model)s is not installed.", model=self.model_id.name
                )
            )
        if not self.partner_field_id and self.model_name != "res.partner":
            raise UserError(
                self.env._(
                    "Choose the field of %(model)s that holds the customer.",
                    model=self.model_id.name,
                )
            )
        try:
            domain = self._event_domain()
            self.env[self.model_name].sudo().search_count(domain, limit=1)
        except Exception as error:  # any mistake in a typed condition
            raise UserError(
                self.env._(
                    "The event condition %(domain)s is not valid for %(model)s:"
                    " %(error)s",
                    domain=self.event_domain,
                    model=self.model_id.name,
                    error=error,
                )
            ) from error
        return domain

    def _event_domain(self):
        """The condition as a list of literal leaves. X-07: it is read as data
        (``ast.literal_eval``), never run as code: a manager writes a
        condition, not a program."""
        try:
            domain = ast.literal_eval((self.event_domain or "[]").strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as err:
            raise ValueError(
                self.env._("only fields, operators and plain values are allowed")
            ) from err
        if not isinstance(domain, list | tuple):
            raise ValueError(self.env._("a condition is a list"))
        return list(domain)

    def action_bind_event(self):
        """CB-18: create or update the automation rule of each trigger type.

        The rule fires when a record of the model starts to match the event
        condition (it did not before the change, it does after, or it is
        created matching it), and only when a field of the condition changes.
        """
        self._check_manager()
        Automation = self.env["base.automation"].sudo()  # technical, see below
        for trigger in self:
            domain = trigger._check_binding()
            pre_domain = (
                ["!", *expression.normalize_domain(domain)] if domain else False
            )
            action_vals = {
                "name": self.env._("Plan callbacks: %(trigger)s", trigger=trigger.name),
                "model_id": trigger.model_id.id,
                "state": "callback_plan",
                "callback_trigger_type_id": trigger.id,
                "usage": "base_automation",
            }
            rule_vals = {
                "name": self.env._("Callbacks: %(trigger)s", trigger=trigger.name),
                "model_id": trigger.model_id.id,
                "trigger": "on_create_or_write",
                "filter_domain": repr(domain) if domain else False,
                "filter_pre_domain": repr(pre_domain) if pre_domain else False,
                "active": True,
            }
            # sudo: automation rules are an administrator's records; a
            # callback manager reaches them only through this method, after
            # the role check, and only for the rule of their trigger type
            automation = trigger.sudo().automation_id
            if automation:
                automation.write(rule_vals)
            else:
                automation = Automation.create(rule_vals)
            # the action is created on its own: Odoo does not run the
            # commands of a sudo write of an x2many field as superuser
            Action = self.env["ir.actions.server"].sudo()
            Action.search(
                [
                    ("base_automation_id", "=", automation.id),
                    ("state", "=", "callback_plan"),
                ]
            ).unlink()
            Action.create({**action_vals, "base_automation_id": automation.id})
            # the trigger fields follow the condition (base_automation's own
            # compute adds them but never removes one the condition lost)
            automation.trigger_field_ids = automation._get_filter_domain_fields()
            trigger.sudo().automation_id = automation
        return True

    def action_unbind_event(self):
        """Stop the app's events from planning callbacks (the rule is archived,
        kept for the record)."""
        self._check_manager()
        # sudo: see action_bind_event
        self.sudo().automation_id.active = False
        return True

    def _check_manager(self):
        # the server itself (a module update rewriting a bound trigger type's
        # data) re-binds too
        if not self.env.su and not self.env.user.has_group(
            "customer_callback.group_customer_callback_manager"
        ):
            raise AccessError(
                self.env._("Only a callback manager binds a trigger type to an app.")
            )
        # CB-18: a shared one, only an administrator; the caller's own
        # company's, its manager (the record rule is checked by the write)
        self._check_shared_configuration()
        if not self.env.su:
            self.check_access("write")

    # ---------------------------------------------------------------- events
    def _callback_on_event(self, records):
        """CB-18: plan the callbacks of ``records``, the records of the bound
        model that just marked the event. One batch per company and person in
        charge. X-06: the act that marked the event (validating a delivery,
        closing a ticket) never fails for a callback reason: a customer who
        cannot be planned (no owner, the quarterly cap) is logged on the
        record instead."""
        self.ensure_one()
        if not records:
            return self.env["callback.plan"]
        # sudo: the plans of an event are the server's act; whoever could
        # change the record (checked by Odoo before the automation runs) may
        # have its callbacks planned, and nothing of them is returned
        env = self.sudo().env
        records = records.with_env(env)
        partner_field = self.partner_field_id.name
        date_field = self.date_field_id.name
        groups = {}
        for record in records:
            partner = record[partner_field] if partner_field else record
            if not partner:
                continue
            partner = partner.commercial_partner_id
            company = (
                record.company_id
                if "company_id" in record._fields and record.company_id
                else partner.company_id or env.company
            )
            user = env["res.users"]
            field = record._fields.get("user_id")
            if field and field.comodel_name == "res.users":
                user = record.user_id  # the person in charge of the record
            event = record[date_field] if date_field else False
            key = (company, user[:1], fields.Datetime.to_datetime(event) or False)
            entry = groups.setdefault(key, [records.browse(), env["res.partner"]])
            entry[0] |= record
            entry[1] |= partner
        plans = env["callback.plan"]
        for (company, user, event), (group, partners) in groups.items():
            try:
                with self.env.cr.savepoint():
                    plans |= partners.action_trigger_callback(
                        self.code,
                        event_date=event or None,
                        company=company,
                        employee=user.employee_id[:1] or None,
                        origin=", ".join(group.mapped("display_name")),
                    )
            except UserError as error:
                body = self.env._(
                    "No callback planned: %(reason)s", reason=error.args[0]
                )
                if hasattr(group, "_message_log_batch"):
                    group._message_log_batch(dict.fromkeys(group.ids, body))
                else:
                    _logger.info("%s: %s", group, body)
        return plans


class CallbackPlan(models.Model):
    """CB-18: a plan created by hand with a trigger type gets its window."""

    _inherit = "callback.plan"

    @api.model_create_multi
    def create(self, vals_list):
        self._fill_trigger_windows(vals_list)
        return super().create(vals_list)

    @api.model
    def _fill_trigger_windows(self, vals_list):
        """Window start and deadline from the trigger type and the event date
        (now when none is given), unless the caller set the deadline."""
        Trigger = self.env["callback.trigger.type"].sudo()  # configuration
        for vals in vals_list:
            if not vals.get("trigger_type_id") or vals.get("date_deadline"):
                continue
            trigger = Trigger.browse(vals["trigger_type_id"])
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            event = (
                fields.Datetime.to_datetime(vals.get("date_event"))
                or fields.Datetime.now()
            )
            start, end = trigger._compute_windows(
                event, company, vals.get("level") or "1"
            )
            vals.setdefault("date_event", event)
            vals["date_deadline"] = end
            if not vals.get("date_start"):
                vals["date_start"] = start

    @api.onchange("trigger_type_id", "date_event", "level")
    def _onchange_trigger_window(self):
        for plan in self.filtered("trigger_type_id"):
            event = plan.date_event or fields.Datetime.now()
            start, end = plan.trigger_type_id._compute_windows(
                event, plan.company_id or self.env.company, plan.level or "1"
            )
            plan.date_start, plan.date_deadline = start, end
