from odoo.tests import tagged

from odoo.addons.reception_rotation.tests.roles import create_role_user

from .dashboard_case import DashboardCase


@tagged("post_install", "-at_install")
class TestReceptionDashboard(DashboardCase):
    """Issue 10: the reception dashboard (RR-01 counted visits, RR-04 make-ups,
    RR-15 overrides, won deals) for the floor managers only."""

    module = "spreadsheet_dashboard_reception_rotation"
    dashboard = "spreadsheet_dashboard_reception"
    json_file = "reception_dashboard.json"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = create_role_user(cls.env, "floor_manager", "dash_rr_manager")
        cls.salesperson = create_role_user(
            cls.env, "reception_salesperson", "dash_rr_sales"
        )
        cls.receptionist = create_role_user(cls.env, "receptionist", "dash_rr_desk")

    def test_dashboard_record(self):
        """Published in the Dashboards app for the floor managers only."""
        self.check_dashboard_record(
            self.env.ref("reception_rotation.group_reception_rotation_manager")
        )

    def test_json_fields_exist(self):
        """Every model and field the spreadsheet names exists, stored and
        groupable / aggregatable; every formula names one of its sources."""
        self.check_fields_exist()
        self.check_formulas()

    def test_manager_loads_figures(self):
        """RR-01: the floor manager opens the dashboard; every data source
        loads with the demo morning's walk-ins."""
        self.check_readonly_dashboard(self.manager)
        results = self.load_sources(self.manager)
        self.assertEqual(len(results), len(self.sources()))
        [totals] = results["pivot 1"]
        visits = self.env["reception.visit"].search([])
        self.assertEqual(totals["visit_count"], len(visits))
        self.assertEqual(totals["counted_count"], len(visits.filtered("counted")))
        self.assertGreater(totals["counted_count"], 0)
        # per salesperson and day: the day rows add up to the total
        day_rows = results["pivot 5"]
        self.assertEqual(sum(r["visit_count"] for r in day_rows), len(visits))
        # RR-15: the demo override, on the salesperson it named
        overrides = results["pivot 3"]
        self.assertEqual(
            {r["employee_id"][0]: r["__count"] for r in overrides},
            {self.env.ref("hr.employee_qdp").id: 1},
        )

    def test_domains_follow_rules(self):
        """RR-15: overrides are the log's override events; make-ups used are
        the used ones; conversion counts new walk-ins and their won deals."""
        pivots = self.data["pivots"]
        self.assertEqual(pivots["3"]["domain"], [["event_type", "=", "override"]])
        self.assertEqual(pivots["2"]["domain"], [["state", "=", "used"]])
        self.assertEqual(pivots["4"]["domain"], [["visit_type", "=", "new"]])
        Visit = self.env["reception.visit"].with_user(self.manager)
        [conv] = Visit.read_group(
            pivots["4"]["domain"], ["visit_count:sum", "won_count:sum"], [], lazy=False
        )
        new = Visit.search([("visit_type", "=", "new")])
        self.assertEqual(conv["visit_count"], len(new))
        self.assertEqual(conv["won_count"], len(new.filtered("won")))

    def test_staff_do_not_see_it(self):
        """Salespeople and the receptionist do not see the dashboard nor read
        it: the figures compare colleagues."""
        for user in (self.salesperson, self.receptionist):
            self.check_hidden_from(user)

    def test_chinese_labels(self):
        """The dashboard's labels and name are in Chinese for a Chinese user."""
        self.check_translations()
