"""The desk screen in a real browser: web_tour tours run by odoo-bin in
headless Chromium, each as its real role, in English and in Simplified
Chinese (issue 9, items 1 and 2).

They are tagged ``browser_tour``: the harness runs them as a suite of their
own in the database where every addon is installed with demo data::

    scripts/test.sh tours

HttpCase needs the HTTP server of odoo-bin: pytest-odoo skips them.
"""

import base64
import datetime
import os
import threading
import unittest
from contextlib import contextmanager
from unittest.mock import patch

from odoo import http, sql_db
from odoo.service import server
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools import config

from odoo.addons.bus.models import bus as bus_module
from odoo.addons.bus.websocket import WebsocketConnectionHandler

from .roles import create_role_user


def screenshot_dir():
    """<data dir>/screenshots: .odoo-data/screenshots with scripts/odoo.sh"""
    return os.path.join(config["data_dir"], "screenshots")


@contextmanager
def bus_delivered(env):
    """Open screens get the bus notifications as in production. In a test,
    Odoo refuses websockets and its test cursor drops post-commit hooks, so
    nothing sent would reach a browser: here websockets are allowed (as
    Odoo's own WebsocketCase does), a request's commit runs the bus's
    post-commit hook (NOTIFY imbus), a screen that knows no notification yet
    polls from the last one before the test (the bus finds those by their
    date, and a test's rows all carry the date its transaction began), and
    the websocket connections are waited for when the browser has gone."""
    commit = sql_db.TestCursor.commit
    poll = bus_module.ImBus._poll
    first = env["bus.bus"].sudo()._bus_last_id()
    serve_forever = WebsocketConnectionHandler._serve_forever
    closed = []

    def commit_and_notify(cr):
        cr.flush()  # precommit: the bus.bus rows
        for func in list(cr.postcommit._funcs):
            if getattr(func, "__module__", None) == bus_module.__name__:
                cr.postcommit._funcs.remove(func)
                func()
        return commit(cr)

    def poll_since_test(bus, channels, last=0, ignore_ids=None):
        return poll(bus, channels, last or first or -1, ignore_ids)

    def serve_and_signal(*args):
        done = threading.Event()
        closed.append(done)
        try:
            serve_forever(*args)
        finally:
            done.set()

    with (
        patch.object(sql_db.TestCursor, "commit", commit_and_notify),
        patch.object(
            WebsocketConnectionHandler, "websocket_allowed", return_value=True
        ),
        patch.object(WebsocketConnectionHandler, "_serve_forever", serve_and_signal),
        patch.object(bus_module.ImBus, "_poll", poll_since_test),
    ):
        yield
        for done in closed:
            done.wait(timeout=30)


@contextmanager
def screenshot_on_stop(path):
    """Save what the browser shows to ``path`` when the test has passed,
    just before Odoo closes the browser."""
    stop = ChromeBrowser.stop
    shots = []

    def stop_after_screenshot(browser):
        if getattr(browser, "ws", None) is not None and not browser.had_failure:
            result = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}, timeout=30
            )
            with open(path, "wb") as png:
                png.write(base64.b64decode(result["data"]))
            shots.append(path)
        return stop(browser)

    with patch.object(ChromeBrowser, "stop", stop_after_screenshot):
        yield shots


class TourCommon(HttpCase):
    """Sets up a floor of six sellers with yesterday's roster, its manager
    and a receptionist; zh_CN is installed with the addon's terms."""

    @classmethod
    def setUpClass(cls):
        if not server.server:
            raise unittest.SkipTest("needs the HTTP server of odoo-bin")
        super().setUpClass()
        # CPython 3.11.7 may fail ast.literal_eval in threads on first use
        # ("AST constructor recursion depth mismatch"): read the manifests
        # behind the static files once, before the browser asks in parallel
        cls.statics = http.root.statics
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["reception_rotation"], ["zh_CN"], overwrite=True
        )
        cls.desk = create_role_user(cls.env, "receptionist", login="tour_desk")
        cls.manager = create_role_user(
            cls.env, "floor_manager", login="tour_floor_manager"
        )
        cls.sellers = cls.env["hr.employee"]
        for i in range(1, 7):
            seller = create_role_user(
                cls.env,
                "reception_salesperson",
                login="tour_seller_%d" % i,
                name="Tour Seller %d" % i,
            )
            cls.sellers |= cls.env["hr.employee"].create(
                {"name": seller.name, "user_id": seller.id}
            )
        cls.floor = cls.env["reception.floor"].create(
            {
                "name": "Tour Showroom",
                "manager_id": cls.manager.id,
                "team_id": cls.env["crm.team"].create({"name": "Tour Team"}).id,
            }
        )
        cls.env["reception.roster"].create(
            {
                "floor_id": cls.floor.id,
                "date": cls.floor._floor_today() - datetime.timedelta(days=1),
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "employee_id": seller.id,
                            "sequence": seq,
                            "start_hour": 0.0,
                            "end_hour": 24.0,
                        },
                    )
                    for seq, seller in enumerate(cls.sellers, start=1)
                ],
            }
        )


