from odoo.tests import tagged

from odoo.addons.customer_callback.tests.roles import new_role_user

from .dashboard_case import DashboardCase


@tagged("post_install", "-at_install")
class TestCallbackDashboard(DashboardCase):
    """Issue 10: the callback dashboard (CB-13, CB-14, CB-11, CB-15 figures) in
    the Dashboards app, for the callback managers only (CB-17)."""

    module = "spreadsheet_dashboard_customer_callback"
    dashboard = "spreadsheet_dashboard_callbacks"
    json_file = "callback_dashboard.json"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the manager heads the demo customer-service centre: its teams'
        # figures are theirs to read (CB-17 team rule)
        cls.manager = new_role_user(cls.env, "callback_manager", "dash_cb_manager")
        cls.env["hr.employee"].create(
            {
                "name": "Dashboard manager",
                "user_id": cls.manager.id,
                "department_id": cls.env.ref(
                    "customer_callback.dep_callback_cs_demo"
                ).id,
            }
        )
        cls.staff = new_role_user(cls.env, "callback_user", "dash_cb_staff")
        cls.internal = new_role_user(cls.env, "internal", "dash_cb_internal")

    def test_dashboard_record(self):
        """Published in the Dashboards app for the callback managers only."""
        self.check_dashboard_record(
            self.env.ref("customer_callback.group_customer_callback_manager")
        )

    def test_json_fields_exist(self):
        """Every model and field the spreadsheet names exists, stored and
        groupable / aggregatable; every formula names one of its sources."""
        self.check_fields_exist()
        self.check_formulas()

    def test_manager_loads_figures(self):
        """CB-14: the manager opens the dashboard and every data source loads
        with the demo figures of their teams."""
        self.check_readonly_dashboard(self.manager)
        results = self.load_sources(self.manager)
        self.assertEqual(len(results), len(self.sources()))
        totals = results["pivot 1"][0]
        # CB-14: the demo teams have due and done plans, so rates exist
        self.assertGreater(totals["__count"], 0)
        self.assertGreater(totals["callback_rate"], 0)
        self.assertLessEqual(totals["callback_rate"], 100)
        # rates by quarter and staff member: one row per demo staff member
        by_staff = {row["employee_id"][0] for row in results["pivot 4"]}
        self.assertIn(
            self.env.ref("customer_callback.employee_callback_li_demo").id, by_staff
        )

    def test_rates_are_ratios_of_sums(self):
        """CB-14: a rate grouped over staff members is the ratio of the summed
        counts, the figure the dashboard's scorecard shows."""
        Figure = self.env["callback.figure"].with_user(self.manager)
        [total] = Figure.read_group(
            [], ["callback_rate:avg", "done_count:sum", "due_count:sum"], [], lazy=False
        )
        self.assertTrue(total["due_count"])
        self.assertAlmostEqual(
            total["callback_rate"],
            round(100 * total["done_count"] / total["due_count"], 2),
        )

    def test_domains_follow_rules(self):
        """CB-13: missed plans are the plans the daily job marked missed; CB-11:
        open escalations are those not yet handled."""
        pivots = self.data["pivots"]
        self.assertEqual(pivots["2"]["domain"], [["state", "=", "missed"]])
        self.assertEqual(pivots["3"]["domain"], [["state", "=", "open"]])
        self.assertEqual(pivots["3"]["rows"], [{"fieldName": "department_id"}])
        Plan = self.env["callback.plan"].with_user(self.manager)
        [missed] = Plan.read_group(pivots["2"]["domain"], ["__count"], [], lazy=False)
        self.assertEqual(
            missed["__count"], Plan.search_count([("state", "=", "missed")])
        )
        # CB-15 CB-19: the ranking is per dealer, not per called company
        self.assertEqual(pivots["6"]["rows"], [{"fieldName": "dealer_id"}])
        self.assertIn(["dealer_id", "!=", False], pivots["6"]["domain"])

    def test_staff_do_not_see_it(self):
        """CB-17: callback staff and other employees do not see the dashboard
        nor read it."""
        for user in (self.staff, self.internal):
            self.check_hidden_from(user)

    def test_chinese_labels(self):
        """The dashboard's labels and name are in Chinese for a Chinese user."""
        self.check_translations()
