from collections import Counter
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import clean_context

from ..engine import frequency, quota, reports, windows

#: CB-22: rows the daily job handles per batch (one commit each)
CRON_BATCH = 5000

CHANNELS = [
    ("phone", "Phone"),
    ("visit", "Visit"),
    ("letter", "Letter"),
    ("meeting", "Meeting"),
    ("email", "Email"),
    ("sms", "SMS"),
    ("survey", "Online Survey"),
    ("card", "Card"),
]
CALLBACK_TYPES = [
    ("periodic", "Periodic"),
    ("event", "Event"),
    ("sample", "Sample"),
    ("mandatory", "Mandatory"),
    ("special", "Special"),
]
LEVELS = [("1", "Front Line"), ("2", "Customer Service Department")]
STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("missed", "Missed"),
    ("cancelled", "Cancelled"),
]
# set by the workflow only (actions, cron, wizards), never by a client
PLAN_WORKFLOW_FIELDS = {
    "name",
    "state",
    "date_done",
    "confirmed",
    "sampling_id",
    "quarter",
    "is_late",
    "user_id",
    "department_id",
    "todo_pending",
}
# X-07 CB-07 CB-13: re-planning, rescheduling, exempting, archiving: a
# callback manager's act, and not on a plan assigned to themselves
PLAN_MANAGER_FIELDS = {
    "partner_id",
    "employee_id",
    "company_id",
    "date_event",
    "date_start",
    "date_deadline",
    "active",
    "exempt_quota",
    "callback_type",
    "level",
    "trigger_type_id",
    # X-07 CB-04: a visit that needs the customer's consent stays one
    "channel",
}
MANAGER_GROUP = "customer_callback.group_customer_callback_manager"
USER_GROUP = "customer_callback.group_customer_callback_user"
LOCKED_WHEN_DONE = {
    "partner_id",
    "employee_id",
    "date_deadline",
    "date_start",
    "date_done",
    "channel",
    "callback_type",
    "trigger_type_id",
    "company_id",
    "state",
}


