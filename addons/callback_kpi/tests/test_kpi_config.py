import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..engine.defaults import DEFAULT_COMPANY_SETTINGS, DEFAULT_CRITERIA
from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiConfig(CallbackKpiCase):
    """X-03 / KPI-02 / KPI-03 settings, KPI-13 employee form, views."""

    def test_kpi03_default_criteria_shares_100(self):
        criteria = self.env["kpi.criterion"]._get_for_company(self.company)
        self.assertEqual(
            criteria.mapped("code"),
            ["TIME", "QTY", "PROC", "DESIGN", "REC", "REPORT", "COST"],
        )
        self.assertEqual(sum(criteria.mapped("max_points")), 100)
        self.assertEqual(set(criteria.mapped("source")), {"computed", "manual"})

    def test_kpi02_kpi03_engine_defaults_are_the_shipped_data(self):
        """engine/defaults.py is data/kpi_criterion_data.xml and the
        company's default settings: the pure tests score what is installed."""
        shipped = self.env["kpi.criterion"].search(
            [
                (
                    "id",
                    "in",
                    self.env["ir.model.data"]
                    .search(
                        [
                            ("module", "=", "callback_kpi"),
                            ("model", "=", "kpi.criterion"),
                        ]
                    )
                    .mapped("res_id"),
                )
            ],
            order="sequence, id",
        )
        self.assertEqual(
            [criterion._to_engine(by_source=True) for criterion in shipped],
            list(DEFAULT_CRITERIA),
        )
        company = self.env["res.company"].create({"name": "Defaults Ltd"})
        defaults = self.env["res.company"].default_get(list(DEFAULT_COMPANY_SETTINGS))
        for name, value in DEFAULT_COMPANY_SETTINGS.items():
            self.assertEqual(defaults[name], value, name)
            self.assertEqual(company[name], value, name)

    def test_x03_criterion_bad_values_refused(self):
        time = self.env.ref("callback_kpi.kpi_criterion_timeliness")
        for vals in (
            {"deduction_per_event": -1},
            {"zero_threshold": -2},
            {"max_points": 0},
            {"max_points": 30},  # the shares would add up to 110
        ):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                time.write(vals)
        self.assertEqual(time.max_points, 20)
        self.assertEqual(time.deduction_per_event, 2)

    def test_kpi02_shares_must_add_up_to_100_to_score(self):
        self.env.ref("callback_kpi.kpi_criterion_design").active = False
        with self.assertRaises(ValidationError):
            self._batch()
        self.assertFalse(
            self.env["kpi.scorecard"].search([("period_key", "=", "2025-Q1")])
        )

    def test_kpi03_criterion_settings_change_scoring(self):
        time = self.env.ref("callback_kpi.kpi_criterion_timeliness")
        time.write({"deduction_per_event": 5, "zero_threshold": 2})
        self._plan(self.emp1, self._dt(2, 3), "missed")
        self._plan(self.emp1, self._dt(2, 4), "missed")
        card = self._batch().filtered(lambda c: c.employee_id == self.emp1)
        self.assertEqual(self._line(card, "TIME").points, 10.0)
        self._plan(self.emp1, self._dt(2, 5), "missed")
        self._batch()
        line = self._line(card, "TIME")
        self.assertTrue(line.zeroed)
        self.assertEqual(line.points, 0.0)

    def test_x03_company_settings_refused(self):
        for vals in (
            {"kpi_grade_c": 85},
            {"kpi_grade_d": -1},
            {"kpi_annual_quarter_weight": 70},
            {"kpi_pay_deduction_pct": 150},
            {"kpi_reward_a": -10},
            {"kpi_bonus_cap": 12},
        ):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.company.write(vals)
        self.assertEqual(self.company.kpi_grade_c, 70)
        self.assertEqual(self.company.kpi_annual_quarter_weight, 60)

    def test_kpi03_report_due_honours_company_calendar_leaves(self):
        calendar = self.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Qingming",
                "calendar_id": calendar.id,
                "date_from": datetime.datetime(2025, 4, 4, 0, 0),
                "date_to": datetime.datetime(2025, 4, 7, 23, 59),
            }
        )
        report = self.env["kpi.report"].create(
            {
                "name": "Q1",
                "employee_id": self.emp1.id,
                "year": 2025,
                "quarter": "1",
            }
        )
        # 10 working days after Monday 31 March, 4 and 7 April off: 16 April
        self.assertEqual(report.date_due, datetime.date(2025, 4, 16))
        annual = self.env["kpi.report"].create(
            {
                "name": "2025",
                "employee_id": self.emp1.id,
                "year": 2025,
                "period_type": "year",
            }
        )
        self.assertEqual(annual.date_due, datetime.date(2026, 1, 21))

    def test_kpi13_employee_latest_grade_and_history(self):
        cards = self._batch()
        card = cards.filtered(lambda c: c.employee_id == self.emp1)
        self.assertFalse(self.emp1.kpi_last_grade)  # nothing approved yet
        self.assertEqual(self.emp1.kpi_scorecard_count, 1)
        card.action_submit()
        card.with_user(self.user_hr).action_approve()
        self.emp1.invalidate_recordset(["kpi_last_grade"])
        self.assertEqual(self.emp1.kpi_last_grade, "A")
        action = self.emp1.action_open_kpi_scorecards()
        self.assertEqual(self.env["kpi.scorecard"].search(action["domain"]), card)

    def test_x04_views_load_for_each_role(self):
        for user in (self.user_emp1, self.user_manager, self.user_hr):
            for model in ("kpi.scorecard", "kpi.report"):
                views = (
                    self.env[model]
                    .with_user(user)
                    .get_views([(False, "list"), (False, "form"), (False, "search")])
                )
                self.assertIn("form", views["views"])
        views = (
            self.env["kpi.scorecard"]
            .with_user(self.user_hr)
            .get_views([(False, "pivot"), (False, "graph")])
        )
        self.assertIn("grade", views["views"]["graph"]["arch"])
        # KPI-13 smart button on the employee form, settings block
        self.user_hr.groups_id += self.env.ref("hr.group_hr_user")
        arch = (
            self.env["hr.employee"]
            .with_user(self.user_hr)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("action_open_kpi_scorecards", arch)
        self.assertIn("kpi_last_grade", arch)
        self.user_hr.groups_id += self.env.ref("base.group_system")
        arch = (
            self.env["res.config.settings"]
            .with_user(self.user_hr)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("kpi_grade_a", arch)
