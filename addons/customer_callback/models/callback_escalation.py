from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import clean_context

from .callback_plan import MANAGER_GROUP, USER_GROUP

# X-07 CB-11: set by the workflow only
ESCALATION_WORKFLOW_FIELDS = {
    "name",
    "state",
    "date_handled",
    "date_feedback",
    "record_id",
    "partner_id",
    "employee_id",
    "company_id",
    "closed_by_id",
    "handled_by_id",
    # X-07 CB-11: the customer's words, kept as written at creation
    "description",
}
# a callback manager's act
ESCALATION_MANAGER_FIELDS = {"department_id", "date_deadline"}


class CallbackEscalation(models.Model):
    """CB-11: a dissatisfied answer followed up by the responsible department."""

    _name = "callback.escalation"
    _description = "Callback Escalation"
    _inherit = ["mail.thread", "mail.activity.mixin", "callback.workflow.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True
    # no context default starts an escalation handled or closed
    _callback_protected_defaults = (
        ESCALATION_WORKFLOW_FIELDS - {"record_id", "company_id", "description"}
    ) | {"handling", "feedback"}

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    record_id = fields.Many2one(
        "callback.record",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(related="record_id.partner_id", store=True)
    employee_id = fields.Many2one(
        related="record_id.employee_id", store=True, string="Callback Staff"
    )
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", required=True, tracking=True
    )
    manager_id = fields.Many2one(related="department_id.manager_id")
    date_deadline = fields.Datetime(string="Deadline", required=True, tracking=True)
    description = fields.Text(string="Complaint")
    handling = fields.Text(
        tracking=True, help="How the department handled the complaint."
    )
    date_handled = fields.Datetime(readonly=True, copy=False)
    handled_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    feedback = fields.Text(
        string="Feedback to Customer",
        tracking=True,
        help="What customer service reported back to the customer.",
    )
    date_feedback = fields.Datetime(readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    state = fields.Selection(
        [("open", "Open"), ("handled", "Handled"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for escalation in self:
            escalation.is_overdue = escalation.state == "open" and (
                escalation.date_deadline < now
            )

    @api.constrains("state", "feedback", "handling")
    def _check_closing(self):
        for escalation in self:
            if escalation.state == "closed" and not (escalation.feedback or "").strip():
                raise ValidationError(
                    self.env._(
                        "Escalation %(name)s cannot be closed"
                        " before the feedback to the"
                        " customer is recorded.",
                        name=escalation.name,
                    )
                )
            if (
                escalation.state in ("handled", "closed")
                and not (escalation.handling or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Escalation %(name)s needs the department's handling first.",
                        name=escalation.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                # an escalation starts open, unhandled
                if vals.get("state", "open") != "open" or {
                    "date_handled",
                    "date_feedback",
                    "handling",
                    "feedback",
                    "handled_by_id",
                    "closed_by_id",
                } & {key for key, value in vals.items() if value}:
                    raise UserError(
                        self.env._("An escalation can only be created open.")
                    )
            # X-07 CB-11: an escalation is opened on a callback record its
            # creator may work on (its staff member, their manager)
            records = self.env["callback.record"].browse(
                [vals["record_id"] for vals in vals_list if vals.get("record_id")]
            )
            records.check_access("write")
            if not self.env.user.has_group(MANAGER_GROUP):
                # X-07 CB-11: staff escalate their own callbacks only
                others = records.filtered(
                    lambda record: record.user_id != self.env.user
                )
                if others:
                    raise AccessError(
                        self.env._(
                            "Callback staff open escalations on their own callback"
                            " records only: %(names)s.",
                            names=", ".join(others.mapped("name")),
                        )
                    )
            # a client's create is logged whatever its context
            self = self._callback_no_log_stripped()  # noqa: PLW0642
        self._callback_assign_names(vals_list, "callback.escalation")
        escalations = super().create(vals_list)
        escalations._schedule_department_activity()
        return escalations

    @api.ondelete(at_uninstall=False)
    def _unlink_except_handled(self):
        if not self.env.su:
            # X-07 CB-11: a customer's complaint is never deleted
            raise AccessError(
                self.env._("Escalations are kept; they cannot be deleted.")
            )
        if any(escalation.state != "open" for escalation in self):
            raise UserError(
                self.env._("Handled escalations are kept; they cannot be deleted.")
            )

    def write(self, vals):
        if not self.env.su:
            self._check_write_rights(vals)
        return super().write(vals)

    def action_handle(self):
        """CB-11: the responsible department records how it handled the
        complaint."""
        self._check_department_member()
        if any(escalation.state != "open" for escalation in self):
            raise UserError(self.env._("Only open escalations can be handled."))
        for escalation in self:
            if not (escalation.handling or "").strip():
                raise UserError(
                    self.env._(
                        "Describe how %(name)s was handled first.", name=escalation.name
                    )
                )
        self._write_workflow(
            {
                "state": "handled",
                "date_handled": fields.Datetime.now(),
                "handled_by_id": self.env.user.id,
            }
        )
        return True

    def action_close(self):
        """CB-11: a callback manager closes the escalation once the feedback to
        the customer is recorded; never the staff member whose customer
        complained (X-07)."""
        self._check_closer()
        if any(escalation.state != "handled" for escalation in self):
            raise UserError(
                self.env._("An escalation is closed after the department handled it.")
            )
        for escalation in self:
            if not (escalation.feedback or "").strip():
                raise UserError(
                    self.env._(
                        "Record the feedback to the customer before closing %(name)s.",
                        name=escalation.name,
                    )
                )
        self._write_workflow(
            {
                "state": "closed",
                "date_feedback": fields.Datetime.now(),
                "closed_by_id": self.env.user.id,
            }
        )
        self.activity_ids.sudo().unlink()  # sudo: the department manager's to-do
        return True

    # ---------------------------------------------------------- X-07 guards
    def _check_write_rights(self, vals):
        workflow = set(vals) & ESCALATION_WORKFLOW_FIELDS
        if workflow:
            raise UserError(
                self.env._(
                    "These fields of an escalation change through its buttons"
                    " only: %(fields)s.",
                    fields=", ".join(sorted(workflow)),
                )
            )
        if any(escalation.state == "closed" for escalation in self) and set(vals) - {
            "message_follower_ids",
            "activity_ids",
            "message_main_attachment_id",
        }:
            raise UserError(self.env._("A closed escalation cannot be changed."))
        if set(vals) & ESCALATION_MANAGER_FIELDS:
            self._check_manager()
        if "handling" in vals:
            if any(escalation.state != "open" for escalation in self):
                raise UserError(
                    self.env._("The handling of a handled escalation is kept.")
                )
            self._check_department_member()
        if "feedback" in vals:
            self._check_feedback_author()

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a callback manager may reassign an escalation.")
            )
        self.check_access("write")
        # X-07 CB-11: not the complaint about their own callback (another
        # department or a later deadline would suit them)
        own = self.filtered(
            lambda escalation: escalation.record_id.user_id == self.env.user
        )
        if own:
            raise AccessError(
                self.env._(
                    "Nobody reassigns or postpones the complaint about their own"
                    " callback: %(names)s.",
                    names=", ".join(own.mapped("name")),
                )
            )

    def _check_department_member(self):
        """CB-11: the handling is written by the responsible department (a
        member or its manager)."""
        if self.env.su:
            return
        self.check_access("write")
        user = self.env.user
        # X-07 CB-11: never the staff member whose customer complained
        own = self.filtered(lambda escalation: escalation.record_id.user_id == user)
        if own:
            raise AccessError(
                self.env._(
                    "The staff member whose customer complained does not record"
                    " how it was handled: %(names)s.",
                    names=", ".join(own.mapped("name")),
                )
            )
        departments = user.employee_ids.department_id
        for escalation in self:
            department = escalation.department_id
            if department not in departments and department.manager_id.user_id != user:
                raise AccessError(
                    self.env._(
                        "Only the %(department)s department records how %(name)s"
                        " was handled.",
                        department=department.display_name,
                        name=escalation.name,
                    )
                )

    def _check_feedback_author(self):
        """CB-11: customer service (the callback's staff member or a callback
        manager) reports back to the customer."""
        if self.env.su:
            return
        self.check_access("write")
        user = self.env.user
        if not user.has_group(USER_GROUP):
            raise AccessError(
                self.env._("Only customer service reports back to the customer.")
            )
        if user.has_group(MANAGER_GROUP):
            return
        others = self.filtered(lambda escalation: escalation.record_id.user_id != user)
        if others:
            raise AccessError(
                self.env._(
                    "Only the callback's staff member or a manager reports back to"
                    " the customer: %(names)s.",
                    names=", ".join(others.mapped("name")),
                )
            )

    def _check_closer(self):
        """X-07 CB-11: a callback manager closes; never the staff member whose
        customer complained."""
        if self.env.su:
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a callback manager may close an escalation.")
            )
        self.check_access("write")
        own = self.filtered(
            lambda escalation: escalation.record_id.user_id == self.env.user
        )
        if own:
            raise AccessError(
                self.env._(
                    "The staff member whose customer complained does not close the"
                    " escalation: %(names)s.",
                    names=", ".join(own.mapped("name")),
                )
            )

    def _schedule_department_activity(self):
        """A to-do for the department manager, in one batch."""
        model_id = self.env["ir.model"]._get_id(self._name)
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": escalation.id,
                "activity_type_id": todo.id if todo else False,
                "summary": self.env._(
                    "Handle the complaint of %(partner)s",
                    partner=escalation.partner_id.display_name,
                ),
                "user_id": escalation.department_id.manager_id.user_id.id,
                "date_deadline": fields.Date.to_date(escalation.date_deadline),
            }
            for escalation in self
            if escalation.department_id.manager_id.user_id
        ]
        if vals_list:
            # sudo: callback staff assign to-dos to another department's manager;
            # no default_<field> of the caller fills them
            self.env["mail.activity"].sudo().with_context(
                clean_context(self.env.context)
            ).create(vals_list)
