from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiInput(CallbackKpiCase):
    """X-03: bad input gets a clear, translated error and changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hand_in_reports(cls.emp1 | cls.emp2 | cls.emp_manager | cls.emp_other)
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
            {"year_end_score": -1},
            {"bonus_points": -1},
            {"bonus_points": 10.5},  # KPI-02: at most 10 on top of 100
        ):
            with self.assertRaises(ValidationError):
                self.card.with_user(self.user_manager).write(vals)
            self._assert_card_unchanged()
        # KPI-14: the self-assessment is the scored person's, 0 to 100
        for score in (101, -1):
            with self.assertRaises(ValidationError):
                self.card.with_user(self.user_emp1).action_self_assess(score)
            self._assert_card_unchanged()

    def test_x03_bad_line_values_refused(self):
        for vals in (
            {"max_points": -1},
            {"max_points": 120},
        ):
            with self.assertRaises(ValidationError):
                self.time.with_user(self.user_manager).write(vals)
            self._assert_card_unchanged()
        # the figures are the batch's: a manager does not type them,
        # and the batch itself cannot store negative ones
        for vals in ({"events_computed": -2}, {"bonus_events": -1}):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.time.with_user(self.user_manager).write(vals)
            with self.assertRaises(ValidationError):
                self.time.write(vals)
            self._assert_card_unchanged()

    def test_x03_criterion_rates_out_of_order_refused(self):
        """A rate floor above its target (below it for the cost overrun), a
        target outside 0-100 %, negative deductions: refused, nothing
        changed."""
        qty = self.env.ref("callback_kpi.kpi_criterion_quantity")
        cost = self.env.ref("callback_kpi.kpi_criterion_cost")
        Criterion = self.env["kpi.criterion"].with_user(self.user_hr)
        for criterion, vals in (
            (qty, {"rate_floor": 120}),
            (qty, {"rate_floor": 101, "rate_target": 100}),
            (qty, {"rate2_floor": 95}),  # success target 90
            (qty, {"rate_target": 150}),
            (qty, {"rate_target": -5}),
            (qty, {"rate_deduction": -2}),
            (qty, {"rate2_step": -1}),
            (cost, {"rate_has_floor": True, "rate_floor": -10}),
            (cost, {"deduction_per_event": -1}),
            (cost, {"zero_threshold": -1}),
            (cost, {"bonus_per_event": -1}),
        ):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                Criterion.browse(criterion.id).write(vals)
        self.env.invalidate_all()
        self.assertEqual(
            (qty.rate_target, qty.rate_floor, qty.rate2_floor, qty.rate_deduction),
            (100.0, 80.0, 60.0, 2.0),
        )
        self.assertFalse(cost.rate_has_floor)
        with self.assertRaises(ValidationError):
            Criterion.create(
                {
                    "code": "BAD",
                    "name": "Bad floor",
                    "max_points": 1,
                    "active": False,
                    "rate_source": "success_rate",
                    "rate_target": 50,
                    "rate_has_floor": True,
                    "rate_floor": 70,
                }
            )
        self.assertFalse(Criterion.search([("code", "=", "BAD")]))
        self._assert_card_unchanged()

    def test_x03_out_of_range_year_refused_in_wizards(self):
        """Today a raw server error (a date in year 0 or 10000): a translated
        error, and nothing created."""
        count = self.env["kpi.scorecard"].search_count([])
        for model in ("kpi.scorecard.batch", "kpi.sheet.export"):
            Wizard = self.env[model].with_user(self.user_manager)
            for year in (0, -1, 10000, 99999):
                with self.assertRaises(ValidationError):
                    Wizard.create({"year": year, "quarter": "1"})
        with self.assertRaises(ValidationError):
            self.env["kpi.scorecard"].with_user(self.user_manager)._batch_compute(
                self.company, "quarter", 9999, "4"
            )
        for year in (0, 10000):
            with self.assertRaises(ValidationError):
                self.env["kpi.scorecard"].create(
                    {"employee_id": self.emp2.id, "year": year, "quarter": "1"}
                )
            with self.assertRaises(ValidationError):
                self.env["kpi.report"].create(
                    {
                        "name": "bad year",
                        "employee_id": self.emp2.id,
                        "year": year,
                        "quarter": "1",
                    }
                )
        self.assertEqual(self.env["kpi.scorecard"].search_count([]), count)
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["callback_kpi"], ["zh_CN"], overwrite=True
        )
        with self.assertRaises(ValidationError) as error:
            self.env["kpi.scorecard.batch"].with_user(self.user_manager).with_context(
                lang="zh_CN"
            ).create({"year": 0, "quarter": "1"})
        self.assertIn("年份", str(error.exception))
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
            self.env["kpi.report"].search(
                [("employee_id", "=", self.emp1.id), ("name", "=", "Q1")]
            )
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
