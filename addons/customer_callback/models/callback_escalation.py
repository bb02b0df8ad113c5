from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CallbackEscalation(models.Model):
    """CB-11: a dissatisfied answer followed up by the responsible department."""

    _name = "callback.escalation"
    _description = "Callback Escalation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True

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
    handling = fields.Text(help="How the department handled the complaint.")
    date_handled = fields.Datetime(readonly=True, copy=False)
    feedback = fields.Text(
        string="Feedback to Customer",
        help="What customer service reported back to the customer.",
    )
    date_feedback = fields.Datetime(readonly=True, copy=False)
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
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("callback.escalation") or "/"
                )
        escalations = super().create(vals_list)
        escalations._schedule_department_activity()
        return escalations

    @api.ondelete(at_uninstall=False)
    def _unlink_except_handled(self):
        if any(escalation.state != "open" for escalation in self):
            raise UserError(
                self.env._("Handled escalations are kept; they cannot be deleted.")
            )

    def action_handle(self):
        for escalation in self:
            if not (escalation.handling or "").strip():
                raise UserError(
                    self.env._(
                        "Describe how %(name)s was handled first.", name=escalation.name
                    )
                )
        self.write({"state": "handled", "date_handled": fields.Datetime.now()})
        return True

    def action_close(self):
        for escalation in self:
            if not (escalation.feedback or "").strip():
                raise UserError(
                    self.env._(
                        "Record the feedback to the customer before closing %(name)s.",
                        name=escalation.name,
                    )
                )
        self.write({"state": "closed", "date_feedback": fields.Datetime.now()})
        self.activity_ids.unlink()
        return True

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
            # sudo: callback staff assign to-dos to another department's manager
            self.env["mail.activity"].sudo().create(vals_list)
