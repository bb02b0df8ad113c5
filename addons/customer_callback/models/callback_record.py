from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import frequency, questionnaire, reports
from .callback_plan import CHANNELS, MANAGER_GROUP, USER_GROUP

# X-07 CB-12: set by the workflow only (filing, review), never by a client
RECORD_WORKFLOW_FIELDS = {
    "name",
    "state",
    "date_report",
    "reviewed_by_id",
    "date_reviewed",
    "report_late",
    "quarter",
    "answered",
    "returned",
    "satisfaction",
    "dissatisfied",
    "user_id",
    "department_id",
    "commercial_partner_id",
    "trigger_type_id",
    "callback_type",
    "satisfaction_group",
}
# a supervisor's act, never on their own record
RECORD_MANAGER_FIELDS = {"active", "employee_id", "company_id", "review_comment"}
# what may still change on a done record (CB-09: kept as filed)
RECORD_OPEN_WHEN_DONE = {
    "active",
    "review_comment",
    "reviewed_by_id",
    "date_reviewed",
    "message_follower_ids",
    "activity_ids",
    "message_main_attachment_id",
}


class CallbackRecord(models.Model):
    """What happened on a callback (CB-09..CB-12)."""

    _name = "callback.record"
    _description = "Callback Record"
    _inherit = ["mail.thread", "mail.activity.mixin", "callback.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # no context default files, reviews, comments or archives a record
    _callback_protected_defaults = RECORD_WORKFLOW_FIELDS | {
        "active",
        "review_comment",
    }

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    plan_id = fields.Many2one(
        "callback.plan", index=True, check_company=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_from_plan",
        store=True,
        readonly=False,
        precompute=True,
    )
    commercial_partner_id = fields.Many2one(
        "res.partner", related="partner_id.commercial_partner_id", store=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Made By",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_from_plan",
        store=True,
        readonly=False,
        precompute=True,
    )
    user_id = fields.Many2one(
        "res.users", related="employee_id.user_id", store=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Team",
        related="employee_id.department_id",
        store=True,
        index=True,
    )
    trigger_type_id = fields.Many2one(related="plan_id.trigger_type_id", store=True)
    callback_type = fields.Selection(related="plan_id.callback_type", store=True)
    satisfaction_group = fields.Selection(
        related="plan_id.trigger_type_id.satisfaction_group", store=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    date_report = fields.Datetime(string="Report Date", readonly=True, copy=False)
    report_late = fields.Boolean(
        compute="_compute_report_late", store=True, aggregator="sum"
    )
    quarter = fields.Char(compute="_compute_quarter", store=True, index=True)
    channel = fields.Selection(
        CHANNELS,
        required=True,
        compute="_compute_from_plan",
        store=True,
        readonly=False,
        precompute=True,
    )
    contact_name = fields.Char(string="Person Reached")
    reached = fields.Boolean(
        help="CB-09: the customer was reached (a successful callback)."
    )
    questionnaire_id = fields.Many2one(
        "callback.questionnaire",
        compute="_compute_from_plan",
        store=True,
        readonly=False,
        precompute=True,
    )
    answer_ids = fields.One2many("callback.answer", "record_id", copy=True)
    answered = fields.Boolean(
        compute="_compute_satisfaction", store=True, aggregator="sum"
    )
    returned = fields.Boolean(
        string="Questionnaire Returned",
        compute="_compute_satisfaction",
        store=True,
        aggregator="sum",
        help="CB-10 CB-14: every question of the questionnaire is answered.",
    )
    satisfaction = fields.Float(
        compute="_compute_satisfaction", store=True, aggregator="avg", digits=(5, 2)
    )
    dissatisfied = fields.Boolean(compute="_compute_satisfaction", store=True)
    issues = fields.Text()
    suggestions = fields.Text()
    cost = fields.Monetary(currency_field="currency_id", aggregator="sum")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    review_comment = fields.Text(string="Supervisor Comment", tracking=True)
    reviewed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_reviewed = fields.Datetime(readonly=True, copy=False)
    escalation_ids = fields.One2many("callback.escalation", "record_id")
    escalation_count = fields.Integer(compute="_compute_escalation_count")

    # ------------------------------------------------------------ computes
    @api.depends("plan_id")
    def _compute_from_plan(self):
        for record in self:
            plan = record.plan_id
            if not plan:
                record.partner_id = record.partner_id
                record.employee_id = record.employee_id or self.env.user.employee_id
                record.channel = record.channel or "phone"
                record.questionnaire_id = record.questionnaire_id
                continue
            record.partner_id = plan.partner_id
            record.employee_id = record.employee_id or plan.employee_id
            record.channel = plan.channel
            record.questionnaire_id = record.questionnaire_id or plan.questionnaire_id

    @api.depends("date", "date_report", "company_id.resource_calendar_id.tz")
    def _compute_report_late(self):
        for record in self:
            local = record.company_id._callback_local
            record.report_late = reports.is_report_late(
                local(record.date), local(record.date_report)
            )

    @api.depends("date", "company_id.resource_calendar_id.tz")
    def _compute_quarter(self):
        for record in self:
            record.quarter = (
                frequency.quarter_key(record.company_id._callback_local(record.date))
                if record.date
                else False
            )

    @api.depends("answer_ids.score", "company_id.callback_dissatisfied_score")
    def _compute_satisfaction(self):
        for record in self:
            scores = [a.score for a in record.answer_ids if a.score]
            record.answered = bool(scores)
            record.returned = questionnaire.is_returned(
                [answer.score for answer in record.answer_ids]
            )
            record.satisfaction = questionnaire.satisfaction(scores)
            threshold = record.company_id.callback_dissatisfied_score or 2
            record.dissatisfied = any(s <= threshold for s in scores)

    def _compute_escalation_count(self):
        counts = dict(
            self.env["callback.escalation"]._read_group(
                [("record_id", "in", self.ids)], ["record_id"], ["__count"]
            )
        )
        for record in self:
            record.escalation_count = counts.get(record, 0)

    @api.onchange("questionnaire_id")
    def _onchange_questionnaire_id(self):
        """CB-10: the form shows the questionnaire's questions to answer."""
        for record in self:
            questions = record.questionnaire_id.question_ids
            removed = record.answer_ids.filtered(
                lambda answer, questions=questions: not answer.score
                and answer.question_id not in questions
            )
            missing = questions - (record.answer_ids - removed).question_id
            record.answer_ids = [
                fields.Command.unlink(answer.id) for answer in removed
            ] + [
                fields.Command.create({"question_id": question.id})
                for question in missing
            ]

    # --------------------------------------------------------- constraints
    @api.constrains("questionnaire_id")
    def _check_questionnaire_answers(self):
        """CB-10: only the questionnaire's questions are answered."""
        self.answer_ids._check_question()

    @api.constrains("cost")
    def _check_cost(self):
        for record in self:
            if record.cost < 0:
                raise ValidationError(
                    self.env._(
                        "The cost of callback %(name)s cannot be negative (%(cost)s).",
                        name=record.name,
                        cost=record.cost,
                    )
                )

    @api.constrains("date", "date_report")
    def _check_date_report(self):
        """CB-12: a report is not filed before its callback happened."""
        for record in self:
            if record.date_report and record.date and record.date_report < record.date:
                raise ValidationError(
                    self.env._(
                        "The report of callback %(name)s cannot be dated"
                        " (%(report)s) before the callback (%(date)s).",
                        name=record.name,
                        report=record.date_report,
                        date=record.date,
                    )
                )

    @api.constrains("satisfaction")
    def _check_satisfaction(self):
        for record in self:
            if not 0 <= record.satisfaction <= 100:
                raise ValidationError(
                    self.env._(
                        "Satisfaction must be between 0 and 100 (%(value)s).",
                        value=record.satisfaction,
                    )
                )

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_create_rights(vals_list)
            # a client's create is logged whatever its context
            self = self._callback_no_log_stripped()  # noqa: PLW0642
        self._callback_assign_names(vals_list, "callback.record")
        records = super().create(vals_list)
        records._add_question_lines()
        return records

    def write(self, vals):
        if not self.env.su:
            self._check_write_rights(vals)
        locked = set(vals) - RECORD_OPEN_WHEN_DONE
        if locked and any(record.state == "done" for record in self):
            # no context key reopens a filed report
            raise UserError(
                self.env._(
                    "A done callback record cannot be changed; a"
                    " supervisor may comment on it."
                )
            )
        if "questionnaire_id" in vals:
            # CB-10: unanswered lines of another questionnaire go, the new
            # one's questions come
            new = self.env["callback.questionnaire"].browse(vals["questionnaire_id"])
            self.answer_ids.filtered(
                lambda answer: not answer.score
                and answer.question_id.questionnaire_id != new
            ).unlink()
        res = super().write(vals)
        if "questionnaire_id" in vals:
            self._add_question_lines()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(record.state == "done" for record in self):
            raise UserError(
                self.env._(
                    "Done callback records are kept (CB-09): archive"
                    " them instead of deleting them."
                )
            )
        # sudo: the escalations of the record, whoever handles them, keep it
        if self.sudo().escalation_ids:
            raise UserError(
                self.env._(
                    "Escalated callback records are kept (CB-11): archive them"
                    " instead of deleting them."
                )
            )

    def _check_answers_editable(self):
        """Answers of a filed report are part of the kept record (CB-09)."""
        if any(record.state == "done" for record in self):
            raise UserError(
                self.env._("The answers of a done callback record cannot be changed.")
            )

    # ------------------------------------------------------------ actions
    def action_done(self):
        """File the report (CB-12), close the plan, escalate (CB-11)."""
        self._check_staff_access()
        if any(record.state != "draft" for record in self):
            raise UserError(self.env._("Only draft callback records can be filed."))
        plans = self.plan_id.filtered(lambda p: p.state in ("planned", "missed"))
        # the plan closed by the report is one the caller may work on
        plans._check_workflow_access()
        now = fields.Datetime.now()
        self._write_workflow({"state": "done", "date_report": now})
        if plans:
            plans._write_workflow({"state": "done", "date_done": now})
            plans._close_activities(done=True)
        self._escalate()
        return True

    def action_review(self):
        """CB-12: the supervisor reviews a filed report (comment via the field);
        nobody reviews their own report (X-07)."""
        self._check_supervisor_act()
        if any(record.state != "done" for record in self):
            raise UserError(self.env._("Only filed callback reports can be reviewed."))
        self._write_workflow(
            {"reviewed_by_id": self.env.user.id, "date_reviewed": fields.Datetime.now()}
        )
        # a workflow note, logged: no sender e-mail address needed
        body = self.env._("Reviewed by %(user)s.", user=self.env.user.name)
        records = self._callback_clean()
        records._message_log_batch(dict.fromkeys(records.ids, body))
        return True

    def action_view_escalations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_callback.callback_escalation_action"
        )
        action["domain"] = [("record_id", "=", self.id)]
        action["context"] = {"default_record_id": self.id}
        return action

    # ---------------------------------------------------------- X-07 guards
    def _check_create_rights(self, vals_list):
        """X-07: a record starts as a draft, unreviewed."""
        for vals in vals_list:
            if (
                set(vals) & (RECORD_WORKFLOW_FIELDS - {"name"}) - {"state"}
                or vals.get("state", "draft") != "draft"
            ):
                raise UserError(
                    self.env._(
                        "A callback record is created as a draft; it is filed and"
                        " reviewed with its buttons."
                    )
                )
            if vals.get("review_comment"):
                raise AccessError(
                    self.env._("Only the supervisor comments on a filed report.")
                )
        # X-07 CB-09: a record is attached to a plan its author may work on,
        # still open (as at write)
        self.env["callback.plan"].browse(
            [vals["plan_id"] for vals in vals_list if vals.get("plan_id")]
        )._check_plan_open_for_record()

    def _check_write_rights(self, vals):
        workflow = set(vals) & RECORD_WORKFLOW_FIELDS
        if workflow:
            raise UserError(
                self.env._(
                    "These fields of a callback record change through its buttons"
                    " only: %(fields)s.",
                    fields=", ".join(sorted(workflow)),
                )
            )
        if set(vals) & RECORD_MANAGER_FIELDS:
            self._check_supervisor_act()
        if vals.get("plan_id"):
            # a record is attached to a plan its author may work on
            self.env["callback.plan"].browse(
                vals["plan_id"]
            )._check_plan_open_for_record()

    def _check_staff_access(self):
        if self.env.su:
            return
        if not self.env.user.has_group(USER_GROUP):
            raise AccessError(
                self.env._("Only callback staff can act on callback records.")
            )
        self.check_access("write")

    def _check_supervisor_act(self):
        """X-07 CB-12: archive, reassign, comment, review: the supervisor's act on
        their team's records, never on their own."""
        if self.env.su:
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a callback manager may review, comment on, reassign or"
                    " archive a callback record."
                )
            )
        self.check_access("write")
        own = self.filtered(lambda record: record.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "Nobody reviews, comments on, reassigns or archives their own"
                    " callback records: %(names)s.",
                    names=", ".join(own.mapped("name")),
                )
            )

    # ------------------------------------------------------------- helpers
    def _add_question_lines(self):
        """CB-10: a record starts with its questionnaire's questions as answer
        lines (one create for the batch)."""
        vals_list = [
            {"record_id": record.id, "question_id": question.id}
            # a record filed done at once (a survey not returned, CB-14) is
            # kept as it was filed
            for record in self.filtered(lambda r: r.state != "done")
            for question in record.questionnaire_id.question_ids
            - record.answer_ids.question_id
        ]
        if vals_list:
            # sudo: the lines follow from the questionnaire the caller chose,
            # on a draft record the caller may edit (checked by the create or
            # write that called this)
            self.env["callback.answer"].sudo().create(vals_list)

    def _escalate(self):
        """CB-11: one escalation per record and responsible department for the
        dissatisfied answers; created in one batch."""
        vals_list = []
        for record in self:
            company = record.company_id
            answers = [
                (answer, answer.score) for answer in record.answer_ids if answer.score
            ]
            groups = questionnaire.escalation_groups(
                answers,
                {answer: answer.question_id.department_id for answer, _s in answers},
                default_department=company.callback_department_id
                or record.department_id,
                threshold=company.callback_dissatisfied_score or 2,
            )
            for department, dissatisfied_answers in groups.items():
                if not department:
                    raise UserError(
                        self.env._(
                            "Set a customer service department in the settings: nobody"
                            " can handle the complaint of %(partner)s.",
                            partner=record.partner_id.display_name,
                        )
                    )
                vals_list.append(
                    {
                        "record_id": record.id,
                        "department_id": department.id,
                        "company_id": company.id,
                        "date_deadline": fields.Datetime.now()
                        + timedelta(days=company.callback_escalation_days),
                        "description": "\n".join(
                            f"{answer.question_id.name}: {answer.score}"
                            + (f" ({answer.note})" if answer.note else "")
                            for answer in dissatisfied_answers
                        ),
                    }
                )
        # the escalations start from the workflow's values only, not
        # from the caller's default_<field> keys or no-log keys
        return self._callback_clean().env["callback.escalation"].create(vals_list)
