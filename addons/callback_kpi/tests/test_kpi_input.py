from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiInput(CallbackKpiCase):
    """X-03: bad input gets a clear, translated error and changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls._batch().filtered(lambda c: c.employee_id == cls.emp1)
        cls.card.write({"supervisor_score": 80, "bonus_points": 2})
        cls.time = cls.card.line_ids.filtered(
            lambda line: line.criterion_id.code == "TIME"
        )
        cls.time.events_computed = 1

    def _assert_card_unchanged(self):
        self.env.invalidate_all()
        self.assertEqual(
            (
                self.card.supervisor_score,
                self.card.self_score,
                self.card.bonus_points,
                self.card.total_score,
                self.card.grade,
            ),
            (80.0, 0.0, 2.0, 100.0, "A"),
        )
        self.assertEqual(
            (self.time.max_points, self.time.events_computed, self.time.points),
            (20.0, 1, 18.0),
        )

    def test_x03_negative_and_over_maximum_scores_refused(self):
        for vals in (
            {"supervisor_score": -5},
            {"supervisor_score": 100.01},
            {"self_score": 101, "self_assessed": True},
            {"year_end_score": -1},
            {"bonus_points": -1},
            {"bonus_points": 10.5},  # KPI-02: at most 10 on top of 100
        ):
            with self.assertRaises(ValidationError):
                self.card.with_user(self.user_manager).write(vals)
            self._assert_card_unchanged()

    def test_x03_bad_line_values_refused(self):
        for vals in (
            {"max_points": -1},
            {"max_points": 120},
            {"events_computed": -2},
            {"bonus_events": -1},
        ):
            with self.assertRaises(ValidationError):
                self.time.with_user(self.user_manager).write(vals)
            self._assert_card_unchanged()

    def test_x03_bad_finding_and_report_refused(self):
        with self.assertRaises(ValidationError):
            self.env["kpi.finding"].with_user(self.user_manager).create(
                {
                    "scorecard_id": self.card.id,
                    "line_id": self._line(self.card, "PROC").id,
                    "events": 0,
                    "note": "nothing found",
                }
            )
        with self.assertRaises(ValidationError):
            self.env["kpi.report"].with_user(self.user_manager).create(
                {
                    "name": "Q1",
                    "employee_id": self.emp1.id,
                    "year": self.YEAR,
                    "quarter": "1",
                    "adopted_count": -1,
                }
            )
        self.assertFalse(self.card.finding_ids)
        self.assertFalse(
            self.env["kpi.report"].search([("employee_id", "=", self.emp1.id)])
        )
        self._assert_card_unchanged()

    def test_x03_grade_boundaries_out_of_order_change_nothing(self):
        for vals in (
            {"kpi_grade_a": 75},  # below B
            {"kpi_grade_c": 80},  # equal to B
            {"kpi_grade_a": 85, "kpi_grade_b": 90},
        ):
            with self.assertRaises(ValidationError):
                self.company.write(vals)
            self.env.invalidate_all()
            self.assertEqual(
                (
                    self.company.kpi_grade_a,
                    self.company.kpi_grade_b,
                    self.company.kpi_grade_c,
                    self.company.kpi_grade_d,
                ),
                (90.0, 80.0, 70.0, 60.0),
            )
            self._assert_card_unchanged()

    def test_x03_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["callback_kpi"], ["zh_CN"], overwrite=True
        )
        card = self.card.with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as bonus:
            card.write({"bonus_points": 11})
        self.assertIn("加分", str(bonus.exception))
        with self.assertRaises(ValidationError) as events:
            self.time.with_context(lang="zh_CN").write({"events_computed": -1})
        self.assertIn("不能为负", str(events.exception))
        with self.assertRaises(ValidationError) as grades:
            self.company.with_context(lang="zh_CN").write({"kpi_grade_b": 95})
        self.assertIn("等级", str(grades.exception))
        self._assert_card_unchanged()

    def test_x03_report_days_and_evaluation_weights_refused(self):
        report = self.env["kpi.report"].create(
            {
                "name": "Q1",
                "employee_id": self.emp1.id,
                "year": self.YEAR,
                "quarter": "1",
            }
        )
        due = report.date_due
        for vals in (
            {"kpi_report_days_quarter": -1},
            {"kpi_report_days_year": 400},
            {"kpi_weight_customer": -10},
            {"kpi_weight_self": 150},
            {"kpi_weight_supervisor": 0},
        ):
            with self.assertRaises(ValidationError):
                self.company.write(vals)
            self.env.invalidate_all()
            self.assertEqual(report.date_due, due)
            self.assertEqual(
                (
                    self.company.kpi_report_days_quarter,
                    self.company.kpi_report_days_year,
                    self.company.kpi_weight_supervisor,
                    self.company.kpi_weight_customer,
                    self.company.kpi_weight_self,
                ),
                (10, 15, 50.0, 40.0, 10.0),
            )
