from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import frequency, windows
from ..engine.errors import CallbackRuleError

TIERS = [("high", "High"), ("medium", "Medium"), ("low", "Low")]
# X-07 CB-01 CB-06: who is called how often and by whom is the callback
# manager's decision (staff would lower their own workload)
MANAGER_FIELDS = {"callback_tier", "callback_employee_id", "callback_key"}
# X-07 CB-15 CB-19: which partner is a dealer and whose customer a customer
# is decides the dealer's figures and deductions: the manager's
MANAGER_FIELDS |= {"is_callback_dealer", "callback_dealer_id"}
# CB-16: the customer's wishes, recorded by callback staff
STAFF_FIELDS = {"callback_dnd", "callback_preferred_time", "callback_business_changed"}
MANAGER_GROUP = "customer_callback.group_customer_callback_manager"
USER_GROUP = "customer_callback.group_customer_callback_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    callback_tier = fields.Selection(
        TIERS,
        string="Value Tier",
        default="low",
        index=True,
        tracking=True,
        help="CB-01: high is called back at least quarterly,"
        " medium half-yearly, low yearly.",
    )
    callback_key = fields.Boolean(
        string="Key Customer",
        help="CB-06: media, representatives, supervisors... called back one by one.",
    )
    callback_business_changed = fields.Boolean(
        string="New or Changed Business",
        help="CB-06: new or changed business makes a callback mandatory this quarter.",
    )
    callback_dnd = fields.Boolean(
        string="Do Not Disturb", help="CB-16: the customer opted out of callbacks."
    )
    callback_preferred_time = fields.Float(
        string="Preferred Contact Time",
        help="CB-16: hour of the day (14.5 = 14:30) planned"
        " callbacks start at; 0 = none.",
    )
    callback_employee_id = fields.Many2one(
        "hr.employee",
        string="Callback Owner",
        help="The staff member who calls this customer back.",
    )
    is_callback_dealer = fields.Boolean(
        string="Is a Dealer",
        tracking=True,
        help="CB-19: a dealer who sells or services the company's products; its"
        " customers' files and satisfaction are measured per dealer.",
    )
    callback_dealer_id = fields.Many2one(
        "res.partner",
        string="Dealer",
        index=True,
        tracking=True,
        domain=[("is_callback_dealer", "=", True)],
        help="CB-15 CB-19: the dealer who sold or serviced this customer.",
    )
    callback_plan_ids = fields.One2many(
        "callback.plan",
        "partner_id",
        groups="customer_callback.group_customer_callback_user",
    )
    callback_plan_count = fields.Integer(
        compute="_compute_callback_counts",
        groups="customer_callback.group_customer_callback_user",
    )
    callback_record_count = fields.Integer(
        compute="_compute_callback_counts",
        groups="customer_callback.group_customer_callback_user",
    )
    callback_next_date = fields.Datetime(
        compute="_compute_callback_counts",
        string="Next Callback",
        groups="customer_callback.group_customer_callback_user",
    )
    callback_last_date = fields.Datetime(
        compute="_compute_callback_counts",
        string="Last Callback",
        groups="customer_callback.group_customer_callback_user",
    )

    @api.constrains("callback_preferred_time")
    def _check_callback_preferred_time(self):
        for partner in self:
            if not 0 <= partner.callback_preferred_time < 24:
                raise ValidationError(
                    self.env._(
                        "The preferred contact time of %(partner)s"
                        " must be an hour between"
                        " 0 and 24.",
                        partner=partner.display_name,
                    )
                )

    @api.model
    def default_get(self, fields_list):
        """X-07: a ``default_<field>`` context key or user default fills a
        customer's callback settings only for whoever may set them; for the
        others those fields get their declared default (the create guard
        checks the values given, Odoo fills the missing ones from here)."""
        defaults = super().default_get(fields_list)
        if self.env.su:
            return defaults
        user = self.env.user
        blocked = set()
        if not user.has_group(MANAGER_GROUP):
            blocked |= MANAGER_FIELDS
        if not user.has_group(USER_GROUP):
            blocked |= STAFF_FIELDS
        for name in blocked & set(defaults):
            field = self._fields[name]
            if field.default:
                value = field.convert_to_cache(field.default(self), self)
                defaults[name] = field.convert_to_write(value, self)
            else:
                del defaults[name]
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                set_fields = {
                    name
                    for name in MANAGER_FIELDS | STAFF_FIELDS
                    if vals.get(name) and vals.get(name) != "low"
                }
                self._check_callback_fields(set_fields)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & (MANAGER_FIELDS | STAFF_FIELDS):
            self._check_callback_fields(set(vals))
        return super().write(vals)

    @api.model
    def _check_callback_fields(self, names):
        """X-07: the callback settings of a customer are not changed by whoever
        may edit the contact."""
        user = self.env.user
        if names & MANAGER_FIELDS and not user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a callback manager sets a customer's value tier, key"
                    " status, callback owner and dealer."
                )
            )
        if names & STAFF_FIELDS and not user.has_group(USER_GROUP):
            raise AccessError(
                self.env._(
                    "Only callback staff record a customer's callback preferences."
                )
            )

    def _compute_callback_counts(self):
        """Counters and dates for the smart buttons: two grouped queries."""
        plan_groups = self.env["callback.plan"]._read_group(
            [("partner_id", "in", self.ids)],
            ["partner_id", "state"],
            ["__count", "date_deadline:min", "date_done:max"],
        )
        plans = {}
        for partner, state, count, deadline_min, done_max in plan_groups:
            entry = plans.setdefault(
                partner.id, {"count": 0, "next": False, "last": False}
            )
            entry["count"] += count
            if state == "planned":
                entry["next"] = deadline_min
            if state == "done":
                entry["last"] = done_max
        records = dict(
            self.env["callback.record"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            entry = plans.get(partner.id, {})
            partner.callback_plan_count = entry.get("count", 0)
            partner.callback_next_date = entry.get("next", False)
            partner.callback_last_date = entry.get("last", False)
            partner.callback_record_count = records.get(partner, 0)

    # ------------------------------------------------------------ actions
    def action_view_callback_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_callback.callback_plan_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "search_default_filter_open": 0,
        }
        return action

    def action_view_callback_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_callback.callback_record_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_trigger_callback(self, trigger_code, event_date=None, **kw):
        """CB-02/CB-03: plan the callbacks an event calls for, for every partner
        of the recordset (one batch create). Other apps call it, e.g.::

            partner.action_trigger_callback("repair", event_date=repair.date)

        Keywords: ``employee`` (hr.employee, default: each partner's callback
        owner, else the caller's employee), ``origin`` (text), ``channel``,
        ``company`` (res.company). Do-not-disturb partners are skipped (CB-16).
        Returns the created plans.
        """
        company = kw.pop("company", None) or self.env.company
        trigger = self.env["callback.trigger.type"].search(
            [("code", "=", trigger_code), ("company_id", "in", [False, company.id])],
            order="company_id",
            limit=1,
        )
        if not trigger:
            raise UserError(
                self.env._(
                    "There is no callback trigger type with code %(code)s.",
                    code=trigger_code,
                )
            )
        event = (
            fields.Datetime.to_datetime(event_date)
            if event_date
            else fields.Datetime.now()
        )
        vals_list = self._prepare_trigger_plan_vals(trigger, event, company, **kw)
        if not vals_list:
            return self.env["callback.plan"]
        return self.env["callback.plan"].create(vals_list)

    # ------------------------------------------------------------ helpers
    def _prepare_trigger_plan_vals(self, trigger, event, company, **kw):
        levels = [("1", False)]
        if trigger.level2:
            levels.append(("2", company.callback_department_id))
        default_employee = kw.get("employee") or self.env.user.employee_id
        vals_list = []
        windows_by_level = {
            level: trigger._compute_windows(event, company, level)
            for level, _dep in levels
        }
        for partner in self.filtered(lambda p: not p.callback_dnd):
            for level, department in levels:
                start, end = windows_by_level[level]
                employee = partner.callback_employee_id or default_employee
                if level == "2" and department and department.manager_id:
                    employee = department.manager_id
                if not employee:
                    raise UserError(
                        self.env._(
                            "Nobody can call %(partner)s back: set a callback owner on"
                            " the customer.",
                            partner=partner.display_name,
                        )
                    )
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "employee_id": employee.id,
                        "company_id": company.id,
                        "trigger_type_id": trigger.id,
                        "callback_type": kw.get("callback_type")
                        or ("mandatory" if trigger.mandatory else "event"),
                        "level": level,
                        "channel": kw.get("channel") or trigger.channel,
                        "date_event": event,
                        "date_start": min(
                            partner._callback_preferred_moment(start, company), end
                        ),
                        "date_deadline": end,
                        "origin": kw.get("origin"),
                        "exempt_quota": bool(kw.get("exempt_quota")),
                    }
                )
        return vals_list

    def _callback_preferred_moment(self, moment, company=None):
        """CB-16: ``moment`` (UTC) moved to the partner's preferred hour, in the
        company's time zone, that day or the next (never earlier than
        ``moment``): a customer who prefers 20:00 in Beijing is called at
        20:00 Beijing time."""
        self.ensure_one()
        if not self.callback_preferred_time:
            return moment
        company = company or self.env.company
        local = company._callback_local(moment)
        try:
            preferred = windows.at_preferred_time(local, self.callback_preferred_time)
        except CallbackRuleError:
            return moment
        if preferred < local:
            preferred += timedelta(days=1)
        return company._callback_utc(preferred)

    @api.model
    def _callback_last_dates(self, partner_ids, company=None):
        """CB-01: partner id -> date of the latest callback (done or still
        planned; planned ones count so a partner is not planned twice).
        One grouped query for any number of partners."""
        domain = [
            ("partner_id", "in", partner_ids),
            ("state", "in", ("planned", "done")),
        ]
        if company:
            domain.append(("company_id", "=", company.id))
        groups = (
            self.env["callback.plan"]
            .sudo()
            ._read_group(  # sudo: cron-wide figures
                domain, ["partner_id"], ["date_deadline:max", "date_done:max"]
            )
        )
        result = {}
        for partner, deadline, done in groups:
            moments = [m for m in (deadline, done) if m]
            if moments:
                result[partner.id] = max(moments).date()
        return result

    def _callback_due_in_quarter(self, year, quarter, company):
        """CB-04: the partners of ``self`` due in the quarter by their tier."""
        last = self._callback_last_dates(self.ids, company)
        months = company._callback_months()
        return self.filtered(
            lambda p: frequency.due_in_quarter(
                last.get(p.id), p.callback_tier or "low", year, quarter, months
            )
        )