@tagged("post_install", "-at_install", "browser_tour")
class TestReceptionTours(TourCommon):
    def _morning(self, lang):
        (self.desk | self.manager).lang = lang
        with bus_delivered(self.env):
            self.start_tour("/odoo", "reception_desk_morning", login=self.desk.login)
        self.start_tour("/odoo", "reception_floor_override", login=self.manager.login)
        roster = self.floor._get_roster(self.floor._floor_today())
        self.assertEqual(roster.line_ids.employee_id, self.sellers)
        visits = self.env["reception.visit"].search(
            [("floor_id", "=", self.floor.id)], order="id"
        )
        # RR-01/RR-03: in order, seller 3 away skipped; RR-05 peer research
        # served by the next without a count; RR-15 the manager's override
        s1, s2, s3, s4, s5, s6 = self.sellers
        self.assertEqual(visits.server_id, s1 | s2 | s4 | s5 | s6)
        self.assertEqual(
            [(v.server_id, v.counted) for v in visits],
            [(s1, True), (s2, True), (s4, True), (s5, False), (s6, True)],
        )
        self.assertEqual(visits[-1].customer_name, "Tour Customer D")
        self.assertIn(
            "Speaks Cantonese",
            self.env["reception.log"]
            .search([("floor_id", "=", self.floor.id), ("event_type", "=", "override")])
            .mapped("note"),
        )
        self.assertEqual(
            self.env["reception.makeup"]
            .search([("floor_id", "=", self.floor.id), ("state", "=", "pending")])
            .employee_id,
            s5,
        )
        # another desk set seller 3 back: on duty, and the screen followed
        self.assertEqual(
            roster.line_ids.filtered(lambda ln: ln.employee_id == s3).status, "on_duty"
        )

    def test_receptionist_morning(self):
        """RR-01..RR-05, RR-15: the receptionist's morning, English."""
        self._morning("en_US")

    def test_receptionist_morning_zh_cn(self):
        """The same morning with the users' language Simplified Chinese: the
        tour asserts the Chinese labels."""
        self._morning("zh_CN")


@tagged("post_install", "-at_install", "browser_tour")
class TestBoardTablet(TourCommon):
    """The desk screen on a 1024 px tablet, landscape and portrait: no
    horizontal overflow, the walk-in buttons and every card reachable.
    Screenshots: .odoo-data/screenshots/board_1024_<orientation>.png."""

    CHECK = """
    (async () => {
        const board = document.querySelector(".o_reception_board");
        const page = document.scrollingElement;
        const problems = [];
        if (page.scrollWidth > window.innerWidth) {
            problems.push("the page scrolls sideways: " + page.scrollWidth);
        }
        if (board.scrollWidth > board.clientWidth) {
            problems.push("the board scrolls sideways: " + board.scrollWidth);
        }
        const shown = ".o_reception_walkin, .o_reception_line";
        for (const el of board.querySelectorAll(shown)) {
            const box = el.getBoundingClientRect();
            if (box.left < 0 || box.right > window.innerWidth || box.width < 40) {
                problems.push("cut off: " + el.textContent.trim().slice(0, 30));
            }
        }
        if (board.querySelectorAll(".o_reception_line").length !== 6) {
            problems.push("not six cards");
        }
        if (problems.length) {
            const width = window.innerWidth;
            console.error("board at " + width + " px: " + problems.join("; "));
        } else {
            console.log("test successful");
        }
    })();
    """

    def _shoot(self, size, name):
        self.env["reception.roster"].search(
            [("floor_id", "=", self.floor.id)]
        ).with_user(self.desk).action_copy_to_tomorrow()
        self.browser_size = size
        os.makedirs(screenshot_dir(), exist_ok=True)
        path = os.path.abspath(os.path.join(screenshot_dir(), name))
        if os.path.exists(path):
            os.remove(path)
        with screenshot_on_stop(path) as shots:
            self.browser_js(
                "/odoo/action-reception_rotation.reception_floor_action_board"
                "?active_id=%s" % self.floor.id,
                self.CHECK,
                ready="!!document.querySelector('.o_reception_board h2')",
                login=self.desk.login,
            )
        self.assertEqual(shots, [path])
        self.assertGreater(os.path.getsize(path), 1000)

    def test_board_1024_landscape(self):
        self._shoot("1024x768", "board_1024_landscape.png")

    def test_board_1024_portrait(self):
        self._shoot("768x1024", "board_1024_portrait.png")
