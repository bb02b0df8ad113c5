from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

STATUSES = [
    ("on_duty", "On duty"),
    ("away", "Away without notice"),
    ("away_notice", "Away with notice"),
    ("business", "Out on business"),
    ("off", "Off"),
]


class ReceptionRosterLine(models.Model):
    _name = "reception.roster.line"
    _description = "Reception Roster Line"
    _order = "roster_id, sequence, id"

    roster_id = fields.Many2one(
        "reception.roster", required=True, ondelete="cascade", index=True
    )
    floor_id = fields.Many2one(related="roster_id.floor_id", store=True)
    company_id = fields.Many2one(related="roster_id.company_id", store=True)
    date = fields.Date(related="roster_id.date", store=True)
    sequence = fields.Integer(default=10, help="Rotation order (RR-01).")
    employee_id = fields.Many2one(
        "hr.employee", required=True, string="Salesperson", index=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="User")
    start_hour = fields.Float(string="Start", default=9.0, required=True)
    end_hour = fields.Float(string="End", default=18.0, required=True)
    status = fields.Selection(STATUSES, default="on_duty", required=True)
    counted_today = fields.Integer(compute="_compute_board", string="Counted")
    makeup_count = fields.Integer(compute="_compute_board", string="Make-ups")
    is_serving = fields.Boolean(compute="_compute_board", string="Serving")
    is_next = fields.Boolean(compute="_compute_board", string="Next")

    @api.depends("status", "roster_id.floor_id.rotation_state")
    def _compute_board(self):
        makeups = {
            (floor.id, emp.id): count
            for floor, emp, count in self.env["reception.makeup"]._read_group(
                [
                    ("floor_id", "in", self.floor_id.ids),
                    ("state", "=", "pending"),
                ],
                ["floor_id", "employee_id"],
                ["__count"],
            )
        }
        nexts = {}
        boards = {}
        for floor in self.floor_id:
            nexts[floor.id] = floor.next_employee_id.id
            # counts of the saved day, from the engine's board query
            boards[floor.id] = floor._saved_board()
        for line in self:
            board = boards.get(line.floor_id.id) or {}
            member = {}
            if board.get("day") == str(line.date):
                member = board["members"].get(line.employee_id.id, {})
            line.counted_today = member.get("counted", 0)
            line.is_serving = bool(member.get("serving"))
            line.makeup_count = makeups.get((line.floor_id.id, line.employee_id.id), 0)
            line.is_next = nexts.get(line.floor_id.id) == line.employee_id.id

    @api.constrains("start_hour", "end_hour")
    def _check_hours(self):
        for line in self:
            if not 0 <= line.start_hour < line.end_hour <= 24:
                raise ValidationError(
                    self.env._(
                        "%(employee)s: the rostered end must come after the start, "
                        "within the day.",
                        employee=line.employee_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # a caller's context default is a value like any other
            default = self.env.context.get("default_status") or "on_duty"
            for vals in vals_list:
                if vals.get("status", default) != "on_duty":
                    raise AccessError(
                        self.env._(
                            "A salesperson joins the roster on duty; their status "
                            "changes through the desk's status buttons."
                        )
                    )
        lines = super().create(vals_list)
        if not self.env.su:
            lines.roster_id._check_not_started()
        return lines

    def write(self, vals):
        if not self.env.su:
            # statuses change through the logged engine actions only
            if "status" in vals:
                raise AccessError(
                    self.env._(
                        "A roster status changes through the desk's status "
                        "buttons, which the rotation logs."
                    )
                )
            # RR-01: the order of a day that has started is the engine's
            if {"sequence", "employee_id", "roster_id", "start_hour", "end_hour"} & set(
                vals
            ):
                self.roster_id._check_not_started()
        res = super().write(vals)
        if not self.env.su and "roster_id" in vals:
            self.roster_id._check_not_started()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if not self.env.su:
            self.roster_id._check_not_started()

    def _set_status(self, status):
        self.check_access("read")
        self.floor_id[:1]._check_desk()
        self.floor_id._wait_turn()  # RR-16: before the statuses are read
        for line in self:
            floor = line.floor_id
            floor._dispatch(
                {"type": "status", "employee": line.employee_id.id, "status": status}
            )

    def action_set_on_duty(self):
        self._set_status("on_duty")

    def action_set_away(self):
        self._set_status("away")

    def action_set_away_notice(self):
        self._set_status("away_notice")

    def action_set_business(self):
        self._set_status("business")

    def action_set_off(self):
        self._set_status("off")
