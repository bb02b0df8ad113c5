import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiFigures(CallbackKpiCase):
    """KPI-04: the figures are computed from the callback data, not typed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        emp = cls.emp1
        # Q1 2025: 10 due plans (+1 cancelled), 8 done of which 2 late, 1 missed
        cls.plans_done = cls.env["callback.plan"]
        for i in range(8):
            deadline = cls._dt(1 + i % 3, 10 + i)
            late = i < 2
            done = deadline + datetime.timedelta(days=2 if late else -1)
            cls.plans_done |= cls._plan(emp, deadline, "done", done)
        cls._plan(emp, cls._dt(2, 5), "missed")
        cls._plan(emp, cls._dt(3, 30), "planned")
        cls._plan(emp, cls._dt(3, 1), "cancelled")
        # out of the period / another employee: not counted
        cls._plan(emp, cls._dt(4, 2), "missed")
        cls._plan(cls.emp2, cls._dt(2, 2), "missed")
        # 7 done records on 7 of the 8 done plans: 5 reached, 4 answered,
        # 1 late report, 200 each (1400 against a budget of 1000)
        for i, plan in enumerate(cls.plans_done[:7]):
            cls._record(
                emp,
                plan.date_deadline - datetime.timedelta(days=1),
                plan=plan,
                reached=i < 5,
                answered=i < 4,
                cost=200.0,
                report_late=i == 6,
                satisfaction=80.0,
            )
        cls.report = cls.env["kpi.report"].create(
            {
                "name": "Q1 analysis",
                "employee_id": emp.id,
                "year": cls.YEAR,
                "quarter": "1",
                "date_submitted": datetime.date(cls.YEAR, 4, 30),
                "adopted_count": 3,
            }
        )

    def test_kpi04_figures_from_callback_data(self):
        cards = self._batch()
        card = cards.filtered(lambda c: c.employee_id == self.emp1)
        figures = card._kpi_figures(
            self.company, card.date_from, card.date_to, "quarter"
        )[self.emp1.id]
        self.assertEqual(figures["due"], 10)
        self.assertEqual(figures["done"], 8)
        self.assertAlmostEqual(figures["callback_rate"], 80.0)
        # 2 done late + 1 missed + 1 late callback report
        self.assertEqual(figures["late_callbacks"], 4)
        # 1 done plan without record + 1 missed plan
        self.assertEqual(figures["missing_records"], 2)
        self.assertEqual(figures["records"], 7)
        self.assertAlmostEqual(figures["success_rate"], 500 / 7)
        self.assertAlmostEqual(figures["questionnaire_return"], 400 / 7)
        self.assertAlmostEqual(figures["cost"], 1400.0)
        self.assertAlmostEqual(figures["cost_overrun"], 40.0)
        self.assertEqual(figures["late_reports"], 1)
        self.assertEqual(figures["adopted_suggestions"], 3)
        self.assertAlmostEqual(figures["satisfaction"], 80.0)

    def test_kpi04_callback_figures_are_customer_callbacks(self):
        """KPI-04 CB-14: a card scores from customer_callback's Callback
        Figures, defined once: the quarter's due, done, records and rates are
        the ones the figures view shows; a missed plan archived by a manager
        still counts in both: archiving does not undo a missed callback
        (X-07)."""
        card = self._batch().filtered(lambda c: c.employee_id == self.emp1)
        domain = [
            ("employee_id", "=", self.emp1.id),
            ("quarter", "=", f"{self.YEAR}-Q1"),
        ]
        [(due, done, records, rate, success)] = self.env["callback.figure"]._read_group(
            domain,
            [],
            [
                "due_count:sum",
                "done_count:sum",
                "record_count:sum",
                "callback_rate:avg",
                "success_rate:avg",
            ],
        )
        self.assertEqual(
            (card.plans_due, card.plans_done, card.records_done), (due, done, records)
        )
        lines = {line.criterion_id.code: line for line in card.line_ids}
        self.assertEqual(lines["QTY"].rate_value, rate)
        self.assertEqual(lines["QTY"].rate2_value, success)
        # set-up: the missed plan archived (a callback manager's act)
        missed = self.env["callback.plan"].search(
            [
                ("employee_id", "=", self.emp1.id),
                ("state", "=", "missed"),
                ("quarter", "=", f"{self.YEAR}-Q1"),
            ]
        )
        missed.action_archive()
        card = self._batch().filtered(lambda c: c.employee_id == self.emp1)
        self.assertEqual(card.plans_due, 10)
        [(due, missed_count)] = self.env["callback.figure"]._read_group(
            domain, [], ["due_count:sum", "missed_count:sum"]
        )
        self.assertEqual((due, missed_count), (10, 1))

    def test_kpi03_kpi04_card_scored_from_figures(self):
        card = self._batch().filtered(lambda c: c.employee_id == self.emp1)
        points = {line.criterion_id.code: line.points for line in card.line_ids}
        self.assertEqual(
            points,
            {
                "TIME": 12.0,  # 4 late x 2
                "QTY": 11.0,  # rate 80 %: 4 steps x 2; success 71.4 %: 3 x 2
                "PROC": 15.0,
                "DESIGN": 10.0,
                "REC": 6.0,  # 2 missing + 2 steps of questionnaire return
                "REPORT": 5.0,  # one late report
                "COST": 0.0,  # 40 % over budget, capped at the criterion's 10
            },
        )
        self.assertEqual(card.base_score, 59.0)
        self.assertEqual(card.bonus_total, 3.0)  # 3 adopted suggestions
        self.assertEqual(card.total_score, 62.0)
        self.assertEqual(card.grade, "D")
        self.assertAlmostEqual(card.customer_score, 80.0)
        self.assertEqual(card.plans_due, 10)

    def test_kpi04_manual_finding_deducts_and_is_logged(self):
        card = self._batch().filtered(lambda c: c.employee_id == self.emp1)
        line = self._line(card, "PROC")
        self.env["kpi.finding"].with_user(self.user_manager).create(
            {
                "scorecard_id": card.id,
                "line_id": line.id,
                "events": 2,
                "note": "Skipped the identity check",
                "date": datetime.date(self.YEAR, 3, 3),
            }
        )
        self.assertEqual(line.points, 9.0)
        self.assertEqual(card.total_score, 56.0)
        self.assertEqual(card.grade, "E")
        self.assertIn("Skipped the identity check", card.message_ids[0].body)
        self.assertEqual(card.finding_ids.finder_id, self.user_manager)

    def test_kpi03_analysis_report_due_on_working_days(self):
        # Q1 2025 ends Monday 31 March: 10 working days -> Monday 14 April
        self.assertEqual(self.report.date_due, datetime.date(self.YEAR, 4, 14))
        self.assertTrue(self.report.is_late)
        self.report.date_submitted = datetime.date(self.YEAR, 4, 14)
        self.assertFalse(self.report.is_late)

    def test_kpi02_bonus_points_capped_and_validated(self):
        card = self._batch().filtered(lambda c: c.employee_id == self.emp1)
        card.bonus_points = 9
        self.assertEqual(card.bonus_total, 10.0)  # 3 earned + 9, capped at 10
        with self.assertRaises(ValidationError):
            card.bonus_points = 11
        with self.assertRaises(ValidationError):
            card.bonus_points = -1
