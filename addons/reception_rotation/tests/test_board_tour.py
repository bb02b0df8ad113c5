"""The desk screen in a real browser (run by odoo-bin, which serves HTTP;
skipped under pytest-odoo, where no HTTP server runs, or without the
websocket-client library)::

    scripts/odoo.sh -d test_reception_rotation --http-port=8072 \\
        --test-tags /reception_rotation:TestBoardBrowser --stop-after-init
"""

import unittest

from odoo import http
from odoo.service import server
from odoo.tests import HttpCase, tagged

CLICK_THROUGH = """
(async () => {
    const wait = (selector) => new Promise((resolve, reject) => {
        let tries = 0;
        const timer = setInterval(() => {
            const el = document.querySelector(selector);
            if (el) { clearInterval(timer); resolve(el); }
            else if (++tries > 100) {
                clearInterval(timer); reject(new Error("not found: " + selector));
            }
        }, 100);
    });
    const gone = (selector) => new Promise((resolve, reject) => {
        let tries = 0;
        const timer = setInterval(() => {
            if (!document.querySelector(selector)) { clearInterval(timer); resolve(); }
            else if (++tries > 100) {
                clearInterval(timer); reject(new Error("still there: " + selector));
            }
        }, 100);
    });
    const type = (input, value) => {
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
    };
    // RR-13: the incoming call tells who answers
    document.querySelector(".o_reception_call").click();
    await wait(".o_notification");
    // RR-01: a new customer through the walk-in form
    document.querySelector(".o_reception_walkin").click();
    type(await wait(".modal div[name=customer_name] input"), "Browser Customer");
    type(await wait(".modal div[name=phone] input"), "13698765432");
    (await wait(".modal button[name=action_confirm]")).click();
    // the assignment is done when the walk-in form has closed
    await gone(".modal");
    console.log("test successful");
})().catch((error) => console.error("board tour failed: " + error.message));
"""


@tagged("post_install", "-at_install", "browser_tour")
class TestBoardBrowser(HttpCase):
    def test_desk_screen_renders_and_assigns(self):
        if not server.server:
            raise unittest.SkipTest("needs the HTTP server of odoo-bin")
        # CPython 3.11.7 may fail ast.literal_eval in threads on first use
        # ("AST constructor recursion depth mismatch"): read the manifests
        # behind the static files once, before the browser asks in parallel
        self.assertTrue(http.root.statics)
        floor = self.env.ref("reception_rotation.reception_floor_demo")
        before = self.env["reception.visit"].search_count([])
        self.browser_js(
            "/odoo/action-reception_rotation.reception_floor_action_board",
            CLICK_THROUGH,
            ready="!!document.querySelector('.o_reception_board .o_reception_line')",
            login="admin",
        )
        visit = self.env["reception.visit"].search(
            [("customer_name", "=", "Browser Customer")]
        )
        self.assertEqual(visit.floor_id, floor)
        self.assertTrue(visit.server_id)
        # the call and the walk-in
        self.assertEqual(self.env["reception.visit"].search_count([]), before + 2)
