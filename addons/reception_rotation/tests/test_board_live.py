"""The live desk screen, server side (RR-01, X-07): every change of a floor's
order notifies the floor's bus channel once; the channel is granted only to
users who read the floor (their company's); the notification names the floor,
no customer."""

import json
from types import SimpleNamespace
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.bus.models import ir_websocket as bus_websocket
from odoo.addons.bus.models.bus import channel_with_db, json_dump
from odoo.addons.mail.models.discuss import mail_guest

from ..models.reception_floor import BOARD_CHANNEL
from .common import ReceptionCommon
from .roles import create_other_company


@tagged("post_install", "-at_install")
class TestBoardLive(ReceptionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b, cls.floor_b, cls.users_b = create_other_company(cls.env)

    def _notifications(self, floor):
        """The board notifications of ``floor`` created so far."""
        self.env.flush_all()
        self.env.cr.precommit.run()  # bus.bus rows are created at commit
        channel = json_dump(channel_with_db(self.env.cr.dbname, (floor, BOARD_CHANNEL)))
        return [
            json.loads(message)
            for message in self.env["bus.bus"]
            .sudo()
            .search([("channel", "=", channel)], order="id")
            .mapped("message")
        ]

    def _granted(self, user, requested):
        """The board channels the websocket of ``user`` is granted when it
        asks for ``requested``, and the requested names left as channels."""
        env = self.env(user=user)
        fake = SimpleNamespace(
            cookies={},
            env=env,
            session=SimpleNamespace(uid=user.id),
            update_context=lambda **kw: None,
        )
        with (
            patch.object(bus_websocket, "request", fake),
            patch.object(mail_guest, "request", fake),
        ):
            channels = env["ir.websocket"]._build_bus_channel_list(list(requested))
        floors = [
            c for c in channels if isinstance(c, tuple) and c[1:] == (BOARD_CHANNEL,)
        ]
        names = [c for c in channels if isinstance(c, str) and "reception" in c]
        return floors, names

    def test_desk_change_notifies_floor_once(self):
        """RR-01: another desk's status change reaches the floor's screens,
        once, with the floor's id only (X-07: no customer data)."""
        self.assertEqual(self._notifications(self.floor), [])
        self.line(self.s2).with_user(self.desk).action_set_away()
        messages = self._notifications(self.floor)
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages[0]["type"], "reception_rotation/board")
        self.assertEqual(
            messages[0]["payload"], {"floor_id": self.floor.id, "token": False}
        )
        self.assertEqual(self._notifications(self.floor_b), [])

    def test_walk_in_payload_has_no_customer(self):
        """X-07: a walk-in's notification carries no name or phone."""
        self.walk_in("new", name="Secret Customer", phone="13912345678")
        messages = self._notifications(self.floor)
        self.assertEqual(len(messages), 1)
        payload = json.dumps(messages[0])
        self.assertNotIn("Secret", payload)
        self.assertNotIn("13912345678", payload)

    def test_salesperson_change_notifies(self):
        """RR-14: the serving salesperson closing their visit updates the
        desk screens."""
        visit = self.walk_in("new")
        before = len(self._notifications(self.floor))
        seller = visit.server_id.user_id
        visit.with_user(seller).action_leave()
        self.assertEqual(len(self._notifications(self.floor)), before + 1)

    def test_screen_token_echoed_only_when_well_formed(self):
        """The acting screen's id comes back so that it skips its own change;
        anything else than a short id of letters and digits is dropped."""
        line = self.line(self.s1).with_user(self.desk)
        line.with_context(reception_board_token="abc123XYZ").action_set_away()
        line.with_context(reception_board_token="<b>x</b>").action_set_on_duty()
        line.with_context(reception_board_token="x" * 33).action_set_away()
        tokens = [m["payload"]["token"] for m in self._notifications(self.floor)]
        self.assertEqual(tokens, ["abc123XYZ", False, False])

    def test_refused_change_notifies_nobody(self):
        """A salesperson cannot set statuses at the desk: nothing is sent."""
        with self.assertRaises(AccessError):
            self.line(self.s1).with_user(self.users[0]).action_set_away()
        self.assertEqual(self._notifications(self.floor), [])

    def test_channel_granted_by_floor_access(self):
        """X-07: the floor's channel goes to those who read the floor, of
        their company only; the requested name itself is never a channel."""
        ask = [
            "reception_rotation.board:%d" % self.floor.id,
            "reception_rotation.board:%d" % self.floor_b.id,
            "reception_rotation.board:999999999",
        ]
        for user in (self.desk, self.manager, self.users[0]):
            floors, names = self._granted(user, ask)
            self.assertEqual(floors, [(self.floor, BOARD_CHANNEL)], user.login)
            self.assertEqual(names, [], user.login)
        desk_b = self.users_b["receptionist"]
        self.assertEqual(
            self._granted(desk_b, ask), ([(self.floor_b, BOARD_CHANNEL)], [])
        )
        for role in ("portal", "crm_salesperson"):
            self.assertEqual(self._granted(self.roles[role], ask), ([], []), role)
