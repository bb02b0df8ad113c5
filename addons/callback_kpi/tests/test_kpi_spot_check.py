"""KPI-11 CB-21: the supervisor's spot checks reach the scorecard: their
average is the supervisor's part of the evaluation."""

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiSpotCheck(CallbackKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the customer-service manager who scores also spot-checks (seed 000)
        cls.user_manager.groups_id += cls.env.ref(
            "customer_callback.group_customer_callback_manager"
        )
        cls.company.write(
            {
                "kpi_weight_supervisor": 50.0,
                "kpi_weight_customer": 50.0,
                "kpi_weight_self": 0.0,
            }
        )
        for day in range(1, 7):
            plan = cls._plan(cls.emp1, cls._dt(2, day), "done", cls._dt(2, day))
            cls._record(
                cls.emp1, cls._dt(2, day), plan=plan, answered=True, satisfaction=60.0
            )

    def _spot_check(self, scores, quarter=None, confirm=True):
        check = (
            self.env["callback.spot.check"]
            .with_user(self.user_manager)
            .create(
                {
                    "employee_id": self.emp1.id,
                    "quarter": quarter or f"{self.YEAR}-Q1",
                    "sample_size": len(scores),
                }
            )
        )
        check.action_draw()
        for line, score in zip(check.line_ids, scores, strict=True):
            line.write({"score": score})
        if confirm:
            check.action_confirm()
        return check

    def _card(self):
        wizard = Form(self.env["kpi.scorecard.batch"].with_user(self.user_manager))
        wizard.year = self.YEAR
        wizard.quarter = "1"
        action = wizard.save().action_compute()
        return (
            self.env["kpi.scorecard"]
            .with_user(self.user_manager)
            .search(action["domain"])
            .filtered(lambda c: c.employee_id == self.emp1)
        )

    def test_kpi11_cb21_spot_check_average_is_the_supervisor_part(self):
        """KPI-11 CB-21: the quarter's one spot check (a staff member is
        spot-checked once a quarter) is the supervisor's part; a check of
        another quarter does not count."""
        self._spot_check([70, 90, 80])
        plan = self._plan(self.emp1, self._dt(4, 2), "done", self._dt(4, 2))
        self._record(
            self.emp1, self._dt(4, 2), plan=plan, answered=True, satisfaction=60.0
        )
        self._spot_check([0], quarter=f"{self.YEAR}-Q2")
        card = self._card()
        card.with_user(self.user_manager).write({"supervisor_score": 10.0})
        # three callbacks scored 70, 90, 80
        self.assertEqual(card.spot_check_count, 3)
        self.assertAlmostEqual(card.spot_check_score, 80.0)
        self.assertTrue(card.customer_known)
        # (80 x 50 + 60 x 50) / 100: the typed 10 does not count
        self.assertAlmostEqual(card.evaluation_score, 70.0)

    def test_kpi11_cb21_a_draft_spot_check_does_not_count(self):
        self._spot_check([0, 0], confirm=False)
        card = self._card()
        card.with_user(self.user_manager).write({"supervisor_score": 90.0})
        self.assertEqual(card.spot_check_count, 0)
        # (90 x 50 + 60 x 50) / 100
        self.assertAlmostEqual(card.evaluation_score, 75.0)

    def test_kpi11_without_spot_check_the_typed_score_counts(self):
        card = self._card()
        card.with_user(self.user_manager).write({"supervisor_score": 90.0})
        self.assertEqual(card.spot_check_count, 0)
        # (90 x 50 + 60 x 50) / 100
        self.assertAlmostEqual(card.evaluation_score, 75.0)

    def test_kpi11_x07_the_spot_check_score_is_not_typed(self):
        card = self._card()
        with self.assertRaises(AccessError) as error:
            card.with_user(self.user_manager).write({"spot_check_score": 100.0})
        self.assertIn("workflow", str(error.exception))
        self.assertEqual(card.spot_check_score, 0.0)
