import logging
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SurveyCallbackCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestSurveyBatch(SurveyCallbackCase):
    """CB-08 CB-14: invitations and fallbacks run in batches; the figures are
    printed (query counts, not timings) and the cost per extra plan is
    bounded, so a query per plan inside a loop shows up."""

    def _plans(self, count, tag):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"{tag} {index}",
                    "email": f"{tag}{index}@example.com",
                    "callback_employee_id": self.staff_employee.id,
                }
                for index in range(count)
            ]
        )
        now = fields.Datetime.now()
        return [
            {
                "partner_id": partner.id,
                "employee_id": self.staff_employee.id,
                "channel": "survey",
                "questionnaire_id": self.questionnaire.id,
                "date_start": now,
                "date_deadline": now + timedelta(days=10),
            }
            for partner in partners
        ]

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, result

    def test_invitations_and_fallback_are_batched(self):
        # CB-08 CB-14: the cost of one more plan stays a few queries (the
        # per-record mail rendering and record names), not a loop of searches
        # survey plans are a callback manager's act
        Plan = self.env["callback.plan"].with_user(self.manager)
        figures = {}
        for count in (4, 16):
            vals_list = self._plans(count, f"b{count}")
            sent, plans = self._queries(lambda v=vals_list: Plan.create(v))
            self.assertEqual(set(plans.mapped("survey_state")), {"sent"})
            deadline = max(plans.mapped("survey_deadline"))
            fallen, result = self._queries(
                lambda d=deadline: self.env["callback.plan"]._cron_survey_fallback(
                    now=d
                )
            )
            self.assertEqual(result, plans)
            figures[count] = (sent, fallen)
        per_plan_send = (figures[16][0] - figures[4][0]) / 12
        per_plan_fallback = (figures[16][1] - figures[4][1]) / 12
        _logger.info(
            "survey channel queries: create+invite 4 plans %s, 16 plans %s"
            " (%.1f per extra plan); fallback 4 plans %s, 16 plans %s"
            " (%.1f per extra plan)",
            figures[4][0],
            figures[16][0],
            per_plan_send,
            figures[4][1],
            figures[16][1],
            per_plan_fallback,
        )
        self.assertLess(per_plan_send, 4)
        self.assertLess(per_plan_fallback, 4)
