from odoo.tests import tagged

from odoo.addons.callback_kpi.tests.roles import new_role_user

from .dashboard_case import DashboardCase


@tagged("post_install", "-at_install")
class TestKpiDashboard(DashboardCase):
    """Issue 10: the KPI dashboard (KPI-05 grades, KPI-02 criteria, KPI-08
    approval) for KPI managers and HR approvers only (KPI-11)."""

    module = "spreadsheet_dashboard_callback_kpi"
    dashboard = "spreadsheet_dashboard_kpi"
    json_file = "kpi_dashboard.json"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr = new_role_user(cls.env, "hr_approver", "dash_kpi_hr")
        cls.manager = new_role_user(cls.env, "kpi_manager", "dash_kpi_manager")
        # the KPI manager works in the demo cards' department (KPI-11 team)
        cls.env["hr.employee"].create(
            {
                "name": "Dashboard KPI manager",
                "user_id": cls.manager.id,
                "department_id": cls.env.ref("hr.dep_rd").id,
            }
        )
        cls.scored = new_role_user(cls.env, "scored_employee", "dash_kpi_scored")
        cls.callback_staff = new_role_user(cls.env, "callback_user", "dash_kpi_staff")

    def test_dashboard_record(self):
        """Published in the Dashboards app for KPI managers and HR approvers."""
        self.check_dashboard_record(
            self.env.ref("callback_kpi.group_callback_kpi_manager")
            | self.env.ref("callback_kpi.group_callback_kpi_hr")
        )

    def test_json_fields_exist(self):
        """Every model and field the spreadsheet names exists, stored and
        groupable / aggregatable; every formula names one of its sources."""
        self.check_fields_exist()
        self.check_formulas()

    def test_managers_load_figures(self):
        """KPI-05, KPI-08: HR and the team's KPI manager open the dashboard;
        every data source loads with the demo quarter's scorecards."""
        for user in (self.hr, self.manager):
            self.check_readonly_dashboard(user)
            results = self.load_sources(user)
            self.assertEqual(len(results), len(self.sources()))
            cards = self.env["kpi.scorecard"].with_user(user).search([])
            self.assertTrue(cards, user.login)
            [total] = results["pivot 2"]
            self.assertEqual(total["__count"], len(cards))
            # KPI-05: the grade pivot counts each graded quarterly card once
            grades = results["pivot 3"]
            quarterly = cards.filtered(lambda c: c.period_type == "quarter")
            self.assertEqual(sum(r["__count"] for r in grades), len(quarterly))
            # KPI-08: the waiting list is the submitted cards
            waiting = results[next(w for w in results if w.startswith("list"))]
            self.assertEqual(
                {r["id"] for r in waiting},
                set(cards.filtered(lambda c: c.state == "submitted").ids[:10]),
            )

    def test_criteria_scores(self):
        """KPI-02: the scores by criterion average each criterion's points
        over the cards."""
        Line = self.env["kpi.scorecard.line"].with_user(self.hr)
        rows = Line.read_group([], ["points:avg"], ["criterion_id"], lazy=False)
        self.assertTrue(rows)
        for row in rows:
            lines = Line.search(row["__domain"])
            self.assertAlmostEqual(
                row["points"], sum(lines.mapped("points")) / len(lines), places=2
            )

    def test_staff_do_not_see_it(self):
        """KPI-11: scored staff and callback staff do not see the dashboard
        nor read it."""
        for user in (self.scored, self.callback_staff):
            self.check_hidden_from(user)

    def test_chinese_labels(self):
        """The dashboard's labels and name are in Chinese for a Chinese user."""
        self.check_translations()
