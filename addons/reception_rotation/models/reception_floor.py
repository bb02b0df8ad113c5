import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

# the bus subchannel of a floor's desk screens, and the screen ids it echoes
# (the live board: reception_floor_board)
BOARD_CHANNEL = "reception_board"
BOARD_TOKEN = re.compile(r"[A-Za-z0-9]{1,32}")

VISIT_TYPES = [
    ("new", "New customer"),
    ("returning_not_bought", "Returning, not bought"),
    ("returning_bought", "Returning, already bought"),
    ("brought_by_old", "Brought by an old customer"),
    ("peer_research", "Peer market research"),
    ("non_buyer", "Non-buyer (builder, decorator, reporter...)"),
    ("ask_someone", "Asking for someone"),
    ("directions", "Asking for directions"),
    ("phone_call", "Phone call"),
]
# visit types of a real customer: registered with name and phone, in the CRM
CUSTOMER_TYPES = ("new", "returning_not_bought", "returning_bought", "brought_by_old")


class ReceptionFloor(models.Model):
    """A showroom floor: its settings, its managers, the screens it opens and
    its day and clock. The rest of the model lives next door, by job:
    ``reception_floor_board`` (the board query and the live board),
    ``reception_floor_dispatch`` (an event through the engine and its
    bookkeeping), ``reception_floor_log`` (the log and its chain); a visit is
    registered by ``reception.visit`` (``reception_visit``)."""

    _name = "reception.floor"
    _description = "Reception Floor"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        tracking=True,
        help="Leads of walk-in customers are created in this team.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Floor Manager",
        default=lambda self: self.env.user,
        tracking=True,
    )
    deputy_ids = fields.Many2many(
        "res.users",
        string="Deputies",
        help="Deputies may override assignments like the manager (RR-15).",
    )
    can_override = fields.Boolean(
        compute="_compute_can_override",
        help="The current user is the floor manager or a deputy (RR-15).",
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        default=lambda self: self._default_tz(),
        tracking=True,
        help="The floor's day and hours (today's roster, rostered hours, "
        "receptions of the day) follow this time zone, whoever is logged in.",
    )
    returning_policy = fields.Selection(
        [
            ("count", "Counts as the owner's turn, no make-up"),
            ("makeup", "Does not count, the owner gets a make-up"),
        ],
        string="Returning Customer Rule",
        default="count",
        required=True,
        tracking=True,
        help="RR-06: how a returning customer who has not bought is counted.",
    )
    non_buyer_policy = fields.Selection(
        [
            ("last", "Served by the last in order"),
            ("current_makeup", "Served by the current one, with a make-up"),
        ],
        string="Non-buyer Rule",
        default="last",
        required=True,
        tracking=True,
    )
    non_buyer_minutes = fields.Float(
        string="Non-buyer Identification (minutes)",
        default=3.0,
        help="A non-buyer identified within this time does not count (RR-05).",
    )
    bulk_units = fields.Integer(
        string="Bulk Buyer Threshold",
        default=3,
        help="Buyers of this many units or more are reported to the manager.",
    )
    ownership_lapse_days = fields.Integer(
        string="Ownership Lapse (days)",
        default=7,
        help="Ownership lapses after this many days without a follow-up (RR-11).",
    )
    traceback_days = fields.Integer(
        string="Deal Traceback (days)",
        default=7,
        help="A deal closing within this many days of the last follow-up is "
        "credited to the owner (RR-11).",
    )
    # the day's state keys served customers by phone and name; it is
    # read by the rotation's code (with sudo) and shown to nobody
    rotation_state = fields.Json(copy=False, readonly=True, groups="base.group_system")
    roster_ids = fields.One2many("reception.roster", "floor_id", string="Rosters")
    makeup_ids = fields.One2many(
        "reception.makeup",
        "floor_id",
        string="Pending Make-ups",
        domain=[("state", "=", "pending")],
    )

    @api.depends_context("uid")
    @api.depends("manager_id", "deputy_ids")
    def _compute_can_override(self):
        user = self.env.user
        manager = user.has_group("reception_rotation.group_reception_rotation_manager")
        for floor in self:
            floor.can_override = (
                manager or user == floor.manager_id or user in floor.deputy_ids
            )

    @api.constrains(
        "non_buyer_minutes", "bulk_units", "ownership_lapse_days", "traceback_days"
    )
    def _check_settings(self):
        for floor in self:
            if (
                floor.non_buyer_minutes < 0
                or floor.bulk_units < 1
                or floor.ownership_lapse_days < 1
                or floor.traceback_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Floor %(floor)s: minutes and days cannot be negative, the "
                        "bulk threshold and the lapse need at least 1.",
                        floor=floor.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # X-07 RR-16: a new floor (or a copy) starts with no rotation state
        if not self.env.su and (
            any("rotation_state" in vals for vals in vals_list)
            # nor through the caller's context defaults
            or "default_rotation_state" in self.env.context
        ):
            raise AccessError(
                self.env._("The rotation order changes through the desk's actions.")
            )
        return super().create(vals_list)

    def write(self, vals):
        # X-07 RR-16: the rotation state is the engine's, saved under the
        # floor lock by _dispatch alone.
        if "rotation_state" in vals and not self.env.su:
            raise AccessError(
                self.env._("The rotation order changes through the desk's actions.")
            )
        return super().write(vals)

    # ------------------------------------------------------------ actions

    def action_open_walkin(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Walk-in"),
            "res_model": "reception.walkin.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_floor_id": self.id,
                "default_visit_type": self.env.context.get("default_visit_type", "new"),
            },
        }

    def action_open_override(self):
        self.ensure_one()
        self._check_can_override()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Manager Override"),
            "res_model": "reception.override.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_floor_id": self.id},
        }

    def register_visit(self, vals):
        """The desk registers a walk-in (or a call) on this floor and the
        rotation decides who serves: see ``reception.visit._register_at``."""
        self.ensure_one()
        return self.env["reception.visit"]._register_at(self, vals)

    def action_incoming_call(self):
        """RR-13: the next in order after the floor turn answers."""
        self.ensure_one()
        visit = self.register_visit({"visit_type": "phone_call"})
        return self._notify(
            self.env._(
                "Phone call: %(name)s answers.", name=visit.server_id.name or "-"
            )
        )

    def action_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "reception_rotation.reception_visit_action"
        )
        action["domain"] = [("floor_id", "=", self.id)]
        return action

    def action_open_roster(self):
        self.ensure_one()
        roster = self._get_roster(self._floor_today(), create=True)
        return {
            "type": "ir.actions.act_window",
            "res_model": "reception.roster",
            "res_id": roster.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------ demo

    @api.model
    def _demo_day(self, floor_ids):
        """Demo data: a morning of walk-ins through the real engine (X-04)."""
        floor = self.browse(floor_ids).with_context(reception_at=11.0)
        visits = [
            floor.register_visit(
                {"visit_type": "new", "customer_name": name, "phone": phone}
            )
            for name, phone in (
                ("张伟", "13800138001"),
                ("王芳", "13800138002"),
                ("李娜", "13900139003"),
                ("刘洋", "13700137004"),
            )
        ]
        visits[0].units = 1
        visits[0].action_bought()
        visits[1].action_leave()
        visits[2].units = 3
        visits[2].action_bought()  # RR-14: reported to the manager
        floor.register_visit(
            {"visit_type": "peer_research", "customer_name": "同行调研"}
        )
        floor.register_visit(
            {
                "visit_type": "returning_not_bought",
                "customer_name": "王芳",
                "phone": "13800138002",
            }
        )
        floor.action_incoming_call()
        # RR-19: 张伟 (bought) brings a friend who registers: counted for
        # 张伟's salesperson, who now owns the friend
        floor.register_visit(
            {
                "visit_type": "brought_by_old",
                "customer_name": "赵敏",
                "phone": "13600136005",
                "referrer_phone": "13800138001",
                "referrer_bought": True,
            }
        )
        self._demo_non_buyer(floor)
        return True

    @api.model
    def _demo_non_buyer(self, floor):
        """Demo data, RR-21: a visitor who says Marc Demo phoned them turns
        out to be a decorator; Marc reports it, the floor manager confirms."""
        seller = self.env.ref("base.user_demo", raise_if_not_found=False)
        employee = seller.employee_ids[:1] if seller else False
        if not employee or not seller.has_group(
            "reception_rotation.group_reception_rotation_salesperson"
        ):
            return
        visit = floor.register_visit(
            {
                "visit_type": "new",
                "customer_name": "装修公司小刘",
                "phone": "13600136006",
                "contacted_employee_id": employee.id,
            }
        )
        if visit.server_user_id != seller or floor.manager_id == seller:
            return
        visit.with_user(seller).action_mark_non_buyer()
        visit.with_user(floor.manager_id).action_confirm_non_buyer()

    # ------------------------------------------------------------ helpers

    def _get_roster(self, day, create=False):
        self.ensure_one()
        roster = self.env["reception.roster"].search(
            [("floor_id", "=", self.id), ("date", "=", day)], limit=1
        )
        if not roster and create:
            # a new day starts from the latest roster's order and hours
            last = self.env["reception.roster"].search(
                [("floor_id", "=", self.id), ("date", "<", day)],
                order="date desc",
                limit=1,
            )
            roster = self.env["reception.roster"].create(
                {
                    "floor_id": self.id,
                    "date": day,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "employee_id": line.employee_id.id,
                                "sequence": line.sequence,
                                "start_hour": line.start_hour,
                                "end_hour": line.end_hour,
                            },
                        )
                        for line in last.line_ids
                    ],
                }
            )
        return roster

    @api.model
    def _default_tz(self):
        return self.env.user.tz or self.env.company.resource_calendar_id.tz or "UTC"

    def _floor_today(self):
        """The floor's calendar day in its own time zone: a desk in Beijing
        works on the same day whatever the time zone of the logged-in user."""
        self.ensure_one()
        return fields.Date.context_today(self.with_context(tz=self.tz))

    def _now_hour(self):
        # the demo's morning runs as the superuser; a client cannot
        # move the floor's clock through the context
        at = self.env.context.get("reception_at")
        if at is not None and self.env.su:
            return float(at)
        now = fields.Datetime.context_timestamp(
            self.with_context(tz=self.tz), fields.Datetime.now()
        )
        return now.hour + now.minute / 60.0

    def _check_desk(self):
        if not self.env.user.has_group(
            "reception_rotation.group_reception_rotation_desk"
        ):
            raise AccessError(
                self.env._("Only the receptionist registers walk-ins and calls.")
            )

    def _check_floor_manager(self):
        self.ensure_one()
        if not (
            self.env.user.has_group(
                "reception_rotation.group_reception_rotation_manager"
            )
            or self.env.user == self.manager_id
        ):
            raise AccessError(
                self.env._(
                    "Only the manager of floor %(floor)s may do this.", floor=self.name
                )
            )

    def _check_can_override(self):
        if not self.can_override:
            raise AccessError(
                self.env._("Only the floor manager or a deputy may override the order.")
            )

    def _notify(self, message, kind="info"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
