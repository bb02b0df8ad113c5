from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.customer_callback.tests.roles import new_role_user


@tagged("post_install", "-at_install", "browser_tour")
class TestCallbackDashboardTour(HttpCase):
    """Issue 10: a callback manager opens the Dashboards app and sees the
    callback dashboard's figures (CB-13, CB-14) loaded from the demo data."""

    def test_callback_manager_sees_figures(self):
        # CPython 3.11.7 may fail ast.literal_eval in threads on first use
        # ("AST constructor recursion depth mismatch"): read the manifests
        # behind the static files once, before the browser asks in parallel
        self.assertTrue(http.root.statics)
        manager = new_role_user(self.env, "callback_manager", "dash_cb_tour")
        self.env["hr.employee"].create(
            {
                "name": "Dashboard tour manager",
                "user_id": manager.id,
                "department_id": self.env.ref(
                    "customer_callback.dep_callback_cs_demo"
                ).id,
            }
        )
        self.start_tour(
            "/odoo/dashboards",
            "spreadsheet_dashboard_customer_callback_tour",
            login=manager.login,
            # the first visit may build the spreadsheet's asset bundle
            timeout=300,
        )
