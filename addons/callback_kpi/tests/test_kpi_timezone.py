import datetime

from odoo.tests import tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiTimezone(CallbackKpiCase):
    """KPI-01/KPI-04: a quarter is the company's quarter, not UTC's."""

    def test_kpi04_beijing_morning_of_1_april_is_scored_in_q2(self):
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        # 07:30 on 1 April in Beijing is 23:30 on 31 March in UTC
        plan = self._plan(
            self.emp1, datetime.datetime(self.YEAR, 3, 31, 23, 30), "missed"
        )
        Scorecard = self.env["kpi.scorecard"]
        figures = {}
        for quarter in ("1", "2"):
            date_from, date_to = (
                (
                    datetime.date(self.YEAR, 1, 1),
                    datetime.date(self.YEAR, 3, 31),
                )
                if quarter == "1"
                else (
                    datetime.date(self.YEAR, 4, 1),
                    datetime.date(self.YEAR, 6, 30),
                )
            )
            card = Scorecard.new(
                {"employee_id": self.emp1.id, "company_id": self.company.id}
            )
            figures[quarter] = card._kpi_figures(
                self.company, date_from, date_to, "quarter"
            ).get(self.emp1.id, {})
        self.assertEqual(plan.quarter, "%s-Q2" % self.YEAR)
        self.assertEqual(figures["2"].get("due"), 1)
        self.assertFalse(figures["1"].get("due"))
