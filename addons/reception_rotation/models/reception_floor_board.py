from odoo import api, fields, models

from ..engine import board, state_day
from .reception_floor import BOARD_CHANNEL, BOARD_TOKEN


class ReceptionFloor(models.Model):
    """The floor's board: today's order, who is next, the counts of the day,
    read from the engine's board query, and the bus message that tells the
    desk screens to reload it (RR-01)."""

    # one model in a few files named by job (issue 9): split on purpose
    _inherit = "reception.floor"  # pylint: disable=consider-merging-classes-inherited

    board_line_ids = fields.Many2many(
        "reception.roster.line", compute="_compute_board", string="Today's Order"
    )
    next_employee_id = fields.Many2one(
        "hr.employee", compute="_compute_board", string="Next Up"
    )
    serving_count = fields.Integer(compute="_compute_board", string="Serving")
    away_count = fields.Integer(compute="_compute_board", string="Away")
    makeup_pending_count = fields.Integer(
        compute="_compute_board", string="Make-ups Pending"
    )
    visit_today_count = fields.Integer(compute="_compute_board", string="Visits Today")

    @api.depends("rotation_state", "roster_ids.line_ids.status", "tz")
    def _compute_board(self):
        days = {floor.id: floor._floor_today() for floor in self}
        rosters = self.env["reception.roster"].search(
            [("floor_id", "in", self.ids), ("date", "in", list(set(days.values())))]
        )
        roster_of = {r.floor_id.id: r for r in rosters if r.date == days[r.floor_id.id]}
        # sudo: the board shows every salesperson the floor's order and counts
        # (RR-01); the record rules hide colleagues' make-ups and visits, and
        # only counts per floor are read here, no customer data.
        makeups = dict(
            self.env["reception.makeup"]
            .sudo()
            ._read_group(
                [("floor_id", "in", self.ids), ("state", "=", "pending")],
                ["floor_id"],
                ["__count"],
            )
        )
        visits = {
            (floor.id, day): count
            for floor, day, count in self.env["reception.visit"]
            .sudo()
            ._read_group(
                [
                    ("floor_id", "in", self.ids),
                    ("day", "in", list(set(days.values()))),
                ],
                ["floor_id", "day:day"],
                ["__count"],
            )
        }
        for floor in self:
            roster = roster_of.get(floor.id)
            lines = roster.line_ids if roster else self.env["reception.roster.line"]
            floor.board_line_ids = lines
            today = floor._today_board(roster)
            floor.next_employee_id = today["next"] or False
            floor.serving_count = today["serving"]
            floor.away_count = len(lines.filtered(lambda ln: ln.status != "on_duty"))
            floor.makeup_pending_count = makeups.get(floor.sudo(), 0)
            floor.visit_today_count = visits.get((floor.id, days[floor.id]), 0)

    @api.model
    def get_board_data(self, floor_id=False):
        """Everything the receptionist's screen shows, in one call."""
        floor = self.browse(floor_id).exists() if floor_id else self.browse()
        floor = floor or self.search([], limit=1)
        if not floor:
            return {"floor_id": False}
        floor.check_access("read")
        roster = floor._get_roster(floor._floor_today())
        lines = roster.line_ids.sorted(lambda ln: (ln.sequence, ln.id))
        status_label = dict(
            self.env["reception.roster.line"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        reason_label = dict(
            self.env["reception.makeup"]
            ._fields["reason"]
            ._description_selection(self.env)
        )
        visit_types = self.env["reception.visit"]._fields["visit_type"]
        visit_types = [
            vt
            for vt in visit_types._description_selection(self.env)
            if vt[0] != "phone_call"
        ]
        user = self.env.user
        return {
            "floor_id": floor.id,
            "floor_name": floor.name,
            "next_name": floor.next_employee_id.name or False,
            "visit_count": floor.visit_today_count,
            "is_desk": user.has_group(
                "reception_rotation.group_reception_rotation_desk"
            ),
            "can_override": floor.can_override,
            "visit_types": visit_types,
            "lines": [
                {
                    "id": line.id,
                    "position": position,
                    "employee": line.employee_id.name,
                    "status": line.status,
                    "status_label": status_label.get(line.status),
                    "hours": "%s - %s"
                    % (
                        self._hour_label(line.start_hour),
                        self._hour_label(line.end_hour),
                    ),
                    "counted": line.counted_today,
                    "makeups": line.makeup_count,
                    "is_serving": line.is_serving,
                    "is_next": line.is_next,
                }
                for position, line in enumerate(lines, start=1)
            ],
            # sudo: the pending make-ups of the whole floor, by salesperson
            # and reason only: no customer of a colleague.
            "makeup_list": [
                {
                    "id": makeup.id,
                    "employee": makeup.employee_id.name,
                    "reason": reason_label.get(makeup.reason),
                }
                for makeup in floor.sudo().makeup_ids
            ],
        }

    @staticmethod
    def _hour_label(value):
        hours, minutes = divmod(round(value * 60), 60)
        return "%02d:%02d" % (hours, minutes)

    def action_open_board(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "reception_rotation.board",
            "name": self.name,
            "context": {"active_id": self.id},
        }

    # ------------------------------------------------------------ board query

    def _today_board(self, roster=None):
        """The engine's board of today (see ``engine.board``): who is next
        now, per salesperson the receptions counted and whether they serve."""
        self.ensure_one()
        roster = roster or self._get_roster(self._floor_today())
        if not roster:
            return board(None)
        # sudo: the engine state (customers' phones included) stays on the
        # server; callers get the order and counts the board query gives
        return board(
            self._build_state(self.sudo().rotation_state, roster), self._now_hour()
        )

    def _saved_board(self):
        """The engine's board of the state as last saved (its own day)."""
        self.ensure_one()
        # sudo: counts of the saved day, no customer data
        return board(self.sudo().rotation_state)

    def _started_day(self):
        """The day the floor's saved rotation state belongs to, or None."""
        self.ensure_one()
        # sudo: only the state's day is read
        return state_day(self.sudo().rotation_state)

    def _notify_board(self):
        """Tell the desk screens showing these floors that they changed: they
        reload through get_board_data, which applies the reader's rights. The
        bus channel is the floor's own (ir.websocket grants it to users who
        can read the floor: their company's); the payload names the floor
        only, no customer (X-07). ``reception_board_token`` in the context
        (a screen's random id, letters and digits) comes back in the payload
        so that the screen that acted skips the reload it already did."""
        token = self.env.context.get("reception_board_token")
        if not (isinstance(token, str) and BOARD_TOKEN.fullmatch(token)):
            token = False
        for floor in self:
            self.env["bus.bus"]._sendone(
                (floor, BOARD_CHANNEL),
                "reception_rotation/board",
                {"floor_id": floor.id, "token": token},
            )
