"""HR in a real browser: a web_tour tour run by odoo-bin in headless
Chromium as the HR approver, in English and in Simplified Chinese (issue 9,
item 1). Tagged ``browser_tour`` (``scripts/test.sh tours``); pytest-odoo,
which serves no HTTP, skips it."""

from odoo.tests import tagged

from odoo.addons.customer_callback.tests.test_tours_callback import TourCase

from .common import CallbackKpiCase


@tagged("post_install", "-at_install", "browser_tour")
class TestKpiTours(CallbackKpiCase, TourCase):
    tour_modules = ("customer_callback", "callback_kpi")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp1.name = "Tour Scored Staff"
        cls._hand_in_reports(cls.emp1)
        cls.card = cls._batch().filtered(lambda c: c.employee_id == cls.emp1)
        # the KPI manager scored the quarter and submitted the card (KPI-08)
        cls.card.with_user(cls.user_manager).action_submit()

    def _approve_and_export(self, lang):
        """KPI-08: HR approves the submitted card; KPI-12: HR exports the
        quarter's assessment sheet."""
        self.assertEqual(self.card.state, "submitted")
        self.run_tour(self.user_hr, lang, "callback_kpi_hr_approve_export")
        self.assertEqual(self.card.state, "approved")
        self.assertEqual(self.card.approver_id, self.user_hr)
        export = self.env["kpi.sheet.export"].search(
            [("create_uid", "=", self.user_hr.id)]
        )
        self.assertEqual(len(export), 1)
        self.assertEqual(
            (export.year, export.quarter, export.file_name),
            (2025, "1", "assessment_2025_Q1.xlsx"),
        )
        self.assertTrue(export.file_data)

    def test_hr_approves_and_exports(self):
        self._approve_and_export("en_US")

    def test_hr_approves_and_exports_zh_cn(self):
        self._approve_and_export("zh_CN")
