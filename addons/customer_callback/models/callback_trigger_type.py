from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import windows
from ..engine.errors import CallbackRuleError

UNITS = [
    ("hours", "Hours"),
    ("days", "Calendar Days"),
    ("working_days", "Working Days"),
]


class CallbackTriggerType(models.Model):
    """CB-02 / CB-03: an event that calls for callbacks, with two levels."""

    _name = "callback.trigger.type"
    _inherit = ["callback.shared.configuration"]
    _description = "Callback Trigger Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Used by other apps: partner.action_trigger_callback(code)."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Empty: shared by all companies (CB-18: then only an administrator"
        " changes, binds or unbinds it).",
    )
    window_unit = fields.Selection(UNITS, required=True, default="days")
    window_start = fields.Float(default=0.0, help="Window start after the event.")
    window_end = fields.Float(
        required=True, default=3.0, help="Deadline after the event."
    )
    level2 = fields.Boolean(
        string="Second Level",
        help="CB-03: the customer-service department calls back the same event later.",
    )
    level2_window_start = fields.Float()
    level2_window_end = fields.Float()
    questionnaire_id = fields.Many2one("callback.questionnaire")
    mandatory = fields.Boolean(
        help="CB-06: every customer with this event is called back one by one."
    )
    satisfaction_group = fields.Selection(
        [("sale", "After-Sale"), ("service", "After-Service")],
        default="service",
        required=True,
        help="CB-15: which weight this callback's satisfaction takes.",
    )
    channel = fields.Selection(
        selection="_selection_channel", default="phone", required=True
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A trigger code must be unique per company.",
        )
    ]

    @api.model
    def _selection_channel(self):
        return self.env["callback.plan"]._fields["channel"].selection

    @api.constrains(
        "window_start",
        "window_end",
        "level2",
        "level2_window_start",
        "level2_window_end",
    )
    def _check_window(self):
        for trigger in self:
            pairs = [(trigger.window_start, trigger.window_end)]
            if trigger.level2:
                pairs.append((trigger.level2_window_start, trigger.level2_window_end))
            for start, end in pairs:
                try:
                    windows.check_window(start, end)
                except CallbackRuleError:
                    raise ValidationError(
                        self.env._(
                            "The callback window of %(trigger)s must"
                            " not start before the"
                            " event and must not end (%(end)s) before it starts"
                            " (%(start)s).",
                            trigger=trigger.name,
                            start=start,
                            end=end,
                        )
                    )

    def _compute_windows(self, event, company, level="1"):
        """CB-02/CB-03: (start, end) of ``level`` for an event datetime."""
        self.ensure_one()
        if level == "2":
            start, end = self.level2_window_start, self.level2_window_end
        else:
            start, end = self.window_start, self.window_end
        if self.window_unit != "working_days":
            return windows.compute_window(event, start, end, self.window_unit)
        # working days are the company's calendar days: count them from the
        # event's local date, then store the result in UTC again
        local_event = company._callback_local(event)
        working = company._callback_working_days(local_event, int(end) * 3 + 31)
        local_start, local_end = windows.compute_window(
            local_event, start, end, self.window_unit, working
        )
        return company._callback_utc(local_start), company._callback_utc(local_end)
