import datetime

from odoo.tests import freeze_time, tagged

from .common import CallbackKpiCase
from .roles import new_role_user


@tagged("post_install", "-at_install")
class TestKpiReports(CallbackKpiCase):
    """KPI-14 / KPI-03: a report never handed in costs at least what a late
    one costs, as the real KPI manager computes the team's cards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_emp3 = new_role_user(
            cls.env, "scored_employee", "kpi_emp3", name="Staff Three"
        )
        cls.emp3 = cls.env["hr.employee"].create(
            {
                "name": "Staff Three",
                "user_id": cls.user_emp3.id,
                "department_id": cls.team.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        Report = cls.env["kpi.report"].with_context(default_quarter="1")
        # Q1 2025 is due on Monday 14 April: emp1 hands in late, emp2 never
        # hands in the report recorded for them, emp3 has none at all, the
        # manager hands in on time
        cls.report_late = Report.create(
            {"name": "Q1 late", "employee_id": cls.emp1.id, "year": cls.YEAR}
        )
        cls.report_draft = Report.create(
            {"name": "Q1 never", "employee_id": cls.emp2.id, "year": cls.YEAR}
        )
        cls.report_on_time = Report.create(
            {"name": "Q1 on time", "employee_id": cls.emp_manager.id, "year": cls.YEAR}
        )
        # the hand-in dates of the past (the action stamps today)
        cls.report_late.write(
            {"state": "submitted", "date_submitted": datetime.date(cls.YEAR, 4, 20)}
        )
        cls.report_on_time.write(
            {"state": "submitted", "date_submitted": datetime.date(cls.YEAR, 4, 14)}
        )

    def _report_lines(self):
        cards = (
            self.env["kpi.scorecard"]
            .with_user(self.user_manager)
            ._batch_compute(self.company, "quarter", self.YEAR, "1")
        )
        return {
            card.employee_id: self._line(card, "REPORT")
            for card in cards
            if card.employee_id
            in (self.emp1 | self.emp2 | self.emp3 | self.emp_manager)
        }

    def test_kpi14_missing_report_costs_what_a_late_one_costs(self):
        # X-07 KPI-14: the KPI manager runs the batch, after the due date
        lines = self._report_lines()
        late = lines[self.emp1]
        self.assertEqual((late.events_computed, late.points), (1, 5.0))
        # a draft never handed in and no report at all cost the same
        for employee in (self.emp2, self.emp3):
            line = lines[employee]
            self.assertEqual((line.events_computed, line.points), (1, 5.0))
            self.assertLessEqual(line.points, late.points)
        on_time = lines[self.emp_manager]
        self.assertEqual((on_time.events_computed, on_time.points), (0, 10.0))
        cards = lines[self.emp3].scorecard_id | late.scorecard_id
        figures = cards._kpi_figures(
            self.company, cards[0].date_from, cards[0].date_to, "quarter"
        )
        self.assertEqual(figures[self.emp3.id]["missing_reports"], 1)
        self.assertEqual(figures[self.emp1.id]["missing_reports"], 0)

    def test_kpi14_not_missing_before_its_due_date(self):
        # scored on 10 April, before the report is due: nothing is missing
        with freeze_time("2025-04-10 10:00:00"):
            lines = self._report_lines()
        for employee in (self.emp2, self.emp3):
            self.assertEqual(
                (lines[employee].events_computed, lines[employee].points), (0, 10.0)
            )
        # handed in once due, the recomputed card counts it late
        with freeze_time("2025-04-22 10:00:00"):
            self.report_draft.with_user(self.user_manager).action_submit()
            lines = self._report_lines()
        self.assertEqual(self.report_draft.date_submitted, datetime.date(2025, 4, 22))
        self.assertEqual(lines[self.emp2].points, 5.0)
        self.assertEqual(lines[self.emp3].points, 5.0)