class CallbackPlan(models.Model):
    """A planned callback of a customer (CB-01..CB-08, CB-13)."""

    _name = "callback.plan"
    _description = "Callback Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "callback.workflow.mixin"]
    _order = "date_deadline desc, id desc"
    _check_company_auto = True
    # no context default starts a plan done, confirmed, exempt, special,
    # sampled or archived
    _callback_protected_defaults = PLAN_WORKFLOW_FIELDS | {
        "active",
        "exempt_quota",
        "callback_type",
        "level",
    }

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Assignee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        related="employee_id.user_id",
        store=True,
        index=True,
        precompute=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Team",
        related="employee_id.department_id",
        store=True,
        index=True,
        precompute=True,
    )
    trigger_type_id = fields.Many2one("callback.trigger.type", index=True)
    callback_type = fields.Selection(
        CALLBACK_TYPES, required=True, default="periodic", tracking=True
    )
    level = fields.Selection(LEVELS, required=True, default="1")
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True)
    date_event = fields.Datetime(string="Event Date")
    date_start = fields.Datetime(string="Window Start", tracking=True)
    date_deadline = fields.Datetime(
        string="Deadline", required=True, index=True, tracking=True
    )
    date_done = fields.Datetime(readonly=True, copy=False)
    quarter = fields.Char(
        compute="_compute_quarter",
        store=True,
        index=True,
        precompute=True,
        help="Quarter of the deadline.",
    )
    state = fields.Selection(
        STATES, required=True, default="planned", tracking=True, index=True, copy=False
    )
    exempt_quota = fields.Boolean(
        string="Exempt from Quarterly Cap",
        tracking=True,
        help="CB-07: abnormal-situation callbacks do not count against the cap.",
    )
    confirmed = fields.Boolean(
        tracking=True, help="CB-04: the customer agreed to the visit beforehand."
    )
    needs_confirmation = fields.Boolean(compute="_compute_needs_confirmation")
    record_ids = fields.One2many("callback.record", "plan_id", string="Records")
    record_count = fields.Integer(compute="_compute_record_count")
    is_late = fields.Boolean(
        compute="_compute_is_late", store=True, aggregator="sum", precompute=True
    )
    questionnaire_id = fields.Many2one(
        "callback.questionnaire",
        compute="_compute_questionnaire_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    sampling_id = fields.Many2one("callback.sampling", readonly=True, index=True)
    todo_pending = fields.Boolean(
        string="To-Do Pending",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="CB-22: the window is not open yet; the daily job gives the"
        " assignee their to-do when it opens.",
    )
    origin = fields.Char(help="The document that caused the callback.")
    note = fields.Html()

    # ------------------------------------------------------------ computes
    @api.depends("date_deadline", "company_id.resource_calendar_id.tz")
    def _compute_quarter(self):
        for plan in self:
            plan.quarter = (
                frequency.quarter_key(
                    plan.company_id._callback_local(plan.date_deadline)
                )
                if plan.date_deadline
                else False
            )

    @api.depends("channel", "confirmed", "state")
    def _compute_needs_confirmation(self):
        for plan in self:
            plan.needs_confirmation = (
                plan.channel == "visit"
                and not plan.confirmed
                and plan.state == "planned"
            )

    def _compute_record_count(self):
        counts = dict(
            self.env["callback.record"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.record_count = counts.get(plan, 0)

    @api.depends("state", "date_done", "date_deadline")
    def _compute_is_late(self):
        for plan in self:
            plan.is_late = reports.is_plan_late(
                plan.state, plan.date_done, plan.date_deadline
            )

    @api.depends("trigger_type_id")
    def _compute_questionnaire_id(self):
        for plan in self:
            plan.questionnaire_id = plan.trigger_type_id.questionnaire_id

    # --------------------------------------------------------- constraints
    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for plan in self:
            if (
                plan.date_start
                and plan.date_deadline
                and plan.date_deadline < plan.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The deadline (%(end)s) of callback"
                        " %(name)s is before its window"
                        " start (%(start)s).",
                        end=plan.date_deadline,
                        start=plan.date_start,
                        name=plan.name,
                    )
                )

    @api.constrains(
        "partner_id", "date_deadline", "state", "exempt_quota", "callback_type"
    )
    def _check_quarter_cap(self):
        """CB-07: one grouped query for the whole batch."""
        counted = self.filtered(
            lambda p: p.state in ("planned", "done")
            and not quota.is_exempt(p.callback_type, p.exempt_quota)
        )
        if not counted:
            return
        self._lock_partners(counted.partner_id)
        groups = (
            self.sudo()._read_group(  # sudo: the cap counts every plan of the customer
                [
                    ("partner_id", "in", counted.partner_id.ids),
                    ("quarter", "in", list(set(counted.mapped("quarter")))),
                    ("state", "in", ("planned", "done")),
                    ("exempt_quota", "=", False),
                    ("callback_type", "!=", "special"),
                    ("company_id", "in", counted.company_id.ids),
                ],
                ["company_id", "partner_id", "quarter"],
                ["__count"],
            )
        )
        for company, partner, quarter, count in groups:
            cap = company.callback_quarter_cap
            if count > cap:
                raise ValidationError(
                    self.env._(
                        "%(partner)s would get %(count)s callbacks in %(quarter)s; at"
                        " most %(cap)s are allowed per quarter"
                        " (CB-07). Mark the callback"
                        " as special or exempt if it is an abnormal situation.",
                        partner=partner.display_name,
                        count=count,
                        quarter=quarter,
                        cap=cap,
                    )
                )

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_create_rights(vals_list)
            # a client's create is logged whatever its context
            self = self._callback_no_log_stripped()  # noqa: PLW0642
        self._callback_assign_names(vals_list, "callback.plan")
        self._set_todo_pending(vals_list)
        plans = super().create(vals_list)
        plans.filtered(lambda plan: not plan.todo_pending)._create_activities()
        return plans

    def write(self, vals):
        if not self.env.su:
            self._check_write_rights(vals)
        locked = set(vals) & LOCKED_WHEN_DONE
        if locked and any(plan.state == "done" for plan in self):
            raise UserError(
                self.env._(
                    "A done callback plan cannot be changed (%(fields)s); archive it"
                    " or comment in the chatter.",
                    fields=", ".join(sorted(locked)),
                )
            )
        res = super().write(vals)
        if {"employee_id", "date_deadline", "date_start"} & set(vals):
            planned = self.filtered(lambda p: p.state == "planned")
            planned.activity_ids.filtered(
                lambda a: a.activity_type_id == self._activity_type()
            ).unlink()
            planned._schedule_todos()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if not self.env.su:
            # X-07 CB-13: a plan is cancelled or archived (a manager's act,
            # tracked), never deleted by a user
            raise AccessError(
                self.env._(
                    "Callback plans are never deleted: a callback manager"
                    " cancels or archives them."
                )
            )
        if any(plan.state == "done" for plan in self):
            raise UserError(
                self.env._(
                    "Done callback plans are kept: archive them"
                    " instead of deleting them."
                )
            )
        # sudo: the records of the plan, whoever made them, keep it
        if self.sudo().record_ids:
            raise UserError(
                self.env._(
                    "Callback plans with callback records are kept: archive them"
                    " instead of deleting them."
                )
            )

    # ------------------------------------------------------------ actions
    def action_done(self):
        """Mark planned callbacks done (CB-04: visits need the customer's consent)."""
        self._check_workflow_access()
        not_planned = self.filtered(lambda p: p.state != "planned")
        if not_planned:
            raise UserError(
                self.env._(
                    "Only planned callbacks can be done: %(names)s.",
                    names=", ".join(not_planned.mapped("name")),
                )
            )
        unconfirmed = self.filtered("needs_confirmation")
        if unconfirmed:
            raise UserError(
                self.env._(
                    "Visits must be confirmed with the customer first: %(names)s.",
                    names=", ".join(unconfirmed.mapped("name")),
                )
            )
        if not self.env.su:
            # X-07 CB-09: a plan is done by its filed callback record
            # sudo: the records of the plan, whoever filed them
            unreported = self.filtered(
                lambda plan: "done" not in plan.sudo().record_ids.mapped("state")
            )
            if unreported:
                raise UserError(
                    self.env._(
                        "A callback is done when its callback record is filed:"
                        " %(names)s.",
                        names=", ".join(unreported.mapped("name")),
                    )
                )
        self._write_workflow({"state": "done", "date_done": fields.Datetime.now()})
        self._close_activities(done=True)
        return True

    def action_cancel(self):
        """X-07: cancelling is a manager's act, tracked in the chatter."""
        self._check_manager_act()
        if any(plan.state == "done" for plan in self):
            raise UserError(self.env._("A done callback cannot be cancelled."))
        self._write_workflow({"state": "cancelled"})
        self._close_activities()
        return True

    def action_reset(self):
        """X-07: planning a missed or cancelled callback again is a manager's
        act, tracked in the chatter."""
        self._check_manager_act()
        if any(plan.state == "done" for plan in self):
            raise UserError(self.env._("A done callback cannot be planned again."))
        self._write_workflow({"state": "planned"})
        self._schedule_todos()
        return True

    def action_confirm_visit(self):
        """CB-04: the assignee (or their manager) records the customer's consent."""
        self._check_workflow_access()
        if any(plan.state != "planned" for plan in self):
            raise UserError(self.env._("Only planned visits can be confirmed."))
        self._write_workflow({"confirmed": True})
        return True

    def action_new_record(self):
        """Open a new callback record for this plan (CB-09)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "callback.record",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_plan_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_employee_id": self.employee_id.id,
                "default_channel": self.channel,
                "default_questionnaire_id": self.questionnaire_id.id,
                "default_company_id": self.company_id.id,
            },
        }

    def action_view_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_callback.callback_record_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    # ---------------------------------------------------------------- cron
    @api.model
    def _cron_daily(self, batch_size=CRON_BATCH):
        """CB-13 CB-01 CB-22: one batch of the daily job per call: mark overdue
        plans missed, plan the next customers of one company, give the to-dos
        whose window opens. Odoo's cron runner commits after each call and
        calls again while progress says work remains (ten calls per run, then
        the job is re-triggered at once), so the time and memory of a call do
        not grow with the number of customers, and a killed worker loses one
        batch only: the next run goes on from the company's cursor."""
        missed = self._mark_missed(limit=batch_size)
        scanned, companies_left = self._plan_periodic_batch(batch_size)
        todos = self._create_due_todos(limit=batch_size)
        done = len(missed) + scanned + len(todos)
        remaining = (
            companies_left
            + self.search_count(self._missed_domain(), limit=1)
            + self.search_count(self._due_todos_domain(), limit=1)
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        # flushed: the runner commits; the cache of this batch is dropped so
        # the next call starts light
        self.env.flush_all()
        self.env.invalidate_all()
        return remaining

    @api.model
    def _missed_domain(self, now=None):
        return [
            ("state", "=", "planned"),
            ("date_deadline", "<", now or fields.Datetime.now()),
        ]

    @api.model
    def _mark_missed(self, now=None, limit=None):
        """CB-13: one search, one write, one activity unlink per batch."""
        overdue = self.search(self._missed_domain(now), limit=limit, order="id")
        if overdue:
            overdue.write({"state": "missed"})
            overdue._close_activities()
        return overdue

    @api.model
    def _plan_periodic_batch(self, limit):
        """CB-01: the next ``limit`` customers of the first company not yet
        planned today, from its cursor. Returns (customers scanned, companies
        left for today)."""
        Company = self.env["res.company"].sudo()  # sudo: the job's own bookkeeping
        pending = Company.search([("active", "=", True)], order="id").filtered(
            lambda c: c.callback_planned_on != c._callback_today()
        )
        if not pending:
            return 0, 0
        company = pending[0]
        today = company._callback_today()
        plans, scanned, last_id = self.with_company(
            company
        )._plan_periodic_callbacks_after(
            company, today, company.callback_planning_cursor, limit
        )
        if last_id:
            company.write({"callback_planning_cursor": last_id})
            return scanned, len(pending)
        company.write({"callback_planning_cursor": 0, "callback_planned_on": today})
        return scanned + 1, len(pending) - 1

    @api.model
    def _periodic_candidates_domain(self, company):
        return [
            ("callback_employee_id", "!=", False),
            ("callback_employee_id.company_id", "=", company.id),
            ("callback_dnd", "=", False),
            ("active", "=", True),
        ]

    @api.model
    def _plan_periodic_callbacks(self, company, today=None):
        """CB-01: the periodic plans of every customer of ``company`` due
        within the company's days ahead, batch after batch, in one call
        (the daily job spreads the batches over calls instead)."""
        today = today or company._callback_today()
        plans = self.browse()
        after = 0
        while after is not None:
            batch, _scanned, after = self._plan_periodic_callbacks_after(
                company, today, after, CRON_BATCH
            )
            plans |= batch
        return plans

    @api.model
    def _plan_periodic_callbacks_after(self, company, today, after, limit):
        """CB-01 CB-04: plan the due customers among the next ``limit``
        candidates after id ``after``. A plan is made the company's days
        ahead of the customer's due date, which is its deadline (a high-value
        customer last called on 1 January has until 1 April). The queries do
        not depend on ``limit`` (grouped reads, one create).
        Returns (plans, candidates scanned, last id scanned or None at the
        end)."""
        partners = self.env["res.partner"].search_fetch(
            [*self._periodic_candidates_domain(company), ("id", ">", after or 0)],
            ["callback_tier", "callback_employee_id", "callback_preferred_time"],
            order="id",
            limit=limit,
        )
        if not partners:
            return self.browse(), 0, None
        last_id = partners[-1].id if len(partners) == limit else None
        last = self.env["res.partner"]._callback_last_dates(partners.ids, company)
        months = company._callback_months()
        ahead = company.callback_periodic_days
        deadlines = {}
        for partner in partners:
            day = frequency.periodic_deadline(
                last.get(partner.id),
                partner.callback_tier or "low",
                today,
                ahead,
                months,
            )
            if day:
                deadlines[partner.id] = day
        # CB-07: a customer already at the quarterly cap waits (one grouped query)
        counts = self._quarter_counts(
            list(deadlines),
            list({frequency.quarter_key(day) for day in deadlines.values()}),
        )
        cap = company.callback_quarter_cap
        now = fields.Datetime.now()
        vals_list = [
            self._prepare_periodic_vals(
                partner,
                company,
                now,
                company._callback_utc(
                    datetime.combine(deadlines[partner.id], time(18))
                ),
            )
            for partner in partners
            if partner.id in deadlines
            and quota.room_left(counts, partner.id, deadlines[partner.id], cap)
        ]
        plans = self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        ).create(vals_list)
        return plans, len(partners), last_id

    @api.model
    def _prepare_periodic_vals(self, partner, company, now, deadline):
        return {
            "partner_id": partner.id,
            "employee_id": partner.callback_employee_id.id,
            "company_id": company.id,
            "callback_type": "periodic",
            # explicit values spare a default_get per row in large batches
            "level": "1",
            "channel": "phone",
            "state": "planned",
            "active": True,
            "exempt_quota": False,
            "confirmed": False,
            "date_start": min(
                partner._callback_preferred_moment(now, company), deadline
            ),
            "date_deadline": deadline,
        }

    # -------------------------------------------------------------- to-dos
    @api.model
    def _set_todo_pending(self, vals_list):
        """CB-22: a plan whose window opens later than the company's days
        ahead waits for the daily job to give its to-do (set in the values,
        so creating a batch costs no extra write)."""
        now = fields.Datetime.now()
        companies = {}
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            if company_id not in companies:
                companies[company_id] = (
                    self.env["res.company"].browse(company_id).callback_activity_days
                )
            deadline = fields.Datetime.to_datetime(vals.get("date_deadline"))
            start = fields.Datetime.to_datetime(vals.get("date_start"))
            vals["todo_pending"] = bool(deadline) and not windows.todo_is_due(
                start, deadline, companies[company_id], now
            )

    def _schedule_todos(self):
        """CB-22: the to-dos of open plans whose window opens within the days
        ahead now; the others wait for the daily job."""
        planned = self.filtered(lambda plan: plan.state == "planned")
        now = fields.Datetime.now()
        due = planned.filtered(
            lambda plan: windows.todo_is_due(
                plan.date_start,
                plan.date_deadline,
                plan.company_id.callback_activity_days,
                now,
            )
        )
        if planned - due:
            (planned - due)._write_workflow({"todo_pending": True})
        if due.filtered("todo_pending"):
            due._write_workflow({"todo_pending": False})
        return due._create_activities()

    @api.model
    def _due_todos_domain(self, now=None):
        """CB-22: open plans whose to-do is due (window start, else deadline,
        within each company's days ahead): one OR per setting."""
        now = now or fields.Datetime.now()
        # sudo: every company's setting, whoever runs the job
        groups = (
            self.env["res.company"]
            .sudo()
            ._read_group([], ["callback_activity_days"], ["id:array_agg"])
        )
        by_company = []
        for days, company_ids in groups:
            horizon = now + timedelta(days=days)
            by_company.append(
                [
                    ("company_id", "in", company_ids),
                    "|",
                    ("date_start", "<=", horizon),
                    "&",
                    ("date_start", "=", False),
                    ("date_deadline", "<=", horizon),
                ]
            )
        return [
            ("todo_pending", "=", True),
            ("state", "=", "planned"),
            *expression.OR(by_company or [expression.FALSE_DOMAIN]),
        ]

    @api.model
    def _create_due_todos(self, limit=None, now=None):
        """CB-22: the to-dos whose window opens, ``limit`` plans at a time:
        one search, one write, one create of activities."""
        plans = self.search(self._due_todos_domain(now), limit=limit, order="id")
        if not plans:
            return self.env["mail.activity"]
        plans._write_workflow({"todo_pending": False})
        return plans._create_activities()

    # ---------------------------------------------------------- X-07 guards
    def _check_create_rights(self, vals_list):
        """X-07: a plan starts planned; exempt, special or sampled plans are a
        manager's act (CB-07 CB-05)."""
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        for vals in vals_list:
            if vals.get("state", "planned") != "planned" or vals.get("date_done"):
                raise UserError(
                    self.env._("A callback plan can only be created as planned.")
                )
            if vals.get("confirmed"):
                raise UserError(
                    self.env._(
                        "A visit is confirmed with its own button, not at creation."
                    )
                )
            manager_only = (
                vals.get("exempt_quota")
                or vals.get("callback_type") == "special"
                or vals.get("sampling_id")
            )
            if manager_only and not is_manager:
                raise AccessError(
                    self.env._(
                        "Only a callback manager may create special, exempt or"
                        " sampled callback plans."
                    )
                )

    def _check_write_rights(self, vals):
        """X-07: workflow fields change through the actions only; re-planning,
        rescheduling, exempting or archiving is a manager's act."""
        workflow = set(vals) & PLAN_WORKFLOW_FIELDS
        if workflow:
            raise UserError(
                self.env._(
                    "These fields of a callback plan change through its buttons"
                    " only: %(fields)s.",
                    fields=", ".join(sorted(workflow)),
                )
            )
        if set(vals) & PLAN_MANAGER_FIELDS:
            self._check_manager_act()

    def _check_workflow_access(self):
        """The assignee or their manager acts on a plan (record rules say whose)."""
        if not self.env.su:
            if not self.env.user.has_group(USER_GROUP):
                raise AccessError(
                    self.env._("Only callback staff can act on callback plans.")
                )
            self.check_access("write")

    def _check_plan_open_for_record(self):
        """X-07 CB-09: a callback record is made on a plan the caller may work
        on, neither done, cancelled nor missed."""
        self._check_workflow_access()
        closed = self.filtered(lambda plan: plan.state != "planned")
        if closed:
            raise UserError(
                self.env._(
                    "A callback record is made on a planned callback only: %(names)s.",
                    names=", ".join(closed.mapped("name")),
                )
            )

    def _check_manager_act(self):
        """X-07: cancel, re-plan, reschedule, exempt, archive: a callback
        manager's act on their team's plans, never on a plan assigned to
        themselves (it counts in their own figures)."""
        if self.env.su:
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a callback manager may cancel, re-plan, reschedule, exempt"
                    " or archive a callback plan."
                )
            )
        self.check_access("write")
        own = self.filtered(lambda plan: plan.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "Nobody cancels, re-plans, reschedules, exempts or archives"
                    " the callbacks assigned to themselves: %(names)s.",
                    names=", ".join(own.mapped("name")),
                )
            )

    def _lock_partners(self, partners):
        """CB-07: two users planning the same customer at once are serialised.
        The customer's row is updated (a no-op write that takes its row lock):
        the second transaction waits, then fails with a serialization error
        because its snapshot predates the first one's plan, and Odoo retries
        its request, which then counts that plan. The failure is expected
        under load: not logged as an ERROR (log_exceptions=False)."""
        self.env["callback.plan"].flush_model()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = write_date" " WHERE id = ANY(%s)",
            [sorted(partners.ids)],
            log_exceptions=False,
        )

    # ------------------------------------------------------------- helpers
    @api.model
    def _activity_type(self):
        return self.env.ref(
            "customer_callback.mail_activity_type_callback", raise_if_not_found=False
        )

    def _create_activities(self):
        """One mail.activity per open plan for its assignee, in one create."""
        plans = self.filtered(lambda p: p.state == "planned" and p.user_id)
        if not plans:
            return self.env["mail.activity"]
        activity_type = self._activity_type()
        model_id = self.env["ir.model"]._get_id(self._name)
        label = self.env._("Call back")  # translated once for the whole batch
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": plan.id,
                # given, so mail.activity does not compute them after the insert
                "res_name": plan.name,
                "user_tz": plan.user_id.tz,
                "date_done": False,
                "activity_type_id": activity_type.id if activity_type else False,
                "summary": f"{label} {plan.partner_id.name or ''}",
                "user_id": plan.user_id.id,
                "date_deadline": fields.Date.to_date(plan.date_deadline),
            }
            for plan in plans
        ]
        plans._subscribe_assignees()
        return (
            self.env["mail.activity"]
            .sudo()  # sudo: the planner may create to-dos for other staff members
            # no default_<field> of the caller fills the to-dos
            .with_context(clean_context(self.env.context))
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    def _subscribe_assignees(self):
        """Make each assignee a follower of their plans with the default
        subtypes, in two queries whatever the number of plans; mail.activity
        then finds them subscribed and creates no follower row by row."""
        pairs = [(plan.id, plan.user_id.partner_id.id) for plan in self if plan.user_id]
        if not pairs:
            return
        subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
        self.env["mail.followers"].flush_model()
        self.env.cr.execute(
            """
            INSERT INTO mail_followers (res_model, res_id, partner_id)
                 SELECT %s, pair.res_id, pair.partner_id
                   FROM unnest(%s::int[], %s::int[]) AS pair(res_id, partner_id)
            ON CONFLICT DO NOTHING
              RETURNING id
            """,
            (self._name, [p[0] for p in pairs], [p[1] for p in pairs]),
        )
        follower_ids = [row[0] for row in self.env.cr.fetchall()]
        if follower_ids and subtypes:
            self.env.cr.execute(
                """
                INSERT INTO mail_followers_mail_message_subtype_rel
                            (mail_followers_id, mail_message_subtype_id)
                     SELECT f, s FROM unnest(%s::int[]) f, unnest(%s::int[]) s
                ON CONFLICT DO NOTHING
                """,
                (follower_ids, subtypes.ids),
            )
        self.env["mail.followers"].invalidate_model()
        self.invalidate_recordset(["message_follower_ids"])

    def _close_activities(self, done=False):
        activities = self.activity_ids
        activity_type = self._activity_type()
        if activity_type:
            activities = activities.filtered(
                lambda a: a.activity_type_id == activity_type
            )
        if not activities:
            return
        if done:
            activities.action_feedback(feedback=self.env._("Callback done."))
        else:
            activities.unlink()

    @api.model
    def _quarter_counts(self, partner_ids, quarters):
        """CB-07: Counter (partner id, quarter) of counted plans, one query."""
        groups = (
            self.sudo()._read_group(  # sudo: the cap counts plans of every staff member
                [
                    ("partner_id", "in", partner_ids),
                    ("quarter", "in", quarters),
                    ("state", "in", ("planned", "done")),
                    ("exempt_quota", "=", False),
                    ("callback_type", "!=", "special"),
                ],
                ["partner_id", "quarter"],
                ["__count"],
            )
        )
        return Counter(
            {(partner.id, quarter): count for partner, quarter, count in groups}
        )
