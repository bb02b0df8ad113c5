from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

USER_GROUP = "customer_callback.group_customer_callback_user"
MANAGER_GROUP = "customer_callback.group_customer_callback_manager"


class CallbackEventWizard(models.TransientModel):
    """CB-18: a company without the app that marks an event (Repair, Inventory,
    Helpdesk) logs the event on the customer; the trigger type's callbacks
    are planned as if the app had marked it."""

    _name = "callback.event.wizard"
    _description = "Log a Callback Event"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    trigger_type_id = fields.Many2one(
        "callback.trigger.type",
        string="Event",
        required=True,
        domain="[('company_id', 'in', [False, company_id])]",
    )
    date_event = fields.Datetime(
        string="Event Date", required=True, default=fields.Datetime.now
    )
    origin = fields.Char(
        string="Reference", help="e.g. the repair order or delivery number."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "partner_ids" in fields_list
            and self.env.context.get("active_model") == "res.partner"
            and self.env.context.get("active_ids")
        ):
            res["partner_ids"] = [(6, 0, self.env.context["active_ids"])]
        return res

    def action_log_event(self):
        """Plan the event's callbacks (CB-02, CB-03 levels, CB-07 cap, CB-16
        do-not-disturb) and open them."""
        self.ensure_one()
        if not self.env.user.has_group(USER_GROUP):
            raise AccessError(
                self.env._("Only callback staff and managers log callback events.")
            )
        if self.date_event > fields.Datetime.now():
            raise UserError(
                self.env._("An event is logged once it has happened, not ahead.")
            )
        trigger = self.trigger_type_id
        if trigger.company_id and trigger.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "The event %(trigger)s belongs to another company.",
                    trigger=trigger.name,
                )
            )
        __start, deadline = trigger._compute_windows(self.date_event, self.company_id)
        if deadline < fields.Datetime.now():
            # an event logged after its callbacks were due would give a
            # colleague plans that are missed the day they are made
            raise UserError(
                self.env._(
                    "The callbacks of an event of %(date)s were due by %(deadline)s:"
                    " it is too late to plan them. Plan a callback by hand if the"
                    " customer should still be called.",
                    date=fields.Datetime.to_string(self.date_event),
                    deadline=fields.Datetime.to_string(deadline),
                )
            )
        if trigger.channel == "survey" and not self.env.user.has_group(MANAGER_GROUP):
            # a survey the customer answers scores its assignee; its
            # plans come from a real event or from a manager
            raise AccessError(
                self.env._(
                    "Only a callback manager logs an event whose callbacks are"
                    " online surveys."
                )
            )
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You do not work for %(company)s.", company=self.company_id.name
                )
            )
        partners = self.partner_ids
        partners.check_access("read")
        # sudo: the plans go to each customer's callback owner, who may be a
        # colleague; the caller's role was checked above and the plans are
        # created by the same path as an app's event (CB-18)
        plans = partners.sudo().action_trigger_callback(
            self.trigger_type_id.code,
            event_date=self.date_event,
            company=self.company_id,
            origin=self.origin
            or self.env._("Logged by %(user)s", user=self.env.user.name),
        )
        if not plans:
            raise UserError(
                self.env._(
                    "No callback planned: the customers do not wish to be"
                    " called back."
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_callback.callback_plan_action"
        )
        action["domain"] = [("id", "in", plans.ids)]
        action["context"] = {}
        return action
