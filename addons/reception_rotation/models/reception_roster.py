from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ReceptionRoster(models.Model):
    _name = "reception.roster"
    _description = "Reception Roster"
    _inherit = ["mail.thread"]
    _order = "date desc, floor_id"

    floor_id = fields.Many2one(
        "reception.floor", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="floor_id.company_id", store=True)
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    line_ids = fields.One2many("reception.roster.line", "roster_id", string="Order")

    _sql_constraints = [
        (
            "floor_date_uniq",
            "unique(floor_id, date)",
            "A floor has one roster per day.",
        )
    ]

    @api.depends("floor_id", "date")
    def _compute_display_name(self):
        for roster in self:
            roster.display_name = "%s %s" % (roster.floor_id.name or "", roster.date)

    @api.constrains("line_ids")
    def _check_unique_employee(self):
        for roster in self:
            employees = roster.line_ids.employee_id
            if len(employees) != len(roster.line_ids):
                raise ValidationError(
                    self.env._("A salesperson appears only once on a roster.")
                )

    def write(self, vals):
        if not self.env.su and {"floor_id", "date"} & set(vals):
            self._check_not_started()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if not self.env.su:
            self._check_not_started()

    def _check_not_started(self):
        """X-07 RR-01: the order, hours and members of a roster are planned
        before its day starts; once the rotation has taken its first event
        (or the day is past) they change through the logged engine actions
        (status buttons, manager override) only."""
        for roster in self:
            floor = roster.floor_id
            today = floor._floor_today()
            started = floor._started_day() == str(roster.date)
            if roster.date < today or (roster.date == today and started):
                raise AccessError(
                    self.env._(
                        "The roster of %(floor)s on %(date)s has started: its "
                        "order and hours no longer change by hand.",
                        floor=floor.name,
                        date=roster.date,
                    )
                )

    def _engine_payload(self):
        self.ensure_one()
        return [
            {
                "id": line.employee_id.id,
                "start": line.start_hour,
                "end": line.end_hour,
                "status": line.status,
            }
            for line in self.line_ids.sorted(lambda ln: (ln.sequence, ln.id))
        ]

    def action_copy_to_tomorrow(self):
        self.ensure_one()
        day = fields.Date.add(self.date, days=1)
        roster = self.copy({"date": day})
        self.line_ids.copy({"roster_id": roster.id, "status": "on_duty"})
        return {
            "type": "ir.actions.act_window",
            "res_model": "reception.roster",
            "res_id": roster.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
